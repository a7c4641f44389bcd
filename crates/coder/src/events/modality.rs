//! Negation and modality of a trigger: is the act asserted, threatened, intended, refused,
//! hypothetical, denied or negated? Read from the words just before the trigger, using the control
//! words of `data/lexicon/control_words.tsv` and the code table `act_modality_codes.tsv`.

use crate::cameo::Cameo;
use crate::doc::Modality;
use crate::lexicon::lexicon;
use crate::tree::Tree;
use std::collections::HashMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    Threat,
    Intent,
    Reject,
    Negate,
    Hypothetical,
    Denied,
    Aspect,
}

#[derive(Clone, Copy, Debug)]
struct Control {
    class: Class,
    needs_to: bool,
}

/// What governs a trigger.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Governor {
    pub class: Class,
    /// Tree word of the control word.
    pub at: usize,
}

impl Governor {
    /// The governor of an act that is another party's than the controller's: an intention or
    /// a threat about it is a wish, not its doer's plan.
    fn for_other(self, other: bool) -> Governor {
        match self.class {
            Class::Intent | Class::Threat if other => Governor {
                class: Class::Hypothetical,
                ..self
            },
            _ => self,
        }
    }
}

/// What the tree says of an act's modality.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Reading {
    pub governor: Option<Governor>,
    /// "did not attack", "never agreed to", "no longer supports", "without signing".
    pub negated: bool,
    /// The governor tells of preparations made ("the army prepared to attack").
    pub preparing: bool,
    pub condition: Condition,
    /// The act is told by an infinitive ("to fight").
    pub infinitive: bool,
    /// The act, or its governor, is agreeing: what two agree on, they do together ("Bahrain and
    /// Israel agreed to establish relations").
    pub agreed: bool,
}

/// How a condition bears on an act.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Condition {
    #[default]
    None,
    /// The act is the condition ("if the army attacks", "unless talks resume").
    Inside,
    /// A condition hangs on the act's clause ("will strike if attacked").
    Attached,
    /// The condition on the act's clause is one the other side must meet ("will boycott unless
    /// the president resigns", "will strike if the troops do not leave"): with a stated act, an
    /// ultimatum.
    Ultimatum,
}

#[derive(Debug, Default)]
pub struct ModalityRules {
    words: HashMap<String, Control>,
    /// root → (intended, threatened, refused) codes.
    codes: HashMap<u8, [Option<Cameo>; 3]>,
}

impl ModalityRules {
    /// The rules of the bundled lexicon. Control words are looked up by the tagger's lemma, so
    /// the lexicon lists each once.
    pub fn bundled() -> ModalityRules {
        let lex = lexicon();
        let mut rules = ModalityRules::default();
        for c in &lex.control_words.0 {
            let control = Control {
                class: c.class,
                needs_to: c.needs_to,
            };
            rules.words.entry(c.word.to_string()).or_insert(control);
        }
        rules.codes.clone_from(&lex.act_codes.0);
        rules
    }

    /// The modality of the act whose head word is `head`.
    pub fn read(&self, t: &Tree, head: usize) -> Reading {
        let governor = self.governor(t, head);
        Reading {
            governor,
            negated: self.negated(t, head, governor.map(|g| g.at)),
            preparing: governor.is_some_and(|g| self.preparing(t, g.at)),
            condition: condition(t, head, governor.map(|g| g.at)),
            infinitive: t.kids_with(head, &["aux"]).any(|a| t.tag(a) == "TO"),
            agreed: std::iter::once(head)
                .chain(governor.map(|g| g.at))
                .any(|w| lexicon().modality.joint_controls.contains(&t.lemma(w))),
        }
    }

    /// The class of a control word ("will" → intent, "could" → hypothetical), wherever it stands.
    pub fn class_of(&self, word: &str) -> Option<Class> {
        self.words.get(word).map(|c| c.class)
    }

    /// The control word tree word `w` is, by its lemma, else by its form ("used to", "proposed").
    fn control(&self, t: &Tree, w: usize) -> Option<Control> {
        self.words
            .get(&t.lemma(w))
            .or_else(|| self.words.get(t.lower(w)))
            .copied()
    }

    /// The control word that governs the act whose head word is `head`, if any: a modal or a
    /// modifier on it ("will attack", "possible talks"), or the nearest one up the tree within
    /// its clause — the word it hangs on as an infinitive, a gerund or an object ("vowed to
    /// retaliate", "a plan to invade", "denied attacking", "threatened to impose a curfew"),
    /// through aspect words ("threatened to try to seize") and coordinated verbs that share the
    /// subject ("vowed to attack and seize").
    pub fn governor(&self, t: &Tree, head: usize) -> Option<Governor> {
        let mut w = head;
        let mut aspect = None;
        // Whether the act is another party's than the controller's ("wants Syria to leave",
        // "would let Beijing send police"): wished or allowed, not intended by its doer.
        let mut other = false;
        for _ in 0..CHAIN {
            if let Some(c) = self.own_control(t, w) {
                return Some(self.governing(t, c).for_other(other));
            }
            let edge = edge(t, w);
            let Some(h) = governed_by(t, w).filter(|_| edge != Edge::Boundary) else {
                break;
            };
            other |= edge == Edge::OtherSubject;
            match self.control(t, h).filter(|c| edge.reaches(c)) {
                Some(c) if c.class != Class::Aspect => {
                    return Some(self.governing(t, h).for_other(other))
                }
                Some(_) => {
                    aspect.get_or_insert(h);
                }
                // "at Athens' request, ministers will meet": a phrase on a verb is its
                // circumstance, not its act.
                None if matches!(edge, Edge::Preposition { .. }) => break,
                None => {}
            }
            w = h;
        }
        aspect.map(|at| Governor {
            class: Class::Aspect,
            at,
        })
    }

    /// Whether the control word at tree word `c` tells of preparations made ("the army
    /// prepared to attack", "troops were preparing to"), not of readiness ("is prepared to",
    /// where the tagger reads an adjective or a passive).
    pub fn preparing(&self, t: &Tree, c: usize) -> bool {
        let passive = t.kids_with(c, &["auxpass"]).next().is_some();
        lexicon().modality.preparations.contains(&t.lemma(c))
            && t.tag(c).starts_with("VB")
            && !passive
    }

    /// Whether the act whose head word is `head` is negated: a negation on it, on the verbs of
    /// its clause it is the infinitive or object of ("did not launch an attack", "never tried to
    /// seize"), or on its governor ("did not agree to talks", "is not ready to"). Not across a
    /// coordination ("attacked and did not withdraw") or into another clause.
    fn negated(&self, t: &Tree, head: usize, governor: Option<usize>) -> bool {
        let mut words = vec![head];
        let mut w = head;
        for _ in 0..CHAIN {
            if !matches!(
                edge(t, w),
                Edge::Complement | Edge::OtherSubject | Edge::Object
            ) {
                break;
            }
            let Some(h) = t.head(w) else { break };
            words.push(h);
            w = h;
        }
        if let Some(g) = governor {
            words.extend([g, clause_verb(t, g)]);
        }
        words.into_iter().any(|w| negates(t, w))
    }

    /// A control word that stands on `w` itself: a modal ("will", "could") or a modifier
    /// ("possible", "potentially"), the nearest before it.
    fn own_control(&self, t: &Tree, w: usize) -> Option<usize> {
        t.children(w)
            .iter()
            .copied()
            .filter(|&c| c < w)
            .filter(|&c| match t.dep(c) {
                "aux" => t.tag(c) == "MD",
                "amod" | "advmod" => true,
                _ => false,
            })
            .filter(|&c| self.control(t, c).is_some_and(|k| !k.needs_to))
            .max()
    }

    /// The governor the control word `c` makes, with what stands over it: "could agree to",
    /// "must be ready to" make a wish or offer hypothetical; "said it would" a reported future,
    /// an intention.
    fn governing(&self, t: &Tree, c: usize) -> Governor {
        let words = &lexicon().modality;
        let mut class = self.control(t, c).map_or(Class::Aspect, |k| k.class);
        let clause = clause_verb(t, c);
        let modal_over = t
            .kids_with(clause, &["aux"])
            .any(|a| a != c && words.modals.contains(t.lower(a)));
        if modal_over && class == Class::Intent {
            class = Class::Hypothetical;
        }
        // … unless the saying is itself only possible ("would have warned that it would").
        let reported = t.dep(clause) == "ccomp"
            && t.head(clause).is_some_and(|h| {
                crate::lexicon::reports_speech(t, h)
                    && self.governor(t, h).map(|g| g.class) != Some(Class::Hypothetical)
            });
        if class == Class::Hypothetical && reported && words.reported_futures.contains(t.lower(c)) {
            class = Class::Intent;
        }
        Governor { class, at: c }
    }

    /// The code and modality an act with `code` gets under a governor of class `class`; `None` when
    /// the act is not coded at all (negated, hypothetical, denied).
    pub fn apply(&self, class: Class, code: Cameo) -> (Cameo, Modality) {
        let root = code.root();
        // Intending a use of force is threatening it; intending to demand or criticise is not,
        // and an announced cut in relations, aid or trade ("said it would cut ties") is a
        // decision, told as the cut itself.
        let conflict = root >= 13 && root != 16;
        let codes = self.codes.get(&root);
        let pick = |i: usize| codes.and_then(|c| c[i]).unwrap_or(code);
        match class {
            Class::Threat => (pick(1), Modality::Threatened),
            Class::Intent if conflict => (pick(1), Modality::Threatened),
            Class::Intent => (pick(0), Modality::Intended),
            // Refusing any act is a rejection, whether or not the table has a finer code.
            Class::Reject => match codes.and_then(|c| c[2]) {
                Some(c) => (c, Modality::Asserted),
                None if root == 12 => (code, Modality::Asserted),
                None => (Cameo::of("120"), Modality::Asserted),
            },
            Class::Negate => (code, Modality::Asserted),
            Class::Hypothetical => (code, Modality::Hypothetical),
            Class::Denied => (code, Modality::ReportedDenied),
            Class::Aspect => (code, Modality::Asserted),
        }
    }
}

/// How far up the tree a governor is looked for ("threatened to try to begin to seize").
const CHAIN: usize = 6;

/// How an act's word hangs on the word above it, for governing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Edge {
    /// An infinitive or a gerund with no subject of its own ("vowed to strike", "a plan to
    /// invade", "denied attacking").
    Complement,
    /// A clause whose act is another party's: its own subject, or the object of the verb above
    /// ("let Beijing send police", "wants Syria to leave").
    OtherSubject,
    /// The object of a preposition of the word above: "to" for any control word ("agreed to
    /// talks"), any preposition for one that needs no "to" ("warned of strikes").
    Preposition { to: bool },
    /// The direct object of a verb ("denied the raid", "vowed to impose a curfew").
    Object,
    /// A verb coordinated with the one above and sharing its subject.
    Shared,
    /// Another clause: a relative or subordinate one, one a verb of saying reports, a subject.
    Boundary,
}

impl Edge {
    /// Whether a control word governs an act through this edge.
    fn reaches(self, c: &Control) -> bool {
        match self {
            Edge::Complement | Edge::OtherSubject => true,
            Edge::Preposition { to } => to || !c.needs_to,
            Edge::Object => !c.needs_to,
            Edge::Shared | Edge::Boundary => false,
        }
    }
}

/// How tree word `w` hangs on its head.
fn edge(t: &Tree, w: usize) -> Edge {
    let Some(h) = t.head(w) else {
        return Edge::Boundary;
    };
    let own_subject = t.kids_with(w, &["nsubj", "nsubjpass"]).next().is_some();
    let marked = t.kids_with(w, &["mark"]).next().is_some();
    let infinitive = t.kids_with(w, &["aux"]).any(|a| t.tag(a) == "TO");
    // Object control ("urged Syria to withdraw") is read on an xcomp only: a purpose infinitive
    // ("sent troops to fight") is the subject's.
    let object_above = t.dep(w) == "xcomp" && t.kids_with(h, &["dobj"]).any(|o| o < w);
    let reported = crate::lexicon::reports_speech(t, h);
    let clause = if own_subject || object_above {
        Edge::OtherSubject
    } else {
        Edge::Complement
    };
    match t.dep(w) {
        "conj" if !own_subject => Edge::Shared,
        "xcomp" => clause,
        "ccomp" if !marked && !reported => clause,
        "acl" | "advcl" if infinitive && !marked => clause,
        "pobj" | "pcomp" if t.dep(h) == "prep" => Edge::Preposition {
            to: t.lower(h) == "to",
        },
        "dobj" => Edge::Object,
        _ => Edge::Boundary,
    }
}

/// Whether a negation stands on tree word `w`: a `neg` dependent ("not", "never"), a negating
/// determiner or adverb ("no talks", "no longer"), or a negating preposition it is the object
/// of ("without signing"). "Not only" is no negation: the parser reads it as a preconjunct.
fn negates(t: &Tree, w: usize) -> bool {
    let negations = &lexicon().modality.negations;
    let negating = |c: usize| match t.dep(c) {
        "neg" => true,
        "det" | "advmod" => {
            negations.contains(t.lower(c)) || t.kids_with(c, &["neg"]).next().is_some()
        }
        _ => false,
    };
    let under_negating_prep = matches!(t.dep(w), "pobj" | "pcomp")
        && t.head(w).is_some_and(|p| negations.contains(t.lower(p)));
    t.children(w).iter().any(|&c| negating(c)) || under_negating_prep
}

/// Whether tree word `w`, the first word of a verb pattern's match, is used as a noun or an
/// adjective ("the demands", "his alleged role", "agreed to demands", "ousted president"): the
/// tagger's noun or adjective, or a modifier of a noun.
pub fn noun_use(t: &Tree, w: usize) -> bool {
    let tag = t.tag(w);
    tag.starts_with("NN") || tag.starts_with("JJ") || matches!(t.dep(w), "amod" | "compound")
}

/// How a condition bears on the act whose head word is `head`: read on the words of its clause,
/// from the head up to the clause's verb, and on its governor's clause.
fn condition(t: &Tree, head: usize, governor: Option<usize>) -> Condition {
    let words = &lexicon().modality;
    let conditional = |w: usize| {
        t.kids_with(w, &["mark"])
            .find(|&m| words.conditionals.contains(t.lower(m)))
    };
    let mut clause = vec![head];
    let mut w = head;
    for _ in 0..CHAIN {
        let Some(h) = governed_by(t, w).filter(|_| edge(t, w) != Edge::Boundary) else {
            break;
        };
        clause.push(h);
        w = h;
    }
    if let Some(g) = governor {
        clause.extend([g, clause_verb(t, g)]);
    }
    // Whatever lies inside a condition is conditional ("unless X reaches a truce with rebels
    // fighting in the north").
    let mut up = Some(head);
    for _ in 0..t.len() {
        let Some(w) = up else { break };
        if conditional(w).is_some() {
            return Condition::Inside;
        }
        up = t.head(w);
    }
    let attached = clause.iter().flat_map(|&w| t.kids_with(w, &["advcl"]));
    let mut found = Condition::None;
    for c in attached {
        let Some(m) = conditional(c) else { continue };
        // "unless X", "if X does not": what the other side must do.
        if words.ultimatums.contains(t.lower(m)) || negates(t, c) {
            return Condition::Ultimatum;
        }
        found = Condition::Attached;
    }
    found
}

/// The word above `w` through its edge: a preposition's object hangs on what the preposition
/// hangs on.
fn governed_by(t: &Tree, w: usize) -> Option<usize> {
    let h = t.head(w)?;
    match edge(t, w) {
        Edge::Preposition { .. } => t.head(h),
        _ => Some(h),
    }
}

/// The verb of the clause a control word stands in: a modal's or a modifier's head, the copula
/// of a predicate adjective ("is ready to"), else the word itself.
fn clause_verb(t: &Tree, c: usize) -> usize {
    match t.dep(c) {
        "aux" | "amod" | "advmod" | "acomp" => t.head(c).unwrap_or(c),
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flashpoint_nlp::Annotator;

    fn rules() -> ModalityRules {
        ModalityRules::bundled()
    }

    /// The model's tree of `text`, handed to `f` with a finder of a word's index; `None` (and a
    /// printed note) when the model is not built in.
    fn on_tree<R>(text: &str, f: impl Fn(&Tree, &dyn Fn(&str) -> usize) -> R) -> Option<R> {
        let Ok(model) = flashpoint_nlp::Model::bundled() else {
            eprintln!("no bundled model: skipped");
            return None;
        };
        let ann = model.annotate(text);
        let lower = text.to_lowercase();
        let t = Tree::new(&ann, &lower);
        let find = |w: &str| (0..t.len()).find(|&i| t.lower(i) == w).unwrap();
        Some(f(&t, &find))
    }

    /// The class and word of what governs `word` in `text`.
    fn governed(text: &str, word: &str) -> Option<Option<(Class, String)>> {
        let r = rules();
        on_tree(text, |t, find| {
            r.governor(t, find(word))
                .map(|g| (g.class, t.lower(g.at).to_string()))
        })
    }

    fn is(found: Option<Option<(Class, String)>>, class: Class, word: &str) {
        if let Some(found) = found {
            assert_eq!(found, Some((class, word.to_string())));
        }
    }

    #[test]
    fn a_control_verb_governs_its_infinitive_whatever_its_form() {
        is(
            governed("Ankara threatens to close the border.", "close"),
            Class::Threat,
            "threatens",
        );
        is(
            governed(
                "The rebels vowed on Sunday to retake the airport.",
                "retake",
            ),
            Class::Intent,
            "vowed",
        );
        is(
            governed("Lima refused to extradite the banker.", "extradite"),
            Class::Reject,
            "refused",
        );
        is(
            governed("Both sides failed to reach a settlement.", "settlement"),
            Class::Negate,
            "failed",
        );
    }

    #[test]
    fn aspect_words_and_shared_verbs_pass_the_governor_on() {
        is(
            governed("The junta threatened to try to seize the mines.", "seize"),
            Class::Threat,
            "threatened",
        );
        is(
            governed("The militia vowed to burn and loot the depot.", "loot"),
            Class::Intent,
            "vowed",
        );
        is(
            governed("Police began to disperse the crowd.", "disperse"),
            Class::Aspect,
            "began",
        );
    }

    #[test]
    fn modals_nouns_and_adjectives_govern_too() {
        is(
            governed("Quito will expel the envoy.", "expel"),
            Class::Intent,
            "will",
        );
        is(
            governed("A plan to annex the islands alarmed Manila.", "annex"),
            Class::Intent,
            "plan",
        );
        is(
            governed("Kyiv condemned the threat to bomb the dam.", "bomb"),
            Class::Threat,
            "threat",
        );
        is(
            governed("Officials discussed possible sanctions.", "sanctions"),
            Class::Hypothetical,
            "possible",
        );
        is(
            governed("The chief denied ordering the raid.", "ordering"),
            Class::Denied,
            "denied",
        );
        is(
            governed("The minister warned of reprisals.", "reprisals"),
            Class::Threat,
            "warned",
        );
        // The act a verb's object names is under the verb's governor.
        is(
            governed("The governor threatened to impose a curfew.", "curfew"),
            Class::Threat,
            "threatened",
        );
    }

    #[test]
    fn what_stands_over_the_control_word_changes_it() {
        // A modal over an offer makes it hypothetical.
        is(
            governed("Oslo could agree to host the talks.", "host"),
            Class::Hypothetical,
            "agree",
        );
        is(
            governed("Brazil must be ready to mediate.", "mediate"),
            Class::Hypothetical,
            "ready",
        );
        // A future reported by a verb of saying is an intention.
        is(
            governed("Chile said it would recall its ambassador.", "recall"),
            Class::Intent,
            "would",
        );
        is(
            governed("Perhaps Chile would recall its ambassador.", "recall"),
            Class::Hypothetical,
            "would",
        );
        // Another party's act is wished, not intended.
        is(
            governed("Cairo wants the militants to disarm.", "disarm"),
            Class::Hypothetical,
            "wants",
        );
    }

    #[test]
    fn another_clause_is_not_governed() {
        for (text, word) in [
            (
                "The envoy who vowed peace said rebels attacked the town.",
                "attacked",
            ),
            (
                "At the minister's request, the council will meet.",
                "request",
            ),
            ("Troops fired on the protesters, killing two.", "killing"),
        ] {
            if let Some(found) = governed(text, word) {
                assert_eq!(found, None, "{text}");
            }
        }
    }

    #[test]
    fn negation_reaches_the_act_through_its_clause_only() {
        let r = rules();
        let negated =
            |text: &str, word: &str| on_tree(text, |t, find| r.read(t, find(word)).negated);
        for (text, word, no) in [
            ("Hanoi did not expel the envoy.", "expel", true),
            ("Hanoi never tried to expel the envoy.", "expel", true),
            ("Hanoi has not agreed to talks.", "talks", true),
            ("Hanoi did not launch an offensive.", "offensive", true),
            ("Hanoi no longer supports the plan.", "supports", true),
            ("Hanoi is not ready to negotiate.", "negotiate", true),
            ("Hanoi left without signing the accord.", "signing", true),
            (
                "Hanoi not only protested but expelled the envoy.",
                "protested",
                false,
            ),
            (
                "Hanoi did not say that Laos expelled the envoy.",
                "expelled",
                false,
            ),
            (
                "Hanoi expelled the envoy and did not apologise.",
                "expelled",
                false,
            ),
        ] {
            if let Some(found) = negated(text, word) {
                assert_eq!(found, no, "{text}");
            }
        }
    }

    #[test]
    fn conditions_are_read_on_the_acts_clause() {
        let r = rules();
        let condition =
            |text: &str, word: &str| on_tree(text, |t, find| r.read(t, find(word)).condition);
        for (text, word, wanted) in [
            (
                "If the troops cross the border, Accra will retaliate.",
                "cross",
                Condition::Inside,
            ),
            (
                "If the troops cross the border, Accra will retaliate.",
                "retaliate",
                Condition::Attached,
            ),
            (
                "Accra will retaliate if the troops cross the border.",
                "retaliate",
                Condition::Attached,
            ),
            (
                "The union will strike unless wages rise.",
                "strike",
                Condition::Ultimatum,
            ),
            (
                "Accra will cut ties if the troops do not leave.",
                "cut",
                Condition::Ultimatum,
            ),
            (
                "Accra will talk only if the rebels fighting in the north lay down their arms.",
                "fighting",
                Condition::Inside,
            ),
            (
                "Accra said the army attacked, and asked whether talks could resume.",
                "attacked",
                Condition::None,
            ),
        ] {
            if let Some(found) = condition(text, word) {
                assert_eq!(found, wanted, "{text} / {word}");
            }
        }
    }

    #[test]
    fn a_future_reported_in_a_saying_that_did_not_happen_stays_hypothetical() {
        is(
            governed(
                "The draft would have warned that the council would impose sanctions.",
                "impose",
            ),
            Class::Hypothetical,
            "would",
        );
    }

    #[test]
    fn a_verb_form_the_tagger_reads_as_a_noun_or_adjective_is_a_noun_use() {
        for (text, word, noun) in [
            ("The rebels rejected the demands.", "demands", true),
            ("Ousted premier Varga left the capital.", "ousted", true),
            (
                "The council agreed to demands from the strikers.",
                "demands",
                true,
            ),
            ("The army ousted the premier.", "ousted", false),
            ("Envoys met to discuss the truce.", "discuss", false),
        ] {
            if let Some(found) = on_tree(text, |t, find| noun_use(t, find(word))) {
                assert_eq!(found, noun, "{text}");
            }
        }
    }

    #[test]
    fn an_infinitive_is_read_from_its_to() {
        let r = rules();
        for (text, word, wanted) in [
            ("Troops were sent to patrol the border.", "patrol", true),
            ("Troops patrol the border.", "patrol", false),
        ] {
            if let Some(found) = on_tree(text, |t, find| r.read(t, find(word)).infinitive) {
                assert_eq!(found, wanted, "{text}");
            }
        }
    }

    #[test]
    fn what_is_agreed_is_done_together() {
        let r = rules();
        for (text, word, wanted) in [
            ("Fiji and Tonga agreed to open embassies.", "open", true),
            ("Fiji and Tonga plan to open embassies.", "open", false),
        ] {
            if let Some(found) = on_tree(text, |t, find| r.read(t, find(word)).agreed) {
                assert_eq!(found, wanted, "{text}");
            }
        }
    }

    #[test]
    fn preparations_made_are_not_readiness() {
        let r = rules();
        let prep = |text: &str, word: &str| on_tree(text, |t, find| r.preparing(t, find(word)));
        for (text, word, made) in [
            ("The army prepared to shell the town.", "prepared", true),
            (
                "Troops were preparing to storm the port.",
                "preparing",
                true,
            ),
            ("Moscow is prepared to send troops.", "prepared", false),
        ] {
            if let Some(found) = prep(text, word) {
                assert_eq!(found, made, "{text}");
            }
        }
    }

    #[test]
    fn codes_under_governors() {
        let r = rules();
        assert_eq!(
            r.apply(Class::Threat, Cameo::of("190")),
            (Cameo::of("138"), Modality::Threatened)
        );
        assert_eq!(
            r.apply(Class::Intent, Cameo::of("190")),
            (Cameo::of("138"), Modality::Threatened)
        );
        assert_eq!(
            r.apply(Class::Intent, Cameo::of("042")),
            (Cameo::of("036"), Modality::Intended)
        );
        assert_eq!(
            r.apply(Class::Reject, Cameo::of("0871")),
            (Cameo::of("124"), Modality::Asserted)
        );
        assert_eq!(
            r.apply(Class::Intent, Cameo::of("111")),
            (Cameo::of("111"), Modality::Intended)
        );
        assert_eq!(
            r.apply(Class::Intent, Cameo::of("161")),
            (Cameo::of("161"), Modality::Intended)
        );
        assert_eq!(
            r.apply(Class::Threat, Cameo::of("161")),
            (Cameo::of("131"), Modality::Threatened)
        );
    }
}
