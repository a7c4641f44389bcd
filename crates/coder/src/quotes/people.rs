//! Who a speaker phrase names: people of the article with the full name given at first
//! mention, the titles seen with them and, where the text tells it, their gender; and the
//! coreference a news story relies on for its speakers ("Dupont said", "he said", "the minister
//! said" after "Foreign Minister Jean Dupont").

use super::mentions::MentionIndex;
use crate::country::Code;
use crate::doc::{Doc, MentionKind};
use crate::lexicon::quotes::{Gender, QuoteWords};
use crate::span::Span;
use crate::tree::Tree;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// A person of the article.
#[derive(Clone, Debug, Default)]
pub(crate) struct Person {
    /// The longest form of the name the text gives, titles left out.
    pub name: String,
    /// The dictionaries' name for the person, when a mention was coded.
    pub dict_name: Option<String>,
    pub code: Option<Code>,
    /// Lower-cased lemmas of the role nouns seen with the name ("minister", "foreign").
    pub titles: HashSet<String>,
    pub gender: Option<Gender>,
}

impl Person {
    /// The name to report: the dictionaries' name when it completes the text's ("Tayyip
    /// Erdogan" → "Recep Tayyip Erdogan"), else the text's own spelling of the full name.
    pub fn best_name(&self) -> String {
        let own = name_words(&self.name);
        match &self.dict_name {
            Some(d) if own.len() < 2 || ends_with(&name_words(d), &own) => d.clone(),
            _ => self.name.clone(),
        }
    }
}

/// One place the article names (or refers to) a person.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Occurrence {
    /// The head token of the name.
    pub token: usize,
    pub span: Span,
    pub person: usize,
    /// Subject of a clause (or in apposition to one).
    pub subject: bool,
    /// Subject of a verb of saying.
    pub speaker: bool,
    /// Named inside quotation marks (someone talked about, not the narrator's subject).
    pub quoted: bool,
}

/// Where an occurrence sits among the others: its start, then the order it was noted in (so that
/// a later note of the same start comes after the earlier ones).
type Key = (usize, usize);

/// How many occurrences a pronoun looks back over for a speaker or a person before giving up:
/// far more than a news story names, so only very long texts are affected, and each look-up
/// stays bounded.
const LOOK_BACK: usize = 1_000;

#[derive(Default)]
pub(crate) struct People {
    pub persons: Vec<Person>,
    /// In text order.
    occ: BTreeMap<Key, Occurrence>,
    /// Each person's occurrences.
    of_person: Vec<BTreeSet<Key>>,
    /// Persons by the last word of their name (lower-cased): names that end with one another
    /// share it.
    by_last_word: HashMap<String, Vec<usize>>,
    /// Persons by the role nouns seen with them.
    by_title: HashMap<String, Vec<usize>>,
    /// The first occurrence headed by each token.
    by_token: HashMap<usize, Key>,
    /// The longest occurrence span (an occurrence covering a token starts at most this far
    /// before it).
    longest: usize,
    next_key: usize,
}

/// Lower-cased words of a name, for comparing forms ("Jean Dupont" ends with "Dupont").
fn name_words(s: &str) -> Vec<String> {
    s.split_whitespace().map(str::to_lowercase).collect()
}

fn ends_with(long: &[String], short: &[String]) -> bool {
    !short.is_empty() && long.len() >= short.len() && long[long.len() - short.len()..] == *short
}

/// Whether a span lies inside one of the quotes (sorted by start), with `reach[i]` the furthest
/// end among the first `i + 1` of them.
fn inside_quote(quoted: &[Span], reach: &[usize], span: Span) -> bool {
    let i = quoted.partition_point(|q| q.start <= span.start);
    i > 0 && reach[i - 1] >= span.end
}

impl People {
    /// The people of the article, from the model's PERSON entities and the actor stage's
    /// person mentions, in text order.
    pub fn build(
        doc: &Doc,
        tree: &Tree,
        lex: &QuoteWords,
        mentions: &MentionIndex,
        quoted: &[Span],
    ) -> People {
        // Accepted name spans never overlap one another, so the one starting last before a
        // span's end is the only one that can overlap it.
        let mut spans: BTreeMap<usize, usize> = BTreeMap::new();
        let mut add_span = |sp: Span| {
            let clash = spans
                .range(..sp.end)
                .next_back()
                .is_some_and(|(&a, &b)| Span::new(a, b).overlaps(sp));
            if !clash {
                spans.insert(sp.start, sp.end);
            }
        };
        for e in tree.ann.entities.iter().filter(|e| e.label == "PERSON") {
            add_span(Span::new(e.start, e.end));
        }
        for m in doc
            .mentions
            .iter()
            .filter(|m| m.kind == MentionKind::Person)
        {
            add_span(m.span);
        }
        for sp in titled_names(tree, lex) {
            add_span(sp);
        }
        let mut sorted: Vec<Span> = quoted.to_vec();
        sorted.sort_by_key(|q| q.start);
        let reach: Vec<usize> = sorted
            .iter()
            .scan(0, |far, q| {
                *far = q.end.max(*far);
                Some(*far)
            })
            .collect();
        let in_quote = |sp: Span| inside_quote(&sorted, &reach, sp);
        let mut people = People::default();
        for (start, end) in spans {
            people.add(doc, tree, lex, mentions, Span::new(start, end), &in_quote);
        }
        people.learn_genders(tree);
        people
    }

    fn add(
        &mut self,
        doc: &Doc,
        tree: &Tree,
        lex: &QuoteWords,
        mentions: &MentionIndex,
        span: Span,
        in_quote: &dyn Fn(Span) -> bool,
    ) {
        let toks = tree.tokens_in(span.start, span.end);
        if toks.is_empty() {
            return;
        }
        let toks = strip_titles(tree, lex, extend_name(tree, lex, toks));
        // A possessive ending ("Dupont's") is no part of the name.
        let mut end = toks.end;
        while end > toks.start && matches!(tree.tag(end - 1), "POS") {
            end -= 1;
        }
        if end <= toks.start {
            return;
        }
        let name_span = tree.span_of(toks.start, end - 1);
        let name = doc.slice(name_span).to_string();
        let words = name_words(&name);
        let root = (toks.start..end)
            .find(|&t| tree.head(t).is_none_or(|h| h < toks.start || h >= end))
            .unwrap_or(end - 1);
        let mention = mentions.longest(name_span, |_| true);
        // The same person as an earlier, longer or shorter, form of the name: of those, the one
        // named last.
        let known = self.latest_named(&words, usize::MAX, |w| {
            ends_with(w, &words) || ends_with(&words, w)
        });
        let person = match known {
            Some(p) => {
                if words.len() > name_words(&self.persons[p].name).len() {
                    self.persons[p].name = name.clone();
                }
                p
            }
            None => {
                self.persons.push(Person {
                    name,
                    ..Person::default()
                });
                self.of_person.push(BTreeSet::new());
                if let Some(last) = words.last() {
                    self.by_last_word
                        .entry(last.clone())
                        .or_default()
                        .push(self.persons.len() - 1);
                }
                self.persons.len() - 1
            }
        };
        // A name the dictionaries do not know is coded by its title or apposition ("Ana
        // Ruiz, the UN envoy").
        let titled = title_phrases(tree, root)
            .into_iter()
            .find_map(|sp| mentions.longest_code(sp, |m| m.kind != MentionKind::Pronoun));
        let p = &mut self.persons[person];
        if p.code.is_none() {
            p.code = mention.and_then(|m| m.actor.code).or(titled);
        }
        if let Some(m) = mention {
            if p.dict_name.is_none() && m.kind == MentionKind::Person {
                p.dict_name = m.actor.name.clone();
            }
        }
        for t in titles_of(tree, lex, root) {
            if let Some(&g) = lex.gender.get(&t) {
                p.gender = Some(g);
            }
            if p.titles.insert(t.clone()) {
                self.by_title.entry(t).or_default().push(person);
            }
        }
        let (subject, speaker) = role_in_clause(tree, lex, root);
        self.insert(Occurrence {
            token: root,
            span: name_span,
            person,
            subject,
            speaker,
            quoted: in_quote(name_span),
        });
    }

    /// Add an occurrence after every one that starts where it does or before.
    fn insert(&mut self, o: Occurrence) {
        let key = (o.span.start, self.next_key);
        self.next_key += 1;
        self.occ.insert(key, o);
        if let Some(set) = self.of_person.get_mut(o.person) {
            set.insert(key);
        }
        let first = self.by_token.entry(o.token).or_insert(key);
        *first = (*first).min(key);
        self.longest = self.longest.max(o.span.len());
    }

    /// Of the persons sharing the last of `words` and whose name's words pass `fits`, the one
    /// named last before byte `before`.
    fn latest_named(
        &self,
        words: &[String],
        before: usize,
        fits: impl Fn(&[String]) -> bool,
    ) -> Option<usize> {
        let candidates = self.by_last_word.get(words.last()?)?;
        self.latest_of(candidates, before, |p| {
            fits(&name_words(&self.persons[p].name))
        })
    }

    /// Of `candidates` that pass `fits`, the one with the latest occurrence starting before
    /// byte `before`.
    fn latest_of(
        &self,
        candidates: &[usize],
        before: usize,
        fits: impl Fn(usize) -> bool,
    ) -> Option<usize> {
        candidates
            .iter()
            .filter_map(|&p| {
                let last = self.of_person.get(p)?.range(..(before, 0)).next_back()?;
                Some((*last, p))
            })
            .filter(|&(_, p)| fits(p))
            .max()
            .map(|(_, p)| p)
    }

    /// The person named at token `t` (inside one of their names).
    pub fn at(&self, tree: &Tree, t: usize) -> Option<usize> {
        let s = tree.span(t);
        self.occ
            .range(..(s.end, 0))
            .rev()
            .take(4)
            .map(|(_, o)| o)
            .find(|o| o.span.overlaps(s))
            .map(|o| o.person)
    }

    /// The first occurrence headed by token `t` or covering it.
    pub fn covering(&self, tree: &Tree, t: usize) -> Option<&Occurrence> {
        let s = tree.span(t);
        let by_token = self.by_token.get(&t).copied();
        let from = (s.start.saturating_sub(self.longest), 0);
        let covering = self
            .occ
            .range(from..=(s.start, usize::MAX))
            .find(|(_, o)| o.span.contains(s))
            .map(|(k, _)| *k);
        let key = match (by_token, covering) {
            (Some(a), Some(b)) => a.min(b),
            (a, b) => a.or(b)?,
        };
        self.occ.get(&key)
    }

    /// The latest earlier person whose name ends with `words` ("Dupont" → "Jean Dupont").
    pub fn by_surname(&self, name: &str, before: usize) -> Option<usize> {
        let words = name_words(name);
        self.latest_named(&words, before, |w| ends_with(w, &words))
    }

    /// The latest earlier person seen with the role noun `lemma` ("the minister").
    pub fn by_role(&self, lemma: &str, before: usize) -> Option<usize> {
        let candidates = self.by_title.get(lemma)?;
        self.latest_of(candidates, before, |_| true)
    }

    /// The antecedent of a "he"/"she" at token `t`, outside the quote `skip`: in the same or
    /// the previous sentence a compatible person (for "she" one known to be a woman first),
    /// a speaker, a subject, the latest;
    /// further back (up to [`LOOK_BACK`] occurrences) the latest speaker, else the latest
    /// person.
    pub fn pronoun(
        &self,
        tree: &Tree,
        t: usize,
        gender: Option<Gender>,
        skip: Span,
    ) -> Option<usize> {
        let at = tree.span(t).start;
        let window = window_start(tree, t).min(at);
        let ok = |o: &&Occurrence| {
            o.span.start < at
                && !o.quoted
                && !skip.contains(o.span)
                && compatible(self.persons[o.person].gender, gender)
        };
        let near = self
            .occ
            .range((window, 0)..(at, 0))
            .filter(|(_, o)| ok(o))
            .max_by_key(|(key, o)| {
                // Most people named in the news are men, so a man the text marked as such
                // does not outrank a salient person of unknown gender for "he"; a woman
                // marked as such does for "she".
                let known = gender == Some(Gender::Fem)
                    && self.persons[o.person].gender == Some(Gender::Fem);
                (known, o.speaker, o.subject, **key)
            })
            .map(|(_, o)| o.person);
        near.or_else(|| {
            let earlier = self
                .occ
                .range(..(at, 0))
                .rev()
                .take(LOOK_BACK)
                .map(|(_, o)| o)
                .filter(ok);
            let mut speakers = earlier.clone().filter(|o| o.speaker);
            speakers
                .next()
                .or_else(|| earlier.clone().next())
                .map(|o| o.person)
        })
    }

    /// Record that a speaker phrase at token `t` refers to `person` (so that a later "he said"
    /// finds whoever was speaking).
    pub fn note_speaker(&mut self, tree: &Tree, t: usize, person: usize) {
        self.insert(Occurrence {
            token: t,
            span: tree.span(t),
            person,
            subject: true,
            speaker: true,
            quoted: false,
        });
    }

    /// Genders told by the text: a "he"/"she" inside a clause attached to the name ("X, who
    /// says she …"), or the only person named in the pronoun's sentence before it (else in the
    /// sentence before).
    fn learn_genders(&mut self, tree: &Tree) {
        for t in 0..tree.len() {
            let Some(g) = pronoun_gender(tree, t) else {
                continue;
            };
            if let Some(p) = self
                .bound_by_clause(tree, t)
                .or_else(|| self.only_person(tree, t))
            {
                if self.persons[p].gender.is_none() {
                    self.persons[p].gender = Some(g);
                }
            }
        }
    }

    fn bound_by_clause(&self, tree: &Tree, t: usize) -> Option<usize> {
        let mut n = t;
        for _ in 0..tree.len() {
            let h = tree.head(n)?;
            if matches!(tree.dep(n), "relcl" | "acl") {
                let key = self.by_token.get(&h)?;
                return self.occ.get(key).map(|o| o.person);
            }
            n = h;
        }
        None
    }

    fn only_person(&self, tree: &Tree, t: usize) -> Option<usize> {
        let at = tree.span(t).start;
        let sent = tree.sentence_of(t)?;
        let start = tree.span(sent.start).start;
        let in_range = |a: usize| {
            let a = a.min(at);
            let mut ps: Vec<usize> = self
                .occ
                .range((a, 0)..(at, 0))
                .map(|(_, o)| o)
                .filter(|o| !o.quoted)
                .map(|o| o.person)
                .collect();
            ps.dedup();
            ps
        };
        let here = in_range(start);
        let ps = if here.is_empty() {
            in_range(window_start(tree, t))
        } else {
            here
        };
        (ps.len() == 1).then(|| ps[0])
    }
}

/// The spans of the title before a name and of its appositions.
fn title_phrases(tree: &Tree, root: usize) -> Vec<Span> {
    let mut out = Vec::new();
    let (a, _) = tree.extent(root, &|c| c > root || tree.is_punct(c));
    if a < root {
        out.push(tree.span_of(a, root));
    }
    for c in tree.kids_with(root, &["appos"]) {
        let (x, y) = tree.extent(c, &|k| {
            matches!(tree.dep(k), "relcl" | "acl") || tree.is_punct(k)
        });
        out.push(tree.span_of(x, y));
    }
    if tree.dep(root) == "appos" {
        if let Some(h) = tree.head(root) {
            let (x, _) = tree.extent(h, &|k| k > h || tree.is_punct(k));
            out.push(tree.span_of(x, h));
        }
    }
    out
}

fn compatible(known: Option<Gender>, wanted: Option<Gender>) -> bool {
    known.is_none() || wanted.is_none() || known == wanted
}

/// The gender of a third-person singular pronoun ("he", "she") from the tagger's features.
pub(crate) fn pronoun_gender(tree: &Tree, t: usize) -> Option<Gender> {
    if !matches!(tree.tag(t), "PRP" | "PRP$") || tree.feature(t, "Number") == Some("Plur") {
        return None;
    }
    match tree.feature(t, "Gender") {
        Some("Masc") => Some(Gender::Masc),
        Some("Fem") => Some(Gender::Fem),
        _ => None,
    }
}

/// Byte offset where the sentence before token `t`'s sentence starts.
fn window_start(tree: &Tree, t: usize) -> usize {
    let Some(k) = tree.ann.sentence_of(t) else {
        return 0;
    };
    let s = &tree.ann.sentences[k.saturating_sub(1)];
    tree.span(s.start).start
}

/// Names the entity recogniser missed that a title introduces ("Governor Ana Ruiz"): the
/// proper nouns after the title up to the head of their compound chain.
fn titled_names(tree: &Tree, lex: &QuoteWords) -> Vec<Span> {
    let in_entity = |t: usize| tree.entity(t).is_some();
    let mut out = Vec::new();
    for t in 0..tree.len() {
        if !tree.tag(t).starts_with("NNP") || tree.dep(t) == "compound" || in_entity(t) {
            continue;
        }
        let mut a = t;
        while a > 0
            && tree.tag(a - 1).starts_with("NNP")
            && tree.dep(a - 1) == "compound"
            && !in_entity(a - 1)
        {
            a -= 1;
        }
        let titled = (a..t).rev().find(|&i| {
            let w = tree.lower(i);
            lex.titles.contains(w) || lex.honorific.contains(w) || lex.gender.contains_key(w)
        });
        if let Some(i) = titled {
            out.push(tree.span_of(i + 1, t));
        }
    }
    out
}

/// A name the entity recogniser cut short ("Ana Maria" of "Ana Maria Ruiz", "Ruiz" of it):
/// the proper nouns of its compound chain, title words left out.
fn extend_name(
    tree: &Tree,
    lex: &QuoteWords,
    toks: std::ops::Range<usize>,
) -> std::ops::Range<usize> {
    let in_entity = |t: usize| tree.entity(t).is_some();
    let mut start = toks.start;
    while start > 0
        && tree.tag(start - 1).starts_with("NNP")
        && tree.dep(start - 1) == "compound"
        && tree
            .head(start - 1)
            .is_some_and(|h| h >= start && h < toks.end)
        && !in_entity(start - 1)
        && !lex.titles.contains(tree.lower(start - 1))
        && !lex.honorific.contains(tree.lower(start - 1))
    {
        start -= 1;
    }
    // The head of the chain belongs to the name even when the recogniser labelled it alone
    // as something else ("Ana von der" + "Berg").
    let absorbable = |t: usize| {
        tree.entity(t)
            .is_none_or(|e| e.label != "PERSON" && e.tokens.len() == 1)
    };
    let mut end = toks.end;
    while end < tree.len()
        && tree.tag(end).starts_with("NNP")
        && tree.dep(end - 1) == "compound"
        && tree.head(end - 1).is_some_and(|h| h >= end)
        && absorbable(end)
    {
        end += 1;
    }
    start..end
}

/// Title words are no part of a name: it starts after the last title ("European Commission
/// President Ana Ruiz" → "Ana Ruiz", "Gen. Ana Ruiz"), keeping at least one word.
fn strip_titles(
    tree: &Tree,
    lex: &QuoteWords,
    toks: std::ops::Range<usize>,
) -> std::ops::Range<usize> {
    let mut start = toks.start;
    for a in toks.clone() {
        for n in 1..=lex.title_len.min(toks.end - a) {
            let words: Vec<&str> = (a..a + n).map(|t| tree.lower(t)).collect();
            let title = lex.titles.contains(&words.join(" "))
                || (n == 1
                    && (lex.honorific.contains(words[0]) || lex.gender.contains_key(words[0])));
            if title && a + n < toks.end {
                start = start.max(a + n);
            }
        }
    }
    start..toks.end
}

/// Role nouns seen with the name headed by `root`: the last noun of its title before it
/// ("Foreign Minister Jean Dupont", "Prime Minister Dr Ana Ruiz" → minister; courtesy titles
/// and gender words are kept too, as they tell the gender), the head of an apposition ("Dupont,
/// the minister") and the noun the name is in apposition to ("the minister, Jean Dupont").
fn titles_of(tree: &Tree, lex: &QuoteWords, root: usize) -> Vec<String> {
    let mut out = Vec::new();
    let (a, _) = tree.extent(root, &|c| c > root || tree.is_punct(c));
    let before: Vec<usize> = (a..root)
        .filter(|&t| matches!(tree.word(t).pos.as_str(), "NOUN" | "PROPN"))
        .filter(|&t| tree.entity_label(t) != Some("PERSON"))
        .collect();
    for &t in before.iter().rev() {
        let lower = tree.lower(t).to_string();
        let courtesy = lex.honorific.contains(&lower) || lex.gender.contains_key(&lower);
        out.push(if courtesy { lower } else { tree.lemma(t) });
        if !courtesy {
            break;
        }
    }
    out.extend(tree.kids_with(root, &["appos"]).map(|c| tree.lemma(c)));
    if tree.dep(root) == "appos" {
        if let Some(h) = tree.head(root) {
            out.push(tree.lemma(h));
        }
    }
    out
}

/// Whether the name headed by `root` is a clause's subject, and a speech verb's subject.
fn role_in_clause(tree: &Tree, lex: &QuoteWords, root: usize) -> (bool, bool) {
    let mut n = root;
    // "the minister, Jean Dupont," and "Jean Dupont, the minister,": the phrase's head.
    if matches!(tree.dep(n), "appos" | "compound") {
        if let Some(h) = tree.head(n) {
            n = h;
        }
    }
    if !matches!(tree.dep(n), "nsubj" | "nsubjpass") {
        return (false, false);
    }
    let speaker = tree
        .head(n)
        .is_some_and(|v| lex.speech.contains(&tree.lemma(v)));
    (true, speaker)
}
