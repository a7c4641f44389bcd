//! From a speaker phrase's head token to the speaker reported: a person's full name, an
//! organisation, or the phrase itself ("a Western diplomat"), with the actor code of its
//! mention.

use super::mentions::MentionIndex;
use super::people::{pronoun_gender, People};
use crate::country::Code;
use crate::doc::{Doc, MentionKind, Speaker};
use crate::lexicon::QuoteWords;
use crate::span::Span;
use crate::tree::Tree;

pub(crate) struct Namer<'a> {
    pub doc: &'a Doc,
    pub tree: &'a Tree<'a>,
    pub lex: &'a QuoteWords,
    pub people: People,
    pub mentions: &'a MentionIndex<'a>,
    /// Speakers that are no person (organisations, documents), by position, for "it said".
    pub bodies: Vec<(usize, Speaker)>,
}

/// Dependents that belong to a noun phrase's own words, before its head.
const LEFT: &[&str] = &[
    "det", "amod", "compound", "poss", "nummod", "nmod", "quantmod", "case", "advmod", "npadvmod",
];

impl Namer<'_> {
    /// Remember every organisation or document that says something in the article, for a
    /// later "it said" (whether or not it is quoted).
    pub fn collect_bodies(&mut self) {
        let tree = self.tree;
        let none = Span::new(0, 0);
        for v in 0..tree.len() {
            if !tree.is_verbal(v) || !self.lex.attributes(&tree.lemma(v)) {
                continue;
            }
            let Some(s) = tree.kids_with(v, &["nsubj"]).next() else {
                continue;
            };
            if tree.is_pronoun(s) {
                continue;
            }
            if let Some(f) = self
                .resolve(s, none, 2)
                .filter(|f| f.body && f.person.is_none())
            {
                let at = f.speaker.span.start;
                let i = self.bodies.partition_point(|b| b.0 <= at);
                if i == 0 || self.bodies[i - 1].0 != at {
                    self.bodies.insert(i, (at, f.speaker));
                }
            }
        }
    }

    /// The speaker named by the phrase headed by token `s`, for the quote at `quote`.
    pub fn speaker(&mut self, s: usize, quote: Span) -> Option<Speaker> {
        let found = self.resolve(s, quote, 0)?;
        if let (Some(p), true) = (found.person, found.noted) {
            self.people.note_speaker(self.tree, s, p);
        }
        Some(found.speaker)
    }

    fn resolve(&self, s: usize, quote: Span, depth: usize) -> Option<Found> {
        if depth > 3 {
            return None;
        }
        let tree = self.tree;
        if tree.is_pronoun(s) {
            return self.pronoun(s, quote);
        }
        if let Some(f) = self.coordination(s, quote, depth) {
            return Some(f);
        }
        if let Some(p) = self.people.at(tree, s).or_else(|| self.appos_person(s)) {
            return Some(self.person(p, s, false));
        }
        let lemma = tree.lemma(s);
        if self.lex.document.contains(&lemma) {
            if let Some(issuer) = self.issuer(s) {
                if let Some(f) = self.resolve(issuer, quote, depth + 1) {
                    return Some(f);
                }
            }
        }
        let (a, b) = self.phrase(s);
        let phrase = Span::new(tree.word(a).start, tree.word(b).end);
        let proper = tree.tag(s).starts_with("NNP");
        if proper {
            // A surname or short form of a person named earlier ("Dupont", tagged as an
            // organisation or not recognised at all).
            let (na, _) = tree.extent(s, &|c| c > s || tree.dep(c) != "compound");
            let name = self.doc.slice(tree.span_of(na, s));
            if let Some(p) = self.people.by_surname(name, phrase.start) {
                return Some(self.person(p, s, true));
            }
        }
        if self.is_role(s, a) {
            if let Some(p) = self.people.by_role(&lemma, phrase.start) {
                return Some(self.person(p, s, true));
            }
        }
        let text = self.body_name(s, phrase);
        Some(Found {
            speaker: Speaker {
                name: Some(text),
                code: self.coded(phrase),
                span: phrase,
            },
            person: None,
            noted: false,
            body: true,
        })
    }

    /// "he"/"she" → a person; "it"/"they" → the latest organisation that spoke.
    fn pronoun(&self, s: usize, quote: Span) -> Option<Found> {
        let tree = self.tree;
        let gender = pronoun_gender(tree, s);
        let personal = gender.is_some();
        if let Some(f) = self.bound(s, quote, personal) {
            return Some(f);
        }
        if personal {
            let p = self.people.pronoun(self.tree, s, gender, quote)?;
            return Some(self.person(p, s, true));
        }
        // "it" and "they", told by the tagger's features.
        let third = tree.feature(s, "Person") == Some("3");
        let thing =
            tree.feature(s, "Gender") == Some("Neut") || tree.feature(s, "Number") == Some("Plur");
        if third && thing {
            let at = self.tree.span(s).start;
            let floor = self.doc.sentence_at(at).map_or(0, |i| {
                let k = i.saturating_sub(3);
                self.doc.sentences[k].span.start
            });
            let before = self.bodies.partition_point(|b| b.0 < at);
            let body = self.bodies[..before]
                .iter()
                .rev()
                .take_while(|(p, _)| *p >= floor)
                .find(|(p, _)| !quote.contains(Span::new(*p, *p)))?;
            return Some(Found {
                speaker: Speaker {
                    span: self.tree.span(s),
                    ..body.1.clone()
                },
                person: None,
                noted: false,
                body: false,
            });
        }
        None
    }

    /// A pronoun inside a clause of its sentence stands for the subject of the clause above it
    /// when that one fits ("the ministry condemned what it called", "Ruiz said she had").
    fn bound(&self, s: usize, quote: Span, personal: bool) -> Option<Found> {
        let tree = self.tree;
        let mut n = tree.head(s)?;
        for _ in 0..6 {
            n = tree.head(n)?;
            if !tree.is_verbal(n) {
                continue;
            }
            let Some(c) = tree.kids_with(n, &["nsubj"]).next() else {
                continue;
            };
            if tree.is_pronoun(c) || quote.contains(tree.span(c)) {
                return None;
            }
            let f = self.resolve(c, quote, 3)?;
            let fits = match f.person {
                // A name the recogniser missed may be a person's.
                None if personal => tree.tag(c).starts_with("NNP") && !self.organisation(c),
                Some(p) => {
                    personal
                        && (pronoun_gender(tree, s).is_none()
                            || self.people.persons[p].gender.is_none()
                            || self.people.persons[p].gender == pronoun_gender(tree, s))
                }
                None => !personal && f.body,
            };
            return fits.then(|| Found {
                speaker: Speaker {
                    span: tree.span(s),
                    ..f.speaker
                },
                noted: f.person.is_some(),
                ..f
            });
        }
        None
    }

    /// Whether token `t` lies in an entity that is no person (an organisation, a place).
    fn organisation(&self, t: usize) -> bool {
        self.tree.entity_label(t).is_some_and(|l| l != "PERSON")
    }

    /// "Ana Ruiz and Jon Berg said": both names.
    fn coordination(&self, s: usize, quote: Span, depth: usize) -> Option<Found> {
        let tree = self.tree;
        let last = tree.kids_with(s, &["conj"]).last()?;
        let first = self.resolve_single(s, quote, depth)?;
        let second = self.resolve(last, quote, depth + 1)?;
        let (a, b) = (first.speaker, second.speaker);
        let span = a.span.cover(b.span);
        let name = match (&a.name, &b.name) {
            (Some(x), Some(y)) => {
                let and = tree
                    .kids_with(s, &["cc"])
                    .next()
                    .map_or(",", |c| self.doc.slice(tree.span(c)));
                Some(format!("{x} {and} {y}"))
            }
            (x, y) => x.clone().or(y.clone()),
        };
        Some(Found {
            speaker: Speaker {
                name,
                code: a.code.or(b.code),
                span,
            },
            person: None,
            noted: false,
            body: false,
        })
    }

    /// One conjunct of a coordination, without its conjuncts.
    fn resolve_single(&self, s: usize, quote: Span, depth: usize) -> Option<Found> {
        if let Some(p) = self.people.at(self.tree, s) {
            return Some(self.person(p, s, false));
        }
        if let Some(t) = self.person_inside(s) {
            return Some(self.person(self.people.at(self.tree, t)?, t, false));
        }
        let mut f = self.resolve_plain(s, quote, depth)?;
        f.person = None;
        Some(f)
    }

    fn resolve_plain(&self, s: usize, _quote: Span, _depth: usize) -> Option<Found> {
        let tree = self.tree;
        let (a, _) = self.phrase(s);
        let phrase = Span::new(tree.word(a).start, tree.word(s).end);
        Some(Found {
            speaker: Speaker {
                name: Some(self.body_name(s, phrase)),
                code: self.coded(phrase),
                span: phrase,
            },
            person: None,
            noted: false,
            body: false,
        })
    }

    /// A person named inside the phrase of `s` ("Minister for Trade Jon Berg").
    fn person_inside(&self, s: usize) -> Option<usize> {
        let tree = self.tree;
        let (a, b) = tree.extent(s, &|c| {
            matches!(tree.dep(c), "relcl" | "acl" | "conj" | "cc") || tree.is_punct(c)
        });
        (a..=b).find(|&t| self.people.at(tree, t).is_some())
    }

    /// "the minister, Jean Dupont, said" and "the capital — Minister Jean Dupont said": a
    /// person in apposition to the subject.
    fn appos_person(&self, s: usize) -> Option<usize> {
        self.tree
            .kids_with(s, &["appos"])
            .find_map(|c| self.people.at(self.tree, c))
    }

    /// "a statement from the ministry", "the ministry's statement": the issuer.
    fn issuer(&self, s: usize) -> Option<usize> {
        let tree = self.tree;
        tree.children(s)
            .iter()
            .copied()
            .find_map(|c| match tree.dep(c) {
                "poss" => Some(c),
                "prep" if self.lex.issuer.contains(tree.lower(c)) => {
                    tree.kids_with(c, &["pobj"]).next()
                }
                "acl" => tree
                    .kids_with(c, &["agent"])
                    .find_map(|a| tree.kids_with(a, &["pobj"]).next()),
                _ => None,
            })
    }

    /// A definite singular role noun with no person named before it ("the minister",
    /// "the Prime Minister").
    fn is_role(&self, s: usize, a: usize) -> bool {
        let tree = self.tree;
        let definite = (a..s).any(|t| {
            tree.dep(t) == "det"
                && tree.feature(t, "Definite") == Some("Def")
                && tree.feature(t, "PronType") == Some("Art")
        });
        let named = (a..s).any(|t| tree.dep(t) == "poss" || self.people.at(tree, t).is_some());
        definite && !named && tree.feature(s, "Number") != Some("Plur")
    }

    /// The words of the phrase headed by `s` up to its head: determiners, modifiers and
    /// compounds before it, not relative clauses or appositions after it.
    fn phrase(&self, s: usize) -> (usize, usize) {
        let tree = self.tree;
        let (a, _) = tree.extent(s, &|c| c > s || !LEFT.contains(&tree.dep(c)));
        // A named entity that runs past the head keeps its words ("Organization of American
        // States").
        let ent = tree.entity(s);
        let b = ent.map_or(s, |e| e.tokens.end.saturating_sub(1).max(s));
        let a = ent.map_or(a, |e| a.min(e.tokens.start));
        (a, b)
    }

    /// The text of a phrase that names no person: titles and all, since it is what the text
    /// calls the speaker ("a senior Western diplomat", "Russia's foreign ministry"); a common
    /// noun keeps the prepositional phrases after it ("a resident of the old town").
    fn body_name(&self, s: usize, phrase: Span) -> String {
        let tree = self.tree;
        if tree.tag(s).starts_with("NNP") || tree.is_pronoun(s) {
            return self.doc.slice(phrase).to_string();
        }
        let mut end = phrase.end;
        // "by" after a noun names whoever did it ("an audit by the league"), not who it is.
        for p in tree
            .kids_with(s, &["prep"])
            .filter(|&p| p > s && !self.lex.agentive.contains(tree.lower(p)))
        {
            let (_, b) = tree.extent(p, &|c| {
                matches!(tree.dep(c), "relcl" | "acl" | "appos") || tree.is_punct(c)
            });
            // Only an unbroken run of words: no comma between the noun and the phrase.
            let gap = self.doc.text().get(end..tree.word(p).start).unwrap_or(",");
            if gap.trim().is_empty() {
                end = end.max(tree.word(b).end);
            }
        }
        self.doc.slice(Span::new(phrase.start, end)).to_string()
    }

    fn person(&self, p: usize, s: usize, noted: bool) -> Found {
        let person = &self.people.persons[p];
        let span = self
            .people
            .covering(self.tree, s)
            .map_or(self.tree.span(s), |o| o.span);
        // A phrase that refers back (a pronoun, surname or role) is coded as the person it
        // names, whatever the actor stage made of the phrase alone.
        let code = if noted {
            person.code.or_else(|| self.coded(span))
        } else {
            self.coded(span).or(person.code)
        };
        Found {
            speaker: Speaker {
                name: Some(person.best_name()),
                code,
                span,
            },
            person: Some(p),
            noted,
            body: false,
        }
    }

    /// The code of the longest coded mention overlapping `span` (not a pronoun's guess).
    fn coded(&self, span: Span) -> Option<Code> {
        self.mentions
            .longest_code(span, |m| m.kind != MentionKind::Pronoun)
    }
}

struct Found {
    speaker: Speaker,
    person: Option<usize>,
    /// A pronoun, surname or role resolved to a person: remembered as that person speaking.
    noted: bool,
    /// An organisation or document, for a later "it said".
    body: bool,
}
