//! How a sentence reports an act, read from the dependency tree: whether the act is what the
//! sentence tells or background to it, whose words tell it, and what those words make of it.
//!
//! Reads: the sentence's tree (through [`Roles`]), `data/lexicon/reports.tsv`, the verbs of saying
//! and "according to" of `quotes.tsv`.
//! Gives: for an act's head word, its rank (main or background), the reporting word over it
//! (alleged, denied, wanted; said), the sayer a pronoun stands for, whether it lies in an
//! attribution; for a sentence, the demands its verbs of saying make ("said X must …").
//!
//! An act's clause is found by climbing from its word through the edges that stay inside a
//! clause (objects, complements, coordination) to the first that leaves it: a relative or
//! participial clause (`relcl`, `acl`), an adverbial one (`advcl`), a preposition's clause
//! (`pcomp`), or a complement clause (`ccomp`) — the clause a verb of saying reports.

use super::roles::Roles;
use crate::lexicon::{lexicon, ReportWords};
use crate::tree::Tree;

/// How a clause reports the act inside it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Report {
    /// "claimed that", "alleged that": an accusation by the reporter.
    Alleged,
    /// "denied that", "rejected claims that": not asserted.
    Denied,
    /// "demanded that", "urged that", "hoped that": wanted, not done.
    Wanted,
}

fn words() -> &'static ReportWords {
    &lexicon().reports
}

/// Edges that leave a clause: climbing one from an act's word leaves the act's clause.
const CLAUSE_EDGES: &[&str] = &[
    "relcl",
    "acl",
    "advcl",
    "pcomp",
    "ccomp",
    "csubj",
    "parataxis",
];

/// The word heading the clause tree word `w` stands in: the first word up the tree that hangs on
/// another clause's word through a clause edge, or the root.
fn clause_head(t: &Tree, w: usize) -> usize {
    let mut n = w;
    for _ in 0..t.len() {
        if CLAUSE_EDGES.contains(&t.dep(n)) {
            return n;
        }
        match t.head(n) {
            Some(h) => n = h,
            None => return n,
        }
    }
    n
}

/// Whether tree word `w` is a verb of saying, by lemma or form.
pub(super) fn is_saying(t: &Tree, w: usize) -> bool {
    let q = &lexicon().quotes;
    q.reports(t.word(w)) || t.tag(w).starts_with("VB") && q.speech.contains(&t.lemma(w))
}

/// Whether verb `v` has an infinitive "to".
fn infinitive(t: &Tree, v: usize) -> bool {
    t.kids_with(v, &["aux"]).any(|a| t.tag(a) == "TO")
}

/// Whether clause verb `c` tells what someone wants rather than what is: the bare subjunctive
/// ("that the troops leave", "that he resign") or "should".
fn subjunctive(t: &Tree, c: usize) -> bool {
    let auxes: Vec<usize> = t.kids_with(c, &["aux", "auxpass"]).collect();
    let should = auxes
        .iter()
        .any(|&a| t.tag(a) == "MD" && words().obligation_modals.contains(t.lower(a)));
    // "that prisoners be freed": the passive's "be" carries the mood.
    let mood = auxes
        .iter()
        .find(|&&a| t.dep(a) == "auxpass")
        .map_or(c, |&a| a);
    let tensed_aux = auxes.iter().any(|&a| t.dep(a) == "aux" && a != mood);
    should || (bare(t, c, mood) && !tensed_aux)
}

/// Whether the verb word `v` of clause `c` is in its bare form: the tagger's base form, or a
/// present without the "-s" a singular third-person subject would ask for ("that he resign").
fn bare(t: &Tree, c: usize, v: usize) -> bool {
    let singular_third = |s: usize| match t.tag(s) {
        "NN" | "NNP" => true,
        "PRP" => t.feature(s, "Person") == Some("3") && t.feature(s, "Number") == Some("Sing"),
        _ => false,
    };
    match t.tag(v) {
        "VB" => true,
        "VBP" => t.kids_with(c, &["nsubj", "nsubjpass"]).any(singular_third),
        _ => false,
    }
}

/// Whether a complement clause `c` is finite (has a subject of its own): "claims that X attacked",
/// not "claims made by X".
fn finite(t: &Tree, c: usize) -> bool {
    t.kids_with(c, &["nsubj", "nsubjpass", "expl"])
        .next()
        .is_some()
}

/// The verb a noun phrase headed by `n` is an argument of ("rejected claims that …": rejected).
fn verb_over(t: &Tree, n: usize) -> Option<usize> {
    let mut w = n;
    for _ in 0..4 {
        let h = t.head(w)?;
        if t.is_verbal(h) {
            return Some(h);
        }
        if !matches!(t.dep(w), "pobj" | "prep" | "dobj" | "conj" | "appos") {
            return None;
        }
        w = h;
    }
    None
}

/// What the reporting word `h` makes of the clause `c` it governs.
fn report_of(t: &Tree, h: usize, c: usize) -> Option<Report> {
    let w = words();
    let lemma = t.lemma(h);
    // "rejected claims that …", "dismissed reports that …": a claim denied is denied.
    let noun = t.tag(h).starts_with("NN");
    if noun && verb_over(t, h).is_some_and(|v| w.denying.contains(&t.lemma(v))) {
        return Some(Report::Denied);
    }
    if w.alleging.contains(&lemma) {
        Some(Report::Alleged)
    } else if w.denying.contains(&lemma) {
        Some(Report::Denied)
    } else if w.wanting.contains(&lemma) || (w.mandative.contains(&lemma) && subjunctive(t, c)) {
        Some(Report::Wanted)
    } else {
        None
    }
}

/// The word whose complement clause holds the act headed by `head`, and that clause's verb: a
/// verb's `ccomp`, or a noun's finite `acl`/`ccomp` ("the claim that …").
fn reporting(t: &Tree, head: usize) -> Option<(usize, usize)> {
    let mut c = clause_head(t, head);
    // "urged that the league drop its plan to expand": a plan or purpose told inside a reported
    // clause is reported with it.
    for _ in 0..t.len() {
        if !(matches!(t.dep(c), "acl" | "advcl") && infinitive(t, c)) {
            break;
        }
        c = clause_head(t, t.head(c)?);
    }
    let h = t.head(c)?;
    match t.dep(c) {
        "ccomp" => Some((h, c)),
        "acl" if !infinitive(t, c) && finite(t, c) => Some((h, c)),
        _ => None,
    }
}

/// Whether the act headed by `head` sits in a clause that reports a charge, a denial or a wish:
/// "the UK claimed that Iran had attacked Oman", "Moscow denied its jets had bombed the
/// hospital", "rebels demanded that the government resign". Gives the reporting word and what
/// it makes of the act.
pub(super) fn reported(t: &Tree, head: usize) -> Option<(usize, Report)> {
    let (h, c) = reporting(t, head)?;
    report_of(t, h, c).map(|r| (h, r))
}

/// The verb of saying whose clause holds the act headed by `head` ("Lula said Israel was
/// committing genocide", "… was committing genocide, Lula said").
pub(super) fn said_by(t: &Tree, head: usize) -> Option<usize> {
    let (h, _) = reporting(t, head)?;
    is_saying(t, h).then_some(h)
}

/// Who says or charges through the reporting word `w`: a verb's subject (or the agent of its
/// passive), a noun's possessor or "by" phrase ("Haiti's allegations that").
pub(super) fn sayers(r: &Roles, w: usize) -> Vec<usize> {
    let t = r.tree();
    let own = r.read(w, t.span(w)).sources;
    if !own.is_empty() || !t.tag(w).starts_with("NN") {
        return own;
    }
    // "pressed its demand that …": the noun's verb says whose it is.
    verb_over(t, w).map_or_else(Vec::new, |v| r.read(v, t.span(v)).sources)
}

/// For a pronoun at tree word `w` that is the subject of a clause a verb of saying reports ("the
/// union announced that it has called off the strike"), the mentions of that verb's sayer.
pub(super) fn reporter_of(r: &Roles, w: usize) -> Vec<usize> {
    let t = r.tree();
    if !matches!(t.dep(w), "nsubj" | "nsubjpass") {
        return Vec::new();
    }
    match t.head(w).and_then(|v| reporting(t, v)) {
        Some((h, _)) if is_saying(t, h) => r.read(h, t.span(h)).sources,
        _ => Vec::new(),
    }
}

/// Whether the act headed by `head` is part of an attribution ("… according to a report
/// submitted to the council"): where the news came from, not news.
pub(super) fn in_attribution(t: &Tree, head: usize) -> bool {
    let source = &lexicon().quotes.source;
    let mut n = head;
    for _ in 0..t.len() {
        let Some(h) = t.head(n) else { return false };
        if t.dep(n) == "pobj" && t.dep(h) == "prep" {
            if let Some(a) = t.head(h) {
                if source.contains(t.lower(a), t.lower(h)) {
                    return true;
                }
            }
        }
        n = h;
    }
    false
}

/// Whether the act headed by `head` is background to what the sentence reports: told in a
/// relative clause ("whom they had taken hostage"), a passive participle or a complement on a noun
/// ("a plane seized by", "an admission that its troops had killed"), an adverbial clause (",
/// killing eight", "after troops crossed the border"), a background preposition's clause or object
/// ("after crossing", "after the strikes"), or a that-clause no verb of saying reports. A purpose
/// or a plan ("sent troops to help", "a plan to invade") and an active participle on a noun ("a
/// resolution condemning the raid") are as main as the clause they hang in; a clause of contrast
/// ("…, while Britain welcomed it") and what a verb of saying reports are main.
pub(super) fn background(t: &Tree, head: usize) -> bool {
    let mut n = head;
    for _ in 0..t.len() {
        let c = clause_head(t, n);
        if after_background_prep(t, n, c) {
            return true;
        }
        match clause_kind(t, c) {
            Some(kind) => return kind,
            None => match t.head(c) {
                Some(h) => n = h,
                None => return false,
            },
        }
    }
    false
}

/// Whether a word on the way from `w` up to its clause's head `c` is the object of a background
/// preposition ("after the strikes", "because of fighting between …").
fn after_background_prep(t: &Tree, w: usize, c: usize) -> bool {
    let preps = &words().background_preps;
    let mut n = w;
    for _ in 0..t.len() {
        if n == c {
            return false;
        }
        let Some(h) = t.head(n) else { return false };
        if t.dep(n) == "pobj" && preps.contains(t.lower(h)) {
            return true;
        }
        n = h;
    }
    false
}

/// What the clause headed by `c` is: background (`Some(true)`), a main report (`Some(false)`), or
/// as main as the clause it hangs in (`None`).
fn clause_kind(t: &Tree, c: usize) -> Option<bool> {
    let w = words();
    let marked_by =
        |set: &crate::lexicon::WordSet| t.kids_with(c, &["mark"]).any(|m| set.contains(t.lower(m)));
    let Some(h) = t.head(c) else {
        return Some(false);
    };
    match t.dep(c) {
        "relcl" => Some(true),
        "acl" if t.tag(c) == "VBN" || finite(t, c) => Some(true),
        "acl" => None,
        "advcl"
            if infinitive(t, c)
                || t.tag(c) == "VBG" && t.kids_with(c, &["mark"]).next().is_none() =>
        {
            None
        }
        "advcl" => Some(!marked_by(&w.contrast_marks)),
        "pcomp" if w.background_preps.contains(t.lower(h)) => Some(true),
        "pcomp" => None,
        "ccomp" if is_saying(t, h) => Some(false),
        "ccomp" if t.kids_with(c, &["mark"]).next().is_some() => Some(true),
        "ccomp" => None,
        _ => Some(false),
    }
}

/// A demand a sentence makes: by `source` on `target` (mentions), told by the tree words `words`
/// (first and last).
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Demand {
    pub words: (usize, usize),
    pub source: usize,
    pub target: usize,
}

/// The demands the tree words `sentence` make: a word of demanding whose clause names a party
/// ("demanded that the cabinet resign", "its demand that the army withdraw"), and a verb of saying
/// whose clause says a party must act ("Russia said Sudan must return the helicopter").
pub(super) fn demands(r: &Roles, sentence: std::ops::Range<usize>) -> Vec<Demand> {
    let t = r.tree();
    let w = words();
    let mut out = Vec::new();
    for d in sentence {
        let lemma = t.lemma(d);
        for c in t.kids_with(d, &["ccomp", "acl"]) {
            if !finite(t, c) || infinitive(t, c) {
                continue;
            }
            // The words that tell it: the demanding word with its "that", the verb of saying
            // through the modal.
            let (last, sources) = if w.demanding.contains(&lemma)
                || (w.mandative.contains(&lemma) && subjunctive(t, c))
            {
                let mark = t.kids_with(c, &["mark"]).find(|&m| m == d + 1);
                (mark.unwrap_or(d), sayers(r, d))
            } else if is_saying(t, d) {
                match obligation(t, c) {
                    Some(o) => (o, r.read(d, t.span(d)).sources),
                    None => continue,
                }
            } else {
                continue;
            };
            let Some(&source) = sources.first() else {
                continue;
            };
            for target in demanded_of(r, c) {
                if target != source {
                    out.push(Demand {
                        words: (d.min(last), d.max(last)),
                        source,
                        target,
                    });
                }
            }
        }
    }
    out
}

/// Whom a demand with clause verb `c` is made on: the parties its subject names, else the first
/// party inside the subject's phrase ("demanded that control of the ministry be handed over").
fn demanded_of(r: &Roles, c: usize) -> Vec<usize> {
    let parties = r.subject_parties(c);
    if !parties.is_empty() {
        return parties;
    }
    let t = r.tree();
    let subject = t.kids_with(c, &["nsubj", "nsubjpass"]).next();
    let Some(s) = subject else {
        return Vec::new();
    };
    let (a, b) = t.extent(s, &|k| CLAUSE_EDGES.contains(&t.dep(k)));
    (a..=b).find_map(|w| r.mention_of(w)).into_iter().collect()
}

/// The word that makes clause verb `c` an obligation: a modal on it ("must return"), or the
/// clause verb itself when it takes an infinitive ("has to return", "needs to").
fn obligation(t: &Tree, c: usize) -> Option<usize> {
    let w = words();
    let modal = t
        .kids_with(c, &["aux"])
        .find(|&a| t.tag(a) == "MD" && w.obligation_modals.contains(t.lower(a)));
    modal.or_else(|| {
        let has_to = w.obligation_verbs.contains(&t.lemma(c))
            && t.kids_with(c, &["xcomp"]).any(|x| infinitive(t, x));
        has_to.then_some(c)
    })
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    /// Runs `f` on the tree of `text` (one sentence) and the word spelled `word`.
    fn on_word<R>(text: &str, word: &str, f: impl Fn(&Tree, usize) -> R) -> R {
        let doc = super::super::testing::run(text, "2024-05-06");
        let ann = doc.syntax.as_ref().expect("the model ran");
        let t = Tree::new(ann, &doc.lower);
        let w = (0..t.len())
            .find(|&i| t.lower(i) == word)
            .unwrap_or_else(|| panic!("no {word} in {text}"));
        f(&t, w)
    }

    fn report(text: &str, word: &str) -> Option<Report> {
        on_word(text, word, |t, w| reported(t, w).map(|r| r.1))
    }

    #[test]
    fn clauses_of_charges_denials_and_wishes() {
        let claimed = "The ministry claimed that the militia had shelled the village.";
        assert_eq!(report(claimed, "shelled"), Some(Report::Alleged));
        let said = "The ministry said that the militia had shelled the village.";
        assert_eq!(report(said, "shelled"), None);
        let denied = "The navy denied on Friday that its boats had rammed the trawler.";
        assert_eq!(report(denied, "rammed"), Some(Report::Denied));
        let bare = "The navy denied its boats had rammed the trawler.";
        assert_eq!(report(bare, "rammed"), Some(Report::Denied));
        let wanted = "The strikers demanded that the company reinstate the sacked workers.";
        assert_eq!(report(wanted, "reinstate"), Some(Report::Wanted));
        let plan = "The fans urged that the owners drop their plan to build a new ground.";
        assert_eq!(report(plan, "build"), Some(Report::Wanted));
        let rejected = "The army rejected claims that its drones had struck the market.";
        assert_eq!(report(rejected, "struck"), Some(Report::Denied));
    }

    #[test]
    fn insisting_is_wanting_only_in_the_subjunctive() {
        let wish = "The union insisted that the company withdraw the new rota.";
        assert_eq!(report(wish, "withdraw"), Some(Report::Wanted));
        let claim = "The union insisted that the company had withdrawn the new rota.";
        assert_eq!(report(claim, "withdrawn"), None);
    }

    #[test]
    fn acts_said_by_someone() {
        let before = "The envoy said the guards were beating the prisoners.";
        assert!(on_word(before, "beating", |t, w| said_by(t, w).is_some()));
        let own = "The guards were beating the prisoners.";
        assert!(on_word(own, "beating", |t, w| said_by(t, w).is_none()));
    }

    #[test]
    fn attributions_are_not_news() {
        let text = "The mayor resigned, according to a letter sent to the council on Monday.";
        assert!(on_word(text, "sent", in_attribution));
        assert!(!on_word(text, "resigned", in_attribution));
    }

    /// (source country, target country, CAMEO code) of every event coded in `text`.
    fn events(text: &str) -> Vec<(String, String, String)> {
        super::super::testing::dyads(text, "2024-05-06")
    }

    /// Whether `text` is coded with an event from `source` to `target` whose code starts with
    /// `root` (countries as written in the output).
    pub(in crate::events) fn has(text: &str, source: &str, target: &str, root: &str) -> bool {
        let found = events(text);
        let hit = found
            .iter()
            .any(|(s, t, c)| s == source && t == target && c.starts_with(root));
        if !hit {
            eprintln!("{text}\n  coded {found:?}, wanted {source}->{target} {root}");
        }
        hit
    }

    #[test]
    fn saying_another_must_act_is_a_demand_on_it() {
        assert!(has(
            "Ghana said on Friday that Togo must reopen the border crossing.",
            "GHA",
            "TGO",
            "100"
        ));
        assert!(has(
            "Ghana demanded that Togo reopen the border crossing.",
            "GHA",
            "TGO",
            "100"
        ));
    }

    #[test]
    fn an_allegation_is_an_accusation_by_its_author() {
        assert!(has(
            "Chad alleged that Sudanese troops had shelled a border village.",
            "TCD",
            "SDN",
            "112"
        ));
        let denied = events("Sudan denied that its troops had shelled the village in Chad.");
        assert!(
            denied.iter().all(|(_, _, c)| !c.starts_with("19")),
            "{denied:?}"
        );
    }

    #[test]
    fn a_pronoun_a_verb_of_saying_reports_is_the_sayer() {
        assert!(has(
            "Mali announced on Monday that it had expelled the French ambassador.",
            "MLI",
            "FRA",
            "1"
        ));
    }

    #[test]
    fn background_clauses() {
        let relative = "Police freed the hostages whom the gang had kidnapped in May.";
        assert!(on_word(relative, "kidnapped", background));
        assert!(!on_word(relative, "freed", background));
        let after = "Police arrested the men after they looted a shop.";
        assert!(on_word(after, "looted", background));
        let object = "Police arrested the men after the looting of a shop.";
        assert!(on_word(object, "looting", background));
        let inside = "Police came after the gang signed a pact ending the feud.";
        assert!(on_word(inside, "ending", background));
        let active = "The council passed a motion condemning the mayor.";
        assert!(!on_word(active, "condemning", background));
        let when = "Police arrested the men when they looted a shop.";
        assert!(on_word(when, "looted", background));
        // A participle of result tells another act of the subject, as main as its verb.
        let participle = "The gang fired on the convoy, wounding two guards.";
        assert!(!on_word(participle, "wounding", background));
        let said = "The mayor said on Tuesday that police had arrested the men.";
        assert!(!on_word(said, "arrested", background));
        let purpose = "The city sent officers to arrest the men.";
        assert!(!on_word(purpose, "arrest", background));
    }
}
