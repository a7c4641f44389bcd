//! `flashpoint explain`: the decisions the event coder takes, recorded by the coder itself while it
//! codes, not by a second reading beside it.
//!
//! The coder holds a [`Recorder`] per sentence. Off (the normal run) it is `None` and every call
//! returns at once without building its note; on, it appends to the sentence's [`SentenceTrace`]:
//! each trigger match with the steps taken on it ([`Step`]), and what the sentence's final
//! selection removed ([`Removal`]). Reasons are enums with a Display, so tests check them by value.

use super::modality::Class;
use crate::cameo::Cameo;
use crate::doc::{Doc, Event, EventActor, Modality};
use crate::span::Span;
use std::cell::RefCell;
use std::fmt::{self, Display, Write};

/// What the coder decided, sentence by sentence (indexed by sentence).
#[derive(Debug, Default)]
pub struct EventTrace {
    pub sentences: Vec<SentenceTrace>,
}

#[derive(Debug, Default, Clone)]
pub struct SentenceTrace {
    pub triggers: Vec<TriggerTrace>,
    /// Events the sentence's selection, or the story's, left out.
    pub removed: Vec<(String, Removal)>,
    /// Events that got their target from the story after every sentence was coded.
    pub linked: Vec<(String, Reader)>,
}

/// One trigger match and what became of it.
#[derive(Debug, Clone)]
pub struct TriggerTrace {
    /// The matched words.
    pub words: String,
    pub span: Span,
    /// The pattern's code.
    pub code: Option<Cameo>,
    /// The pattern as written in the dictionary.
    pub pattern: String,
    pub nominal: bool,
    pub steps: Vec<Step>,
}

impl TriggerTrace {
    /// Why the trigger was dropped, if it was.
    pub fn dropped(&self) -> Option<DropReason> {
        self.steps.iter().find_map(|s| match s {
            Step::Dropped(d) => Some(*d),
            _ => None,
        })
    }

    /// The events the trigger gave, as (source, target, code).
    pub fn candidates(&self) -> impl Iterator<Item = (&str, &str, Cameo)> {
        self.steps.iter().filter_map(|s| match s {
            Step::Candidate {
                source,
                target,
                code,
            } => Some((source.as_str(), target.as_str(), *code)),
            _ => None,
        })
    }
}

/// A decision taken on one trigger, in the order the coder takes them.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// A control word governs the act ("vowed to", "refused to").
    Governed {
        word: String,
        class: Class,
    },
    /// The trigger is itself the control word governing another act, which tells the sentence.
    Consumed {
        by: String,
    },
    /// A negation before the trigger or its governor.
    Negated,
    /// The code or modality changed, and the rule that changed it.
    Recoded {
        code: Cameo,
        modality: Modality,
        rule: Rule,
    },
    Dropped(DropReason),
    Rank(Rank),
    /// The act's doers, and which reader gave them.
    Sources(Reader, Vec<String>),
    /// Whom the act is aimed at, and which reader gave them.
    Targets(Reader, Vec<String>),
    /// A target left out, and why.
    TargetRemoved(String, TargetFilter),
    /// An event the trigger gave (before the sentence's selection).
    Candidate {
        source: String,
        target: String,
        code: Cameo,
    },
}

/// Why a trigger gives no event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DropReason {
    /// "did not attack".
    Negated,
    /// "failed to attack": a negating control word on a non-cooperative act.
    NegatingGovernor,
    /// A control word whose own pattern names the act ("refused to meet") has told it.
    ToldByGovernor,
    /// Hypothetical or conditional ("could", "if").
    Hypothetical,
    /// Reported as denied.
    ReportedDenied,
    /// A bare statement (CAMEO 01), which carries no PLOVER event.
    Statement,
    /// Inside an attribution ("according to").
    InAttribution,
    /// A participle describing a noun ("the occupied territories").
    Describing,
    /// No particular act ("any attack").
    Nonspecific,
    /// A habit, not an event ("regularly shells").
    Habitual,
    /// Counterfactual ("would have attacked").
    Counterfactual,
    /// The purpose of another act ("sent troops to fight").
    InPurpose,
    /// The tree's modal makes it hypothetical.
    ModalHypothetical,
    /// The clause is reported as denied ("denied that it had bombed").
    DeniedReport,
    /// The clause is what someone wants done ("demanded that they withdraw").
    WantedReport,
    /// Asked for by a request ("urged X to stop").
    Requested,
    /// A meeting with no one to meet.
    NoCounterpart,
    /// No coded party does it.
    NoCodedSource,
}

/// A rule that set a trigger's code or modality.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// A control word of this class governs the act.
    Governor(Class),
    /// Not doing a cooperative act one was asked or meant to do is refusing it.
    RefusedCooperation,
    /// "failed to reach an agreement": no agreement, a rejection.
    FailedCooperation,
    /// Preparing force is a show of it.
    PreparingForce,
    /// An infinitive nobody governs: a purpose or a request.
    UngovernedInfinitive,
    /// "… unless": an ultimatum is a threat.
    Ultimatum,
    /// "if …": a condition.
    Conditional,
    /// The tree's modal ("will, after the vote, resign").
    TreeModal,
    /// A killing told by the weapon that did it.
    Weapon,
    /// An allegation is an accusation by its author.
    Allegation,
    /// Mass violence said of another party is a charge.
    Charge,
    /// Exercises two countries hold together are cooperation.
    JointDrill,
    /// The code an act takes for the kind of actor doing it.
    DoerRole,
}

/// Where an act stands in its sentence; only the best rank found is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rank {
    Main,
    Nominal,
    Subordinate,
}

impl Rank {
    pub(super) fn of(rank: u8) -> Rank {
        match rank {
            0 => Rank::Main,
            1 => Rank::Nominal,
            _ => Rank::Subordinate,
        }
    }
}

/// Which reading gave an act's parties.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    /// The dependency tree's roles.
    Tree,
    /// "we" in a quote: the speaker.
    Speaker,
    /// "it" that names no one: whoever said it.
    Reporter,
    /// The other side of the fight an agentless act happened in.
    DoersInEvent,
    /// Unknown attackers where a weapon's attack happened.
    WeaponPlace,
    /// A crowd that protests: protesters of the country.
    CrowdSubject,
    /// An arrest nobody is named for: the police of the country.
    AgentlessArrest,
    /// The author of an allegation or charge.
    Sayer,
    /// A complaint is aimed at whom it is about.
    About,
    /// Owners of the thing acted on.
    Owners,
    /// The doers of an act named again, or the sides of the conflict told.
    EarlierParties,
    /// Home, the place acted on or struck, or whom a condition names.
    Unnamed,
    /// The country the story is about.
    StoryCountry,
    /// Forces shown at home: the country the story is in.
    ForcesAtHome,
    /// A judgement's reading (description or feeling).
    Judgement,
    /// A statement that another party must act.
    Demand,
    /// A rejection answers the latest offer or demand made to its side.
    Offer,
    /// A demand, criticism or threat is addressed to the other party just spoken of.
    Addressee,
}

/// Why a target was left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetFilter {
    /// A state organ only the article's places gave a country: the actor's own side.
    ImplicitOwnState,
    /// A doer of the event the act happened in.
    DoerInEvent,
    /// "warned that Turkey would": the speaker's own state.
    SpeakersState,
    /// No country, the source itself, or its own state in a joint act.
    OwnOrUncoded,
    /// The forces a state shows are its means.
    OwnForces,
    /// "accused each other".
    EachOther,
    /// A joint act's parties are each other's counterpart.
    JointAct,
}

/// Why the sentence's or the story's selection left an event out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Removal {
    /// A statement a judgement already tells.
    ToldByJudgement,
    /// The sentence has an act of a better rank.
    WorseRank,
    /// One act per actor per clause: the actor's other act tells the sentence.
    OneActPerActor,
    /// The same act in the same words told earlier in the story.
    RepeatedInStory,
    /// Aimed at no one the text names (kept only with `include_undirected`).
    NoTarget,
}

/// The handle the coder writes through: `None` when nobody listens.
#[derive(Clone, Copy)]
pub(super) struct Recorder<'t>(Option<&'t RefCell<SentenceTrace>>);

impl<'t> Recorder<'t> {
    pub fn new(cell: Option<&'t RefCell<SentenceTrace>>) -> Recorder<'t> {
        Recorder(cell)
    }

    pub fn on(&self) -> bool {
        self.0.is_some()
    }

    /// Open the trace of match `mi` (matches are opened in order).
    pub fn trigger(&self, mi: usize, make: impl FnOnce() -> TriggerTrace) {
        if let Some(cell) = self.0 {
            let mut t = cell.borrow_mut();
            if t.triggers.len() == mi {
                t.triggers.push(make());
            }
        }
    }

    /// Record a step taken on match `mi`.
    pub fn step(&self, mi: usize, make: impl FnOnce() -> Step) {
        if let Some(cell) = self.0 {
            if let Some(t) = cell.borrow_mut().triggers.get_mut(mi) {
                t.steps.push(make());
            }
        }
    }

    /// Record the targets `reader` found for match `mi`, when it found any.
    pub fn found_targets(&self, mi: usize, reader: Reader, names: impl FnOnce() -> Vec<String>) {
        if self.on() {
            let names = names();
            if !names.is_empty() {
                self.step(mi, || Step::Targets(reader, names));
            }
        }
    }

    /// Record that `rule` (if any) set match `mi`'s code and modality.
    pub fn recoded(&self, mi: usize, code: Cameo, modality: Modality, rule: Option<Rule>) {
        if let Some(rule) = rule {
            self.step(mi, || Step::Recoded {
                code,
                modality,
                rule,
            });
        }
    }

    /// Record the sentence's events that no trigger match told (demands, judgements) as entries
    /// of their own, read by `reader`.
    pub fn extra(&self, doc: &Doc, reader: Reader, events: &[Event]) {
        let Some(cell) = self.0 else {
            return;
        };
        for e in events {
            let name =
                |a: &Option<EventActor>| a.as_ref().map_or("-".into(), |a| actor_name(doc, a));
            cell.borrow_mut().triggers.push(TriggerTrace {
                words: doc.slice(e.trigger).to_string(),
                span: e.trigger,
                code: Some(e.cameo),
                pattern: reader.to_string(),
                nominal: false,
                steps: vec![Step::Candidate {
                    source: name(&e.source),
                    target: name(&e.target),
                    code: e.cameo,
                }],
            });
        }
    }

    /// `v.retain(keep)`, recording each target `keep` leaves out, named by `name`, with `why`.
    pub fn retain<T>(
        &self,
        mi: usize,
        v: &mut Vec<T>,
        why: TargetFilter,
        name: impl Fn(&T) -> String,
        mut keep: impl FnMut(&T) -> bool,
    ) {
        v.retain(|t| {
            let k = keep(t);
            if !k {
                self.step(mi, || Step::TargetRemoved(name(t), why));
            }
            k
        });
    }

    /// Record that the selection removed event `e`.
    pub fn removed(&self, doc: &Doc, e: &Event, why: Removal) {
        if let Some(cell) = self.0 {
            cell.borrow_mut().removed.push((summary(doc, e), why));
        }
    }
}

/// An actor as the trace prints it: its code, else its text.
pub(super) fn actor_name(doc: &Doc, a: &EventActor) -> String {
    match &a.actor.code {
        Some(code) => code.to_string(),
        None => format!("«{}»", doc.slice(a.span)),
    }
}

/// A mention as the trace prints it.
pub(super) fn mention_name(doc: &Doc, i: usize) -> String {
    let m = &doc.mentions[i];
    match &m.actor.code {
        Some(code) => format!("{code} «{}»", doc.slice(m.span)),
        None => format!("«{}»", doc.slice(m.span)),
    }
}

/// An event in one line: source -> target code «trigger».
pub(super) fn summary(doc: &Doc, e: &Event) -> String {
    let side = |a: &Option<EventActor>| a.as_ref().map_or("-".to_string(), |a| actor_name(doc, a));
    format!(
        "{} -> {} {} «{}»",
        side(&e.source),
        side(&e.target),
        e.cameo,
        doc.slice(e.trigger)
    )
}

impl Display for DropReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DropReason::Negated => "negated",
            DropReason::NegatingGovernor => "governed by a negating word (failed to, stopped)",
            DropReason::ToldByGovernor => "the governing word's own pattern tells the act",
            DropReason::Hypothetical => "hypothetical or conditional",
            DropReason::ReportedDenied => "reported as denied",
            DropReason::Statement => "a bare statement (01), no PLOVER event",
            DropReason::InAttribution => "inside an attribution",
            DropReason::Describing => "a participle describing a noun",
            DropReason::Nonspecific => "no particular act (nonspecific)",
            DropReason::Habitual => "habitual",
            DropReason::Counterfactual => "counterfactual",
            DropReason::InPurpose => "the purpose of another act",
            DropReason::ModalHypothetical => "the tree's modal makes it hypothetical",
            DropReason::DeniedReport => "in a clause reported as denied",
            DropReason::WantedReport => "in a clause of what is wanted or demanded",
            DropReason::Requested => "asked for, not done",
            DropReason::NoCounterpart => "a meeting with no counterpart",
            DropReason::NoCodedSource => "no coded party does it",
        })
    }
}

impl Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rule::Governor(class) => write!(f, "governed ({})", class_name(*class)),
            other => f.write_str(match other {
                Rule::RefusedCooperation => "a cooperative act not done is refused",
                Rule::FailedCooperation => "failing a cooperative act is rejecting it",
                Rule::PreparingForce => "preparing force is a show of force",
                Rule::UngovernedInfinitive => "an infinitive nobody governs",
                Rule::Ultimatum => "an ultimatum (unless)",
                Rule::Conditional => "a condition (if)",
                Rule::TreeModal => "the tree's modal",
                Rule::Weapon => "a killing told by its weapon",
                Rule::Allegation => "an allegation is an accusation",
                Rule::Charge => "mass violence said of another is a charge",
                Rule::JointDrill => "exercises held together",
                Rule::DoerRole => "the code for who does it",
                Rule::Governor(_) => "",
            }),
        }
    }
}

fn class_name(class: Class) -> &'static str {
    match class {
        Class::Threat => "threat",
        Class::Intent => "intent",
        Class::Reject => "reject",
        Class::Negate => "negate",
        Class::Hypothetical => "hypothetical",
        Class::Denied => "denied",
        Class::Aspect => "aspect",
    }
}

impl Display for Rank {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Rank::Main => "main clause",
            Rank::Nominal => "nominal",
            Rank::Subordinate => "subordinate",
        })
    }
}

impl Display for Reader {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Reader::Tree => "tree roles",
            Reader::Speaker => "the quote's speaker",
            Reader::Reporter => "who said it",
            Reader::DoersInEvent => "the other side of the event",
            Reader::WeaponPlace => "unknown attackers where it happened",
            Reader::CrowdSubject => "a crowd subject: protesters",
            Reader::AgentlessArrest => "an agentless arrest: police",
            Reader::Sayer => "who alleged or charged it",
            Reader::About => "whom the complaint is about",
            Reader::Owners => "the owners of the thing acted on",
            Reader::EarlierParties => "parties of an act told earlier",
            Reader::Unnamed => "home, place or condition",
            Reader::StoryCountry => "the story's country",
            Reader::ForcesAtHome => "forces shown at home",
            Reader::Judgement => "judgement",
            Reader::Demand => "demand",
            Reader::Offer => "the offer it answers",
            Reader::Addressee => "the other party just spoken of",
        })
    }
}

impl Display for TargetFilter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TargetFilter::ImplicitOwnState => "the actor's own state, placed by the article",
            TargetFilter::DoerInEvent => "a doer of the event",
            TargetFilter::SpeakersState => "the speaker's own state",
            TargetFilter::OwnOrUncoded => "uncoded, the source itself, or its own state",
            TargetFilter::OwnForces => "the actor's own forces",
            TargetFilter::EachOther => "each other",
            TargetFilter::JointAct => "a joint act's parties",
        })
    }
}

impl Display for Removal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Removal::ToldByJudgement => "told by a judgement",
            Removal::WorseRank => "a better-ranked act tells the sentence",
            Removal::OneActPerActor => "one act per actor",
            Removal::RepeatedInStory => "told before in the story",
            Removal::NoTarget => "aimed at no one named (undirected)",
        })
    }
}

impl Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Step::Governed { word, class } => {
                write!(f, "governed by {word:?} ({})", class_name(*class))
            }
            Step::Consumed { by } => write!(f, "gives way to the act it governs: {by:?}"),
            Step::Negated => f.write_str("negated"),
            Step::Recoded {
                code,
                modality,
                rule,
            } => write!(f, "code {code}, {}: {rule}", modality_name(*modality)),
            Step::Dropped(d) => write!(f, "DROPPED: {d}"),
            Step::Rank(r) => write!(f, "rank: {r}"),
            Step::Sources(r, a) => write!(f, "sources ({r}): {}", a.join(", ")),
            Step::Targets(r, a) => write!(f, "targets ({r}): {}", a.join(", ")),
            Step::TargetRemoved(a, why) => write!(f, "target {a} left out: {why}"),
            Step::Candidate {
                source,
                target,
                code,
            } => write!(f, "candidate {source} -> {target} {code}"),
        }
    }
}

fn modality_name(m: Modality) -> &'static str {
    match m {
        Modality::Asserted => "asserted",
        Modality::Threatened => "threatened",
        Modality::Intended => "intended",
        Modality::Hypothetical => "hypothetical",
        Modality::ReportedDenied => "reported_denied",
    }
}

impl EventTrace {
    /// The trace of sentence `si`, made when first asked for.
    pub(super) fn sentence_mut(&mut self, si: usize) -> &mut SentenceTrace {
        if self.sentences.len() <= si {
            self.sentences.resize_with(si + 1, SentenceTrace::default);
        }
        &mut self.sentences[si]
    }

    /// The trace of sentence `si` as lines for `flashpoint explain`.
    pub fn write_sentence(&self, si: usize, out: &mut String) {
        let Some(s) = self.sentences.get(si) else {
            return;
        };
        for t in &s.triggers {
            let code = t.code.map_or("-".to_string(), |c| c.to_string());
            let kind = if t.nominal { "n" } else { "v" };
            let _ = writeln!(
                out,
                "    trigger {:?} = {code} {kind} {:?}",
                t.words, t.pattern
            );
            for step in &t.steps {
                let _ = writeln!(out, "      {step}");
            }
        }
        for (event, reader) in &s.linked {
            let _ = writeln!(out, "    linked {event}: target from {reader}");
        }
        for (event, why) in &s.removed {
            let _ = writeln!(out, "    removed {event}: {why}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Article;

    fn traced(text: &str) -> (Doc, flashpoint_core::Trace) {
        let article = Article {
            id: "t".into(),
            text: text.into(),
            published: "2024-03-05".parse().ok(),
            ..Article::default()
        };
        let mut trace = flashpoint_core::Trace::default();
        let doc = crate::standard().run_traced(article, &mut trace);
        (doc, trace)
    }

    fn events(trace: &flashpoint_core::Trace) -> &EventTrace {
        trace
            .get::<EventTrace>()
            .expect("the events stage writes its trace")
    }

    /// The trace of the trigger whose matched words are `words` in sentence 0.
    fn trigger<'a>(trace: &'a flashpoint_core::Trace, words: &str) -> &'a TriggerTrace {
        let s = &events(trace).sentences[0];
        s.triggers
            .iter()
            .find(|t| t.words == words)
            .unwrap_or_else(|| panic!("no trigger {words:?} in {:#?}", s.triggers))
    }

    #[test]
    fn a_planned_attack_is_told_as_a_threat_by_its_governor() {
        let (doc, trace) =
            traced("The Chilean army plans to attack Bolivian border posts next week.");
        let t = trigger(&trace, "attack");
        assert!(
            t.steps.contains(&Step::Governed {
                word: "plans".into(),
                class: Class::Intent
            }),
            "{t:#?}"
        );
        let recoded = t.steps.iter().find_map(|s| match s {
            Step::Recoded {
                code,
                modality,
                rule,
            } => Some((*code, *modality, *rule)),
            _ => None,
        });
        let (code, modality, rule) = recoded.expect("recoded");
        assert_eq!((code.root(), modality), (13, Modality::Threatened));
        assert_eq!(rule, Rule::Governor(Class::Intent));
        assert!(t.candidates().all(|(_, _, c)| c.is_root(13)), "{t:#?}");
        assert!(doc.events.iter().all(|e| !e.cameo.is_violent()));
    }

    #[test]
    fn a_purpose_is_dropped_as_not_done() {
        let (doc, trace) = traced("Officials said Kenyan troops were sent to fight the rebels.");
        let t = trigger(&trace, "fight");
        assert!(
            t.steps.iter().any(|s| matches!(
                s,
                Step::Recoded {
                    rule: Rule::UngovernedInfinitive,
                    ..
                }
            )),
            "{t:#?}"
        );
        assert_eq!(t.dropped(), Some(DropReason::Hypothetical));
        assert!(doc.events.iter().all(|e| !e.cameo.is_root(19)));
    }

    #[test]
    fn a_negated_act_is_dropped_as_negated() {
        let (doc, trace) = traced("Uganda did not attack Kenya on Monday.");
        let t = trigger(&trace, "attack");
        assert!(t.steps.contains(&Step::Negated), "{t:#?}");
        assert_eq!(t.dropped(), Some(DropReason::Negated));
        assert_eq!(t.candidates().count(), 0);
        assert!(doc.events.is_empty(), "{:?}", doc.events);
    }

    #[test]
    fn a_control_verb_gives_way_to_the_act_it_governs() {
        let (doc, trace) =
            traced("Uruguay promised to investigate the shooting of Brazilian farmers.");
        let promised = trigger(&trace, "promised");
        assert!(
            promised.steps.contains(&Step::Consumed {
                by: "investigate".into()
            }),
            "{promised:#?}"
        );
        assert_eq!(promised.candidates().count(), 0);
        let act = trigger(&trace, "investigate");
        assert!(act.steps.contains(&Step::Rank(Rank::Main)), "{act:#?}");
        let kept: Vec<Cameo> = act.candidates().map(|(_, _, c)| c).collect();
        assert!(kept.iter().all(|c| c.is_root(3)), "{act:#?}");
        // The shooting is the investigation's object, not something Uruguay did: it names no
        // doer and is not coded.
        let shooting = trigger(&trace, "shooting");
        assert!(
            shooting
                .steps
                .contains(&Step::Dropped(DropReason::NoCodedSource)),
            "{shooting:#?}"
        );
        assert!(
            doc.events.iter().all(|e| e.cameo.is_root(3)),
            "{:?}",
            doc.events
        );
    }

    #[test]
    fn a_kept_event_shows_its_readers_and_candidate() {
        let (doc, trace) = traced("Chilean troops shelled Bolivian positions on Monday.");
        let t = trigger(&trace, "shelled");
        assert_eq!(t.dropped(), None, "{t:#?}");
        assert!(t.steps.contains(&Step::Rank(Rank::Main)), "{t:#?}");
        assert!(
            t.steps
                .iter()
                .any(|s| matches!(s, Step::Sources(Reader::Tree, a) if !a.is_empty())),
            "{t:#?}"
        );
        let (source, target, code) = t.candidates().next().expect("a candidate");
        assert!(
            source.starts_with("CHL") && target.starts_with("BOL"),
            "{t:#?}"
        );
        assert!(events(&trace).sentences[0].removed.is_empty());
        assert!(doc.events.iter().any(|e| e.cameo == code));
        let text = crate::events::explain::explain(&doc, &trace);
        assert!(text.contains("trigger \"shelled\""), "{text}");
        assert!(text.contains("EVENT CHL"), "{text}");
    }

    #[test]
    fn tracing_does_not_change_what_is_coded() {
        let text = "Uruguay promised to investigate the shooting of Brazilian farmers. \
                    Uganda did not attack Kenya on Monday, but Kenyan police arrested 20 people.";
        let (traced_doc, _) = traced(text);
        let plain = crate::standard().run(Article {
            id: "t".into(),
            text: text.into(),
            published: "2024-03-05".parse().ok(),
            ..Article::default()
        });
        assert_eq!(traced_doc.events, plain.events);
    }

    #[test]
    fn every_reason_reads_as_words() {
        let reasons = [
            DropReason::Negated,
            DropReason::NegatingGovernor,
            DropReason::ToldByGovernor,
            DropReason::Hypothetical,
            DropReason::InPurpose,
            DropReason::WantedReport,
            DropReason::NoCodedSource,
        ];
        let shown: Vec<String> = reasons.iter().map(ToString::to_string).collect();
        assert!(shown.iter().all(|s| !s.is_empty() && !s.contains("::")));
        let mut unique = shown.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), shown.len());
        assert_eq!(Removal::OneActPerActor.to_string(), "one act per actor");
    }
}
