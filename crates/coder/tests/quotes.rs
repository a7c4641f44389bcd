//! Quote detection and speaker attribution over varied sentence forms.

use flashpoint_coder::quotes::Quotes;
use flashpoint_coder::segment::Segment;
use flashpoint_coder::syntax::Syntax;
use flashpoint_core::doc::{ActorCode, Mention, MentionKind};
use flashpoint_core::{Article, Doc, Span, Stage};
use std::sync::OnceLock;

/// The model's stage, loaded once for all tests.
fn syntax() -> &'static Syntax {
    static SYNTAX: OnceLock<Syntax> = OnceLock::new();
    SYNTAX.get_or_init(Syntax::bundled)
}

fn doc(text: &str) -> Doc {
    let mut d = Doc::new(Article {
        id: "t".into(),
        text: text.into(),
        ..Article::default()
    });
    Segment.run(&mut d);
    syntax().run(&mut d);
    d
}

/// (quote text, speaker name) for each quote.
fn quotes_of(d: &mut Doc) -> Vec<(String, Option<String>)> {
    Quotes.run(d);
    d.quotes
        .iter()
        .map(|q| {
            (
                d.slice(q.span).to_string(),
                q.speaker.as_ref().and_then(|s| s.name.clone()),
            )
        })
        .collect()
}

fn quotes(text: &str) -> Vec<(String, Option<String>)> {
    quotes_of(&mut doc(text))
}

/// The seed article, from the shared corpus beside the workspace (or beside a worktree's parent).
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
    let got = quotes(&text);
    for q in &got {
        println!("{q:?}");
    }
    assert_eq!(got.len(), 9, "nine direct quotes");
    let want = [
        ("We are entering the last days", "Erdogan"),
        ("far from meeting our demands", "Erdogan"),
        ("We rejected the paper", "Kalin"),
        ("every preparation", "Erdogan"),
        ("only a matter of time", "Erdogan"),
        ("Turkey is bluffing", "Ozkizilcik"),
        ("not a bluff", "Ozkizilcik"),
        ("terrorist groups in Idlib", "Peskov"),
        ("worst-case scenario", "Peskov"),
    ];
    for ((q, s), (wq, ws)) in got.iter().zip(want) {
        assert!(q.contains(wq), "{q:?} lacks {wq:?}");
        assert!(
            s.as_deref().is_some_and(|s| s.ends_with(ws)),
            "{q:?}: speaker {s:?}, want {ws}"
        );
    }
    // The single-quoted place name is not a quote.
    assert!(!got.iter().any(|(q, _)| q.contains("Aleppo Vilayet")));
}

type Case = (
    &'static str,
    &'static [(&'static str, Option<&'static str>)],
);

/// Each case: text → the quotes expected in order (a substring of the quote, and a substring
/// of the speaker's name or `None` for no speaker). Texts with no quote expect an empty list.
const CASES: &[Case] = &[
    // Speaker after the quote.
    ("\"We will not leave Idlib to the regime,\" Erdogan said.", &[("leave Idlib", Some("Erdogan"))]),
    ("“We will not leave Idlib to the regime,” Erdogan said.", &[("leave Idlib", Some("Erdogan"))]),
    ("\"The talks will continue next week,\" said Ibrahim Kalin, the presidential spokesman.", &[("talks will continue", Some("Ibrahim Kalin"))]),
    ("\"The talks will continue next week,\" said Turkish President Recep Tayyip Erdogan on Wednesday.", &[("talks", Some("Recep Tayyip Erdogan"))]),
    ("\"This is a matter of time,\" Kremlin spokesman Dmitry Peskov told reporters.", &[("matter of time", Some("Dmitry Peskov"))]),
    ("\"This is a matter of time,\" Peskov told reporters in Moscow.", &[("matter of time", Some("Peskov"))]),
    ("\"This is a matter of time,\" Peskov told a news conference.", &[("matter of time", Some("Peskov"))]),
    ("\"We have no plans to withdraw,\" Lavrov added.", &[("no plans", Some("Lavrov"))]),
    ("\"We have no plans to withdraw,\" Lavrov warned.", &[("no plans", Some("Lavrov"))]),
    ("\"We have no plans to withdraw,\" Lavrov stressed on Monday.", &[("no plans", Some("Lavrov"))]),
    ("\"We have no plans to withdraw,\" Lavrov noted.", &[("no plans", Some("Lavrov"))]),
    ("\"We have no plans to withdraw,\" Lavrov insisted.", &[("no plans", Some("Lavrov"))]),
    ("\"We have no plans to withdraw,\" Lavrov explained.", &[("no plans", Some("Lavrov"))]),
    ("\"We have no plans to withdraw,\" Trump tweeted.", &[("no plans", Some("Trump"))]),
    ("\"We have no plans to withdraw,\" Trump wrote on Twitter.", &[("no plans", Some("Trump"))]),
    ("\"Why are we still waiting for an answer?\" Macron asked.", &[("still waiting", Some("Macron"))]),
    ("\"We are ready for any scenario,\" Akar declared.", &[("ready for any", Some("Akar"))]),
    ("\"There will be no retreat from this position,\" replied Cavusoglu.", &[("no retreat", Some("Cavusoglu"))]),
    ("\"Our troops will stay where they are,\" Defence Minister Hulusi Akar said.", &[("Our troops", Some("Hulusi Akar"))]),
    ("\"Our troops will stay where they are,\" Hulusi Akar, the defence minister, said.", &[("Our troops", Some("Hulusi Akar"))]),
    ("\"Our troops will stay where they are,\" said Secretary of State Mike Pompeo.", &[("Our troops", Some("Mike Pompeo"))]),
    ("\"Our troops will stay where they are,\" said Syrian President Bashar al-Assad.", &[("Our troops", Some("Bashar al-Assad"))]),
    ("\"Our troops will stay where they are,\" according to Akar.", &[("Our troops", Some("Akar"))]),
    ("\"Our troops will stay where they are,\" Akar was quoted as saying.", &[("Our troops", Some("Akar"))]),
    ("\"Our troops will stay where they are,\" Akar also said.", &[("Our troops", Some("Akar"))]),
    ("\"The ceasefire must hold at all costs,\" a senior Turkish official said.", &[("ceasefire", Some("senior Turkish official"))]),
    ("\"The ceasefire must hold at all costs,\" the ministry said in a statement.", &[("ceasefire", Some("ministry"))]),
    ("\"The ceasefire must hold at all costs,\" said the spokesman of the Russian defence ministry.", &[("ceasefire", Some("spokesman"))]),
    ("\"Even though the talks will continue, we are far from our demands,” Erdogan\n", &[("far from our demands", Some("Erdogan"))]),
    ("\"Even though the talks will continue, we are far from our demands,” Erdogan", &[("far from our demands", Some("Erdogan"))]),
    ("“It’s not a bluff,” Ozkizilcik said.", &[("It’s not a bluff", Some("Ozkizilcik"))]),
    ("\"No,\" he said.", &[("No", None)]),
    ("“Never,” Erdogan said.", &[("Never", Some("Erdogan"))]),
    // Speaker before the quote.
    ("Erdogan said: \"We are making our final warnings to the regime.\"", &[("final warnings", Some("Erdogan"))]),
    ("Erdogan said: “We are making our final warnings to the regime.”", &[("final warnings", Some("Erdogan"))]),
    ("Kalin told Reuters: \"We turned down the text and the map they offered.\"", &[("turned down the text", Some("Kalin"))]),
    ("Kalin said that \"we turned down the text and the map they offered.\"", &[("turned down the text", Some("Kalin"))]),
    ("Kalin said \"we turned down the text and the map they offered.\"", &[("turned down the text", Some("Kalin"))]),
    ("According to Kalin, \"we turned down the text and the map they offered.\"", &[("turned down the text", Some("Kalin"))]),
    ("Kalin was quoted as saying \"we turned down the text and the map they offered.\"", &[("turned down the text", Some("Kalin"))]),
    ("In a speech on Wednesday, Turkish President Recep Tayyip Erdogan said: \"We will do what is necessary.\"", &[("what is necessary", Some("Recep Tayyip Erdogan"))]),
    ("Ibrahim Kalin, the presidential spokesman, said: \"We will do what is necessary.\"", &[("what is necessary", Some("Ibrahim Kalin"))]),
    ("Peskov told reporters in Moscow on Tuesday: \"We will do what is necessary.\"", &[("what is necessary", Some("Peskov"))]),
    ("Erdogan said on Wednesday:\n\n\"We will do what is necessary in Idlib.\"", &[("what is necessary", Some("Erdogan"))]),
    ("Guterres wrote: \"The humanitarian situation is catastrophic.\"", &[("catastrophic", Some("Guterres"))]),
    // Several quotes, pronouns and continuations.
    // "he" resolves to the last person named before it (it was left unresolved before the tree).
    ("Erdogan spoke in Ankara.\n\n\"We will not leave Idlib to the regime,\" he said.", &[("leave Idlib", Some("Erdogan"))]),
    ("\"We are ready,\" Erdogan said. \"The regime must withdraw by the end of the month,\" he added.", &[("ready", Some("Erdogan")), ("must withdraw", Some("Erdogan"))]),
    ("\"We will go to Idlib,\" Erdogan said, \"and we will stay there until it is safe.\"", &[("go to Idlib", Some("Erdogan")), ("we will stay", Some("Erdogan"))]),
    ("\"The regime must withdraw from Idlib now,\" said Kalin.\n\n\"There is no other way to stop the bloodshed.\"", &[("must withdraw", Some("Kalin")), ("no other way", Some("Kalin"))]),
    ("\"We are approaching the final days of this regime. We are making our final warnings.\" said Erdogan.", &[("final days", Some("Erdogan"))]),
    ("\"We are approaching the final days of this regime.\n\n\"We are making our final warnings,\" Erdogan said.", &[("final warnings", Some("Erdogan"))]),
    ("\"They call it \"peace\", but it is a war against civilians,\" Akar said.", &[("it is a war", Some("Akar"))]),
    ("“They call it ‘peace’, but it is a war against civilians,” Akar said.", &[("‘peace’", Some("Akar"))]),
    ("\"They call it 'peace', but it is a war against civilians,\" Akar said.", &[("'peace'", Some("Akar"))]),
    ("The report said the war was \"a humanitarian catastrophe of historic scale.\"", &[("humanitarian catastrophe", Some("report"))]),
    ("\"We will respond to every attack in kind, without hesitation,\" Kalin said, referring to the regime.", &[("every attack", Some("Kalin"))]),
    ("“Turkey has finished every preparation needed for its own plans. We may arrive on any night,\" Erdogan said.", &[("every preparation", Some("Erdogan"))]),
    // Words quoted after a verb of calling or describing are its subject's (they were taken
    // for scare quotes before the tree).
    ("Ankara called the strike \"unacceptable\" and summoned the envoy.", &[("unacceptable", Some("Ankara"))]),
    ("The government described the fighters as “terrorists” on Monday.", &[("terrorists", Some("government"))]),
    // Scare quotes, apostrophes and no speaker.
    ("The ‘Aleppo Vilayet’ was an Ottoman province.", &[]),
    ("Turkey’s army and the regime’s forces clashed in the ’90s and don't stop.", &[]),
    ("It was the '90s and Syria's war hadn't begun.", &[]),
    ("The so-called \"safe zone\" was never built.", &[]),
    // A text that "reads" words speaks them, as "the statement said" does.
    ("The newspaper headline read \"War is coming to the north of Syria\" on Tuesday.", &[("War is coming", Some("headline"))]),
    ("\"The situation on the ground is getting worse every day.\"", &[("getting worse", None)]),
    ("Officials warned that \"the situation on the ground is getting worse every day.\"", &[("getting worse", Some("Officials"))]),
    // Appositives: the name wins over the description, in either order.
    ("\"We will not leave Idlib to the regime,\" the Turkish president, Recep Tayyip Erdogan, said.", &[("leave Idlib", Some("Recep Tayyip Erdogan"))]),
    ("The Turkish president, Recep Tayyip Erdogan, said: \"We will not leave Idlib to the regime.\"", &[("leave Idlib", Some("Recep Tayyip Erdogan"))]),
    ("\"We will not leave Idlib to the regime,\" the official, who asked not to be named, said.", &[("leave Idlib", Some("the official"))]),
    // Abbreviations with dots inside the speaker phrase.
    ("\"The regime must stop its offensive now,\" said U.S. envoy James Jeffrey.", &[("stop its offensive", Some("James Jeffrey"))]),
    ("\"The regime must stop its offensive now,\" said U.N. envoy Geir Pedersen on Tuesday.", &[("stop its offensive", Some("Geir Pedersen"))]),
    ("\"The regime must stop its offensive now,\" said Lt. Gen. Ali Mahmoud.", &[("stop its offensive", Some("Ali Mahmoud"))]),
    ("U.S. envoy James Jeffrey said: \"The regime must stop its offensive now.\"", &[("stop its offensive", Some("James Jeffrey"))]),
    // Organisations and metonyms as speakers.
    ("\"Turkish troops will remain at their posts,\" according to a statement from the Kremlin.", &[("remain at their posts", Some("Kremlin"))]),
    ("\"Turkish troops will remain at their posts,\" according to the ministry.", &[("remain at their posts", Some("ministry"))]),
    ("According to a statement from the Kremlin, \"Turkish troops will remain at their posts.\"", &[("remain at their posts", Some("Kremlin"))]),
    ("\"Turkish troops will remain at their posts,\" according to Turkey's defence ministry.", &[("remain at their posts", Some("Turkey's defence ministry"))]),
    ("\"The ceasefire must hold at all costs,\" a senior Turkish official told Reuters.", &[("ceasefire", Some("a senior Turkish official"))]),
    // Dash attribution.
    ("\"We will not leave Idlib to the regime\" — Erdogan", &[("leave Idlib", Some("Erdogan"))]),
    ("\"We will not leave Idlib to the regime.\" — Turkish President Recep Tayyip Erdogan\n\nMore text.", &[("leave Idlib", Some("Recep Tayyip Erdogan"))]),
    // Social media.
    ("Erdogan said in a tweet: \"We will not leave Idlib to the regime.\"", &[("leave Idlib", Some("Erdogan"))]),
    ("Zarif wrote on Twitter/X that \"Iran took proportionate measures in self-defence.\"", &[("proportionate", Some("Zarif"))]),
    ("Zarif wrote on X that \"Iran took proportionate measures in self-defence.\"", &[("proportionate", Some("Zarif"))]),
    ("Lowcock said in a statement: \"The violence in north-west Syria is indiscriminate.\" He added: \"Health facilities and schools have been hit.\"", &[("indiscriminate", Some("Lowcock")), ("Health facilities", Some("Lowcock"))]),
    // Attributed in the sentence before the quote paragraph.
    ("Erdogan warned on Wednesday:\n\n\"We will strike regime forces everywhere from now on.\"", &[("strike regime forces", Some("Erdogan"))]),
    ("Ankara sent more troops. Erdogan warned the regime on Wednesday:\n\n\"We will strike regime forces everywhere from now on.\"", &[("strike regime forces", Some("Erdogan"))]),
    // Partial quotes inside reported speech take the sentence's speaker.
    ("ANKARA — President Tayyip Erdogan said on Wednesday that a Turkish military operation in Idlib was only \"a matter of time\", after talks failed.", &[("a matter of time", Some("Tayyip Erdogan"))]),
    ("Pompeo condemned what he called the \"continued, unjustified and merciless\" assaults on Idlib.", &[("merciless", Some("Pompeo"))]),
    ("Khamenei told an audience in Tehran that the strikes had been a \"slap in the face\" for the United States.", &[("slap in the face", Some("Khamenei"))]),
    // The project's own cases for the tree reading (issue 13).
    // A quote hanging on a verb of saying: before, after, inverted, with a colon.
    ("\"The harbour will stay open all winter,\" Marta Silva said on Friday.", &[("harbour will stay open", Some("Marta Silva"))]),
    ("\"Nobody asked the fishermen what they wanted,\" said Tomas Berg, who chairs the port council.", &[("Nobody asked", Some("Tomas Berg"))]),
    ("Tomas Berg told a meeting of dock workers: \"The port will not be sold.\"", &[("will not be sold", Some("Tomas Berg"))]),
    ("In a statement on its website, the port authority said: \"All ferries run on time.\"", &[("All ferries", Some("port authority"))]),
    ("\"All ferries run on time,\" according to the port authority.", &[("All ferries", Some("port authority"))]),
    ("According to the coast guard, \"two boats are still missing near the cape.\"", &[("two boats", Some("coast guard"))]),
    ("\"We have asked for calm on every street,\" Mayor Ines Vidal told reporters in the square.", &[("asked for calm", Some("Ines Vidal"))]),
    // Partial quotes inside what a verb of saying or calling governs.
    ("The mayor called the new tax \"a disgrace\" and left the chamber.", &[("a disgrace", Some("mayor"))]),
    ("Ines Vidal said the count had been \"deeply flawed\" from the start.", &[("deeply flawed", Some("Ines Vidal"))]),
    ("The dockers' union condemned what it called \"reckless cuts\" to pensions.", &[("reckless cuts", Some("union"))]),
    ("The army said two soldiers had died and called the raid \"cowardly\".", &[("cowardly", Some("army"))]),
    ("Marta Silva praised the deal, adding that the hard part was \"still ahead of us\".", &[("still ahead", Some("Marta Silva"))]),
    ("\"The vote will go ahead,\" Tomas Berg was quoted as saying by the local radio.", &[("vote will go ahead", Some("Tomas Berg"))]),
    // A document speaks for whoever issued it; "it" for the body that spoke last.
    ("A statement from the fisheries agency said the quotas were \"final and binding\".", &[("final and binding", Some("fisheries agency"))]),
    ("The interior ministry said the roads were closed.\n\n\"Drivers should stay at home until the storm passes,\" it added.", &[("Drivers should stay", Some("interior ministry"))]),
    // Continuation: the next quote of the paragraph, and the paragraph after an attributed quote.
    ("\"We will rebuild the pier,\" Marta Silva said. \"It will take two years and a lot of money.\"", &[("rebuild the pier", Some("Marta Silva")), ("two years", Some("Marta Silva"))]),
    ("\"We will rebuild the pier,\" said Marta Silva.\n\n\"It will take two years and a lot of money.\"", &[("rebuild the pier", Some("Marta Silva")), ("two years", Some("Marta Silva"))]),
    ("\"We will rebuild the pier,\" said Marta Silva. The storm had wrecked it in March.\n\n\"It will take two years and a lot of money.\"", &[("rebuild the pier", Some("Marta Silva")), ("two years", None)]),
    // Names with a nickname in quotes and scare quotes with no speaker are no quotes.
    ("Carlos \"El Toro\" Mendes was arrested in the harbour on Friday.", &[]),
    ("The so-called \"green corridor\" stayed closed for a week.", &[]),
];

#[test]
fn quote_cases() {
    let mut failures = Vec::new();
    for (text, want) in CASES {
        let got = quotes(text);
        let ok = got.len() == want.len()
            && got.iter().zip(want.iter()).all(|((q, s), (wq, ws))| {
                q.contains(wq)
                    && match ws {
                        None => s.is_none(),
                        Some(w) => s.as_deref().is_some_and(|s| s.contains(w)),
                    }
            });
        if !ok {
            failures.push(format!("{text:?}\n   want {want:?}\n   got  {got:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n")
    );
    assert!(CASES.len() >= 105);
}

/// Each case: text → (a substring of the first quote, the speaker's name exactly). The tree
/// alone (no actor dictionaries): full names from first mention, coreference, descriptions.
const NAMED: &[(&str, &str, &str)] = &[
    // A surname alone is the person named in full before.
    ("Foreign Minister Jean Dupont arrived in the capital on Monday.\n\n\"We came to listen,\" Dupont told reporters.", "came to listen", "Jean Dupont"),
    // "she" across a paragraph: the person named before.
    ("Marta Silva, the harbour master, spoke first.\n\n\"The channel is safe again,\" she said.", "channel is safe", "Marta Silva"),
    // "he" skips a person the text made female ("who says she").
    ("Senator Ana Ruiz, who says she will run again, met Governor Pablo Soto on Monday.\n\n\"We agreed on nothing at all,\" he said.", "agreed on nothing", "Pablo Soto"),
    // A role noun resolves to the person seen with that title, across sentences.
    ("Defence Minister Karl Brandt visited the northern base on Tuesday. Troops lined the road.\n\n\"Our soldiers are ready for winter,\" the minister said.", "ready for winter", "Karl Brandt"),
    ("Lena Vogt, the central bank governor, raised rates again.\n\n\"Prices are still rising too fast,\" the governor said.", "still rising", "Lena Vogt"),
    // Appositions in either order give the name.
    ("The prime minister, Anders Holm, said: \"Nobody will lose a job.\"", "lose a job", "Anders Holm"),
    ("\"Nobody will lose a job,\" Anders Holm, the prime minister, said.", "lose a job", "Anders Holm"),
    // A pronoun in a reported clause is the reporting verb's subject.
    ("Anders Holm said he was \"not worried\" about the polls.", "not worried", "Anders Holm"),
    ("Anders Holm opened the session.\n\nThe debate lasted four hours.\n\n\"It was worth every minute,\" he said.", "worth every minute", "Anders Holm"),
    // Coordinated speakers are both named.
    ("Ana Ruiz and Pablo Soto said in a joint statement that they were \"satisfied with the outcome\".", "satisfied", "Ana Ruiz and Pablo Soto"),
    // A description keeps its own words, prepositional phrase included.
    ("\"The water came in the night,\" said a fisherman from the northern village.", "water came", "a fisherman from the northern village"),
    ("\"The water came in the night,\" a spokeswoman for the coast guard told reporters.", "water came", "a spokeswoman for the coast guard"),
    // A statement from an issuer is the issuer's.
    ("\"Two vessels were escorted out of the bay,\" according to a statement from the Danish navy.", "escorted out", "the Danish navy"),
    // A signature line and a colon ending the paragraph before.
    ("\"The sea gives and the sea takes.\" — Marta Silva\n\nThe festival ends on Sunday.", "sea gives", "Marta Silva"),
    ("Anders Holm said on Monday:\n\n\"We will hold the vote in May.\"", "hold the vote", "Anders Holm"),
    // A verb that is not one of saying ("responded") between the quote and "said".
    ("Ines Vidal said the police had responded quickly and that the crowd had been \"dispersed\".", "dispersed", "Ines Vidal"),
    // "he" after a speaker and a man talked about: the speaker.
    ("Union leader Karl Brandt left the talks early, and his deputy stayed.\n\nGovernor Pablo Soto said the city would fine Brandt if the strike went on. \"We will not let the harbour be held hostage,\" he told the council.", "held hostage", "Pablo Soto"),
    // A name starts after the last title word before it.
    ("\"The border stays open,\" European Union Trade Commissioner Ana Ruiz said.", "border stays open", "Ana Ruiz"),
];

#[test]
fn speakers_named_in_full() {
    let mut failures = Vec::new();
    for (text, q, name) in NAMED {
        let got = quotes(text);
        let ok = got
            .first()
            .is_some_and(|(gq, gn)| gq.contains(q) && gn.as_deref() == Some(*name));
        if !ok {
            failures.push(format!("{text:?}\n   want {q:?} {name:?}\n   got  {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn mention(
    d: &Doc,
    text: &str,
    nth: usize,
    kind: MentionKind,
    name: &str,
    code: Option<&str>,
) -> Mention {
    let start = d.text().match_indices(text).nth(nth).map(|m| m.0).unwrap();
    let span = Span::new(start, start + text.len());
    let code: Option<flashpoint_core::country::Code> = code.map(|c| c.parse().unwrap());
    Mention {
        span,
        sentence: d.sentence_at(start).unwrap_or(0),
        tokens: 0..0,
        kind,
        actor: ActorCode {
            code,
            country: code.map(|c| c.country),
            role: code.and_then(|c| c.role),
            name: (!name.is_empty()).then(|| name.to_string()),
        },
        implicit: false,
        entity: None,
    }
}

#[test]
fn speaker_resolved_through_mentions() {
    let text = "\"We will not leave Idlib to the regime,\" Erdogan said.";
    let mut d = doc(text);
    let m = mention(
        &d,
        "Erdogan",
        0,
        MentionKind::Person,
        "Recep Tayyip Erdogan",
        Some("TURGOV"),
    );
    d.mentions.push(m);
    Quotes.run(&mut d);
    let s = d.quotes[0].speaker.clone().unwrap();
    assert_eq!(s.name.as_deref(), Some("Recep Tayyip Erdogan"));
    assert_eq!(s.code.map(|c| c.to_string()).as_deref(), Some("TURGOV"));
    assert_eq!(d.slice(s.span), "Erdogan");
}

#[test]
fn longest_mention_wins() {
    let text =
        "\"We rejected the paper and the map,\" said Turkish President Recep Tayyip Erdogan.";
    let mut d = doc(text);
    let short = mention(&d, "Erdogan", 0, MentionKind::Person, "", Some("TURGOV"));
    let long = mention(
        &d,
        "Recep Tayyip Erdogan",
        0,
        MentionKind::Person,
        "Recep Tayyip Erdogan",
        Some("TURGOV"),
    );
    d.mentions.extend([short, long]);
    Quotes.run(&mut d);
    let s = d.quotes[0].speaker.clone().unwrap();
    assert_eq!(s.name.as_deref(), Some("Recep Tayyip Erdogan"));
    assert_eq!(d.slice(s.span), "Recep Tayyip Erdogan");
}

#[test]
fn pronoun_through_resolved_mention() {
    let text = "Putin met Erdogan in Moscow.\n\n\"We agreed on a new ceasefire,\" he said.";
    let mut d = doc(text);
    let p = mention(
        &d,
        "Putin",
        0,
        MentionKind::Person,
        "Vladimir Putin",
        Some("RUSGOV"),
    );
    let e = mention(
        &d,
        "Erdogan",
        0,
        MentionKind::Person,
        "Recep Tayyip Erdogan",
        Some("TURGOV"),
    );
    let he = mention(
        &d,
        "he",
        0,
        MentionKind::Pronoun,
        "Vladimir Putin",
        Some("RUSGOV"),
    );
    d.mentions.extend([p, e, he]);
    Quotes.run(&mut d);
    let s = d.quotes[0].speaker.clone().unwrap();
    assert_eq!(s.name.as_deref(), Some("Vladimir Putin"));
    assert_eq!(s.code.map(|c| c.to_string()).as_deref(), Some("RUSGOV"));
    assert_eq!(d.slice(s.span), "he");
}

/// Without the actor stage's reading, "he" is the subject of the sentence before, not its object
/// (it was the last person named before the tree).
#[test]
fn pronoun_prefers_the_last_subject() {
    let text = "Putin met Erdogan in Moscow.\n\n\"We agreed on a new ceasefire,\" he said.";
    let mut d = doc(text);
    let p = mention(
        &d,
        "Putin",
        0,
        MentionKind::Person,
        "Vladimir Putin",
        Some("RUSGOV"),
    );
    let e = mention(
        &d,
        "Erdogan",
        0,
        MentionKind::Person,
        "Recep Tayyip Erdogan",
        Some("RUSGOV"),
    );
    d.mentions.extend([p, e]);
    Quotes.run(&mut d);
    let s = d.quotes[0].speaker.clone().unwrap();
    assert_eq!(s.name.as_deref(), Some("Vladimir Putin"));
    assert_eq!(s.code.map(|c| c.to_string()).as_deref(), Some("RUSGOV"));
}

#[test]
fn pronoun_falls_back_to_last_speaker() {
    let got = quotes("\"We are ready,\" Kalin said.\n\nAnkara sent more troops.\n\n\"The regime must withdraw by March,\" he added.");
    assert_eq!(got[1].1.as_deref(), Some("Kalin"));
}

#[test]
fn unknown_name_has_no_code() {
    let text = "\"This is not a bluff at all,\" said Omer Ozkizilcik, an analyst.";
    let mut d = doc(text);
    Quotes.run(&mut d);
    let s = d.quotes[0].speaker.clone().unwrap();
    assert_eq!(s.name.as_deref(), Some("Omer Ozkizilcik"));
    assert_eq!(s.code, None);
    assert_eq!(d.slice(s.span), "Omer Ozkizilcik");
}

#[test]
fn spans_exclude_marks_and_ids_count_up() {
    let text = "“First quote has four words,” A said. \"Second quote has four words,\" B said.";
    let mut d = doc(text);
    Quotes.run(&mut d);
    assert_eq!(d.quotes.len(), 2);
    assert_eq!(d.slice(d.quotes[0].span), "First quote has four words");
    assert_eq!(d.quotes[0].id, 0);
    assert_eq!(d.quotes[1].id, 1);
}

#[test]
fn multi_paragraph_quote_is_one_quote() {
    let text =
        "\"We will not leave Idlib.\n\n\"We will not leave our soldiers there alone,\" Akar said.";
    let mut d = doc(text);
    Quotes.run(&mut d);
    assert_eq!(d.quotes.len(), 1);
    let q = d.slice(d.quotes[0].span);
    assert!(q.starts_with("We will not leave Idlib.") && q.ends_with("there alone"));
    assert_eq!(
        d.quotes[0].speaker.as_ref().unwrap().name.as_deref(),
        Some("Akar")
    );
}

proptest::proptest! {
    #[test]
    fn never_panics_and_spans_are_sound(s in "[a-zA-Z ,.:\"'“”‘’«»\n0-9é—-]{0,200}") {
        let mut d = doc(&s);
        Quotes.run(&mut d);
        for q in &d.quotes {
            proptest::prop_assert!(q.span.start <= q.span.end && q.span.end <= s.len());
            proptest::prop_assert!(s.is_char_boundary(q.span.start) && s.is_char_boundary(q.span.end));
            if let Some(sp) = &q.speaker {
                proptest::prop_assert!(sp.span.end <= s.len() && s.is_char_boundary(sp.span.start) && s.is_char_boundary(sp.span.end));
            }
        }
    }
}

/// (quote, speaker name, speaker code) with the real place and actor stages run first.
fn coded(text: &str) -> Vec<(String, Option<String>, Option<String>)> {
    use flashpoint_coder::actors::Actors;
    use flashpoint_coder::geo::Places;
    let mut d = doc(text);
    Places.run(&mut d);
    Actors::bundled().run(&mut d);
    Quotes.run(&mut d);
    d.quotes
        .iter()
        .map(|q| {
            let s = q.speaker.as_ref();
            (
                d.slice(q.span).to_string(),
                s.and_then(|s| s.name.clone()),
                s.and_then(|s| s.code.map(|c| c.to_string())),
            )
        })
        .collect()
}

/// Each case: text → (a substring of the first quote, the speaker's name exactly, its code).
const CODED: &[(&str, &str, &str, &str)] = &[
    ("\"We will not leave Idlib to the regime,\" the Turkish president, Recep Tayyip Erdogan, said.", "leave Idlib", "Recep Tayyip Erdogan", "TURGOV"),
    ("\"The regime must stop its offensive now,\" said U.S. envoy James Jeffrey.", "stop its offensive", "James Jeffrey", "USAGOV"),
    ("\"Turkish troops will remain at their posts,\" according to a statement from the Kremlin.", "remain at their posts", "the Kremlin", "RUSGOV"),
    ("\"The ceasefire must hold at all costs,\" a senior Turkish official told Reuters.", "ceasefire", "a senior Turkish official", "TURGOV"),
    ("\"We will not leave Idlib to the regime\" — Erdogan", "leave Idlib", "Recep Tayyip Erdogan", "TURGOV"),
    ("Erdogan said in a tweet: \"We will not leave Idlib to the regime.\"", "leave Idlib", "Recep Tayyip Erdogan", "TURGOV"),
    ("Erdogan warned on Wednesday:\n\n\"We will strike regime forces everywhere from now on.\"", "strike regime", "Recep Tayyip Erdogan", "TURGOV"),
    ("\"The road to a permanent ceasefire was long,\" said Stephanie Williams, the acting UN envoy for Libya, who mediated the talks.", "permanent ceasefire", "Stephanie Williams", "UNO"),
    ("\"The attack was a grave violation of the truce,\" Russia's foreign ministry said in a statement.", "grave violation", "Russia's foreign ministry", "RUSGOV"),
    ("\"The attack was a grave violation of the truce,\" according to the Russian foreign ministry.", "grave violation", "the Russian foreign ministry", "RUSGOV"),
    // "he" after a quote that talks about someone else: the person who was speaking.
    ("President Tayyip Erdogan said Turkey would not hesitate to act against Haftar if his attacks continued. \"We will not refrain from teaching the putschist Haftar the lesson he deserves,\" he told members of his party.", "putschist Haftar", "Recep Tayyip Erdogan", "TURGOV"),
    ("Abiy said in a statement that forces of the Tigray People's Liberation Front had attacked the army's Northern Command overnight. He said the TPLF had \"crossed the last red line\".", "last red line", "Abiy Ahmed", "ETHGOV"),
    // A surname re-mention takes the name and code of the titled first mention.
    // A role noun after a titled name; "it" after an organisation that spoke.
    ("Turkish President Recep Tayyip Erdogan arrived in Baku on Monday.\n\n\"We stand with our friends,\" the president said.", "stand with our friends", "Recep Tayyip Erdogan", "TURGOV"),
    ("The Russian foreign ministry said the envoy had been summoned.\n\n\"The talks are over for now,\" it added.", "talks are over", "The Russian foreign ministry", "RUSGOV"),
    ("The UN humanitarian chief Mark Lowcock said the crisis had reached a new level.\n\nLowcock said in a statement: \"The violence in north-west Syria is indiscriminate.\"", "indiscriminate", "Mark Lowcock", "UNO"),
];

#[test]
fn speakers_coded_through_actor_mentions() {
    let mut failures = Vec::new();
    for (text, q, name, code) in CODED {
        let got = coded(text);
        let ok = got.first().is_some_and(|(gq, gn, gc)| {
            gq.contains(q) && gn.as_deref() == Some(*name) && gc.as_deref() == Some(*code)
        });
        if !ok {
            failures.push(format!(
                "{text:?}\n   want {q:?} {name:?} {code:?}\n   got  {got:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
