//! Counts read through the dependency tree: numbers, qualifiers, counted nouns and kinds over
//! varied sentence forms, and the numbers that are no counts. Every sentence is the project's own.

use flashpoint_coder::quantities::Quantities;
use flashpoint_coder::segment::Segment;
use flashpoint_coder::syntax::Syntax;
use flashpoint_core::doc::{QuantityKind, QuantityKind::*};
use flashpoint_core::{Article, Doc, Stage};

fn doc(text: &str) -> Doc {
    let mut d = Doc::new(Article {
        id: "t".into(),
        text: text.into(),
        ..Article::default()
    });
    Segment.run(&mut d);
    Syntax::bundled().run(&mut d);
    d
}

fn found(text: &str) -> Vec<(QuantityKind, u64, Option<String>)> {
    let mut d = doc(text);
    Quantities.run(&mut d);
    d.quantities
        .iter()
        .map(|q| (q.kind, q.value, q.qualifier.clone()))
        .collect()
}

fn seed() -> Option<String> {
    ["../../../shared/corpus", "../../../../shared/corpus"]
        .iter()
        .map(|d| format!("{}/{d}/seed-idlib-2020.txt", env!("CARGO_MANIFEST_DIR")))
        .find_map(|p| std::fs::read_to_string(p).ok())
}

#[test]
fn seed_article() {
    let Some(text) = seed() else {
        println!("seed article absent; skipped");
        return;
    };
    let mut d = doc(&text);
    Quantities.run(&mut d);
    for q in &d.quantities {
        println!(
            "{:?} {} {:?} {:?} «{}»",
            q.kind,
            q.value,
            q.qualifier,
            q.unit,
            d.slice(q.span)
        );
    }
    let has = |kind, value| {
        d.quantities
            .iter()
            .any(|q| q.kind == kind && q.value == value)
    };
    assert!(
        has(Displaced, 900_000),
        "the displaced, object of a verb of forcing out"
    );
    assert!(has(Refugees, 4_000_000), "the refugees hosted");
    // A further three million counted alone, whose relative clause says they were forced out.
    assert!(has(Displaced, 3_000_000), "the further displaced");
    assert!(has(Killed, 100), "a vague plural killed");
    // No years, dates or fractions.
    for q in &d.quantities {
        assert!(
            ![1921, 1939, 1974, 2018, 2020, 26].contains(&q.value),
            "{q:?}"
        );
    }
}

#[test]
fn actor_from_mention_on_counted_noun() {
    use flashpoint_core::doc::{ActorCode, Mention, MentionKind};
    let text = "The strike killed 33 Turkish soldiers and 12 civilians.";
    let mut d = doc(text);
    for (w, code) in [("Turkish soldiers", "TURMIL"), ("civilians", "SYRCVL")] {
        let start = text.find(w).unwrap();
        d.mentions.push(Mention {
            span: flashpoint_core::Span::new(start, start + w.len()),
            sentence: 0,
            tokens: 0..0,
            kind: MentionKind::Agent,
            actor: ActorCode {
                code: Some(code.parse().unwrap()),
                ..ActorCode::default()
            },
            implicit: false,
            entity: None,
        });
    }
    Quantities.run(&mut d);
    let got: Vec<_> = d
        .quantities
        .iter()
        .map(|q| {
            (
                q.kind,
                q.value,
                q.actor.map(|c| c.to_string()),
                q.unit.clone(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (Killed, 33, Some("TURMIL".into()), "soldiers".into()),
            (Killed, 12, Some("SYRCVL".into()), "civilians".into()),
        ]
    );
    assert_eq!(d.slice(d.quantities[0].span), "33 Turkish soldiers");
}

#[test]
fn span_covers_qualifier_number_and_unit() {
    let mut d = doc("The offensive forced more than 900,000 people to flee.");
    Quantities.run(&mut d);
    assert_eq!(d.slice(d.quantities[0].span), "more than 900,000 people");
    assert_eq!(d.quantities[0].unit, "people");
}

proptest::proptest! {
    #[test]
    fn never_panics_and_spans_are_sound(s in "[a-zA-Z ,.:$%'’\\-\n0-9é]{0,200}") {
        let mut d = doc(&s);
        Quantities.run(&mut d);
        for q in &d.quantities {
            proptest::prop_assert!(q.span.start < q.span.end && q.span.end <= s.len());
            proptest::prop_assert!(s.is_char_boundary(q.span.start) && s.is_char_boundary(q.span.end));
        }
    }

    #[test]
    fn numbers_in_words_never_panic(a in 0u64..10_000_000_000, w in "(killed|people|refugees|million|thousand|hundred|dozen|of|and|,| )*") {
        let text = format!("{a} {w} 9,999,999,999,999,999,999 people died");
        let mut d = doc(&text);
        Quantities.run(&mut d);
    }
}

type Case = (
    &'static str,
    &'static [(QuantityKind, u64, Option<&'static str>)],
);

/// Each case: text → the head counts expected in order (kind, value, qualifier).
const CASES: &[Case] = &[
    // Digits, words and mixes.
    (
        "The offensive forced more than 900,000 people to flee.",
        &[(Displaced, 900_000, Some("more than"))],
    ),
    (
        "Turkey hosts nearly four million refugees.",
        &[(Refugees, 4_000_000, Some("nearly"))],
    ),
    (
        "Turkey hosts about 3.6 million Syrian refugees.",
        &[(Refugees, 3_600_000, Some("about"))],
    ),
    (
        "The country hosts 2.9 million refugees.",
        &[(Refugees, 2_900_000, None)],
    ),
    (
        "Some 1.5m people have been displaced.",
        &[(Displaced, 1_500_000, Some("some"))],
    ),
    (
        "At least 13 civilians were killed in the strike.",
        &[(Killed, 13, Some("at least"))],
    ),
    ("Three soldiers were wounded.", &[(Wounded, 3, None)]),
    ("A dozen protesters were arrested.", &[(Arrested, 12, None)]),
    ("Two dozen people were injured.", &[(Wounded, 24, None)]),
    ("Twenty-five civilians died.", &[(Killed, 25, None)]),
    (
        "One hundred and twenty people were detained.",
        &[(Arrested, 120, None)],
    ),
    (
        "Half a million people fled the city.",
        &[(Displaced, 500_000, None)],
    ),
    (
        "Some 3 million people live in the province.",
        &[(Other, 3_000_000, Some("some"))],
    ),
    (
        "More than 900,000 people have fled since December.",
        &[(Displaced, 900_000, Some("more than"))],
    ),
    (
        "As many as 300 people were killed.",
        &[(Killed, 300, Some("as many as"))],
    ),
    (
        "Up to 5,000 troops will be deployed.",
        &[(Troops, 5_000, Some("up to"))],
    ),
    (
        "Fewer than 50 people were hurt.",
        &[(Wounded, 50, Some("fewer than"))],
    ),
    (
        "Almost 700 migrants drowned.",
        &[(Killed, 700, Some("almost"))],
    ),
    (
        "Around 400 families were evacuated.",
        &[(Displaced, 400, Some("around"))],
    ),
    (
        "Over 1,000 rebels were captured and detained.",
        &[(Arrested, 1_000, Some("over"))],
    ),
    // Vague plurals: lower bound as value.
    (
        "The offensive has killed hundreds of civilians.",
        &[(Killed, 100, Some("hundreds of"))],
    ),
    (
        "Thousands of people fled toward the border.",
        &[(Displaced, 1_000, Some("thousands of"))],
    ),
    (
        "Dozens of soldiers were wounded.",
        &[(Wounded, 12, Some("dozens of"))],
    ),
    (
        "Tens of thousands of civilians have been displaced.",
        &[(Displaced, 10_000, Some("tens of thousands of"))],
    ),
    (
        "Hundreds of thousands of people are moving toward the border.",
        &[(Other, 100_000, Some("hundreds of thousands of"))],
    ),
    (
        "Millions of refugees live in Turkey.",
        &[(Refugees, 1_000_000, Some("millions of"))],
    ),
    (
        "Police rounded up dozens of demonstrators.",
        &[(Arrested, 12, Some("dozens of"))],
    ),
    // Bare counts with a cue.
    ("The strike killed 13 on Tuesday.", &[(Killed, 13, None)]),
    (
        "Officials said 45 were killed and 60 wounded.",
        &[(Killed, 45, None), (Wounded, 60, None)],
    ),
    ("The death toll rose to 45.", &[(Killed, 45, None)]),
    (
        "At least 33 dead after the air strike.",
        &[(Killed, 33, Some("at least"))],
    ),
    (
        "Another three million, most of them forced to flee, now live in camps.",
        &[(Displaced, 3_000_000, Some("another"))],
    ),
    // Kinds from the counted noun and context.
    (
        "Turkey sent 5,000 soldiers to the border.",
        &[(Troops, 5_000, None)],
    ),
    (
        "Russia deployed 300 military police to the area.",
        &[(Troops, 300, None)],
    ),
    (
        "The regime arrested 200 activists.",
        &[(Arrested, 200, None)],
    ),
    (
        "Some 200 people were jailed after the protests.",
        &[(Arrested, 200, Some("some"))],
    ),
    (
        "More than 100 asylum seekers reached the island.",
        &[(Refugees, 100, Some("more than"))],
    ),
    (
        "The air strike killed 33 Turkish soldiers.",
        &[(Killed, 33, None)],
    ),
    ("Five journalists were detained.", &[(Arrested, 5, None)]),
    (
        "Nearly 80 people lost their lives.",
        &[(Killed, 80, Some("nearly"))],
    ),
    (
        "1,200 people were forced from their homes.",
        &[(Displaced, 1_200, None)],
    ),
    (
        "The fighting has uprooted 600,000 civilians.",
        &[(Displaced, 600_000, None)],
    ),
    (
        "About 50 IDPs arrived at the camp.",
        &[(Displaced, 50, Some("about"))],
    ),
    (
        "Four million Syrians live in Turkey.",
        &[(Other, 4_000_000, None)],
    ),
    (
        "2,000 people attended the funeral.",
        &[(Other, 2_000, None)],
    ),
    // Ranges keep the first number.
    (
        "Between 30 and 40 people were killed.",
        &[(Killed, 30, Some("between"))],
    ),
    (
        "Some 30-40 people were killed.",
        &[(Killed, 30, Some("some"))],
    ),
    (
        "30 to 40 soldiers were wounded.",
        &[(Wounded, 30, Some("between"))],
    ),
    // Not head counts.
    ("In 1921 Turkey signed the Ankara Treaty.", &[]),
    (
        "Residents queue for bread in Azaz, Syria January 26, 2020.",
        &[],
    ),
    ("The attack took place on 27 February near Saraqeb.", &[]),
    ("A boy aged 12 was among them.", &[]),
    ("A 12-year-old girl was killed.", &[]),
    ("He was 12 years old when he was killed.", &[]),
    ("The meeting ends at 10:30 after talks.", &[]),
    ("The EU pledged $5 million to help refugees.", &[]),
    ("The EU pledged 2.9 billion euros for refugees.", &[]),
    ("The lira lost 30 percent of its value.", &[]),
    ("Prices rose 12% as people fled.", &[]),
    ("It was the third attack this week that killed people.", &[]),
    ("One-third of the country is under rebel control.", &[]),
    (
        "UN Security Council Resolution 2254 calls for a ceasefire and killed nobody.",
        &[],
    ),
    ("Call +90 312 555 0100 for help with refugees.", &[]),
    ("The road is 40 km long and civilians fled along it.", &[]),
    ("The conflict has lasted nine years and killed many.", &[]),
    ("The fighting in the past 24 hours killed civilians.", &[]),
    // A count of things is a count: kind `other` (it was [] when only people were counted).
    ("Three countries signed the deal.", &[(Other, 3, None)]),
    // Not counts either: partitives of one, durations, compounds, dates, money.
    (
        "It was one of the fastest exoduses in recent decades, the agency said.",
        &[],
    ),
    (
        "Refugees fled after one of the deadliest attacks of the war.",
        &[],
    ),
    ("The fighting lasted two days and displaced civilians.", &[]),
    ("Within 48 hours the troops were deployed.", &[]),
    (
        "The opposition won 17 municipal elections as people voted.",
        &[(Other, 17, None)],
    ),
    (
        "The 18 most important cities were shelled and people fled.",
        &[(Other, 18, None)],
    ),
    ("A 500-page report said civilians were killed.", &[]),
    (
        "The ceasefire took effect on 5 March and civilians fled.",
        &[],
    ),
    (
        "The ceasefire took effect on March 5 and civilians fled.",
        &[],
    ),
    ("The EU pledged 6 billion euros for refugees in 2016.", &[]),
    ("The EU pledged €6 billion for Syrian refugees.", &[]),
    (
        "Aid worth 500 million dollars reached displaced families.",
        &[],
    ),
    ("He was killed in 2019 and buried in Kerman.", &[]),
    // Coordinated clauses: each number takes the verb it is an argument of.
    (
        "Five Turkish soldiers were killed and five others wounded on Monday.",
        &[(Killed, 5, None), (Wounded, 5, None)],
    ),
    (
        "Two Turkish soldiers were killed and one was wounded in an attack.",
        &[(Killed, 2, None), (Wounded, 1, None)],
    ),
    (
        "That war killed an estimated 30,000 people and displaced hundreds of thousands.",
        &[
            (Killed, 30_000, Some("an estimated")),
            (Displaced, 100_000, Some("hundreds of thousands")),
        ],
    ),
    (
        "The strike killed 13 civilians and wounded dozens.",
        &[(Killed, 13, None), (Wounded, 12, Some("dozens"))],
    ),
    (
        "Turkish forces neutralised 101 Syrian government troops.",
        &[(Killed, 101, None)],
    ),
    // Casualties count the dead and the wounded together: `other` unless the clause says which.
    ("The strike caused 50 casualties.", &[(Other, 50, None)]),
    (
        "The army reported 40 civilian casualties.",
        &[(Other, 40, None)],
    ),
    ("The casualty toll rose to 60.", &[(Other, 60, None)]),
    (
        "There were 50 casualties, including 20 dead.",
        &[(Other, 50, None), (Killed, 20, None)],
    ),
    ("The death toll rose to 60.", &[(Killed, 60, None)]),
];

/// Cases written for the tree reading, one group per rule.
const TREE_CASES: &[Case] = &[
    // Numbers: digits, words, scales, vague plurals, partitives.
    (
        "Roughly 2.4 million people have fled the province since the spring.",
        &[(Displaced, 2_400_000, Some("roughly"))],
    ),
    (
        "Militias killed a dozen farmers near the river.",
        &[(Killed, 12, None)],
    ),
    (
        "Dozens of miners died when the shaft collapsed.",
        &[(Killed, 12, Some("dozens of"))],
    ),
    (
        "Scores of villagers were detained at the checkpoint.",
        &[(Arrested, 20, Some("scores of"))],
    ),
    (
        "Eleven sailors were injured in the collision.",
        &[(Wounded, 11, None)],
    ),
    (
        "Seven of the wounded were airlifted to the capital.",
        &[(Wounded, 7, None)],
    ),
    // The verb: object, passive subject, subject of verbs that happen to their subject.
    (
        "At least 27 pilgrims were killed in the stampede.",
        &[(Killed, 27, Some("at least"))],
    ),
    (
        "The court jailed 14 journalists on Friday.",
        &[(Arrested, 14, None)],
    ),
    (
        "Some 3,500 families fled the valley overnight.",
        &[(Displaced, 3_500, Some("some"))],
    ),
    (
        "Officers took 35 people into custody.",
        &[(Arrested, 35, None)],
    ),
    (
        "Fourteen workers suffered burns in the blast.",
        &[(Wounded, 14, None)],
    ),
    (
        "Some 90 people were taken to hospital with injuries.",
        &[(Wounded, 90, Some("some"))],
    ),
    (
        "Up to 200,000 people could be forced from their homes.",
        &[(Other, 200_000, Some("up to"))],
    ),
    (
        "The flood forced 7,000 villagers from their homes.",
        &[(Displaced, 7_000, None)],
    ),
    // Complements whose subject is the counted noun.
    ("The shelling left 20 wounded.", &[(Wounded, 20, None)]),
    (
        "The earthquake left 640 residents homeless.",
        &[(Displaced, 640, None)],
    ),
    // Counts standing alone, kinds from nouns, tallies and subsets.
    (
        "Rebels ambushed the convoy, killing 16.",
        &[(Killed, 16, None)],
    ),
    (
        "The death toll from the floods climbed to 212.",
        &[(Killed, 212, None)],
    ),
    (
        "Officials put the number of dead at 58.",
        &[(Killed, 58, None)],
    ),
    (
        "The dead included 19 schoolchildren.",
        &[(Killed, 19, None)],
    ),
    (
        "The bombing killed nine people, including four police officers.",
        &[(Killed, 9, None), (Killed, 4, None)],
    ),
    // Conjunctions share the counted noun and the verb.
    (
        "The raid killed 12 and wounded 30.",
        &[(Killed, 12, None), (Wounded, 30, None)],
    ),
    (
        "Soldiers arrested and later released 40 students.",
        &[(Arrested, 40, None)],
    ),
    // Qualifiers and sizes.
    (
        "Another 4,000 people were evacuated on Sunday.",
        &[(Displaced, 4_000, Some("another"))],
    ),
    (
        "Between 150 and 200 protesters were detained.",
        &[(Arrested, 150, Some("between"))],
    ),
    (
        "Up to 8,000 soldiers will be stationed on the island.",
        &[(Troops, 8_000, Some("up to"))],
    ),
    (
        "The ministry sent a 600-strong battalion to the border.",
        &[(Troops, 600, None)],
    ),
    // Counts of things.
    ("The storm destroyed 3,000 homes.", &[(Other, 3_000, None)]),
    ("The navy seized 12 fishing boats.", &[(Other, 12, None)]),
    // One person, told with "a".
    (
        "A journalist was shot dead outside his home.",
        &[(Killed, 1, None)],
    ),
    (
        "Gunmen killed a teacher in the market.",
        &[(Killed, 1, None)],
    ),
    ("An attempt to kill the mayor failed.", &[]),
    // Not counts.
    ("The ceasefire began at 6 a.m. on 14 May.", &[]),
    ("Parliament approved the budget by 210 votes to 95.", &[]),
    ("The opposition took 48 seats in the assembly.", &[]),
    ("Inflation reached 85 percent last year.", &[]),
    ("The government spent $2.3 billion on the war.", &[]),
    ("The third convoy arrived on Tuesday.", &[]),
    ("The talks lasted 11 hours.", &[]),
    ("She was 34 when she was arrested.", &[]),
    (
        "The 1994 war killed hundreds of thousands.",
        &[(Killed, 100_000, Some("hundreds of thousands"))],
    ),
];

fn failures(cases: &[Case]) -> Vec<String> {
    let mut failures = Vec::new();
    for (text, want) in cases {
        let got = found(text);
        let ok = got.len() == want.len()
            && got
                .iter()
                .zip(want.iter())
                .all(|((k, v, q), (wk, wv, wq))| k == wk && v == wv && q.as_deref() == *wq);
        if !ok {
            failures.push(format!("{text:?}\n   want {want:?}\n   got  {got:?}"));
        }
    }
    failures
}

#[test]
fn quantity_cases() {
    let failures = failures(CASES);
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n")
    );
    assert!(CASES.len() >= 60);
}

#[test]
fn tree_cases() {
    let failures = failures(TREE_CASES);
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        TREE_CASES.len(),
        failures.join("\n")
    );
}

#[test]
fn unit_is_the_counted_noun() {
    let mut d = doc("The army deployed 1,500 paratroopers and 30 asylum seekers arrived.");
    Quantities.run(&mut d);
    let units: Vec<_> = d.quantities.iter().map(|q| q.unit.as_str()).collect();
    assert_eq!(units, ["paratroopers", "asylum seekers"]);
    let mut d = doc("Officials said 45 were killed.");
    Quantities.run(&mut d);
    assert_eq!(d.quantities[0].unit, "people");
    assert_eq!(d.slice(d.quantities[0].span), "45");
}

#[test]
fn nothing_without_the_model() {
    let mut d = Doc::new(Article {
        text: "At least 13 civilians were killed.".into(),
        ..Article::default()
    });
    Segment.run(&mut d);
    Quantities.run(&mut d);
    assert!(d.quantities.is_empty());
}

/// (kind, value, actor) with the real place and actor stages run first.
fn coded(text: &str) -> Vec<(QuantityKind, u64, Option<String>)> {
    use flashpoint_coder::actors::Actors;
    use flashpoint_coder::geo::Places;
    let mut d = doc(text);
    Places.run(&mut d);
    Actors::bundled().run(&mut d);
    Quantities.run(&mut d);
    d.quantities
        .iter()
        .map(|q| (q.kind, q.value, q.actor.map(|c| c.to_string())))
        .collect()
}

type CodedCase = (
    &'static str,
    &'static [(QuantityKind, u64, Option<&'static str>)],
);

#[test]
fn actors_from_the_actor_stage() {
    let cases: &[CodedCase] = &[
        (
            "At least 33 Turkish soldiers were killed in an air strike in Idlib.",
            &[(Killed, 33, Some("TURMIL"))],
        ),
        (
            "About 5,000 US troops are deployed in Iraq.",
            &[(Troops, 5_000, Some("USAMIL"))],
        ),
        // A bare role noun coded from the sentence's place.
        (
            "A missile strike on the Azerbaijani city of Ganja killed 13 civilians.",
            &[(Killed, 13, Some("AZECVL"))],
        ),
        // No mention on the noun: the country modifier before it.
        (
            "Syrian government shelling killed eight Turkish personnel on Monday.",
            &[(Killed, 8, Some("TUR"))],
        ),
        (
            "Nearly 900,000 people have been displaced.",
            &[(Displaced, 900_000, None)],
        ),
        (
            "Nearly 700 Sudanese refugees crossed into Chad.",
            &[(Refugees, 700, Some("SDNREF"))],
        ),
    ];
    let mut failures = Vec::new();
    for (text, want) in cases {
        let got = coded(text);
        let want: Vec<_> = want
            .iter()
            .map(|(k, v, a)| (*k, *v, a.map(str::to_string)))
            .collect();
        if got != want {
            failures.push(format!("{text:?}\n   want {want:?}\n   got  {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
