//! The event stage: who did what to whom, per sentence.
//!
//! `triggers` finds the verb and noun patterns, `modality` decides whether the act happened (or was
//! threatened, intended, refused, denied, negated), `roles` reads source and target from the
//! dependency tree, `reports` how the sentence tells it (main or background; alleged, denied,
//! wanted, said by whom; the demands its verbs of saying make), `dates` dates it. Acts that did
//! not happen are left out; threats and intentions get their own codes. `words` holds the words
//! of a sentence that trigger matching and dates read.

mod actor;
mod antecedents;
mod codes;
pub mod dates;
mod doer_codes;
pub mod explain;
mod judgements;
mod links;
pub mod modality;
pub mod owners;
mod places;
mod reports;
mod roles;
mod targets;
#[cfg(test)]
mod testing;
pub mod trace;
pub mod triggers;
pub mod words;

use crate::cameo::Cameo;
use crate::doc::{Doc, Event, EventActor, MentionKind, Modality, TokenKind};
use crate::lexicon::phrases::key;
use crate::pipeline::{Layer, Stage};
use crate::role::Role;
use actor::{mention_actor, speaker_actor};
use links::{link_addressees, link_rejections};
use modality::{Class, Condition, Governor, ModalityRules};
use places::{event_place, focus_place};
use targets::unnamed_target;
use trace::{DropReason, EventTrace, Reader, Recorder, Removal, Rule, Step, TargetFilter};
use triggers::Triggers;
use words::Words;

/// One act per actor per sentence: the first trigger an actor is the source of (preferring one
/// with another party as target) is the sentence's statement about it; other triggers with the
/// same source are mostly elaboration ("…, killing eight", "and said it would …"). Every event
/// of a kept trigger stays (all its dyads).
///
/// An act's place (clause, coordinated verb) and the country of one of its sources.
type ActorInAct = ((usize, Option<usize>), Option<crate::Country>);

/// Clauses joined by "but" or ";" are separate statements: `breaks` holds where they begin.
/// Coordinated verbs are separate acts too (`act` names the one a trigger belongs to).
fn one_act_per_actor(
    events: Vec<Event>,
    breaks: &[usize],
    act: &dyn Fn(crate::Span) -> Option<usize>,
) -> Vec<Event> {
    let clause = |e: &Event| {
        (
            breaks.iter().filter(|&&b| b <= e.trigger.start).count(),
            act(e.trigger),
        )
    };
    let country = |e: &Event| (clause(e), e.source.as_ref().and_then(|s| s.actor.country));
    // A target the sentence names, not one inferred from the story (whose span is the trigger's).
    let foreign = |e: &Event| {
        let named = e.target.as_ref().is_some_and(|t| t.span != e.trigger);
        let target = e.target.as_ref().and_then(|t| t.actor.country);
        named && target.is_some() && target != country(e).1
    };
    // Triggers in text order, those that name another party first ("warned that Turkey would
    // strike Syrian forces" is better told by the strike on Syria than by the bare warning).
    let mut triggers: Vec<crate::Span> = Vec::new();
    for e in &events {
        if !triggers.contains(&e.trigger) {
            triggers.push(e.trigger);
        }
    }
    // … then those that name anyone ("insisted on its demands that Burundi's government …").
    let rank = |t: &crate::Span| {
        let told = || events.iter().filter(move |e| e.trigger == *t);
        if told().any(&foreign) {
            0
        } else if told().any(|e| e.target.as_ref().is_some_and(|t| t.span != e.trigger)) {
            1
        } else {
            2
        }
    };
    triggers.sort_by_key(rank);
    let mut kept_triggers: Vec<crate::Span> = Vec::new();
    let mut used: Vec<ActorInAct> = Vec::new();
    for t in triggers {
        let sources: Vec<ActorInAct> = events
            .iter()
            .filter(|o| o.trigger == t)
            .map(country)
            .collect();
        if !sources.iter().any(|s| used.contains(s)) {
            kept_triggers.push(t);
            used.extend(sources);
        }
    }
    events
        .into_iter()
        .filter(|e| kept_triggers.contains(&e.trigger))
        .collect()
}

/// How sure a reading is: each word a pattern's gap skipped, a nominal act, a passive, and a
/// doer only the verb a noun hangs on names make it less so. A nominal act read that way does
/// not stand beside the acts of its clause (`Events::sentence`).
fn confidence(m: &triggers::Match, nominal: bool, p: &roles::Parties) -> f32 {
    let mut c = 0.9 - 0.05 * m.skipped as f32;
    if nominal {
        c -= 0.1;
    }
    if p.passive {
        c -= 0.1;
    }
    if nominal && p.doer_from_verb {
        c -= 0.2;
    }
    c
}

/// The verb whose act a trigger tells: climbing from the trigger's head, the first verb that is
/// coordinated with another ("condemned the coup and demanded …"), else the clause's root. A trigger inside another's
/// complement ("warned that it would strike") belongs to that act.
fn coordinated_act(tree: &crate::tree::Tree, span: crate::Span) -> Option<usize> {
    let words = tree.tokens_in(span.start, span.end);
    let inside = |i: usize| words.contains(&i);
    let mut n = words.clone().find(|&i| !tree.head(i).is_some_and(inside))?;
    for _ in 0..tree.len() {
        let own = tree.dep(n) == "conj" && tree.is_verbal(n);
        match tree.head(n) {
            Some(h) if !own => n = h,
            _ => return Some(n),
        }
    }
    Some(n)
}

/// Whether the noun headed by tree word `w` tells the means of the act headed by `head`: it lies
/// in the act's subject ("a car bomb killed two soldiers"), its agent or a phrase of means after
/// it ("were killed by a roadside bomb", "died in a car bomb explosion") — not in a clause of its
/// own ("the man who planted the bomb killed …"); or it is what a relative pronoun subject stands
/// for ("a bombing that killed 22").
fn told_by_means(t: &crate::tree::Tree, head: usize, w: usize) -> bool {
    let preps = &crate::lexicon::lexicon().roles.means_of_death;
    // "a car bombing that killed 22 people": the relative pronoun stands for the weapon.
    let relative_subject = t
        .kids_with(head, &["nsubj"])
        .any(|s| matches!(t.tag(s), "WDT" | "WP"));
    if t.dep(head) == "relcl" && t.head(head) == Some(w) && relative_subject {
        return true;
    }
    let mut n = w;
    for _ in 0..t.len() {
        let Some(h) = t.head(n) else { return false };
        if h == head {
            // "killed two soldiers in a gunbattle": with an object, an "in" phrase is the
            // setting of the killing, not its means.
            let object = t.kids_with(head, &["dobj"]).next().is_some();
            return match t.dep(n) {
                "nsubj" => true,
                "agent" => true,
                "prep" => !object && preps.contains(t.lower(n)),
                _ => false,
            };
        }
        if matches!(t.dep(n), "relcl" | "acl" | "advcl" | "ccomp" | "conj") {
            return false;
        }
        n = h;
    }
    false
}

/// A news outlet named as such ("told AFP", "Reuters reported") is a channel, not a party.
fn is_news_agency(m: &crate::doc::Mention) -> bool {
    m.kind == MentionKind::Name && m.actor.role == Some(Role::Med)
}

/// Root codes of acts two parties do together: a compound subject with no object is both sides.
/// Not intentions (03): what several promise, each promises to someone else ("pledged troops").
fn is_joint(code: Cameo) -> bool {
    matches!(code.root(), 4 | 6) || code.is_under(codes::SIGN_AGREEMENT)
}

/// Acts done with someone rather than to them: meeting, phoning, negotiating. "X met Y" is
/// also Y meeting X; a visit (042) or hosting (043) has a direction.
pub(super) fn is_reciprocal(code: Cameo) -> bool {
    codes::RECIPROCAL.contains(&code)
}

/// Organs of a state: the state itself, its government, forces, police, intelligence,
/// legislature and courts.
fn state_organ(a: &EventActor) -> bool {
    a.actor.role.is_none_or(Role::is_state_organ)
}

/// Whether two actors are one party: the same code, or two organs of one state ("Iran" and the
/// Iranian government). A government and its rebels or protesters are two.
fn one_side(a: &EventActor, b: &EventActor) -> bool {
    a.actor.code == b.actor.code
        || (a.actor.country == b.actor.country && state_organ(a) && state_organ(b))
}

/// Whether two actors are one: the same code, or a state and its government ("Iran … Tehran's
/// programme"), which news names in turn.
fn the_state_itself(a: &EventActor, b: &EventActor) -> bool {
    let state = |x: &EventActor| matches!(x.actor.role, None | Some(Role::Gov));
    a.actor.code == b.actor.code || (a.actor.country == b.actor.country && state(a) && state(b))
}

/// Fighting or diplomacy between the parties of a compound subject ("Thai and Cambodian soldiers
/// exchanged fire", "the two restored ties") when no one else is named as the target.
fn is_mutual(code: Cameo) -> bool {
    // "Saudi Arabia and Iran restored ties" is each to the other, as is a firefight; praise or
    // support several voice (051–053) is for someone else.
    codes::MUTUAL_FIGHTING.contains(&code)
        || codes::MUTUAL_DIPLOMACY.iter().any(|&c| code.is_under(c))
}

/// "Finland condemned the bombing": an act named again is aimed at whoever did it; "urged both
/// sides": at the two sides of the conflict the story told.
fn earlier_parties(at: &Sentence, aimed: &[usize], sources: &[EventActor]) -> Vec<EventActor> {
    let Some(r) = at.roles.as_ref() else {
        return Vec::new();
    };
    for &w in aimed {
        let found = if r.both_sides(w) {
            antecedents::sides(at.prior, sources)
        } else {
            match r.referent(w) {
                Some(roles::Referent::Act(noun)) => antecedents::doers(at.prior, &noun, sources),
                Some(roles::Referent::Deed) => antecedents::deed_doers(at.prior, sources),
                None => Vec::new(),
            }
        };
        if !found.is_empty() {
            return found;
        }
    }
    Vec::new()
}

/// The judgements the sentence passes ("called the raid an act of aggression"), one event per
/// judge and judged.
fn judgement_events(at: &Sentence) -> Vec<Event> {
    let Some(r) = at.roles.as_ref() else {
        return Vec::new();
    };
    let (doc, si) = (at.doc, at.si);
    let sentence = doc.sentences[si].span;
    let words = r.tree().tokens_in(sentence.start, sentence.end);
    let toks = doc.sentence_tokens(si);
    let mut out = Vec::new();
    for j in judgements::find(doc, r, words, at.prior) {
        let trigger = r.tree().span(j.word);
        let at_token = toks.partition_point(|t| t.span.end <= trigger.start);
        for s in &j.sources {
            for t in &j.targets {
                out.push(plain_event(
                    at,
                    at_token,
                    trigger,
                    j.code,
                    s.clone(),
                    t.clone(),
                ));
            }
        }
    }
    out
}

/// An asserted event with both parties, told at token `at_token` of the sentence by `trigger`.
fn plain_event(
    at: &Sentence,
    at_token: usize,
    trigger: crate::Span,
    code: Cameo,
    source: EventActor,
    target: EventActor,
) -> Event {
    let (date, date_precision, historical) = at.date_at(at_token);
    Event {
        sentence: at.si,
        place: event_place(at, trigger, &source, Some(&target)).or_else(|| at.focus_place.clone()),
        source: Some(source),
        target: Some(target),
        cameo: code,
        trigger,
        negated: false,
        modality: Modality::Asserted,
        date,
        date_precision,
        historical,
        quote_id: None,
        confidence: 0.6,
    }
}

/// A match once its governing words are read: the code it takes and whose act it is.
struct Planned {
    /// Index of the match.
    mi: usize,
    code: Cameo,
    modality: Modality,
    /// Where the act's subject is looked for: the control word's position when one governs it.
    subject_at: usize,
    /// The act is done together (agree, meet), so a compound subject is each other's party.
    joint_act: bool,
    /// Fighting or diplomacy that is mutual between the parties of a compound subject.
    joint_mutual: bool,
}

/// Dependency labels that open a clause of its own: a date inside one dates that clause.
const CLAUSE_DEPS: &[&str] = &[
    "ccomp",
    "xcomp",
    "advcl",
    "relcl",
    "acl",
    "parataxis",
    "csubj",
    "conj",
];

/// The sentences of a story's lead: headline, dateline and first paragraph's opening.
const LEAD_SENTENCES: usize = 3;

/// What the story's earlier sentences established, for the sentences after them.
struct Story<'a> {
    /// The article's main place.
    focus_place: &'a Option<crate::doc::Place>,
    /// The last day a sentence dated ("on Sunday"), see [`dates::story_day`].
    day: Option<crate::Date>,
}

/// One sentence being coded.
struct Sentence<'a> {
    doc: &'a Doc,
    si: usize,
    matches: Vec<triggers::Match>,
    /// Per match: a verb pattern the tagger reads as a noun or an adjective.
    noun_use: Vec<bool>,
    date_mentions: Vec<dates::DateMention>,
    /// The day the story's earlier sentences told of, for acts this one does not date.
    story_day: Option<crate::Date>,
    /// The article's main place, where an event's own sentence names none.
    focus_place: &'a Option<crate::doc::Place>,
    /// The sentence's tree with its mentions, when the model ran.
    roles: Option<roles::Roles<'a>>,
    /// The events of the story's earlier sentences.
    prior: &'a [Event],
    /// Where the coder's decisions are written, when someone listens (`flashpoint explain`).
    rec: Recorder<'a>,
}

impl Sentence<'_> {
    /// The model's tree, when the model ran.
    fn tree(&self) -> Option<&crate::tree::Tree<'_>> {
        self.roles.as_ref().map(|r| r.tree())
    }

    /// The date of an act told at token `at`, its precision, and whether it is history.
    fn date_at(&self, at: usize) -> (Option<crate::Date>, Option<crate::doc::DatePrecision>, bool) {
        let published = self.doc.article.published;
        let own = self.own_clause_dates(at);
        let mentions = if own.is_empty() {
            &self.date_mentions[..]
        } else {
            &own[..]
        };
        match dates::event_date(mentions, at, self.story_day, published) {
            Some((d, p, h)) => (Some(d), Some(p), h),
            None => (None, None, false),
        }
    }

    /// Where the sentence dates more than one thing, the dates of the act's own clause ("said on
    /// Monday that the rebels attacked on Sunday": Sunday for the attack, Monday for the
    /// statement); empty where the tree tells none apart, and the nearest date is taken.
    fn own_clause_dates(&self, at: usize) -> Vec<dates::DateMention> {
        let (Some(roles), true) = (self.roles.as_ref(), self.date_mentions.len() > 1) else {
            return Vec::new();
        };
        let t = roles.tree();
        let toks = self.doc.sentence_tokens(self.si);
        let word = |i: usize| toks.get(i).and_then(|k| t.token_at(k.span.start));
        let Some(act) = word(at) else {
            return Vec::new();
        };
        let Some(clause) = roles.clause_verb_of(act) else {
            return Vec::new();
        };
        // The act's words up to its clause's verb: a nominal act's own date ("the raids last
        // Friday") is its date too.
        let mut own = vec![act];
        while let Some(h) = t.head(own[own.len() - 1]).filter(|_| own.len() < t.len()) {
            if own.contains(&h) || own[own.len() - 1] == clause {
                break;
            }
            own.push(h);
        }
        // Up from the date to the act's verb, through prepositions only: a date under another
        // noun dates that ("the uprising of 2011"), one in a clause of its own dates that clause.
        let in_clause = |date: usize| {
            let mut w = date;
            for _ in 0..t.len() {
                if own.contains(&w) {
                    return true;
                }
                let noun = w != date && t.tag(w).starts_with("NN");
                if noun || CLAUSE_DEPS.contains(&t.dep(w)) {
                    return false;
                }
                match t.head(w) {
                    Some(h) if h != w => w = h,
                    _ => return false,
                }
            }
            false
        };
        self.date_mentions
            .iter()
            .filter(|m| word(m.at).is_some_and(in_clause))
            .copied()
            .collect()
    }
}

pub struct Events {
    triggers: &'static Triggers,
    rules: ModalityRules,
    /// Keep hypothetical and denied acts (flagged by `modality`) in the output.
    pub include_hypothetical: bool,
    /// Keep acts with no target (see `pipeline::Options::include_undirected`).
    pub include_undirected: bool,
}

impl Events {
    pub fn bundled() -> Events {
        Events {
            triggers: Triggers::bundled(),
            rules: ModalityRules::bundled(),
            include_hypothetical: false,
            include_undirected: false,
        }
    }
}

impl Stage for Events {
    fn name(&self) -> &'static str {
        "events"
    }

    fn requires(&self) -> &'static [Layer] {
        &[
            Layer::Text,
            Layer::Sentences,
            Layer::Syntax,
            Layer::Places,
            Layer::Mentions,
            Layer::Quotes,
        ]
    }

    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Events]
    }

    fn run(&self, doc: &mut Doc) {
        self.code(doc, None);
    }

    fn run_traced(&self, doc: &mut Doc, trace: &mut flashpoint_core::Trace) {
        self.code(doc, Some(trace.record::<EventTrace>()));
    }
}

impl Events {
    /// Code every sentence's events, writing each decision into `trace` when one is given.
    fn code(&self, doc: &mut Doc, mut trace: Option<&mut EventTrace>) {
        let mut events = Vec::new();
        let focus = focus_place(doc);
        let mut story = Story {
            focus_place: &focus,
            day: None,
        };
        let tree = doc
            .syntax
            .as_ref()
            .map(|a| crate::tree::Tree::new(a, &doc.lower));
        for si in 0..doc.sentences.len() {
            let cell = trace
                .is_some()
                .then(|| std::cell::RefCell::new(trace::SentenceTrace::default()));
            let rec = Recorder::new(cell.as_ref());
            self.sentence(doc, tree.as_ref(), si, &mut story, &mut events, rec);
            if let (Some(t), Some(cell)) = (trace.as_deref_mut(), cell) {
                *t.sentence_mut(si) = cell.into_inner();
            }
        }
        let targeted =
            |events: &[Event]| -> Vec<bool> { events.iter().map(|e| e.target.is_some()).collect() };
        let before = trace.is_some().then(|| targeted(&events));
        link_rejections(&mut events);
        let between = trace.is_some().then(|| targeted(&events));
        link_addressees(doc, &mut events);
        if let (Some(t), Some(before), Some(between)) = (trace.as_deref_mut(), before, between) {
            for (i, e) in events
                .iter()
                .enumerate()
                .filter(|(i, e)| !before[*i] && e.target.is_some())
            {
                let reader = if between[i] {
                    Reader::Offer
                } else {
                    Reader::Addressee
                };
                t.sentence_mut(e.sentence)
                    .linked
                    .push((trace::summary(doc, e), reader));
            }
        }
        // Who did what to whom: an act aimed at no one the text names is no relation between
        // parties, unless the user asks for one-sided acts too.
        if !self.include_undirected {
            events.retain(|e| {
                let directed = e.target.is_some();
                if let Some(t) = trace.as_deref_mut().filter(|_| !directed) {
                    let note = (trace::summary(doc, e), Removal::NoTarget);
                    t.sentence_mut(e.sentence).removed.push(note);
                }
                directed
            });
        }
        // One event per story: the same act told twice in the same words (a headline and its
        // lead) is kept once, where first told. Another account of it ("Kalin said they rejected
        // it" and "Ankara rejected the offer") is a separate report and stays.
        let mut seen = std::collections::HashSet::new();
        events.retain(|e: &Event| {
            let side = |a: &Option<EventActor>| a.as_ref().and_then(|a| a.actor.code);
            let words = doc.lower_slice(e.trigger).to_string();
            let fresh = seen.insert((side(&e.source), side(&e.target), e.cameo, e.date, words));
            if let Some(t) = trace.as_deref_mut().filter(|_| !fresh) {
                let note = (trace::summary(doc, e), Removal::RepeatedInStory);
                t.sentence_mut(e.sentence).removed.push(note);
            }
            fresh
        });
        if doc.article.published.is_none() && !events.is_empty() {
            doc.warnings
                .push("no publication date: relative dates left unresolved".to_string());
        }
        doc.events = events;
    }
}

impl Events {
    fn sentence<'a, 's: 'a>(
        &self,
        doc: &'a Doc,
        tree: Option<&'a crate::tree::Tree<'a>>,
        si: usize,
        story: &mut Story<'s>,
        out: &mut Vec<Event>,
        rec: Recorder<'a>,
    ) {
        let (view, matches) = self.read(doc, tree, si);
        let toks = doc.sentence_tokens(si);
        // Verb patterns the tagger reads as a noun or an adjective tell their act as a noun.
        let noun_use: Vec<bool> = matches
            .iter()
            .map(|m| {
                tree.is_some_and(|t| {
                    t.token_at(toks[m.start].span.start)
                        .is_some_and(|w| modality::noun_use(t, w))
                })
            })
            .collect();
        if rec.on() {
            for (mi, m) in matches.iter().enumerate() {
                let p = &self.triggers.patterns[m.pattern];
                let span = toks[m.start].span.cover(toks[m.end - 1].span);
                rec.trigger(mi, || trace::TriggerTrace {
                    words: doc.slice(span).to_string(),
                    span,
                    code: p.code,
                    pattern: p.text.to_string(),
                    nominal: p.nominal,
                    steps: Vec::new(),
                });
            }
        }
        let candidates: Vec<usize> = view.mentions.iter().map(|m| m.0).collect();
        let roles = tree.map(|t| roles::Roles::new(t, doc, si, &candidates));
        let (planned, consumed) = self.plan(&view, toks, roles.as_ref(), &matches, &noun_use, rec);
        let date_mentions = dates::find(&view.keys, doc.article.published);
        // A story states its day in its lead; a date told further down is background to it.
        if story.day.is_none() && si < LEAD_SENTENCES {
            story.day = dates::story_day(&date_mentions, doc.article.published);
        }
        let at = Sentence {
            noun_use,
            roles,
            doc,
            si,
            date_mentions,
            story_day: story.day,
            matches,
            focus_place: story.focus_place,
            prior: out,
            rec,
        };
        // Rank: 0 an act of the main clause, 1 a nominal one, 2 one in a subordinate part. Only
        // the best rank found is kept: background acts ("whom they had taken hostage") make way.
        let mut found: Vec<(u8, Event)> = Vec::new();
        for p in planned.into_iter().filter(|p| !consumed[p.mi]) {
            found.extend(self.code_act(&at, p));
        }
        let demands = self.demands(&at);
        rec.extra(doc, Reader::Demand, &demands);
        found.extend(demands.into_iter().map(|e| (0, e)));
        let judged = judgement_events(&at);
        rec.extra(doc, Reader::Judgement, &judged);
        // "described the vote as illegal" is told by the judgement, not as a plain statement.
        found.retain(|(_, e)| {
            let told = e.cameo.is_root(1)
                && judged
                    .iter()
                    .any(|j| e.trigger.overlaps(j.trigger) && e.source == j.source);
            if told {
                rec.removed(doc, e, Removal::ToldByJudgement);
            }
            !told
        });
        found.extend(judged.into_iter().map(|e| (0, e)));
        // An act aimed at no one, which no later link can aim, will not be reported: it tells
        // the sentence to nobody and makes way for none.
        if !self.include_undirected {
            found.retain(|(_, e)| {
                let kept = e.target.is_some() || links::may_link(e);
                if !kept {
                    rec.removed(doc, e, Removal::NoTarget);
                }
                kept
            });
        }
        let best = found.iter().map(|(r, _)| *r).min();
        // A nominal act whose actor is named right on it ("repelled a Russian assault", "a deadly
        // Israeli raid") stands beside the main clause when that actor did nothing else there.
        let main_sources: Vec<Option<crate::Country>> = found
            .iter()
            .filter(|(r, _)| Some(*r) == best)
            .map(|(_, e)| e.source.as_ref().and_then(|s| s.actor.country))
            .collect();
        let events: Vec<Event> = found
            .into_iter()
            .filter(|(r, e)| {
                let keep = Some(*r) == best
                    || (*r == 1
                        && e.confidence >= 0.75
                        && !main_sources
                            .contains(&e.source.as_ref().and_then(|s| s.actor.country)));
                if !keep {
                    rec.removed(doc, e, Removal::WorseRank);
                }
                keep
            })
            .map(|(_, e)| e)
            .collect();
        let breaks: Vec<usize> = doc
            .sentence_tokens(si)
            .iter()
            .filter(|t| matches!(doc.lower_slice(t.span), "but" | ";"))
            .map(|t| t.span.start)
            .collect();
        let act = |span: crate::Span| tree.and_then(|t| coordinated_act(t, span));
        let before = rec.on().then(|| events.clone());
        let kept = one_act_per_actor(events, &breaks, &act);
        for e in before.iter().flatten().filter(|e| !kept.contains(e)) {
            rec.removed(doc, e, Removal::OneActPerActor);
        }
        out.extend(kept);
    }

    /// A sentence's words, with its trigger matches (none inside a name).
    fn read<'a>(
        &'a self,
        doc: &'a Doc,
        tree: Option<&crate::tree::Tree>,
        si: usize,
    ) -> (Words<'a>, Vec<triggers::Match>) {
        let base = doc.sentences[si].tokens.start;
        let toks = doc.sentence_tokens(si);
        let view = Words {
            keys: toks.iter().map(|t| key(doc.lower_slice(t.span))).collect(),
            is_word: toks
                .iter()
                .map(|t| matches!(t.kind, TokenKind::Word | TokenKind::Number))
                .collect(),
            mentions: doc
                .mentions_of(si)
                // Uncoded names can be neither source nor target; an unresolved "we" may still be a
                // quote's speaker.
                .filter(|(_, m)| {
                    m.sentence == si
                        && (m.actor.code.is_some() || m.kind == MentionKind::Pronoun)
                        && !is_news_agency(m)
                })
                .map(|(i, m)| (i, m.tokens.start - base, m.tokens.end - base))
                .collect(),
        };
        // A pattern word inside a name is no trigger: "United States" does not "state".
        let in_name = |t: usize| {
            let span = toks[t].span;
            doc.mentions[doc.mention_range(si, si)].iter().any(|m| {
                // Role nouns may carry a trigger ("Israeli tank shelling"); names may not.
                m.sentence == si
                    && !matches!(m.kind, MentionKind::Pronoun | MentionKind::Agent)
                    && m.span.contains(span)
            }) || doc
                .places_of(si)
                .iter()
                .any(|p| p.sentence == si && p.span.contains(span))
        };
        // Pattern heads match on the tagger's lemma and class; where the model has not read a
        // token (no model loaded), on its form. A hyphenated compound is one word to the
        // patterns ("cease-fire", "long-range", "rebel-held"), as patterns write it: matched or
        // skipped whole, never by one of its parts ("held" in "rebel-held" holds nothing).
        let spans: Vec<crate::Span> = toks.iter().map(|t| t.span).collect();
        let words = crate::segment::hyphen_words(doc.text(), &spans);
        let word_keys: Vec<std::borrow::Cow<str>> = words
            .iter()
            .map(|w| key(doc.lower_slice(spans[w.start].cover(spans[w.end - 1]))))
            .collect();
        let tokens: Vec<triggers::Token> = words
            .iter()
            .zip(&word_keys)
            .map(|(w, key)| triggers::Token {
                key,
                is_word: view.is_word[w.start],
                reading: tree.and_then(|tree| {
                    triggers::reading(tree, spans[w.start].cover(spans[w.end - 1]))
                }),
            })
            .collect();
        // Back to sentence tokens.
        let at = |w: usize| words.get(w).map_or(toks.len(), |r| r.start);
        let mut matches = self.triggers.find(&tokens);
        for m in &mut matches {
            m.start = at(m.start);
            m.end = at(m.end);
            for g in &mut m.gaps {
                *g = (at(g.0), at(g.1));
            }
        }
        matches.retain(|m| !in_name(m.start) && !self.triggers.patterns[m.pattern].is_stop());
        (view, matches)
    }

    /// What each match is, once the words that govern it are read: its code and modality, and
    /// which matches gave way to the act they govern.
    fn plan(
        &self,
        view: &Words,
        toks: &[crate::doc::Token],
        roles: Option<&roles::Roles>,
        matches: &[triggers::Match],
        noun_use: &[bool],
        rec: Recorder,
    ) -> (Vec<Planned>, Vec<bool>) {
        // Control verbs that are triggers themselves ("threatened", "refused") give way to the act
        // they govern; remember which matches were consumed that way.
        let mut consumed = vec![false; matches.len()];
        let mut planned = Vec::new();
        // The sentence token a tree word starts in.
        let token_of = |t: &crate::tree::Tree, w: usize| {
            let start = t.span(w).start;
            toks.iter()
                .position(|k| k.span.start <= start && start < k.span.end)
        };
        for (mi, m) in matches.iter().enumerate() {
            let pattern = &self.triggers.patterns[m.pattern];
            let Some(mut code) = pattern.code else {
                continue;
            };
            let mut modality = Modality::Asserted;
            // The act's modality read from the tree; its governor as a sentence token.
            let words = toks[m.start].span.cover(toks[m.end - 1].span);
            let read = roles
                .and_then(|r| {
                    let reading = self.rules.read(r.tree(), r.head_of(words)?);
                    let governor = reading.governor.and_then(|g| {
                        let at = token_of(r.tree(), g.at)?;
                        Some(Governor { at, ..g })
                    });
                    Some(modality::Reading {
                        governor,
                        ..reading
                    })
                })
                .unwrap_or_default();
            let governor = read.governor;
            // "refused to meet Jordan's visiting king": a control word whose own pattern already
            // names the act it governs ("refuse to meet") has said it; later words are its detail.
            if let Some(g) = governor {
                if matches.iter().any(|o| o.start == g.at && o.end > g.at + 2) {
                    rec.step(mi, || Step::Dropped(DropReason::ToldByGovernor));
                    continue;
                }
            }
            if let Some(g) = governor {
                rec.step(mi, || Step::Governed {
                    word: view.keys[g.at].to_string(),
                    class: g.class,
                });
            }
            let negated = read.negated;
            if negated {
                rec.step(mi, || Step::Negated);
            }
            let mut subject_at = m.start;
            if let Some(g) = governor {
                subject_at = g.at;
                // Only a trigger headed by the control word gives way ("threatened"); a longer one
                // that merely contains it ("signed an agreement to end the war") stands.
                if let Some(ci) = matches.iter().position(|o| o.start == g.at) {
                    consumed[ci] = true;
                    rec.step(ci, || Step::Consumed {
                        by: view.keys[m.start..m.end].join(" "),
                    });
                }
            }
            // Acts one can refuse to do: agree, meet, support, cooperate, aid, yield. Not asking
            // for something ("did not seek escalation") is no refusal of anything.
            let cooperative = (3..=8).contains(&code.root());
            // … but a meeting, cooperation or aid that did not happen ("have never met", "had not
            // supplied weapons") is no refusal unless it was wanted or promised.
            let answer = !matches!(code.root(), 4 | 6 | 7);
            // Whether the act itself is done together (agree, meet), whatever became of it.
            let joint_act = is_joint(code);
            let joint_mutual = is_mutual(code);
            let rule = match governor.map(|g| g.class) {
                // "will not accept", "did not agree": refusing a cooperative act is rejecting it.
                Some(Class::Intent) if negated && cooperative => {
                    (code, modality) = self.rules.apply(Class::Reject, code);
                    Some(Rule::RefusedCooperation)
                }
                None if negated && cooperative && answer => {
                    (code, modality) = self.rules.apply(Class::Reject, code);
                    Some(Rule::RefusedCooperation)
                }
                // "failed to reach an agreement": no agreement — a rejection, for cooperative acts.
                Some(Class::Negate) if !negated && cooperative => {
                    (code, modality) = self.rules.apply(Class::Reject, code);
                    Some(Rule::FailedCooperation)
                }
                _ if negated => {
                    rec.step(mi, || Step::Dropped(DropReason::Negated));
                    continue;
                }
                Some(Class::Negate) => {
                    rec.step(mi, || Step::Dropped(DropReason::NegatingGovernor));
                    continue;
                }
                // "The army prepared to resume shelling": readying force is a show of it (15).
                Some(Class::Intent) if code.root() >= 18 && read.preparing => {
                    code = codes::SHOW_OF_FORCE;
                    Some(Rule::PreparingForce)
                }
                Some(class) => {
                    (code, modality) = self.rules.apply(class, code);
                    Some(Rule::Governor(class))
                }
                // "sent troops to fight", "urged both sides to agree", "accused X of trying to
                // annex": an infinitive nobody governs is a purpose or a request, not an act.
                None if read.infinitive && !pattern.nominal && !noun_use[mi] => {
                    modality = Modality::Hypothetical;
                    Some(Rule::UngovernedInfinitive)
                }
                None => None,
            };
            rec.recoded(mi, code, modality, rule);
            // An act said to come, whatever it was recoded to ("will not accept refugees if …").
            let said_to_come = matches!(modality, Modality::Intended | Modality::Threatened)
                || governor.is_some_and(|g| matches!(g.class, Class::Intent | Class::Threat));
            match read.condition {
                // "will boycott the elections unless the president steps down"
                Condition::Ultimatum if said_to_come => {
                    (code, modality) = self.rules.apply(Class::Threat, code);
                    if !code.is_root(13) {
                        code = codes::THREATEN;
                    }
                    rec.recoded(mi, code, modality, Some(Rule::Ultimatum));
                }
                // "if the army attacks", "the army attacks if provoked"; an intention with a
                // condition ("will meet them if they agree") stays an intention.
                Condition::Inside | Condition::Attached | Condition::Ultimatum
                    if read.condition == Condition::Inside || !said_to_come =>
                {
                    modality = Modality::Hypothetical;
                    rec.recoded(mi, code, modality, Some(Rule::Conditional));
                }
                _ => {}
            }
            if matches!(modality, Modality::Hypothetical | Modality::ReportedDenied)
                && !self.include_hypothetical
            {
                let why = match modality {
                    Modality::Hypothetical => DropReason::Hypothetical,
                    _ => DropReason::ReportedDenied,
                };
                rec.step(mi, || Step::Dropped(why));
                continue;
            }
            let joint_act = joint_act || read.agreed;
            // Bare statements (CAMEO 01) carry no PLOVER event: not worth an event row.
            if code.is_root(1) {
                rec.step(mi, || Step::Dropped(DropReason::Statement));
                continue;
            }
            planned.push(Planned {
                mi,
                code,
                modality,
                subject_at,
                joint_act,
                joint_mutual,
            });
        }
        (planned, consumed)
    }

    /// The events of one planned match: its source and target actors, date and place, ranked 0
    /// (main clause), 1 (nominal) or 2 (subordinate part).
    fn code_act(&self, at: &Sentence, p: Planned) -> Vec<(u8, Event)> {
        let Sentence {
            doc,
            si,
            matches,
            focus_place,
            ..
        } = at;
        let (doc, si) = (*doc, *si);
        let Planned {
            mi,
            code,
            modality,
            subject_at,
            joint_act,
            joint_mutual,
        } = p;
        let toks = doc.sentence_tokens(si);
        let mut found: Vec<(u8, Event)> = Vec::new();
        let m = &matches[mi];
        let rec = at.rec;
        let drop = |why| {
            rec.step(mi, || Step::Dropped(why));
            Vec::new()
        };
        let names = |found: &[usize]| found.iter().map(|&i| trace::mention_name(doc, i)).collect();
        let one = |a: &EventActor| trace::actor_name(doc, a);
        let actor_names = |found: &[EventActor]| found.iter().map(one).collect();
        let pattern = &self.triggers.patterns[m.pattern];
        let nominal = pattern.nominal || at.noun_use[mi];
        let mut code = code;
        let mut modality = modality;
        let words = toks[m.start].span.cover(toks[m.end - 1].span);
        let reading = at
            .roles
            .as_ref()
            .and_then(|r| r.head_of(words).map(|head| (r, head, r.read(head, words))));
        // "… according to a report submitted to the council": where the news came from.
        if reading
            .as_ref()
            .is_some_and(|(r, head, _)| reports::in_attribution(r.tree(), *head))
        {
            return drop(DropReason::InAttribution);
        }
        // "Following talks in Moscow, X and Y …": an event held together (CAMEO 03–06) in the
        // setting that opens the sentence is its subject's and stands beside the main act. "After
        // the strikes, civilians fled" tells no strike by the civilians.
        let held_together = (3..=6).contains(&code.root());
        let fronted = nominal && reading.as_ref().is_some_and(|(_, _, p)| p.fronted);
        let background = reading
            .as_ref()
            .is_some_and(|(r, head, _)| reports::background(r.tree(), *head));
        let rank = if background {
            2
        } else if nominal && !(fronted && held_together) {
            1
        } else {
            0
        };
        rec.step(mi, || Step::Rank(trace::Rank::of(rank)));
        let aimed: Vec<usize> = reading
            .as_ref()
            .map(|(r, head, _)| r.aimed_words(*head, words))
            .unwrap_or_default();
        if let Some((r, head, _)) = reading.as_ref() {
            // "alleged abuses", "the occupied territories": a participle that modifies a noun
            // describes it; it tells no act.
            let verb = r.tree().tokens_in(words.start, words.end).next();
            let describing = !pattern.nominal && verb.is_some_and(|v| r.tree().dep(v) == "amod");
            if describing {
                return drop(DropReason::Describing);
            }
            if r.nonspecific(*head) {
                return drop(DropReason::Nonspecific);
            }
            if r.habitual(*head) {
                return drop(DropReason::Habitual);
            }
            if !self.include_hypothetical {
                if r.counterfactual(*head) {
                    return drop(DropReason::Counterfactual);
                }
                if r.in_purpose(*head) {
                    return drop(DropReason::InPurpose);
                }
                if r.requested(*head) {
                    return drop(DropReason::Requested);
                }
            }
            // The tree's modal where the word window saw none ("will, after the vote, resign").
            if modality == Modality::Asserted {
                let class = r.modal(*head).and_then(|w| {
                    let class = self.rules.class_of(w)?;
                    Some(match class {
                        Class::Hypothetical if w == "would" && r.reported(*head) => Class::Intent,
                        other => other,
                    })
                });
                match class {
                    Some(Class::Intent) => {
                        (code, modality) = self.rules.apply(Class::Intent, code);
                        rec.recoded(mi, code, modality, Some(Rule::TreeModal));
                    }
                    Some(Class::Hypothetical) if !self.include_hypothetical => {
                        return drop(DropReason::ModalHypothetical)
                    }
                    _ => {}
                }
            }
        }
        let agentless = reading.as_ref().is_some_and(|(_, _, p)| p.agentless);
        let crowd = reading
            .as_ref()
            .is_some_and(|(r, head, _)| r.crowd_subject(*head));
        let violent = code.is_violent();
        let doers_in_event: Vec<usize> = match reading.as_ref() {
            Some((r, head, _)) if agentless && violent => r.doers_in_event(*head),
            _ => Vec::new(),
        };
        let has_object = reading
            .as_ref()
            .is_some_and(|(_, _, p)| !p.things.is_empty());
        // Who did it and to whom, as the tree tells it; with no tree, no one.
        let head_word = reading.as_ref().map(|(r, head, _)| (*r, *head));
        let (mut sources, mut targets, confidence) = match reading {
            Some((_, _, p)) => {
                let confidence = confidence(m, nominal, &p);
                let sources = if p.fronted && !held_together {
                    Vec::new()
                } else {
                    p.sources
                };
                (sources, p.targets, confidence)
            }
            None => (Vec::new(), Vec::new(), 0.0),
        };
        rec.step(mi, || Step::Sources(Reader::Tree, names(&sources)));
        rec.step(mi, || Step::Targets(Reader::Tree, names(&targets)));
        // "A roadside bomb … killed four soldiers": a bare killing told by the weapon that
        // did it is that weapon's attack.
        let violent_noun = |o: &&triggers::Match| {
            let p = &self.triggers.patterns[o.pattern];
            p.nominal && p.code.is_some_and(Cameo::is_violent)
        };
        let mut by_weapon = false;
        if let Some((r, head)) =
            head_word.filter(|_| !nominal && codes::BARE_KILLINGS.contains(&code))
        {
            // … or after it: "were killed by a roadside bomb", "died in a car bomb explosion".
            let means = |o: &&triggers::Match| {
                let words = toks[o.start].span.cover(toks[o.end - 1].span);
                r.head_of(words)
                    .is_some_and(|w| told_by_means(r.tree(), head, w))
            };
            let weapon = matches[..mi]
                .iter()
                .rev()
                .chain(&matches[mi + 1..])
                .filter(violent_noun)
                .find(means);
            if let Some(weapon) = weapon {
                code = self.triggers.patterns[weapon.pattern].code.unwrap_or(code);
                by_weapon = true;
                rec.recoded(mi, code, modality, Some(Rule::Weapon));
            }
        }
        // "France alleged that the militia had shelled Chad": an allegation is an accusation by its
        // author against the alleged actor, not the alleged act.
        let mut subject_at = subject_at;
        // The sentence token a tree word starts in.
        let token_of = |t: &crate::tree::Tree, w: usize| {
            let start = t.span(w).start;
            toks.iter()
                .position(|k| k.span.start <= start && start < k.span.end)
        };
        let report = head_word.and_then(|(r, head)| reports::reported(r.tree(), head));
        // "The Kremlin denied that its aircraft had bombed the hospital": not asserted.
        // "… demanded that the government grant more rights": wanted, not done.
        if !self.include_hypothetical {
            match report {
                Some((_, reports::Report::Denied)) => return drop(DropReason::DeniedReport),
                Some((_, reports::Report::Wanted)) => return drop(DropReason::WantedReport),
                _ => {}
            }
        }
        let alleged = report
            .filter(|r| r.1 == reports::Report::Alleged && code.root() >= 11)
            .map(|r| r.0);
        if let (Some(verb), Some((r, _))) = (alleged, head_word) {
            targets = std::mem::take(&mut sources);
            sources = reports::sayers(r, verb);
            code = codes::ACCUSE;
            subject_at = token_of(r.tree(), verb).unwrap_or(subject_at);
            rec.recoded(mi, code, modality, Some(Rule::Allegation));
            rec.step(mi, || Step::Sources(Reader::Sayer, names(&sources)));
        } else if code.is_root(20) {
            // "Lula said Israel was committing genocide": genocide, ethnic cleansing and mass
            // killing are charges when another party says them.
            let said = head_word.and_then(|(r, head)| Some((r, reports::said_by(r.tree(), head)?)));
            if let Some((r, verb)) = said {
                let sayers = reports::sayers(r, verb);
                let country = |k: &usize| doc.mentions[*k].actor.country;
                if !sayers.is_empty()
                    && !sources.is_empty()
                    && sayers
                        .iter()
                        .map(country)
                        .all(|c| sources.iter().all(|s| country(s) != c))
                {
                    targets = std::mem::take(&mut sources);
                    sources = sayers;
                    code = codes::ACCUSE_OF_WAR_CRIMES;
                    subject_at = token_of(r.tree(), verb).unwrap_or(subject_at);
                    rec.recoded(mi, code, modality, Some(Rule::Charge));
                    rec.step(mi, || Step::Sources(Reader::Sayer, names(&sources)));
                }
            }
        }
        // "Britain called up reservists": a state organ that only the article's places gave a
        // country is the acting state's own side, not the target of its act. (Police against
        // protesters of the same country is a domestic dyad and stays.)
        let state = |m: &crate::doc::Mention| m.actor.role.is_none_or(Role::is_executive);
        let state_sources: Vec<&Option<crate::Country>> = sources
            .iter()
            .map(|&i| &doc.mentions[i])
            .filter(|m| state(m))
            .map(|m| &m.actor.country)
            .collect();
        let own_state =
            |t: &crate::doc::Mention| state(t) && state_sources.contains(&&t.actor.country);
        let mut own_forces_shown =
            code.is_root(15) && targets.iter().any(|&i| own_state(&doc.mentions[i]));
        let name = |&i: &usize| trace::mention_name(doc, i);
        rec.retain(
            mi,
            &mut targets,
            TargetFilter::ImplicitOwnState,
            name,
            |&i| {
                let t = &doc.mentions[i];
                !(t.implicit && own_state(t))
            },
        );
        let trigger = toks[subject_at.min(m.start)]
            .span
            .cover(toks[m.end - 1].span);
        let speaker = doc
            .quote_containing(trigger)
            .and_then(|q| q.speaker.as_ref());
        let mut source_actors: Vec<EventActor> = Vec::new();
        sources.retain(|&i| {
            let mention = &doc.mentions[i];
            // "we" in a quote is the speaker's side.
            if mention.kind == MentionKind::Pronoun && mention.actor.code.is_none() {
                if let Some(sp) = speaker {
                    let a = speaker_actor(sp);
                    rec.step(mi, || Step::Sources(Reader::Speaker, vec![one(&a)]));
                    source_actors.push(a);
                } else {
                    // "The union announced that it has called off the strike": the one
                    // who said it.
                    let reporters: Vec<EventActor> = head_word
                        .and_then(|(r, _)| {
                            let w = r.tree().token_at(mention.span.start)?;
                            Some(reports::reporter_of(r, w))
                        })
                        .unwrap_or_default()
                        .into_iter()
                        .map(|k| mention_actor(&doc.mentions[k]))
                        .filter(|a| a.actor.country.is_some())
                        .collect();
                    rec.step(mi, || {
                        Step::Sources(Reader::Reporter, actor_names(&reporters))
                    });
                    source_actors.extend(reporters);
                }
                return false;
            }
            true
        });
        source_actors.extend(sources.iter().map(|&i| mention_actor(&doc.mentions[i])));
        // "2,000 people were detained": arrests and detentions nobody is named for are the
        // state's, by its police, in the country of those held or else of the story.
        // "were killed in a clash with Chinese troops": the other side of the fight.
        if source_actors.is_empty() && !doers_in_event.is_empty() {
            source_actors.extend(
                doers_in_event
                    .iter()
                    .map(|&i| mention_actor(&doc.mentions[i])),
            );
            rec.step(mi, || {
                Step::Sources(Reader::DoersInEvent, names(&doers_in_event))
            });
            rec.retain(mi, &mut targets, TargetFilter::DoerInEvent, name, |t| {
                !doers_in_event.contains(t)
            });
        }
        // "A car bomb killed two soldiers outside Mosul", "were killed by a roadside bomb near
        // Kandahar": a weapon's attack nobody is named for is by unknown attackers of the country
        // where it happened, as careful coders record it; uncoded where no place is told.
        if source_actors.is_empty() && by_weapon && !targets.is_empty() {
            let country = places::act_place(at, trigger)
                .or_else(|| (*focus_place).clone())
                .and_then(|p| p.country);
            if let Some(c) = country {
                source_actors.push(actor::country_actor(trigger, Some(c), None));
                rec.step(mi, || {
                    Step::Sources(Reader::WeaponPlace, vec![c.to_string()])
                });
            }
        }
        // "Thousands of people rallied in Tripoli": a crowd that protests is protesters, of the
        // country where the sentence, else the story, is.
        if source_actors.is_empty() && crowd && code.is_root(14) {
            let country = doc
                .places_of(si)
                .iter()
                .map(|p| &p.place)
                .chain(focus_place.as_ref())
                .find_map(|p| p.country);
            if let Some(c) = country {
                source_actors.push(actor::country_actor(trigger, Some(c), Some(Role::Opp)));
                rec.step(mi, || {
                    Step::Sources(
                        Reader::CrowdSubject,
                        vec![c.to_string() + Role::Opp.as_str()],
                    )
                });
            }
        }
        if source_actors.is_empty() && agentless && code.is_root(17) {
            let country = targets
                .iter()
                .find_map(|&i| doc.mentions[i].actor.country)
                .or_else(|| focus_place.as_ref().and_then(|p| p.country));
            if let Some(c) = country {
                source_actors.push(actor::country_actor(trigger, Some(c), Some(Role::Cop)));
                rec.step(mi, || {
                    Step::Sources(
                        Reader::AgentlessArrest,
                        vec![c.to_string() + Role::Cop.as_str()],
                    )
                });
            }
        }
        let mut target_actors: Vec<EventActor> = targets
            .iter()
            .map(|&i| mention_actor(&doc.mentions[i]))
            .collect();
        // "Lebanon complained to the UN over Israeli air raids": a complaint or criticism is
        // aimed at whom it is about, not at whom it is made to.
        if code.is_root(11) && !nominal {
            let own: Vec<Option<crate::Country>> =
                source_actors.iter().map(|a| a.actor.country).collect();
            let about: Vec<EventActor> = head_word
                .map(|(r, head)| r.about(head, words))
                .unwrap_or_default()
                .into_iter()
                .map(|i| mention_actor(&doc.mentions[i]))
                .filter(|t| t.actor.country.is_some() && !own.contains(&t.actor.country))
                .collect();
            if !about.is_empty() {
                target_actors = about;
                rec.step(mi, || {
                    Step::Targets(Reader::About, actor_names(&target_actors))
                });
            }
        }
        // "Erdogan warned that Turkey would not hesitate": a state official's own state, as
        // the subject of what he says, is his side, not whom the words are aimed at.
        let says_clause = head_word
            .is_some_and(|(r, head)| r.tree().kids_with(head, &["ccomp"]).next().is_some());
        if says_clause {
            let state = |a: &EventActor| matches!(a.actor.role, None | Some(Role::Gov));
            let own: Vec<Option<crate::Country>> = source_actors
                .iter()
                .filter(|a| state(a))
                .map(|a| a.actor.country)
                .collect();
            rec.retain(
                mi,
                &mut target_actors,
                TargetFilter::SpeakersState,
                one,
                |t| !(t.actor.role.is_none() && own.contains(&t.actor.country)),
            );
        }
        // An actor is not its own object ("Hamas threatened to resume terrorist activities").
        let own_codes: Vec<Option<crate::country::Code>> =
            source_actors.iter().map(|a| a.actor.code).collect();
        // … and an object nobody could code ("accused it of …") leaves the act untargeted.
        // A state does nothing together with its own government ("Iran … Tehran's programme"),
        // though it may act on its own country ("promised to reform Serbia").
        let together = is_reciprocal(code) || joint_act;
        rec.retain(
            mi,
            &mut target_actors,
            TargetFilter::OwnOrUncoded,
            one,
            |t| {
                t.actor.country.is_some()
                    && !own_codes.contains(&t.actor.code)
                    && !(together && source_actors.iter().any(|s| the_state_itself(s, t)))
            },
        );
        // "put its army on alert", "deployed its navy": the forces a state shows are its means,
        // not whom the show of force is aimed at.
        if code.is_root(15) {
            let before = target_actors.len();
            rec.retain(mi, &mut target_actors, TargetFilter::OwnForces, one, |t| {
                !source_actors.iter().any(|s| one_side(s, t))
            });
            own_forces_shown |= target_actors.len() < before;
        }
        // "Armenia and Azerbaijan accused each other": each did it to the other.
        let each_other = head_word.is_some_and(|(r, head)| r.each_other(head, words));
        if each_other && source_actors.len() > 1 {
            rec.retain(mi, &mut target_actors, TargetFilter::EachOther, one, |_| {
                false
            });
        }
        // "French and Egyptian warships launched war games": exercises two countries hold
        // together are military cooperation (062), not a show of force.
        let countries: std::collections::BTreeSet<crate::Country> = source_actors
            .iter()
            .filter_map(|a| a.actor.country)
            .collect();
        let drills = &crate::lexicon::lexicon().roles.drill_nouns;
        let drill = head_word.is_some_and(|(r, _)| {
            let t = r.tree();
            t.tokens_in(words.start, words.end)
                .any(|w| drills.contains(t.lower(w)) || drills.contains(&t.lemma(w)))
        });
        let mut joint_act = joint_act;
        if code.is_root(15) && countries.len() > 1 && drill {
            code = codes::MILITARY_COOPERATION;
            joint_act = true;
            rec.recoded(mi, code, modality, Some(Rule::JointDrill));
        }
        // "The US and Britain struck targets in Yemen" is no fight between the two.
        let mutual = source_actors.len() > 1
            && ((joint_mutual && !has_object) || each_other)
            && target_actors.is_empty();
        let joint = source_actors.len() > 1 && joint_act || mutual;
        // "Turkey and Russia failed to reach a deal over Idlib": the parties are each other's
        // counterpart, whatever the deal was about.
        if joint && !mutual {
            rec.retain(mi, &mut target_actors, TargetFilter::JointAct, one, |_| {
                false
            });
        }
        // "destroyed tanks belonging to the army": an act on a thing is an act on its owner.
        if target_actors.is_empty() && !joint {
            target_actors = owners::of_object(doc, toks[m.start].span.start)
                .into_iter()
                .map(|i| mention_actor(&doc.mentions[i]))
                .filter(|t| !own_codes.contains(&t.actor.code))
                .collect();
            rec.found_targets(mi, Reader::Owners, || actor_names(&target_actors));
        }
        if target_actors.is_empty() && !joint && antecedents::reacts(code) {
            target_actors = earlier_parties(at, &aimed, &source_actors);
            rec.found_targets(mi, Reader::EarlierParties, || actor_names(&target_actors));
        }
        if target_actors.is_empty() && !joint {
            let head = head_word.map(|(_, head)| head);
            target_actors = unnamed_target(at, head, code, trigger, &source_actors);
            rec.found_targets(mi, Reader::Unnamed, || actor_names(&target_actors));
        }
        // "Chad has promised personnel", "the UN mission will monitor the ceasefire": a foreign
        // party's offer, help or appeal with no one named is for the country the story is about.
        if target_actors.is_empty() && !joint && antecedents::toward_the_story(code) {
            target_actors = antecedents::story_country(at.focus_place, trigger, &source_actors);
            rec.found_targets(mi, Reader::StoryCountry, || actor_names(&target_actors));
        }
        // "called in the army": forces shown at home are shown to the country the story is in.
        if target_actors.is_empty() && own_forces_shown {
            target_actors.extend(
                at.focus_place
                    .as_ref()
                    .and_then(|p| p.country)
                    .map(|c| actor::country_actor(trigger, Some(c), None)),
            );
            rec.found_targets(mi, Reader::ForcesAtHome, || actor_names(&target_actors));
        }
        let (date, date_precision, historical) = at.date_at(m.start);
        let mut emit = |source: &EventActor, target: Option<&EventActor>| {
            let place = event_place(at, trigger, source, target).or_else(|| (*focus_place).clone());
            // A place in no country (a sea, a continent) is no party.
            let coded = |a: &EventActor| a.actor.country.is_some();
            if !coded(source)
                || target.is_some_and(|t| !coded(t) || t.actor.code == source.actor.code)
            {
                return;
            }
            let cameo = doer_codes::for_doer(code, source.actor.role);
            rec.step(mi, || Step::Candidate {
                source: one(source),
                target: target.map_or("-".into(), one),
                code: cameo,
            });
            found.push((
                rank,
                Event {
                    sentence: si,
                    source: Some(source.clone()),
                    target: target.cloned(),
                    cameo,
                    trigger,
                    negated: false,
                    modality,
                    date,
                    date_precision,
                    historical,
                    place,
                    quote_id: doc.quote_containing(trigger).map(|q| q.id),
                    confidence,
                },
            ));
        };
        if target_actors.is_empty() && joint {
            // "The president and the rebel commander signed a ceasefire": sides of one country
            // act together too; only one side named twice ("Iran" and its government) is no pair.
            for s in &source_actors {
                for t in source_actors.iter().filter(|t| !one_side(s, t)) {
                    emit(s, Some(t));
                }
            }
        } else if target_actors.is_empty() {
            // "The bloc's leaders met on Friday": a meeting with no one to meet tells no relation
            // between parties.
            if is_reciprocal(code) {
                return drop(DropReason::NoCounterpart);
            }
            for s in &source_actors {
                emit(s, None);
            }
        } else {
            for s in &source_actors {
                for t in &target_actors {
                    emit(s, Some(t));
                    if is_reciprocal(code) {
                        emit(t, Some(s));
                    }
                }
            }
        }
        if found.is_empty() {
            return drop(DropReason::NoCodedSource);
        }
        found
    }

    /// "Russia said that Sudan must return the helicopter", "the strikers demanded that the
    /// company reinstate them": a statement that another party must act is a demand (CAMEO 10)
    /// on it.
    fn demands(&self, at: &Sentence) -> Vec<Event> {
        let Some(r) = at.roles.as_ref() else {
            return Vec::new();
        };
        let t = r.tree();
        let sentence = at.doc.sentences[at.si].span;
        reports::demands(r, t.tokens_in(sentence.start, sentence.end))
            .into_iter()
            .filter_map(|d| {
                let words = t.span_of(d.words.0, d.words.1);
                self.demand(at, words, d.source, d.target)
            })
            .collect()
    }

    /// A demand (CAMEO 100) by mention `source` on mention `target`, told by the words `trigger`.
    fn demand(
        &self,
        at: &Sentence,
        trigger: crate::Span,
        source: usize,
        target: usize,
    ) -> Option<Event> {
        let (doc, si) = (at.doc, at.si);
        let (source, target) = (&doc.mentions[source], &doc.mentions[target]);
        if source.actor.country.is_none()
            || target.actor.country.is_none()
            || source.actor.code == target.actor.code
        {
            return None;
        }
        let toks = doc.sentence_tokens(si);
        let at_token = toks.partition_point(|t| t.span.end <= trigger.start);
        Some(plain_event(
            at,
            at_token,
            trigger,
            codes::DEMAND,
            mention_actor(source),
            mention_actor(target),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::reports::tests::has;

    #[test]
    fn a_killing_told_by_its_weapon_is_that_weapons_attack() {
        // 18x: a bombing, not a bare killing (190).
        assert!(has(
            "A car bomb killed four Kenyan soldiers in Somalia on Sunday.",
            "SOM",
            "KEN",
            "18"
        ));
        assert!(has(
            "Four Kenyan soldiers were killed by a roadside bomb in Somalia.",
            "SOM",
            "KEN",
            "18"
        ));
    }

    #[test]
    fn the_setting_of_a_killing_is_no_weapon() {
        assert!(has(
            "Ethiopian troops killed four Somali fighters in a gunbattle near the border.",
            "ETH",
            "SOM",
            "190"
        ));
    }

    #[test]
    fn joint_drills_are_military_cooperation() {
        assert!(has(
            "French and Egyptian warships began joint naval drills off Alexandria.",
            "FRA",
            "EGY",
            "062"
        ));
    }
}
