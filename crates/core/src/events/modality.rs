//! Negation and modality of a trigger: is the act asserted, threatened, intended, refused,
//! hypothetical, denied or negated? Read from the words just before the trigger, using the control
//! words of `data/lexicon/control_words.tsv` and the code table `act_modality_codes.tsv`.

use crate::cameo::Cameo;
use crate::doc::Modality;
use crate::lexicon::inflect::Irregulars;
use crate::lexicon::lexicon;
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
    /// Token index of the control word.
    pub at: usize,
}

#[derive(Debug, Default)]
pub struct ModalityRules {
    words: HashMap<String, Control>,
    /// root → (intended, threatened, refused) codes.
    codes: HashMap<u8, [Option<Cameo>; 3]>,
}

/// How many words may separate a control word from the act it governs ("vowed to swiftly retaliate").
const REACH: usize = 4;

impl ModalityRules {
    /// The rules of the bundled lexicon, each control word inflected with `irregular`.
    pub fn bundled(irregular: &Irregulars) -> ModalityRules {
        let lex = lexicon();
        let mut rules = ModalityRules::default();
        for c in &lex.control_words.0 {
            let control = Control {
                class: c.class,
                needs_to: c.needs_to,
            };
            for form in irregular.verb_forms(c.word) {
                rules.words.entry(form).or_insert(control);
            }
        }
        rules.codes.clone_from(&lex.act_codes.0);
        rules
    }

    /// Whether the trigger at `at` is negated by a word shortly before it ("did not attack").
    pub fn negated<S: AsRef<str>>(&self, keys: &[S], at: usize) -> bool {
        let before = |n: usize| if at >= n { keys[at - n].as_ref() } else { "" };
        // "not only attacked" asserts the attack; "far from meeting" denies the meeting.
        if before(2) == "not" && before(1) == "only" {
            return false;
        }
        if before(2) == "far" && before(1) == "from" {
            return true;
        }
        let words = &lexicon().modality;
        let from = at.saturating_sub(REACH);
        (from..at)
            .rev()
            .map(|i| keys[i].as_ref())
            .take_while(|k| !words.clause_starts.contains(k))
            .any(|k| words.negations.contains(k))
    }

    /// The nearest control word governing the trigger at `at`, if any.
    /// The class of a control word ("will" → intent, "could" → hypothetical), wherever it stands.
    pub fn class_of(&self, word: &str) -> Option<Class> {
        self.words.get(word).map(|c| c.class)
    }

    pub fn governor<S: AsRef<str>>(&self, keys: &[S], at: usize) -> Option<Governor> {
        let words = &lexicon().modality;
        let weekdays = &lexicon().calendar.weekdays;
        let from = at.saturating_sub(REACH + 2);
        let mut i = at;
        while i > from {
            i -= 1;
            let k = keys[i].as_ref();
            if words.clause_starts.contains(k) {
                return None;
            }
            let Some(c) = self.words.get(k) else { continue };
            // "threatened on Monday to …": time words may stand between the verb and its "to".
            let followed_by_to = (i + 1..(i + 4).min(keys.len()))
                .take_while(|&j| {
                    let w = keys[j - 1].as_ref();
                    j == i + 1 || words.time_words.contains(w) || weekdays.contains(w)
                })
                .any(|j| keys[j].as_ref() == "to");
            if c.needs_to && !followed_by_to {
                continue;
            }
            // "must be ready to mediate", "could agree to": a modal over the control word makes
            // the whole wish or offer hypothetical.
            let modal_over =
                (i.saturating_sub(3)..i).any(|j| words.modals.contains(keys[j].as_ref()));
            let class = if modal_over && c.class == Class::Intent {
                Class::Hypothetical
            } else {
                c.class
            };
            return Some(Governor { class, at: i });
        }
        None
    }

    /// Whether a conditional opens the clause the trigger is in ("if", "unless").
    /// Whether the clause attaches a condition to the act ("… will withdraw unless …"): a
    /// stated act with a condition on the other side is a threat.
    pub fn ultimatum<S: AsRef<str>>(&self, keys: &[S], at: usize) -> bool {
        keys[at..]
            .iter()
            .map(|k| k.as_ref())
            .take_while(|k| !matches!(*k, ";" | "."))
            .any(|k| k == "unless")
    }

    pub fn conditional<S: AsRef<str>>(&self, keys: &[S], at: usize) -> bool {
        (0..at)
            .rev()
            .map(|i| keys[i].as_ref())
            .take_while(|k| !matches!(*k, ";" | ":" | "."))
            .any(|k| lexicon().modality.conditionals.contains(k))
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

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> ModalityRules {
        ModalityRules::bundled(&Irregulars::default())
    }

    fn k(s: &str) -> Vec<&str> {
        s.split_whitespace().collect()
    }

    #[test]
    fn negation_in_reach() {
        let r = rules();
        let keys = k("turkey did not attack syria");
        assert!(r.negated(&keys, 3));
        let keys = k("turkey , not only attacked");
        assert!(!r.negated(&keys, 4));
        let keys = k("no one said that turkey attacked");
        assert!(!r.negated(&keys, 5));
    }

    #[test]
    fn governors() {
        let r = rules();
        let keys = k("turkey threatened to attack syria");
        assert_eq!(
            r.governor(&keys, 3),
            Some(Governor {
                class: Class::Threat,
                at: 1
            })
        );
        let keys = k("they failed to reach any consensus");
        assert_eq!(r.governor(&keys, 3).map(|g| g.class), Some(Class::Negate));
        let keys = k("turkey will support the plan");
        assert_eq!(r.governor(&keys, 2).map(|g| g.class), Some(Class::Intent));
        let keys = k("it would be the worst");
        assert_eq!(
            r.governor(&keys, 2).map(|g| g.class),
            Some(Class::Hypothetical)
        );
        let keys = k("the us must be ready to mediate");
        assert_eq!(
            r.governor(&keys, 6).map(|g| g.class),
            Some(Class::Hypothetical)
        );
        let keys = k("the plan that they attacked");
        assert_eq!(r.governor(&keys, 4), None);
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
