//! Place kinds on sentences written for these tests, through the whole front of the pipeline
//! (segmenter, model, places): towns, villages, regions, districts, islands, airports and air
//! bases, crossings, seas, directions, metonyms and places no gazetteer holds. Each case: the text,
//! the mention as written, its country ("" for none), its point within 50 km when it has one, and
//! its precision.

use flashpoint_coder::geo::Places;
use flashpoint_coder::segment::Segment;
use flashpoint_coder::syntax::Syntax;
use flashpoint_core::doc::{Doc, Precision};
use flashpoint_core::{Article, Pipeline};
use std::sync::OnceLock;

use Precision::{Admin1, Admin2, City, Country, Region, Site, Unknown};

fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| {
        Pipeline::new(vec![
            Box::new(Segment),
            Box::new(Syntax::bundled()),
            Box::new(Places),
        ])
        .expect("places come after sentences and syntax")
    })
}

fn km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (p1, p2) = (a.0.to_radians(), b.0.to_radians());
    let dl = (b.1 - a.1).to_radians();
    let h = ((p2 - p1) / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    6371.0 * 2.0 * h.sqrt().asin()
}

/// A place's country as written, empty for none.
fn iso3(country: &Option<flashpoint_core::Country>) -> &str {
    country
        .as_ref()
        .map_or("", flashpoint_core::Country::as_str)
}

fn listing(doc: &Doc) -> String {
    doc.places
        .iter()
        .map(|p| {
            format!(
                "{:?}→{} {} {:?} {:?}/{:?}",
                doc.slice(p.span),
                p.place.name,
                iso3(&p.place.country),
                p.place.precision,
                p.place.lat,
                p.place.lon
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

type Case = (
    &'static str,
    &'static str,
    &'static str,
    Option<(f64, f64)>,
    Precision,
);

/// Checks every case and reports all failures at once.
fn check(cases: &[Case]) {
    let mut failures = Vec::new();
    for &(text, written, country, point, precision) in cases {
        let doc = pipeline().run(Article {
            text: text.to_string(),
            ..Article::default()
        });
        let Some(p) = doc.places.iter().find(|p| doc.slice(p.span) == written) else {
            failures.push(format!(
                "{written:?} not found in {text:?}: {}",
                listing(&doc)
            ));
            continue;
        };
        let mut bad = iso3(&p.place.country) != country || p.place.precision != precision;
        match (point, p.place.lat.zip(p.place.lon)) {
            (Some(at), Some(ll)) => bad |= km(at, ll) > 50.0,
            (None, None) => {}
            _ => bad = true,
        }
        if bad {
            failures.push(format!("{written:?} in {text:?}: {}", listing(&doc)));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn check_absent(cases: &[(&str, &str)]) {
    let mut failures = Vec::new();
    for &(text, written) in cases {
        let doc = pipeline().run(Article {
            text: text.to_string(),
            ..Article::default()
        });
        if doc.places.iter().any(|p| doc.slice(p.span) == written) {
            failures.push(format!("{written:?} in {text:?}: {}", listing(&doc)));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn towns_and_cities() {
    check(&[
        (
            "Shells fell on Aleppo before dawn.",
            "Aleppo",
            "SYR",
            Some((36.20, 37.16)),
            City,
        ),
        (
            "Protesters gathered in Khartoum on Friday.",
            "Khartoum",
            "SDN",
            Some((15.55, 32.53)),
            City,
        ),
        (
            "The convoy left Mogadishu at noon.",
            "Mogadishu",
            "SOM",
            Some((2.04, 45.34)),
            City,
        ),
        (
            "Talks resumed in Addis Ababa.",
            "Addis Ababa",
            "ETH",
            Some((9.02, 38.75)),
            City,
        ),
        (
            "Clashes broke out in Goma overnight.",
            "Goma",
            "COD",
            Some((-1.68, 29.23)),
            City,
        ),
        (
            "Police fired tear gas in Bamako.",
            "Bamako",
            "MLI",
            Some((12.65, -8.0)),
            City,
        ),
        (
            "Fighting reached Misrata and Sirte.",
            "Sirte",
            "LBY",
            Some((31.21, 16.59)),
            City,
        ),
        (
            "Envoys met in Doha for a third round.",
            "Doha",
            "QAT",
            Some((25.29, 51.53)),
            City,
        ),
        (
            "A car bomb exploded in Kandahar.",
            "Kandahar",
            "AFG",
            Some((31.61, 65.71)),
            City,
        ),
        (
            "Rockets struck Kharkiv late on Sunday.",
            "Kharkiv",
            "UKR",
            Some((49.98, 36.25)),
            City,
        ),
        (
            "Ministers flew to Kiev for talks.",
            "Kiev",
            "UKR",
            Some((50.45, 30.52)),
            City,
        ),
        (
            "Residents of Tripoli, Lebanon, fled the fighting.",
            "Tripoli",
            "LBN",
            Some((34.44, 35.85)),
            City,
        ),
        (
            "The mayor of Mosul said water was short.",
            "Mosul",
            "IRQ",
            Some((36.34, 43.13)),
            City,
        ),
        (
            "Flooding hit Peshawar and nearby districts.",
            "Peshawar",
            "PAK",
            Some((34.01, 71.58)),
            City,
        ),
        (
            "Gunmen stormed a bank in Maiduguri.",
            "Maiduguri",
            "NGA",
            Some((11.85, 13.16)),
            City,
        ),
        (
            "A truce held in Hodeidah, the port city.",
            "Hodeidah",
            "YEM",
            Some((14.80, 42.95)),
            City,
        ),
    ]);
}

#[test]
fn villages() {
    check(&[
        // A village of 500 to 1,000 people: in the gazetteer since cities500.
        (
            "Militants torched homes in the village of Sebba in Burkina Faso.",
            "Sebba",
            "BFA",
            Some((13.44, 0.53)),
            City,
        ),
        (
            "Troops fired near the exclave of Vorukh in Tajikistan.",
            "Vorukh",
            "TJK",
            Some((39.85, 70.58)),
            City,
        ),
        // A village no gazetteer holds: kept, with its kind and the article's country.
        (
            "Gunmen raided Zonkwasi village in Nigeria, killing five.",
            "Zonkwasi village",
            "NGA",
            None,
            Unknown,
        ),
        (
            "Soldiers entered the village of Qarmashli in northern Syria.",
            "Qarmashli",
            "SYR",
            None,
            Unknown,
        ),
        // A village the gazetteer lacks inside a region or district it knows: somewhere in that
        // area, not at the area's point.
        (
            "Jets bombed Tawshwe village in Magway region on Monday.",
            "Tawshwe village",
            "MMR",
            None,
            Unknown,
        ),
        (
            "Bandits abducted farmers in Gidan Zaki village in the Birnin Gwari local government area.",
            "Gidan Zaki village",
            "NGA",
            None,
            Unknown,
        ),
    ]);
}

/// An unknown village placed in a region keeps the region's name.
#[test]
fn unknown_village_keeps_its_region() {
    let doc = pipeline().run(Article {
        text: "Jets bombed Tawshwe village in Magway region on Monday.".into(),
        ..Article::default()
    });
    let p = doc
        .places
        .iter()
        .find(|p| doc.slice(p.span) == "Tawshwe village")
        .expect("the village is reported");
    assert_eq!(
        p.place.admin1.as_deref(),
        Some("Magway"),
        "{}",
        listing(&doc)
    );
    assert_eq!(p.place.lat, None);
}

#[test]
fn regions_and_districts() {
    check(&[
        // A region named after its capital: the bare name is the town, a region word makes it
        // the region.
        (
            "Airstrikes hit Hama overnight.",
            "Hama",
            "SYR",
            Some((35.13, 36.75)),
            City,
        ),
        (
            "Fighting spread across the central province of Hama.",
            "Hama",
            "SYR",
            Some((35.22, 37.16)),
            Admin1,
        ),
        (
            "Rockets struck Herat on Friday.",
            "Herat",
            "AFG",
            Some((34.35, 62.2)),
            City,
        ),
        (
            "Clashes erupted in the western province of Herat.",
            "Herat",
            "AFG",
            Some((34.19, 62.13)),
            Admin1,
        ),
        // "North and South Kivu": two regions, the first named by its first word.
        (
            "Fighting spread across North and South Kivu.",
            "North",
            "COD",
            Some((-0.6, 28.7)),
            Admin1,
        ),
        (
            "Aid convoys reached North and South Darfur last week.",
            "North",
            "SDN",
            Some((16.3, 25.7)),
            Admin1,
        ),
        (
            "More than 900,000 people fled Idlib province.",
            "Idlib province",
            "SYR",
            Some((35.8, 36.6)),
            Admin1,
        ),
        (
            "Floods swept through Sindh province in Pakistan.",
            "Sindh province",
            "PAK",
            Some((26.0, 68.5)),
            Admin1,
        ),
        (
            "Militants attacked villages in North Kivu province.",
            "North Kivu province",
            "COD",
            Some((-0.6, 29.0)),
            Admin1,
        ),
        (
            "Aid reached North Darfur this week.",
            "North Darfur",
            "SDN",
            Some((16.2, 25.5)),
            Admin1,
        ),
        (
            "Kaduna State police confirmed the abduction.",
            "Kaduna State",
            "NGA",
            Some((10.4, 7.6)),
            Admin1,
        ),
        (
            "Violence spread to Cabo Delgado province in Mozambique.",
            "Cabo Delgado province",
            "MOZ",
            Some((-12.3, 39.7)),
            Admin1,
        ),
        (
            "Israeli troops raided homes in the West Bank.",
            "West Bank",
            "PSE",
            Some((31.9, 35.2)),
            Admin1,
        ),
        (
            "Shelling resumed along the edge of the Gaza Strip.",
            "Gaza Strip",
            "PSE",
            Some((31.4, 34.4)),
            Admin1,
        ),
        (
            "Bandits attacked farmers across Chikun local government area on Monday.",
            "Chikun local government area",
            "NGA",
            Some((10.46, 7.64)),
            Admin2,
        ),
        (
            "Jihadists killed soldiers in Yagha province in Burkina Faso.",
            "Yagha province",
            "BFA",
            Some((13.4, 0.7)),
            Admin2,
        ),
        (
            "Russian troops held Crimea for years.",
            "Crimea",
            "UKR",
            Some((45.2, 34.2)),
            Admin1,
        ),
    ]);
}

#[test]
fn directions() {
    check(&[
        (
            "Clashes erupted in northern Israel overnight.",
            "northern Israel",
            "ISR",
            Some((31.78, 35.22)),
            Country,
        ),
        (
            "Aid groups warned of famine in eastern Congo.",
            "eastern Congo",
            "COD",
            Some((-4.32, 15.31)),
            Country,
        ),
        (
            "Drought gripped central Somalia this year.",
            "central Somalia",
            "SOM",
            Some((2.04, 45.34)),
            Country,
        ),
        (
            "Kidnappings rose across northwest Nigeria.",
            "northwest Nigeria",
            "NGA",
            Some((9.06, 7.49)),
            Country,
        ),
        (
            "The army moved into southern Lebanon.",
            "southern Lebanon",
            "LBN",
            Some((33.89, 35.5)),
            Country,
        ),
        (
            "Gunmen attacked a post in northeastern Burkina Faso.",
            "northeastern Burkina Faso",
            "BFA",
            Some((12.37, -1.53)),
            Country,
        ),
    ]);
}

#[test]
fn airports_and_bases() {
    check(&[
        (
            "The plane landed at Jomo Kenyatta International Airport.",
            "Jomo Kenyatta International Airport",
            "KEN",
            Some((-1.32, 36.93)),
            Site,
        ),
        (
            "Crowds gathered outside Kabul airport.",
            "Kabul airport",
            "AFG",
            Some((34.57, 69.21)),
            Site,
        ),
        (
            "Missiles hit the Shayrat airfield in Syria.",
            "Shayrat airfield",
            "SYR",
            Some((34.49, 36.91)),
            Site,
        ),
        (
            "US aircraft flew from Incirlik Air Base.",
            "Incirlik Air Base",
            "TUR",
            Some((37.0, 35.43)),
            Site,
        ),
        (
            "Troops withdrew from Bagram Air Base in July.",
            "Bagram Air Base",
            "AFG",
            Some((34.95, 69.27)),
            Site,
        ),
        (
            "Flights resumed at Toussaint Louverture International Airport.",
            "Toussaint Louverture International Airport",
            "HTI",
            Some((18.58, -72.29)),
            Site,
        ),
        (
            "Protesters tried to storm the Inca Manco Capac airport.",
            "Inca Manco Capac airport",
            "PER",
            Some((-15.47, -70.16)),
            Site,
        ),
        // An air base no gazetteer holds: kept as unknown, of its kind, in the article's country.
        (
            "Jets struck the Marwan air base in Yemen.",
            "Marwan air base",
            "YEM",
            None,
            Unknown,
        ),
    ]);
}

#[test]
fn crossings_and_sites() {
    check(&[
        // A site named after a town: told at the town's point.
        (
            "Aid trucks waited at the Rafah crossing.",
            "Rafah crossing",
            "PSE",
            Some((31.29, 34.25)),
            City,
        ),
        (
            "Migrants massed at the Kuznica crossing in Poland.",
            "Kuznica crossing",
            "POL",
            Some((53.51, 23.65)),
            City,
        ),
        (
            "Traffic stopped at the Torkham border crossing in Pakistan.",
            "Torkham border crossing",
            "PAK",
            None,
            Unknown,
        ),
        (
            "Refugees crowded into Bashiqa camp in Iraq.",
            "Bashiqa camp",
            "IRQ",
            None,
            Unknown,
        ),
        // A building inside a named town.
        (
            "Gunmen seized the Palm Hotel in Mogadishu.",
            "Palm Hotel",
            "SOM",
            Some((2.04, 45.34)),
            City,
        ),
        (
            "Crowds filled the Grand Mosque in Herat.",
            "Grand Mosque",
            "AFG",
            Some((34.35, 62.2)),
            City,
        ),
    ]);
}

#[test]
fn areas_islands_and_water() {
    check(&[
        (
            "Ships patrolled the South China Sea.",
            "South China Sea",
            "",
            Some((12.0, 113.0)),
            Region,
        ),
        (
            "Houthi forces fired at a tanker in the Red Sea.",
            "Red Sea",
            "",
            Some((20.0, 38.0)),
            Region,
        ),
        (
            "Warships crossed the Taiwan Strait.",
            "Taiwan Strait",
            "",
            Some((24.0, 119.5)),
            Region,
        ),
        (
            "Soldiers clashed in the Galwan Valley in India.",
            "Galwan Valley",
            "IND",
            Some((34.75, 78.2)),
            Region,
        ),
        (
            "Tanks rolled through the Kodori Gorge in Georgia.",
            "Kodori Gorge",
            "GEO",
            Some((43.1, 41.4)),
            Region,
        ),
        (
            "Fishermen were arrested off the Penghu Islands in Taiwan.",
            "Penghu Islands",
            "TWN",
            None,
            Unknown,
        ),
        (
            "Leaders from Europe met in Brussels.",
            "Europe",
            "",
            Some((48.69, 9.14)),
            Region,
        ),
        (
            "Protests spread across Africa.",
            "Africa",
            "",
            Some((7.19, 21.09)),
            Region,
        ),
        (
            "Farmers near Lake Kivu in Rwanda lost their crops.",
            "Lake Kivu",
            "RWA",
            Some((-2.0, 29.2)),
            Region,
        ),
    ]);
}

/// Seas, straits, lakes and regions of the physical features table: water lies in no country; a
/// region or lake of two or three countries is told in the one the context names; a direction
/// or a lower-case kind word may be part of the name.
#[test]
fn seas_straits_lakes_and_regions() {
    check(&[
        (
            "Tankers slowed near the Strait of Hormuz after the seizure.",
            "Strait of Hormuz",
            "",
            Some((26.6, 56.3)),
            Region,
        ),
        (
            "A cargo ship was hit in the Gulf of Aden on Monday.",
            "Gulf of Aden",
            "",
            Some((12.5, 48.0)),
            Region,
        ),
        (
            "Fishing boats sank in the eastern Mediterranean.",
            "eastern Mediterranean",
            "",
            Some((34.0, 30.0)),
            Region,
        ),
        (
            "Navies exercised in the western Pacific.",
            "western Pacific",
            "",
            Some((10.0, 145.0)),
            Region,
        ),
        (
            "The coast guard patrolled the Taiwan strait.",
            "Taiwan strait",
            "",
            Some((24.0, 119.5)),
            Region,
        ),
        (
            "Two destroyers sailed through the Bab el-Mandeb strait.",
            "Bab el-Mandeb strait",
            "",
            Some((12.6, 43.3)),
            Region,
        ),
        (
            "Chinese coast guard ships circled the Senkaku islands.",
            "Senkaku islands",
            "",
            Some((25.75, 123.5)),
            Region,
        ),
        (
            "Fishermen were detained near the Spratly Islands.",
            "Spratly Islands",
            "",
            Some((10.0, 114.3)),
            Region,
        ),
        (
            "Migrants drowned in the English Channel off France.",
            "English Channel",
            "",
            Some((50.2, -1.0)),
            Region,
        ),
        (
            "Herders fled across Darfur as the rains failed.",
            "Darfur",
            "SDN",
            Some((13.0, 24.0)),
            Region,
        ),
        (
            "Militants crossed into Nagorno-Karabakh overnight.",
            "Nagorno-Karabakh",
            "AZE",
            Some((39.8, 46.75)),
            Region,
        ),
        (
            "Drones struck targets in the Donbas, Ukraine said.",
            "Donbas",
            "UKR",
            Some((48.0, 38.0)),
            Region,
        ),
        (
            "Rebels retreated into the Hindu Kush in Afghanistan.",
            "Hindu Kush",
            "AFG",
            Some((35.5, 70.5)),
            Region,
        ),
        (
            "Smugglers used the Darien Gap to reach Panama.",
            "Darien Gap",
            "PAN",
            Some((8.0, -77.5)),
            Region,
        ),
        (
            "Boats capsized on Lake Victoria, police in Uganda said.",
            "Lake Victoria",
            "UGA",
            Some((-1.0, 33.0)),
            Region,
        ),
        (
            "The Dead Sea is shrinking, Jordan said.",
            "Dead Sea",
            "JOR",
            Some((31.5, 35.5)),
            Region,
        ),
        (
            "Locust swarms spread across the Sahel.",
            "Sahel",
            "",
            Some((14.0, 5.0)),
            Region,
        ),
        (
            "Tensions rose in the Balkans and the Caucasus.",
            "Caucasus",
            "",
            Some((42.5, 44.0)),
            Region,
        ),
        // A river named like a valley the gazetteer knows lies in that valley.
        (
            "Indian and Chinese soldiers clashed in the Galwan Valley on Monday. Several soldiers \
             fell into the Galwan river during the fight.",
            "Galwan river",
            "",
            Some((34.75, 78.2)),
            Region,
        ),
        // The region a sea names, with its kind word, is the region.
        (
            "Flooding hit Red Sea state in Sudan.",
            "Red Sea state",
            "SDN",
            Some((19.6, 35.8)),
            Admin1,
        ),
    ]);
}

#[test]
fn buildings_and_districts_take_their_town() {
    check(&[
        // The town's name opens the building's.
        (
            "Wounded protesters were taken to the Nairobi National Hospital.",
            "Nairobi National Hospital",
            "KEN",
            Some((-1.29, 36.82)),
            City,
        ),
        // The town owns the district.
        (
            "Gunfire was heard in Bamako's Koulouba district.",
            "Koulouba district",
            "MLI",
            Some((12.64, -8.0)),
            City,
        ),
        // A name through a possessive, located by the town after it.
        (
            "Crowds gathered outside the President's Palace in Cairo.",
            "President's Palace",
            "EGY",
            Some((30.04, 31.24)),
            City,
        ),
        // No town in the sentence: the dateline's.
        (
            "KHARTOUM — Soldiers surrounded the Republican Palace on Saturday.",
            "Republican Palace",
            "SDN",
            Some((15.55, 32.53)),
            City,
        ),
        // No dateline: the town the article names most.
        (
            "Protests continued in Dhaka on Sunday. Police in Dhaka said students gathered at the Bangabandhu Stadium.",
            "Bangabandhu Stadium",
            "BGD",
            Some((23.71, 90.41)),
            City,
        ),
        // "Accra's X": a part of Accra, not a town of that name abroad.
        (
            "Soldiers guarded a checkpoint in Accra's Jamestown area.",
            "Jamestown area",
            "GHA",
            Some((5.56, -0.2)),
            City,
        ),
        // "the capital's X": a part of the town the story is about.
        (
            "HONIARA — Fires burned in the capital's Point Cruz.",
            "Point Cruz",
            "SLB",
            Some((-9.43, 159.95)),
            City,
        ),
        // "X 20 km north of Y": told at Y's point.
        (
            "Residents heard blasts at the Wadi Seidna air base 20 km north of Khartoum.",
            "Wadi Seidna air base",
            "SDN",
            Some((15.55, 32.53)),
            City,
        ),
        // An apposition that says how far and which way from a town: told at the town's point.
        (
            "Foreign troops stayed at the Zerdawa camp, north-east of Erbil.",
            "Zerdawa camp",
            "IRQ",
            Some((36.19, 44.01)),
            City,
        ),
        (
            "Kurdish fighters advanced from the Dawudiya front, 30 km east of Kirkuk.",
            "Dawudiya front",
            "IRQ",
            Some((35.47, 44.39)),
            City,
        ),
        // A bridge or a tunnel lies outside towns as often as in them: no town is assumed.
        (
            "Shelling hit Kherson on Monday. Officials in Kherson said engineers inspected the Antonivskyi Bridge.",
            "Antonivskyi Bridge",
            "UKR",
            None,
            Unknown,
        ),
    ]);
}

#[test]
fn adjectives_and_datelines_give_the_country() {
    check(&[
        // A country named as an actor ("Nigeria's army") does not place the village; the
        // adjective does.
        (
            "Nigeria's army said militants raided the Nigerien village of Tassia.",
            "Tassia",
            "NER",
            None,
            Unknown,
        ),
        (
            "Police in Beirut said three people died when a shell hit the Lebanese village of Kfarchouba.",
            "Kfarchouba",
            "LBN",
            None,
            Unknown,
        ),
        (
            "Fighting broke out near the Tajik exclave of Vorukh.",
            "Vorukh",
            "TJK",
            Some((39.85, 70.58)),
            City,
        ),
        // No place of the sentence locates the shoal: the dateline does.
        (
            "MANILA — Chinese coast guard ships blocked boats near Sabina Shoal.",
            "Sabina Shoal",
            "PHL",
            None,
            Unknown,
        ),
        // "the southern X region" is the X region, which lies in the south.
        (
            "Curfews were imposed in the southern Apurímac region.",
            "Apurímac region",
            "PER",
            Some((-14.0, -73.1)),
            Admin1,
        ),
        // A double name is also known by its first part.
        (
            "Refugees crossed into North Ossetia.",
            "North Ossetia",
            "RUS",
            Some((43.1, 44.3)),
            Admin1,
        ),
    ]);
}

#[test]
fn countries_and_metonyms() {
    check(&[
        ("Ankara rejected the proposal on Tuesday.", "Ankara", "TUR", Some((39.92, 32.85)), City),
        ("Moscow denied the report.", "Moscow", "RUS", Some((55.75, 37.62)), City),
        ("Beijing protested to Tokyo about the patrols.", "Tokyo", "JPN", Some((35.69, 139.69)), City),
        ("Turkey and Syria exchanged fire.", "Syria", "SYR", None.or(Some((33.51, 36.29))), Country),
        ("The U.S. imposed new sanctions.", "U.S.", "USA", Some((38.9, -77.04)), Country),
        ("In Sydney, U.S. Secretary of State spoke to reporters.", "Sydney", "AUS", Some((-33.87, 151.21)), City),
        ("The talks in Geneva ended without a deal with Iran, officials in Iran and Iran's allies said.", "Geneva", "CHE", Some((46.2, 6.15)), City),
    ]);
}

#[test]
fn unknown_places_take_the_context_country() {
    check(&[
        // The country its places are located in, not the one the dateline and the actors name.
        (
            "NAIROBI, Kenya — Kenya's president said on Monday that Kenya would keep its troops \
             in Somalia. Kenyan soldiers fought in Somalia's Gedo region last week, and Kenya's \
             army said militants had been driven from Bardhere. Militants later overran the town \
             of Buuloqaran.",
            "Buuloqaran",
            "SOM",
            None,
            Unknown,
        ),
        // The country of the places named just before.
        (
            "Ghana's president met army chiefs in Accra on Thursday. Ghana pledged support to its \
             neighbours. Rebels struck near Dapaong in Togo on Friday. They then burned the \
             village of Kpendjal-Wuro.",
            "Kpendjal-Wuro",
            "TGO",
            None,
            Unknown,
        ),
        // A small town abroad whose country nothing else in the article names is not meant.
        (
            "Burkina Faso mourned on Sunday. Gunmen burned huts in Solhan before dawn, and \
             survivors of the village of Solhan fled to Sebba, the government of Burkina Faso said.",
            "Solhan",
            "BFA",
            None,
            Unknown,
        ),
        (
            "Troops moved into South Ossetia from Russia.",
            "South Ossetia",
            "GEO",
            Some((42.3, 44.0)),
            Region,
        ),
        (
            "Militants overran the town of Mbau in Congo.",
            "Mbau",
            "COD",
            None,
            Unknown,
        ),
        (
            "Rebels shelled the village of Dzhanyatag in Azerbaijan.",
            "Dzhanyatag",
            "AZE",
            None,
            Unknown,
        ),
        // No country named at all: the one the article's adjectives name.
        (
            "Gunmen burned the village of Tandakoro overnight, Malian soldiers said.",
            "Tandakoro",
            "MLI",
            None,
            Unknown,
        ),
        (
            "Police fired at crowds in the Tres Ríos district of Culiacán in Mexico.",
            "Tres Ríos district",
            "MEX",
            None,
            Unknown,
        ),
    ]);
}

#[test]
fn a_place_in_a_named_region() {
    check(&[
        // The two Congos by their common English names.
        (
            "Fighting erupted in Dolisie, in the Republic of Congo.",
            "Republic of Congo",
            "COG",
            Some((-4.27, 15.28)),
            Country,
        ),
        (
            "Refugees fled from the Democratic Republic of Congo into Uganda.",
            "Democratic Republic of Congo",
            "COD",
            Some((-4.33, 15.31)),
            Country,
        ),
        // A country named beside a person stays a place.
        (
            "Troops from Chad and Niger joined the force.",
            "Chad",
            "TCD",
            Some((12.11, 15.04)),
            Country,
        ),
        (
            "King Abdullah of Jordan met the envoy in Amman.",
            "Jordan",
            "JOR",
            Some((31.96, 35.95)),
            Country,
        ),
        // "X in Y": the X of Y's country, not a larger one elsewhere.
        (
            "Police arrested 12 people in Hyderabad in Sindh on Monday.",
            "Hyderabad",
            "PAK",
            Some((25.40, 68.37)),
            City,
        ),
        (
            "Flooding closed roads around Kingston in Ontario.",
            "Kingston",
            "CAN",
            Some((44.23, -76.48)),
            City,
        ),
        (
            "A gunman opened fire in Alexandria in Virginia.",
            "Alexandria",
            "USA",
            Some((38.80, -77.05)),
            City,
        ),
        // None of the gazetteer's places of that name lies there: a place it lacks, somewhere in Y.
        (
            "The eruption forced evacuations on La Palma in the Canary Islands.",
            "La Palma",
            "ESP",
            None,
            Unknown,
        ),
        (
            "Gunmen raided Victoria in Kaduna State before dawn.",
            "Victoria",
            "NGA",
            None,
            Unknown,
        ),
        // Not a region holding X: where people come from, a capital, a month.
        (
            "Refugees from Aleppo in Turkey protested.",
            "Aleppo",
            "SYR",
            Some((36.20, 37.16)),
            City,
        ),
        (
            "Talks between Moscow and Kyiv in Turkey stalled.",
            "Kyiv",
            "UKR",
            Some((50.45, 30.52)),
            City,
        ),
        (
            "Militants seized Mosul in June and held it for three years.",
            "Mosul",
            "IRQ",
            Some((36.34, 43.12)),
            City,
        ),
    ]);
}

#[test]
fn not_places() {
    check_absent(&[
        ("Mobile phones were nice, police said.", "Mobile"),
        (
            "Turkish presidential spokesman Ibrahim Kalin spoke.",
            "Kalin",
        ),
        ("The Washington Post reported the story.", "Washington"),
        ("Ships sailed in the South China Sea.", "South China"),
        // A country's adjective is no place.
        ("Kyrgyz border guards opened fire.", "Kyrgyz"),
        // The name goes on past the gazetteer's shorter one (a Slovak town, a French department).
        ("Aid trucks crossed at Bab al-Hawa into Idlib.", "Bab"),
        ("Rockets struck Ain al-Asad air base overnight.", "Ain"),
        // A country's name as a person's first name, as the recogniser reads it.
        ("Chad Johnson said he would run for office.", "Chad"),
        ("Jordan Bardella led the party to victory.", "Jordan"),
        // Adjectives that the gazetteer also holds as towns (in Malaysia, China).
        ("Thai police fired tear gas at the crowd.", "Thai"),
        ("Malian soldiers said the road was cut.", "Malian"),
        // People and groups the recogniser took for places: the actor dictionary knows them.
        (
            "Thousands rallied against Hasina outside the parliament.",
            "Hasina",
        ),
        ("The army accused Dagalo of treason.", "Dagalo"),
        ("Fighters of the M23 advanced toward the town.", "M23"),
        (
            "Rebels of the M23 said they would withdraw from Kibumba.",
            "M23",
        ),
    ]);
}

#[test]
fn facilities_named_by_a_common_noun() {
    check(&[
        // "in X" after the noun gives its town.
        (
            "Rebels stormed the presidential palace in Bangui on Sunday.",
            "presidential palace",
            "CAF",
            Some((4.36, 18.55)),
            City,
        ),
        (
            "Diplomats left the French embassy in Niamey.",
            "French embassy",
            "NER",
            Some((13.51, 2.11)),
            City,
        ),
        (
            "Clashes broke out near the airport in the city of Bukavu.",
            "airport",
            "COD",
            Some((-2.51, 28.86)),
            City,
        ),
        // The town owns it.
        (
            "Protesters blocked Nairobi's international airport.",
            "Nairobi's international airport",
            "KEN",
            Some((-1.28, 36.82)),
            City,
        ),
        // The story's town: its dateline.
        (
            "HARARE — Soldiers guarded the city's airport overnight.",
            "city's airport",
            "ZWE",
            Some((-17.83, 31.05)),
            City,
        ),
        // An embassy named after its country lies in the story's town, not in that country.
        (
            "BAMAKO — Gunmen fired at the US embassy on Tuesday.",
            "US embassy",
            "MLI",
            Some((12.65, -8.0)),
            City,
        ),
        // Owned by a name after "of".
        (
            "Protesters set fire to the headquarters of state broadcaster Radio Kanyo in Gitega.",
            "headquarters of state broadcaster Radio Kanyo",
            "BDI",
            Some((-3.43, 29.92)),
            City,
        ),
        (
            "Diplomats left the embassy of Sweden in Niamey.",
            "embassy of Sweden",
            "NER",
            Some((13.51, 2.11)),
            City,
        ),
        // The town the sentence named just before.
        (
            "The minister flew to Dodoma and was met at the airport by officials.",
            "airport",
            "TZA",
            Some((-6.17, 35.74)),
            City,
        ),
    ]);
}

/// A facility's name: the compound when its town owns it, else "<facility>, <town>".
#[test]
fn facility_names() {
    let cases = [
        (
            "Rebels stormed the presidential palace in Bangui on Sunday.",
            "presidential palace",
            "presidential palace, Bangui",
        ),
        (
            "Protesters blocked Nairobi's international airport.",
            "Nairobi's international airport",
            "Nairobi international airport",
        ),
        (
            "HARARE — Soldiers guarded the city's airport overnight.",
            "city's airport",
            "Harare airport",
        ),
        (
            "BAMAKO — Gunmen fired at the US embassy on Tuesday.",
            "US embassy",
            "US embassy, Bamako",
        ),
        (
            "Protesters set fire to the headquarters of state broadcaster Radio Kanyo in Gitega.",
            "headquarters of state broadcaster Radio Kanyo",
            "Radio Kanyo headquarters",
        ),
        (
            "KAMPALA — Crowds marched to the headquarters of the Liberty Party.",
            "headquarters of the Liberty Party",
            "Liberty Party headquarters",
        ),
        (
            "Diplomats left the embassy of Sweden in Niamey.",
            "embassy of Sweden",
            "embassy of Sweden, Niamey",
        ),
        // An abbreviation before the noun names no building of its own.
        (
            "Delegates met at the EU compound in Nairobi.",
            "EU compound",
            "EU compound, Nairobi",
        ),
    ];
    for (text, written, name) in cases {
        let doc = pipeline().run(Article {
            text: text.into(),
            ..Article::default()
        });
        let p = doc.places.iter().find(|p| doc.slice(p.span) == written);
        assert_eq!(
            p.map(|p| p.place.name.as_str()),
            Some(name),
            "{}",
            listing(&doc)
        );
        assert!(p.and_then(|p| p.place.kind.as_deref()).is_some());
    }
}

#[test]
fn facilities_that_are_not_places_here() {
    check_absent(&[
        // The institution acting, a compound's first part, people.
        (
            "KAMPALA — The embassy said it would close on Friday.",
            "embassy",
        ),
        ("KAMPALA — The palace guards were arrested.", "palace"),
        ("KAMPALA — Police closed the airport road.", "airport"),
        // No town at all.
        ("Officials said the airport was closed.", "airport"),
        // A country that names the embassy is no place of its own there, nor is the embassy
        // at the country's point.
        ("BAMAKO — Gunmen fired at the US embassy on Tuesday.", "US"),
        (
            "A spokesman for the U.S. embassy said the talks had ended.",
            "U.S. embassy",
        ),
        (
            "A spokesman for the U.S. embassy said the talks had ended.",
            "U.S.",
        ),
        // Indefinite: no particular building.
        ("KAMPALA — The town needs an airport.", "airport"),
    ]);
}

#[test]
fn seats_of_government() {
    check(&[
        (
            "Leaders met at the Casa Rosada on Monday.",
            "Casa Rosada",
            "ARG",
            Some((-34.61, -58.38)),
            City,
        ),
        // Not the town of that name in Tennessee.
        (
            "The president spoke from the White House on Sunday.",
            "White House",
            "USA",
            Some((38.9, -77.04)),
            City,
        ),
        (
            "Officials at the Pentagon denied the report.",
            "Pentagon",
            "USA",
            Some((38.88, -77.1)),
            City,
        ),
        (
            "Envoys were received at the Élysée Palace.",
            "Élysée Palace",
            "FRA",
            Some((48.85, 2.35)),
            City,
        ),
    ]);
    check_absent(&[(
        "The White House Correspondents dinner was cancelled.",
        "White House",
    )]);
}
