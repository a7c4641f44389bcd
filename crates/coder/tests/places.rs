//! Place recognition on sentences written for these tests: each case names the text as written, the
//! expected country and coordinates (within 50 km), and for some the precision.

use flashpoint_coder::geo::{focus_country, Places};
use flashpoint_coder::segment::Segment;
use flashpoint_coder::syntax::Syntax;
use flashpoint_core::doc::{Doc, Precision};
use flashpoint_core::{Article, Pipeline};

fn run(text: &str) -> Doc {
    Pipeline::new(vec![
        Box::new(Segment),
        Box::new(Syntax::bundled()),
        Box::new(Places),
    ])
    .expect("places come after sentences and syntax")
    .run(Article {
        text: text.to_string(),
        ..Article::default()
    })
}

fn km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    6371.0 * 2.0 * a.sqrt().asin()
}

/// A place's country as written, empty for none.
fn iso3(country: &Option<flashpoint_core::Country>) -> &str {
    country
        .as_ref()
        .map_or("", flashpoint_core::Country::as_str)
}

fn listing(doc: &Doc) -> Vec<String> {
    doc.places
        .iter()
        .map(|p| {
            format!(
                "{:?} → {} {} ({:.2}, {:.2}) {:?}",
                doc.slice(p.span),
                p.place.name,
                iso3(&p.place.country),
                p.place.lat.unwrap_or(f64::NAN),
                p.place.lon.unwrap_or(f64::NAN),
                p.place.precision
            )
        })
        .collect()
}

/// Assert that `text` yields a place written `written`, in `country`, within 50 km of (lat, lon).
fn expect(text: &str, written: &str, country: &str, lat: f64, lon: f64) -> Precision {
    let doc = run(text);
    let found = doc.places.iter().find(|p| doc.slice(p.span) == written);
    let Some(p) = found else {
        panic!("{written:?} not found in {text:?}: {:?}", listing(&doc));
    };
    assert_eq!(
        iso3(&p.place.country),
        country,
        "{text:?}: {:?}",
        listing(&doc)
    );
    let d = km(
        p.place.lat.unwrap_or(f64::NAN),
        p.place.lon.unwrap_or(f64::NAN),
        lat,
        lon,
    );
    assert!(
        d <= 50.0,
        "{written:?} is {d:.0} km off: {:?}",
        listing(&doc)
    );
    p.place.precision
}

/// Assert a country-precision mention.
fn expect_country(text: &str, written: &str, country: &str) {
    let doc = run(text);
    let found = doc.places.iter().find(|p| doc.slice(p.span) == written);
    let Some(p) = found else {
        panic!("{written:?} not found in {text:?}: {:?}", listing(&doc));
    };
    assert_eq!(iso3(&p.place.country), country, "{:?}", listing(&doc));
    assert_eq!(p.place.precision, Precision::Country);
}

fn expect_none(text: &str) {
    let doc = run(text);
    assert!(doc.places.is_empty(), "{text:?}: {:?}", listing(&doc));
}

macro_rules! city {
    ($name:ident, $text:expr, $written:expr, $country:expr, $lat:expr, $lon:expr) => {
        #[test]
        fn $name() {
            let p = expect($text, $written, $country, $lat, $lon);
            assert_eq!(p, Precision::City, "{}", $written);
        }
    };
}

macro_rules! region {
    ($name:ident, $text:expr, $written:expr, $country:expr, $lat:expr, $lon:expr) => {
        #[test]
        fn $name() {
            let p = expect($text, $written, $country, $lat, $lon);
            assert_eq!(p, Precision::Admin1, "{}", $written);
        }
    };
}

// Syria and its border with Turkey
city!(
    idlib,
    "Air strikes hit Idlib overnight, residents said.",
    "Idlib",
    "SYR",
    35.93,
    36.63
);
region!(
    idlib_province,
    "More than 900,000 people have fled fighting in Idlib province since December.",
    "Idlib province",
    "SYR",
    35.93,
    36.63
);
region!(
    idlib_governorate,
    "The offensive in the Idlib governorate continued.",
    "Idlib governorate",
    "SYR",
    35.93,
    36.63
);
region!(
    province_of_idlib,
    "Talks focused on the province of Idlib and its future.",
    "Idlib",
    "SYR",
    35.93,
    36.63
);
city!(
    idleb_spelling,
    "Rebels in Idleb rejected the deal.",
    "Idleb",
    "SYR",
    35.93,
    36.63
);
city!(
    saraqib,
    "Government forces entered Saraqib on Thursday.",
    "Saraqib",
    "SYR",
    35.86,
    36.80
);
city!(
    saraqeb,
    "Turkish troops shelled positions near Saraqeb in Syria.",
    "Saraqeb",
    "SYR",
    35.86,
    36.80
);
city!(
    maarat_al_numan,
    "The town of Maarat al-Numan fell to government forces.",
    "Maarat al-Numan",
    "SYR",
    35.64,
    36.67
);
city!(
    maarat_variant,
    "Thousands fled Ma'arrat al-Nu'man as the front moved north.",
    "Ma'arrat al-Nu'man",
    "SYR",
    35.64,
    36.67
);
city!(
    aleppo,
    "The highway links Aleppo to the capital.",
    "Aleppo",
    "SYR",
    36.20,
    37.16
);
city!(
    hama,
    "Clashes were reported north of Hama on Sunday.",
    "Hama",
    "SYR",
    35.13,
    36.75
);
city!(
    latakia,
    "The Russian base near Latakia was targeted by drones.",
    "Latakia",
    "SYR",
    35.52,
    35.79
);
city!(
    azaz,
    "A car bomb exploded in Azaz, Syria, killing five.",
    "Azaz",
    "SYR",
    36.59,
    37.05
);
city!(
    damascus,
    "Damascus accused Ankara of violating the ceasefire.",
    "Damascus",
    "SYR",
    33.51,
    36.29
);
city!(
    homs,
    "Aid convoys reached Homs after weeks of delay.",
    "Homs",
    "SYR",
    34.73,
    36.72
);
city!(
    raqqa,
    "The coalition struck targets in Raqqa.",
    "Raqqa",
    "SYR",
    35.95,
    39.01
);
city!(
    ras_al_ain,
    "Kurdish fighters withdrew from Ras al-Ain in northeast Syria.",
    "Ras al-Ain",
    "SYR",
    36.85,
    40.07
);
city!(
    manbij,
    "Patrols resumed around Manbij on Friday.",
    "Manbij",
    "SYR",
    36.53,
    37.95
);
region!(
    hatay_province,
    "Refugees crossed into Hatay province overnight.",
    "Hatay province",
    "TUR",
    36.20,
    36.16
);
city!(
    iskenderun,
    "The ship docked at Iskenderun on Tuesday.",
    "Iskenderun",
    "TUR",
    36.59,
    36.17
);
city!(
    reyhanli,
    "Hospitals in Reyhanli treated the wounded.",
    "Reyhanli",
    "TUR",
    36.27,
    36.57
);
city!(
    ankara_actor,
    "Ankara rejected the proposal on Wednesday.",
    "Ankara",
    "TUR",
    39.92,
    32.85
);
city!(
    istanbul_based,
    "The Istanbul-based group published the figures.",
    "Istanbul",
    "TUR",
    41.01,
    28.95
);

// Russia, Ukraine, the Caucasus
city!(
    moscow,
    "The delegation flew to Moscow for talks.",
    "Moscow",
    "RUS",
    55.75,
    37.62
);
city!(
    sochi,
    "The leaders met in Sochi in 2018.",
    "Sochi",
    "RUS",
    43.60,
    39.73
);
city!(
    kyiv,
    "Sirens sounded across Kyiv before dawn.",
    "Kyiv",
    "UKR",
    50.45,
    30.52
);
city!(
    kiev_spelling,
    "Officials in Kiev denied the report.",
    "Kiev",
    "UKR",
    50.45,
    30.52
);
city!(
    kharkiv,
    "Shelling damaged a school in Kharkiv.",
    "Kharkiv",
    "UKR",
    49.99,
    36.23
);
city!(
    mariupol,
    "Civilians were evacuated from Mariupol by bus.",
    "Mariupol",
    "UKR",
    47.10,
    37.54
);
city!(
    stepanakert,
    "Explosions were heard in Stepanakert, the regional capital.",
    "Stepanakert",
    "AZE",
    39.82,
    46.75
);
city!(
    tbilisi,
    "Protesters gathered outside parliament in Tbilisi.",
    "Tbilisi",
    "GEO",
    41.69,
    44.83
);

// Middle East and North Africa
city!(
    tehran,
    "Tehran said it would respond to any attack.",
    "Tehran",
    "IRN",
    35.69,
    51.42
);
city!(
    gaza,
    "Rockets were fired from Gaza late on Saturday.",
    "Gaza",
    "PSE",
    31.50,
    34.47
);
city!(
    beirut,
    "The blast in Beirut killed dozens.",
    "Beirut",
    "LBN",
    33.89,
    35.50
);
city!(
    baghdad,
    "Protesters marched through central Baghdad.",
    "central Baghdad",
    "IRQ",
    33.34,
    44.40
);
city!(
    mosul,
    "Iraqi forces recaptured Mosul in 2017.",
    "Mosul",
    "IRQ",
    36.34,
    43.13
);
city!(
    erbil,
    "A drone struck the airport in Erbil.",
    "Erbil",
    "IRQ",
    36.19,
    44.01
);
city!(
    tripoli_libya,
    "Militias clashed in Tripoli as the Libyan government met.",
    "Tripoli",
    "LBY",
    32.89,
    13.19
);
city!(
    tripoli_lebanon,
    "Lebanon's army deployed in Tripoli after the riots.",
    "Tripoli",
    "LBN",
    34.44,
    35.85
);
city!(
    tripoli_qualified,
    "Protests spread to Tripoli, Lebanon, on Monday.",
    "Tripoli",
    "LBN",
    34.44,
    35.85
);
city!(
    benghazi,
    "Forces loyal to Haftar advanced from Benghazi.",
    "Benghazi",
    "LBY",
    32.12,
    20.07
);
city!(
    aden,
    "Separatists seized government buildings in Aden.",
    "Aden",
    "YEM",
    12.78,
    45.04
);
city!(
    sanaa,
    "Air strikes pounded Sanaa overnight.",
    "Sanaa",
    "YEM",
    15.35,
    44.21
);
city!(
    cairo,
    "Negotiators met in Cairo to discuss a truce.",
    "Cairo",
    "EGY",
    30.04,
    31.24
);

// Africa and Asia
city!(
    mekelle,
    "Federal troops entered Mekelle, the capital of Tigray.",
    "Mekelle",
    "ETH",
    13.50,
    39.47
);
city!(
    mogadishu,
    "A suicide bomber struck a hotel in Mogadishu.",
    "Mogadishu",
    "SOM",
    2.04,
    45.34
);
city!(
    juba,
    "The peace deal was signed in Juba last year.",
    "Juba",
    "SSD",
    4.85,
    31.58
);
city!(
    khartoum,
    "Gunfire was heard across Khartoum on Saturday.",
    "Khartoum",
    "SDN",
    15.55,
    32.53
);
city!(
    kabul,
    "The embassy in Kabul was evacuated.",
    "Kabul",
    "AFG",
    34.53,
    69.17
);

// Europe and America
city!(
    paris,
    "The summit in Paris ended without a statement.",
    "Paris",
    "FRA",
    48.85,
    2.35
);
city!(
    washington,
    "Washington imposed new sanctions on Friday.",
    "Washington",
    "USA",
    38.90,
    -77.04
);
city!(
    new_york,
    "The council met in New York on Monday.",
    "New York",
    "USA",
    40.71,
    -74.01
);

#[test]
fn countries_are_country_precision() {
    expect_country("Turkey and Russia agreed a ceasefire.", "Turkey", "TUR");
    expect_country("Turkey and Russia agreed a ceasefire.", "Russia", "RUS");
    expect_country("The war in Syria has displaced millions.", "Syria", "SYR");
    expect_country(
        "Russia fought a brief war with Georgia in 2008.",
        "Georgia",
        "GEO",
    );
    expect_country(
        "Aid reached the United States on Monday.",
        "United States",
        "USA",
    );
}

#[test]
fn region_in_a_list() {
    let doc = run("Fighting continued in Idlib and Hama provinces.");
    let p = listing(&doc);
    assert!(doc
        .places
        .iter()
        .all(|p| p.place.precision == Precision::Admin1 && iso3(&p.place.country) == "SYR"));
    assert_eq!(doc.places.len(), 2, "{p:?}");
}

#[test]
fn common_words_are_not_places() {
    expect_none("Mobile phones were seized at the checkpoint.");
    expect_none("Reading the report, he frowned.");
    expect_none("Nice work, the commander said.");
    expect_none("Police said three people were arrested.");
    expect_none("Most of the residents left.");
    expect_none("Along the road, trucks waited for hours.");
    expect_none("Of the 40 detainees, 12 were released.");
}

#[test]
fn person_names_are_not_places() {
    let doc = run("Presidential spokesman Ibrahim Kalin told reporters the plan was rejected.");
    assert!(doc.places.is_empty(), "{:?}", listing(&doc));
}

#[test]
fn a_name_inside_a_longer_name_is_not_repeated() {
    let doc = run("The council met in New York on Monday.");
    assert_eq!(doc.places.len(), 1, "{:?}", listing(&doc));
}

#[test]
fn common_word_place_with_a_cue() {
    expect(
        "The ferry arrived in Nice, France, at noon.",
        "Nice",
        "FRA",
        43.70,
        7.27,
    );
    expect(
        "Earthquake damage was reported in Van province.",
        "Van province",
        "TUR",
        38.49,
        43.38,
    );
}

#[test]
fn focus_country_follows_the_article() {
    let doc = run("Turkey sent more troops to Idlib.\nSyria said the troops were invading. Aleppo and Hama were calm.");
    assert_eq!(
        focus_country(&doc).map(|c| c.to_string()).as_deref(),
        Some("SYR")
    );
}

/// Print the places of a text or JSONL file, for inspection:
/// `FLASHPOINT_PLACES_FILE=article.txt cargo test -p flashpoint_coder --test places print_places -- --ignored --nocapture`
#[test]
#[ignore]
fn print_places_of_file() {
    let Ok(path) = std::env::var("FLASHPOINT_PLACES_FILE") else {
        return;
    };
    let raw = std::fs::read_to_string(&path).unwrap();
    let texts: Vec<String> = if path.ends_with(".jsonl") {
        raw.lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|v| v["text"].as_str().map(str::to_string))
            .collect()
    } else {
        vec![raw]
    };
    for t in texts {
        let doc = run(&t);
        for p in listing(&doc) {
            println!("{p}");
        }
        println!("focus: {:?}\n", focus_country(&doc));
    }
}

#[test]
fn place_qualified_by_region() {
    let doc = run("The rally was held in Atlanta, Georgia, on Sunday.");
    let p = listing(&doc);
    assert_eq!(doc.places.len(), 2, "{p:?}");
    assert_eq!(iso3(&doc.places[0].place.country), "USA", "{p:?}");
    assert_eq!(iso3(&doc.places[1].place.country), "USA", "{p:?}");
    assert_eq!(doc.places[1].place.precision, Precision::Admin1, "{p:?}");
    expect(
        "Flooding hit Paris, Texas, overnight.",
        "Paris",
        "USA",
        33.66,
        -95.56,
    );
}

/// Sentences per second through Segment + Places, on a file given by `FLASHPOINT_PLACES_FILE`
/// (run with `--release`).
#[test]
#[ignore]
fn places_throughput() {
    let Ok(path) = std::env::var("FLASHPOINT_PLACES_FILE") else {
        return;
    };
    let text = std::fs::read_to_string(&path).unwrap();
    run("warm up the gazetteer");
    let t = std::time::Instant::now();
    let mut sentences = 0;
    for _ in 0..50 {
        sentences += run(&text).sentences.len();
    }
    let secs = t.elapsed().as_secs_f64();
    println!(
        "{sentences} sentences in {secs:.3} s: {:.0} sentences/s",
        sentences as f64 / secs
    );
}

city!(
    al_bab,
    "Turkish-backed fighters advanced on al-Bab from the north.",
    "al-Bab",
    "SYR",
    36.37,
    37.52
);
city!(
    deir_ez_zor,
    "The convoy reached Deir ez-Zor after dark.",
    "Deir ez-Zor",
    "SYR",
    35.34,
    40.14
);

#[test]
fn abbreviations_of_countries() {
    expect_country("U.S. forces withdrew from the base.", "U.S.", "USA");
    expect_country("The UK and France issued a statement.", "UK", "GBR");
}
