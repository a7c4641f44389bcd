//! What happened to a counted noun, read from the tree: the verb, adjective or noun it is an
//! argument or a part of, and how it stands to it.

use super::number::is_numeric;
use super::tree::Tree;
use crate::doc::QuantityKind;
use crate::lexicon::quantities::{QuantityWords, Undergoer};

/// How far a reading may travel through the tree (arcs followed by nested readings).
const MAX_DEPTH: usize = 8;

/// How the counted noun stands to a verb or adjective.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    /// Subject of an active verb.
    Subject,
    /// Subject of a passive, or the noun a participle describes ("people forced to flee").
    Passive,
    Object,
}

pub(super) struct Reader<'t, 'a> {
    pub t: &'t Tree<'a>,
    pub lex: &'static QuantityWords,
}

impl Reader<'_, '_> {
    /// The kind of what happened to argument `a` (a counted noun, or a number standing alone).
    pub fn kind(&self, a: usize) -> Option<QuantityKind> {
        self.argument(a, 0)
    }

    /// The kind a counted noun implies by itself or by its modifiers ("refugees", "displaced
    /// people", "the dead").
    pub fn noun_kind(&self, n: usize) -> Option<QuantityKind> {
        self.modifiers(n, 0).or_else(|| self.lexical_noun(n))
    }

    fn lexical_noun(&self, n: usize) -> Option<QuantityKind> {
        let t = self.t;
        t.compound_lemma(n)
            .and_then(|c| self.lex.noun.get(&c))
            .or_else(|| self.lex.noun.get(t.lemma(n)))
            .or_else(|| self.lex.noun.get(t.lower(n)))
            .copied()
    }

    fn argument(&self, a: usize, depth: usize) -> Option<QuantityKind> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.modifiers(a, depth).or_else(|| self.governor(a, depth))
    }

    /// Participles, adjectives and relative clauses on the noun itself ("people killed in",
    /// "wounded soldiers", "civilians who fled").
    fn modifiers(&self, a: usize, depth: usize) -> Option<QuantityKind> {
        let t = self.t;
        t.kids(a).iter().find_map(|&c| match t.dep(c) {
            // A clause with a subject of its own tells of something else ("the claim that
            // troops killed"); an infinitive tells of a purpose ("an attempt to kill").
            "amod" | "acl" if t.has_subject(c) => None,
            "amod" | "acl" => {
                let role = match t.tag(c) {
                    "VBG" => Role::Subject,
                    "VBN" | "JJ" => Role::Passive,
                    _ => return None,
                };
                self.clause(c, role, depth + 1)
            }
            "relcl" => self
                .relative_role(c)
                .and_then(|role| self.clause(c, role, depth + 1)),
            _ => None,
        })
    }

    /// The role of the relative pronoun in relative clause `c` ("who fled", "most of whom were");
    /// without one, a clause with a subject and no object has lost its object ("the people
    /// the army held").
    fn relative_role(&self, c: usize) -> Option<Role> {
        let t = self.t;
        let relative = |k: usize| matches!(t.tag(k), "WP" | "WDT") || t.lower(k) == "that";
        let partitive = |k: usize| {
            t.kid(k, "prep")
                .and_then(|p| t.kid(p, "pobj"))
                .is_some_and(|o| relative(o) || t.tag(o) == "PRP")
        };
        let role = t.kids(c).iter().find_map(|&k| {
            if !(relative(k) || partitive(k)) {
                return None;
            }
            match t.dep(k) {
                "nsubj" => Some(Role::Subject),
                "nsubjpass" => Some(Role::Passive),
                "dobj" => Some(Role::Object),
                _ => None,
            }
        });
        role.or_else(|| {
            (t.kid(c, "nsubj").is_some() && t.kid(c, "dobj").is_none()).then_some(Role::Object)
        })
    }

    /// What the argument's governor says: the verb it is subject or object of, the noun it is a
    /// part or the size of.
    fn governor(&self, a: usize, depth: usize) -> Option<QuantityKind> {
        let t = self.t;
        let h = t.head(a)?;
        match t.dep(a) {
            "nsubj" => self.clause(h, Role::Subject, depth + 1),
            "nsubjpass" => self.clause(h, Role::Passive, depth + 1),
            "dobj" if self.lex.subset.contains(t.lemma(h)) => self.superset(h, depth),
            "dobj" => self.clause(h, Role::Object, depth + 1).or_else(|| {
                self.bare(a)
                    .then(|| self.tally(h, a, false, depth))
                    .flatten()
            }),
            "attr" | "oprd" if self.bare(a) => self.tally(h, a, false, depth),
            "conj" | "appos" if !t.is_verb(h) => self.argument(h, depth + 1),
            // A number the parser joined to a verb ("were killed and about 800 displaced").
            "conj" => self.clause(h, Role::Passive, depth + 1),
            "pobj" => self.prepositional(h, a, depth),
            // "52 were hurt, three of them seriously".
            "npadvmod" | "advmod" if t.is_verb(h) && t.kid(a, "prep").is_some() => {
                self.clause(h, Role::Passive, depth + 1)
            }
            _ => None,
        }
    }

    fn prepositional(&self, p: usize, a: usize, depth: usize) -> Option<QuantityKind> {
        let t = self.t;
        let head = t.head(p)?;
        let prep = t.lemma(p);
        if prep == "of" && t.is_noun(head) {
            // "the deaths of six people"
            return self.lex.event.get(t.lemma(head)).copied();
        }
        if self.lex.subset.contains(prep) || self.lex.subset.contains(t.lower(p)) {
            return self.superset(head, depth);
        }
        if matches!(prep, "to" | "at") && self.bare(a) {
            return self.tally(head, a, true, depth);
        }
        None
    }

    /// The kind of the bigger count a part belongs to ("the dead included", "including", "among
    /// them"): the nearest argument above.
    fn superset(&self, from: usize, depth: usize) -> Option<QuantityKind> {
        let t = self.t;
        let mut x = from;
        for _ in 0..8 {
            // A participle on a noun ("soldiers serving with ..."): the noun is the whole.
            if t.is_verb(x) && matches!(t.dep(x), "acl" | "relcl" | "amod") {
                x = t.head(x)?;
                continue;
            }
            if t.is_verb(x) {
                let whole = ["nsubj", "dobj", "nsubjpass"]
                    .iter()
                    .find_map(|d| t.kid(x, d))?;
                return self.whole(whole, depth);
            }
            if matches!(t.dep(x), "nsubj" | "nsubjpass" | "dobj") {
                return self.whole(x, depth);
            }
            x = t.head(x)?;
        }
        None
    }

    fn whole(&self, w: usize, depth: usize) -> Option<QuantityKind> {
        self.argument(w, depth + 1).or_else(|| self.lexical_noun(w))
    }

    /// A number that is the size of something: "the death toll rose to 45", "put the toll at
    /// 60", "the number of people taken exceeded 200", "brought the force to 2,500". After
    /// "to" or "at" (`to_size`), any plural things are measured: "cut its stocks to 300".
    fn tally(&self, v: usize, a: usize, to_size: bool, depth: usize) -> Option<QuantityKind> {
        if depth > MAX_DEPTH {
            return None;
        }
        let t = self.t;
        // The object if there is one ("put the toll at"), else the subject ("the toll rose to").
        let object = ["dobj", "npadvmod"]
            .iter()
            .find_map(|d| t.kid(v, d).filter(|&k| k != a && t.is_noun(k)));
        let subject = || ["nsubj", "nsubjpass"].iter().find_map(|d| t.kid(v, d));
        let measured = match object {
            Some(k) => self.tallied(k, to_size, depth),
            None => subject()
                .filter(|&k| k != a)
                .and_then(|k| self.tallied(k, false, depth)),
        };
        measured.or_else(|| match t.dep(v) {
            // "was believed to exceed 200": the subject of the governing verb.
            "xcomp" => self.tally(t.head(v)?, a, to_size, depth + 1),
            _ => None,
        })
    }

    fn tallied(&self, n: usize, to_size: bool, depth: usize) -> Option<QuantityKind> {
        let t = self.t;
        if let Some(k) = t.compound_lemma(n).and_then(|c| self.lex.noun.get(&c)) {
            return Some(*k);
        }
        if self.lex.tally.contains(t.lemma(n)) {
            let of = t.prep_objects(n).find(|(p, _)| *p == "of").map(|(_, o)| o);
            let counted =
                of.and_then(|o| self.argument(o, depth + 1).or_else(|| self.lexical_noun(o)));
            return counted
                .or_else(|| self.lexical_noun(n))
                .or(Some(QuantityKind::Other));
        }
        if !t.is_noun(n) || self.lex.measure.contains(t.lemma(n)) {
            return None;
        }
        self.lexical_noun(n)
            .or_else(|| (to_size && t.is_plural_noun(n)).then_some(QuantityKind::Other))
    }

    /// What verb or adjective `v` does to its argument in role `role`.
    fn clause(&self, v: usize, role: Role, depth: usize) -> Option<QuantityKind> {
        if depth > MAX_DEPTH || self.only_possible(v) {
            return None;
        }
        let role = if role == Role::Subject && self.bare_participle(v) {
            Role::Passive
        } else {
            role
        };
        self.own(v, role)
            .or_else(|| self.complement(v, role, depth))
            .or_else(|| self.circumstance(v, role))
            .or_else(|| self.shared(v, role, depth))
    }

    /// The verb's or adjective's own entry.
    fn own(&self, v: usize, role: Role) -> Option<QuantityKind> {
        let t = self.t;
        if let Some(&k) = self.lex.adjective.get(t.lemma(v)) {
            if role != Role::Object && matches!(t.tag(v), "JJ" | "VBN") {
                return Some(k);
            }
        }
        if !t.is_verb(v) {
            return None;
        }
        let (kind, who) = self.verb_entry(v)?;
        let undergoes = match who {
            Undergoer::Object => role != Role::Subject,
            Undergoer::Subject => role != Role::Object,
        };
        undergoes.then_some(kind)
    }

    /// The lexicon entry of a verb with its particle, object or prepositional phrase ("round
    /// up", "lose life", "take into custody") or alone.
    fn verb_entry(&self, v: usize) -> Option<(QuantityKind, Undergoer)> {
        let t = self.t;
        let lemma = t.lemma(v);
        let get = |key: String| self.lex.verb.get(&key).copied();
        let with_kid = t.kids(v).iter().find_map(|&k| match t.dep(k) {
            "prt" => get(format!("{lemma} {}", t.lower(k))),
            "dobj" => get(format!("{lemma} {}", t.lemma(k))),
            _ => None,
        });
        with_kid
            .or_else(|| {
                t.prep_objects(v)
                    .find_map(|(p, o)| get(format!("{lemma} {p} {}", t.lemma(o))))
            })
            .or_else(|| self.lex.verb.get(lemma).copied())
    }

    /// A complement clause whose subject is the argument: "forced them to flee", "left 20
    /// wounded", "shot dead three protesters".
    fn complement(&self, v: usize, role: Role, depth: usize) -> Option<QuantityKind> {
        let t = self.t;
        t.kids(v).iter().copied().find_map(|c| {
            let predicative = matches!(t.tag(c), "VBN" | "JJ");
            let is_complement = match t.dep(c) {
                "xcomp" | "oprd" | "acomp" => true,
                // A secondary predicate on the object: "left 20 wounded".
                "advcl" | "ccomp" => role == Role::Object && predicative,
                _ => false,
            };
            if !is_complement || t.has_subject(c) {
                return None;
            }
            let role = if predicative {
                Role::Passive
            } else {
                Role::Subject
            };
            self.clause(c, role, depth + 1)
        })
    }

    /// Circumstances that say what happened: moved from homes or to shelters (displaced), taken
    /// to hospital with injuries (wounded), suffered injuries.
    fn circumstance(&self, v: usize, role: Role) -> Option<QuantityKind> {
        let t = self.t;
        let active_subject = role == Role::Subject && t.kid(v, "dobj").is_some();
        t.prep_objects(v).find_map(|(p, o)| {
            let refuge = format!("{p} {}", t.lemma(o));
            if self.lex.refuge.contains(&refuge) && !active_subject {
                return Some(QuantityKind::Displaced);
            }
            let injured = p == "with" && role != Role::Object;
            injured
                .then(|| self.lex.event.get(t.lemma(o)).copied())
                .flatten()
                .filter(|k| *k == QuantityKind::Wounded)
        })
    }

    /// Coordinated verbs share their subject ("were captured and killed") and object
    /// ("captured and killed 20").
    fn shared(&self, v: usize, role: Role, depth: usize) -> Option<QuantityKind> {
        let t = self.t;
        let lacks = |c: usize| match role {
            Role::Object => t.kid(c, "dobj").is_none(),
            _ => !t.has_subject(c),
        };
        // The first verb shares the object of the last ("arrested and later freed 40").
        if role == Role::Object && t.dep(v) == "conj" {
            if let Some(h) = t.head(v).filter(|&h| t.is_verb(h) && lacks(h)) {
                if let Some(k) = self.own(h, role) {
                    return Some(k);
                }
            }
        }
        t.kids(v).iter().copied().find_map(|c| {
            if t.dep(c) != "conj" || !(t.is_verb(c) || t.tag(c) == "JJ") {
                return None;
            }
            lacks(c).then(|| self.clause(c, role, depth + 1)).flatten()
        })
    }

    /// A number standing for its noun ("rose to 45"), not a counted noun or a partitive.
    fn bare(&self, a: usize) -> bool {
        is_numeric(self.t, self.lex, a) && self.t.prep_objects(a).all(|(p, _)| p != "of")
    }

    /// A participle without "have": passive in meaning ("117 wounded", "most of them forced").
    fn bare_participle(&self, v: usize) -> bool {
        let t = self.t;
        t.tag(v) == "VBN"
            && !t
                .kids(v)
                .iter()
                .any(|&k| t.dep(k) == "aux" && t.lemma(k) == "have")
    }

    /// A modal makes the act only possible ("could be displaced").
    fn only_possible(&self, v: usize) -> bool {
        let t = self.t;
        t.kids(v)
            .iter()
            .any(|&k| t.dep(k) == "aux" && t.tag(k) == "MD" && self.lex.modal.contains(t.lemma(k)))
    }
}
