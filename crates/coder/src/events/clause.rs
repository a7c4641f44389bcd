//! The word-window view of a sentence: lowercase keys, mentions and trigger verbs by position, and
//! the few readings not yet moved to the dependency tree (`events/roles.rs` reads who did what to
//! whom). Each function here is a word-order heuristic; none decides sources or targets.

use std::borrow::Cow;

/// The clause words of `data/lexicon/clauses.tsv`.
fn words() -> &'static crate::lexicon::ClauseWords {
    &crate::lexicon::lexicon().clauses
}

/// How a that-clause reports the act inside it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Report {
    /// "claimed that", "alleged that": an accusation by the reporter.
    Alleged,
    /// "denied that", "rejected claims that": not asserted.
    Denied,
    /// "demanded that", "urged that", "hoped that": wanted, not done.
    Wanted,
}

/// A sentence as the clause reader sees it.
pub struct View<'a> {
    /// Speech verbs ("said", "announced"), after which a "that" clause reports the act itself.
    pub speech: &'a crate::lexicon::WordSet,
    pub keys: Vec<Cow<'a, str>>,
    pub is_word: Vec<bool>,
    pub is_quote: Vec<bool>,
    /// Mentions in the sentence: (index in `Doc::mentions`, first token, one past last token),
    /// sentence-relative and sorted.
    pub mentions: Vec<(usize, usize, usize)>,
    /// One past the last word of each verb trigger in the sentence: a mention right after one is
    /// that verb's object, not the next verb's subject ("killed two youths and wounded five").
    pub verbs: Vec<(usize, usize)>,
}

impl View<'_> {
    fn key(&self, i: usize) -> &str {
        self.keys.get(i).map_or("", |k| k.as_ref())
    }

    /// The word before token `i`, skipping determiners.
    fn word_before(&self, mut i: usize) -> &str {
        while i > 0 {
            i -= 1;
            if !words().determiners.contains(self.key(i)) {
                return self.key(i);
            }
        }
        ""
    }

    /// Whether the mention at `start` is the object of a preposition — except the "of" of a
    /// part of a group ("a member of the Syrian parliament", "thousands of Iraqi Kurds").
    fn after_preposition(&self, start: usize) -> bool {
        let prep = self.word_before(start);
        if prep == "of" {
            let mut i = start;
            while i > 0 && self.key(i - 1) != "of" {
                i -= 1;
            }
            return !crate::lexicon::lexicon()
                .mentions
                .partitives
                .contains(self.word_before(i.saturating_sub(1)));
        }
        words().prepositions.contains(prep)
    }

    /// Whether the mention at `start` names where something happened: after a locative
    /// preposition, over determiners and up to three modifiers ("near the disputed temple").
    fn after_locative(&self, start: usize) -> bool {
        let mut i = start;
        let mut modifiers = 0;
        while i > 0 {
            i -= 1;
            let w = self.key(i);
            if words().locative_preps.contains(w) {
                return true;
            }
            if words().determiners.contains(w) {
                continue;
            }
            let verb = self.verbs.iter().any(|&(s, e)| s <= i && i < e);
            if modifiers == 3 || !self.is_word[i] || verb || words().prepositions.contains(w) {
                return false;
            }
            modifiers += 1;
        }
        false
    }

    /// Mentions joined to mention `k` (position in `self.mentions`) by "and" or commas, leftwards.
    fn coordinated_left(&self, k: usize) -> Vec<usize> {
        let mut out = vec![self.mentions[k].0];
        let mut k = k;
        while k > 0 {
            let (_, s, _) = self.mentions[k];
            let (pi, _, pe) = self.mentions[k - 1];
            let gap: Vec<&str> = (pe..s).map(|i| self.key(i)).collect();
            if matches!(
                gap.as_slice(),
                ["and"] | [","] | [",", "and"] | ["and", "the"] | ["as", "well", "as"]
            ) {
                out.push(pi);
                k -= 1;
            } else {
                break;
            }
        }
        out
    }

    /// First token of the coordination mention `k` ends ("Serb civilians and prisoners").
    fn coordination_start(&self, k: usize) -> usize {
        let mut k = k;
        while k > 0 {
            let (_, s, _) = self.mentions[k];
            let (_, _, pe) = self.mentions[k - 1];
            let gap: Vec<&str> = (pe..s).map(|i| self.key(i)).collect();
            if !matches!(gap.as_slice(), ["and"] | [",", "and"] | ["and", "the"]) {
                break;
            }
            k -= 1;
        }
        self.mentions[k].1
    }

    fn coordinated_right(&self, k: usize) -> Vec<usize> {
        let mut out = vec![self.mentions[k].0];
        let mut k = k;
        while k + 1 < self.mentions.len() {
            let (_, _, e) = self.mentions[k];
            let (ni, ns, _) = self.mentions[k + 1];
            let gap: Vec<&str> = (e..ns).map(|i| self.key(i)).collect();
            if matches!(
                gap.as_slice(),
                ["and"] | [","] | [",", "and"] | ["and", "the"] | ["or"]
            ) {
                out.push(ni);
                k += 1;
            } else {
                break;
            }
        }
        out
    }

    fn quote_between(&self, a: usize, b: usize) -> bool {
        (a..b).any(|i| self.is_quote.get(i).copied().unwrap_or(false))
    }

    /// The subject of a verb at token `at`: the nearest mention to its left that is not the
    /// object of a preposition, with any mentions coordinated with it.
    pub fn subject(&self, at: usize) -> Vec<usize> {
        // "… and will bring suspects to trial": a second verb of the same subject.
        let shared = self.shared_subject(at);
        if !shared.is_empty() {
            return shared;
        }
        // "Modi said …, warning that": a participle after a comma is told of the subject of
        // the verb before it, an act or a verb of saying.
        if at > 1 && self.key(at - 1) == "," && self.key(at).ends_with("ing") {
            let act = self
                .verbs
                .iter()
                .rev()
                .map(|&(s, _)| s)
                .find(|&s| s + 1 < at);
            let saying = (0..at - 1)
                .rev()
                .find(|&i| self.speech.contains(self.key(i)));
            // "X said Y would be crushed, warning that …": words are the sayer's; "officials said
            // the forces retaliated, killing 20": deeds are the doer's.
            let main = if self.speech.contains(self.key(at)) {
                saying.or(act)
            } else {
                act.max(saying)
            };
            let main = main.map(|s| self.subject(s)).unwrap_or_default();
            if !main.is_empty() {
                return main;
            }
        }
        // "Kenya, a close partner of the mission, has declined": the subject stands before the
        // apposition that ends with a comma right before the verb.
        let mut v = at;
        while v > 0
            && matches!(
                self.key(v - 1),
                "has" | "have" | "had" | "is" | "was" | "will" | "would" | "also" | "then"
            )
        {
            v -= 1;
        }
        if v > 0 && self.key(v - 1) == "," {
            if let Some(open) = (0..v - 1).rev().find(|&i| self.key(i) == ",") {
                if let Some(k) = self.mentions.iter().position(|m| m.2 == open) {
                    if !self.after_preposition(self.mentions[k].1) {
                        return self.coordinated_left(k);
                    }
                }
            }
        }
        for k in (0..self.mentions.len()).rev() {
            let (_, s, e) = self.mentions[k];
            if e > at {
                continue;
            }
            let between: Vec<&str> = (e..at).map(|i| self.key(i)).collect();
            if self.quote_between(e, at) {
                return Vec::new();
            }
            // "posts, which were set up": the relative pronoun's antecedent.
            if let Some(r) = between.iter().rposition(|w| words().relatives.contains(w)) {
                let only_comma_before = between[..r].iter().all(|w| *w == ",");
                // Only the nearest name: "Ankara and the EU, which accused Turkey" is the EU.
                return if only_comma_before && !self.after_preposition(s) {
                    vec![self.mentions[k].0]
                } else {
                    Vec::new()
                };
            }
            // (A verb sharing the subject before its "and"/"but" was looked for first.)
            if between.iter().any(|w| words().subject_barriers.contains(w)) {
                return Vec::new();
            }
            // "Haftar's camp said the draft ignored …": the sayer is not the subject of what
            // is said.
            if between.iter().any(|w| self.speech.contains(w)) {
                return Vec::new();
            }
            // ", with Cairo blaming Addis Ababa": the noun of an absolute "with" phrase is the
            // subject of the participle right after it.
            let absolute =
                e == at && self.word_before(s) == "with" && self.key(at).ends_with("ing");
            // "against Serb civilians and prisoners": the whole coordination is an object.
            let first = self.coordination_start(k);
            // "… hours after Iran fired missiles": "after" opens a clause whose subject this is.
            let clause_subject = words().subordinators.contains(self.word_before(first))
                && (e..at)
                    .all(|i| words().be_forms.contains(self.key(i)) || self.key(i).ends_with("ly"));
            if !absolute
                && !clause_subject
                && (self.after_preposition(first)
                    || self.object_of_verb(first)
                    || self.after_past_verb(first))
            {
                continue;
            }
            return self.coordinated_left(k);
        }
        Vec::new()
    }

    /// "Benin opened its borders but was still refusing admittance": a verb right after "but" or
    /// "and" with no subject of its own shares the subject of the verb before.
    fn shared_subject(&self, at: usize) -> Vec<usize> {
        let mut v = at;
        while v > 0
            && (words().be_forms.contains(self.key(v - 1))
                || matches!(
                    self.key(v - 1),
                    "will" | "would" | "also" | "still" | "then"
                )
                || self.key(v - 1).ends_with("ly"))
        {
            v -= 1;
        }
        if v == 0 || !matches!(self.key(v - 1), "but" | "and") {
            return Vec::new();
        }
        let conj = v - 1;
        // The verb before: a trigger, else a past tense after an auxiliary, outside any name
        // ("had moved … and had come under fire").
        let in_name = |i: usize| self.mentions.iter().any(|m| m.1 <= i && i < m.2);
        let before = self
            .verbs
            .iter()
            .rev()
            .map(|&(s, _)| s)
            .find(|&s| s < conj)
            .or_else(|| {
                (conj.saturating_sub(12)..conj)
                    .rev()
                    .take_while(|&i| !words().subject_barriers.contains(self.key(i)))
                    .find(|&i| {
                        self.key(i).ends_with("ed")
                            && words().be_forms.contains(self.key(i.wrapping_sub(1)))
                            && !in_name(i)
                    })
            });
        // "X attacked Y and killed …" shares X as well; an auxiliary after the "and" ("… Russia
        // and had come") marks the shared subject for sure.
        let aux = v < at;
        match before {
            Some(s) if aux || !self.mentions.iter().any(|m| m.1 > s && m.2 == conj) => {
                self.subject(s)
            }
            _ => Vec::new(),
        }
    }

    /// "Haftar left Moscow": a name right after a past-tense verb is its object, not the next
    /// verb's subject — unless the verb reports speech ("said Turkey attacked").
    fn after_past_verb(&self, start: usize) -> bool {
        let w = self.key(start.wrapping_sub(1));
        // "Five hundred rebels", "the armed rebels", "Masked gunmen": a word in "-ed" that opens
        // a noun phrase is a number or an adjective, not a verb.
        let opens_phrase = start < 2
            || words().determiners.contains(self.key(start - 2))
            || !self.is_word[start - 2]
            || matches!(
                self.key(start - 2),
                "five" | "six" | "seven" | "eight" | "nine" | "one"
            )
            || matches!(
                w,
                "hundred"
                    | "armed"
                    | "masked"
                    | "unidentified"
                    | "suspected"
                    | "alleged"
                    | "so-called"
                    | "united"
                    | "hooded"
            );
        start > 0
            && self.is_word[start - 1]
            && (w.ends_with("ed") && !opens_phrase
                || matches!(
                    w,
                    "left" | "met" | "hit" | "took" | "held" | "struck" | "fought" | "won" | "lost"
                ))
            && !self.speech.contains(w)
    }

    /// Whether the mention at `start` is the object of another verb: inside its matched words
    /// ("accused Pakistan of harbouring") or just after them ("killed two Iraqi youths").
    fn object_of_verb(&self, start: usize) -> bool {
        // "announced it would free": a pronoun after a verb of saying opens a clause; it is not
        // an object ("urged Germany to" has one).
        let pronoun = matches!(self.key(start), "it" | "they" | "he" | "she" | "we");
        let saying =
            |vs: usize, ve: usize| pronoun && ve == vs + 1 && self.speech.contains(self.key(vs));
        self.verbs.iter().any(|&(vs, ve)| {
            !saying(vs, ve) && (vs < start && start < ve)
                || (ve <= start
                    && !saying(vs, ve)
                    && start - ve <= 3
                    && (ve..start).all(|i| {
                        self.is_word[i] && !matches!(self.key(i), "and" | "but" | "or" | "that")
                    }))
        })
    }

    /// The object after token `from` (up to `limit` tokens away): the first mention to the right in
    /// the same clause that is not a location.
    pub fn object(&self, from: usize, limit: usize) -> Vec<usize> {
        for (k, &(_, s, _)) in self.mentions.iter().enumerate() {
            if s < from {
                continue;
            }
            if s > from + limit {
                break;
            }
            if (from..s).any(|i| words().object_barriers.contains(self.key(i)))
                || self.quote_between(from, s)
            {
                break;
            }
            // "withdrew its troops": the source's own people are not its target. A place after
            // the pattern's own preposition ("fired shells at the South Korean island") is.
            let own_preposition = (from..s).all(|i| words().determiners.contains(self.key(i)))
                && from > 0
                && words().prepositions.contains(self.key(from - 1));
            if (self.after_locative(s) && !own_preposition) || self.possessed(s) {
                continue;
            }
            return self.coordinated_right(k);
        }
        Vec::new()
    }

    /// "its troops", "their forces": the source's own people, never its target.
    fn possessed(&self, start: usize) -> bool {
        matches!(
            self.key(start.wrapping_sub(1)),
            "its" | "their" | "his" | "her" | "our"
        )
    }

    /// Whether the trigger at `at` sits in a subordinate part of the sentence: a relative clause
    /// ("whom they had taken hostage"), a participle phrase (", killing eight"; "nationals suspected
    /// by the West of"). Such acts are background to the sentence's main event.
    pub fn subordinate(&self, at: usize) -> bool {
        let verb = self.key(at);
        let before = self.key(at.wrapping_sub(1));
        if before == "," && verb.ends_with("ing") {
            return true;
        }
        // ", killing or wounding 50": the second participle of a pair is as the first.
        if matches!(before, "or" | "and")
            && verb.ends_with("ing")
            && at >= 2
            && self.key(at - 2).ends_with("ing")
        {
            return self.subordinate(at - 2);
        }
        // "officials suspected of", "a plane seized by": a participle modifying a noun.
        let after_word = self
            .is_word
            .get(at.wrapping_sub(1))
            .copied()
            .unwrap_or(false);
        if verb.ends_with("ed")
            && matches!(self.key(at + 1), "by" | "of")
            && after_word
            && !words().be_forms.contains(before)
        {
            return true;
        }
        for i in (at.saturating_sub(8)..at).rev() {
            let w = self.key(i);
            if w == "," || w == ";" {
                return false;
            }
            // "once again", "once more": an adverb, not a conjunction.
            if w == "once" && matches!(self.key(i + 1), "again" | "more") {
                continue;
            }
            // "Iran condemned it, while Britain supported it": a contrast after a comma joins
            // two reports, each as main as the other.
            if matches!(w, "while" | "whereas") && self.key(i.wrapping_sub(1)) == "," {
                return false;
            }
            if matches!(w, "who" | "whom" | "which" | "whose") || words().subordinators.contains(w)
            {
                return true;
            }
            // "an admission that …", "a reminder that …" — but "said (on Tuesday) that …" reports
            // the act itself.
            if w == "that" {
                let said = (i.saturating_sub(4)..i)
                    .rev()
                    .take_while(|&j| self.key(j) != ",")
                    .any(|j| self.speech.contains(self.key(j)));
                return !said;
            }
        }
        false
    }

    /// For a pronoun at `at` right after a verb of saying ("announced that it", "said they"),
    /// the subject of that verb.
    pub fn reporter_of(&self, at: usize) -> Vec<usize> {
        let mut i = at;
        if i > 0 && self.key(i - 1) == "that" {
            i -= 1;
        }
        // "announced Thursday that it": a time word may stand between.
        if i > 1
            && crate::lexicon::lexicon()
                .calendar
                .weekdays
                .contains(self.key(i - 1))
        {
            i -= 1;
        }
        if i > 0 && self.speech.contains(self.key(i - 1)) {
            self.subject(i - 1)
        } else {
            Vec::new()
        }
    }

    /// The tokens of the clause before the verb at `at`, where its subject stands.
    pub fn subject_phrase(&self, at: usize) -> std::ops::Range<usize> {
        let start = (0..at)
            .rev()
            .find(|&i| {
                let k = self.key(i);
                words().subject_barriers.contains(k) || words().relatives.contains(k) || k == ","
            })
            .map_or(0, |i| i + 1);
        start..at
    }

    /// For a trigger in a clause that someone reports ("X said (that) Y was committing …"), the
    /// position of the verb of saying.
    pub fn said_by(&self, at: usize) -> Option<usize> {
        (at.saturating_sub(10)..at)
            .rev()
            .take_while(|&i| !matches!(self.key(i), ";" | "." | ","))
            .find(|&i| self.speech.contains(self.key(i)))
    }

    /// Whether the trigger at `at` is part of the attribution at the end of a sentence
    /// ("… according to a report submitted to the intelligence service"): where the news came
    /// from, not news.
    pub fn in_attribution(&self, at: usize) -> bool {
        (at.saturating_sub(8)..at)
            .rev()
            .take_while(|&i| !matches!(self.key(i), "," | ";" | ":"))
            .any(|i| i > 0 && self.key(i) == "according" && self.key(i + 1) == "to")
    }

    /// Whether the trigger at `at` sits in a that-clause reporting a claim or a denial: "the US
    /// claimed that ISIL had attacked Iraq", "the Kremlin denied on Monday that its aircraft had
    /// bombed …". Returns the reporting word's position and which it is.
    pub fn reported_clause(&self, at: usize) -> Option<(usize, Report)> {
        let mut that = (at.saturating_sub(16)..at)
            .rev()
            .take_while(|&i| {
                !matches!(self.key(i), ";" | ".") && !self.is_quote.get(i).copied().unwrap_or(false)
            })
            .find(|&i| self.key(i) == "that")?;
        // "alleged that France knew …, and that its troops took part …": the second clause is
        // reported by the same verb.
        while that > 0 && matches!(self.key(that - 1), "and" | "or") {
            match (that.saturating_sub(30)..that - 1)
                .rev()
                .take_while(|&i| !matches!(self.key(i), ";" | "."))
                .find(|&i| self.key(i) == "that")
            {
                Some(earlier) => that = earlier,
                None => break,
            }
        }
        (that.saturating_sub(4)..that).rev().find_map(|i| {
            let w = self.key(i);
            let stem = |stems: &crate::lexicon::WordSet| stems.iter().any(|p| w.starts_with(p));
            if stem(&words().alleging_stems) {
                Some((i, Report::Alleged))
            } else if stem(&words().denying_stems) {
                Some((i, Report::Denied))
            } else if words().wanting_stems.iter().any(|p| w.starts_with(p)) {
                Some((i, Report::Wanted))
            } else {
                None
            }
        })
    }

    /// For a demand word at `at` ("demanded that", "its demands that", "insisted that"), the
    /// position of its "that".
    pub fn demand_clause(&self, at: usize) -> Option<usize> {
        let w = self.key(at);
        let demand = words().demanding_stems.iter().any(|p| w.starts_with(p));
        (demand && self.key(at + 1) == "that").then_some(at + 1)
    }

    /// The party named by a condition after token `from` ("… if Hamas ran", "unless the
    /// president agrees"): the first mention after the "if" or "unless", in the same sentence.
    pub fn condition_party(&self, from: usize) -> Vec<usize> {
        let Some(c) = (from..self.keys.len())
            .take_while(|&i| !matches!(self.key(i), ";" | "."))
            .find(|&i| matches!(self.key(i), "if" | "unless"))
        else {
            return Vec::new();
        };
        match self.mentions.iter().position(|m| m.1 > c) {
            Some(k) if self.mentions[k].1 <= c + 3 => self.coordinated_right(k),
            _ => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A view from words, with mentions at the given word ranges (mention index = position).
    fn view<'a>(s: &'a str, mentions: &[(usize, usize)]) -> View<'a> {
        let keys: Vec<Cow<str>> = s.split_whitespace().map(Cow::Borrowed).collect();
        let n = keys.len();
        static SPEECH: std::sync::OnceLock<crate::lexicon::WordSet> = std::sync::OnceLock::new();
        View {
            speech: SPEECH.get_or_init(|| ["said", "announced"].into_iter().collect()),
            is_word: keys
                .iter()
                .map(|k| k.chars().all(char::is_alphanumeric))
                .collect(),
            is_quote: vec![false; n],
            verbs: Vec::new(),
            keys,
            mentions: mentions
                .iter()
                .enumerate()
                .map(|(i, &(a, b))| (i, a, b))
                .collect(),
        }
    }

    #[test]
    fn active_subject_and_object() {
        // ankara(0) rejected(1) the offer from russia(5)
        let v = view("ankara rejected the offer from russia", &[(0, 1), (5, 6)]);
        assert_eq!(v.subject(1), vec![0]);
        assert_eq!(v.object(2, 12), vec![1]);
    }

    #[test]
    fn appositions_and_prepositions_are_skipped() {
        let v = view(
            "russia , the main backer of the regime , fails to stick",
            &[(0, 1), (6, 8)],
        );
        assert_eq!(v.subject(9), vec![0]);
    }

    #[test]
    fn subjects_stand_before_appositions() {
        // pakistan(0) ,(1) a(2) key(3) u.s.(4) ally(5) ,(6) has(7) refused(8)
        let v = view(
            "pakistan , a key u.s. ally , has refused",
            &[(0, 1), (4, 5)],
        );
        assert_eq!(v.subject(8), vec![0]);
    }

    #[test]
    fn reported_clauses_are_found() {
        let v = view(
            "the uk claimed that iran had attacked oman",
            &[(1, 2), (4, 5), (7, 8)],
        );
        assert_eq!(v.reported_clause(6), Some((2, Report::Alleged)));
        let v = view(
            "the uk said that iran had attacked oman",
            &[(1, 2), (4, 5), (7, 8)],
        );
        assert_eq!(v.reported_clause(6), None);
        let v = view(
            "moscow denied on monday that its jets had bombed the hospital",
            &[(0, 1)],
        );
        assert_eq!(v.reported_clause(8), Some((1, Report::Denied)));
        // report(0) alleged(1) that(2) france(3) knew(4) and(5) that(6) its(7) troops(8) killed(9)
        let v = view(
            "report alleged that france knew and that its troops killed",
            &[(3, 4), (8, 9)],
        );
        assert_eq!(v.reported_clause(9), Some((1, Report::Alleged)));
        let v = view(
            "rebels demanded that the government grant more rights",
            &[(0, 1), (4, 5)],
        );
        assert_eq!(v.reported_clause(5), Some((1, Report::Wanted)));
    }

    #[test]
    fn compound_subjects() {
        let v = view(
            "turkish and russian delegations failed to reach consensus",
            &[(0, 1), (2, 4)],
        );
        let mut s = v.subject(5);
        s.sort();
        assert_eq!(s, vec![0, 1]);
    }

    #[test]
    fn conditions_name_the_party_threatened() {
        // israel(0) threatened(1) to(2) ban(3) voting(4) if(5) hamas(6) ran(7)
        let v = view(
            "israel threatened to ban voting if hamas ran",
            &[(0, 1), (6, 7)],
        );
        assert_eq!(v.condition_party(4), vec![1]);
        let v = view("israel threatened to ban voting", &[(0, 1)]);
        assert!(v.condition_party(4).is_empty());
    }

    #[test]
    fn demands_that() {
        let v = view(
            "rebels demanded that the government resign",
            &[(0, 1), (4, 5)],
        );
        assert_eq!(v.demand_clause(1), Some(2));
        assert_eq!(v.demand_clause(0), None);
    }

    #[test]
    fn coordinated_verbs_share_their_subject() {
        // benin(0) opened(1) borders(2) ,(3) but(4) was(5) refusing(6) ghanaians(7)
        let mut v = view(
            "benin opened borders , but was refusing ghanaians",
            &[(0, 1), (7, 8)],
        );
        v.verbs = vec![(1, 2), (6, 7)];
        assert_eq!(v.subject(6), vec![0]);
        // croatia(0) investigates(1) crimes(2) against(3) serbs(4) and(5) prisoners(6) and(7)
        // will(8) try(9)
        let mut v = view(
            "croatia investigates crimes against serbs and prisoners and will try",
            &[(0, 1), (4, 5), (6, 7)],
        );
        v.verbs = vec![(1, 3), (9, 10)];
        assert_eq!(v.subject(9), vec![0]);
        v.verbs.clear();
        assert_eq!(v.subject(9), vec![0]);
    }

    #[test]
    fn numbers_and_adjectives_in_ed_are_not_verbs() {
        let v = view("five hundred ugandan rebels surrendered", &[(2, 4)]);
        assert_eq!(v.subject(4), vec![0]);
        let v = view("heavily armed gunmen stormed the mall", &[(2, 3)]);
        assert_eq!(v.subject(3), vec![0]);
        let v = view("ousted president akayev agreed", &[(1, 3)]);
        assert_eq!(v.subject(3), vec![0]);
    }

    #[test]
    fn pronouns_after_saying_are_the_sayer() {
        // the(0) union(1) said(2) that(3) it(4) has(5) called(6) off(7)
        let v = view("the union said that it has called off", &[(1, 2), (4, 5)]);
        assert_eq!(v.reporter_of(4), vec![0]);
        let v = view("the union said it has called off", &[(1, 2), (3, 4)]);
        assert_eq!(v.reporter_of(3), vec![0]);
        let v = view("the union and it", &[(1, 2), (3, 4)]);
        assert!(v.reporter_of(3).is_empty());
    }

    #[test]
    fn reported_acts_are_main_acts() {
        // the(0) army(1) said(2) on(3) tuesday(4) that(5) its(6) troops(7) had(8) killed(9)
        let v = view(
            "the army said on tuesday that its troops had killed",
            &[(1, 2), (7, 8)],
        );
        assert!(!v.subordinate(9));
        let v = view("an admission that its troops had killed", &[(5, 6)]);
        assert!(v.subordinate(6));
    }

    #[test]
    fn places_behind_modifiers() {
        // soldiers(0) exchanged(1) gunfire(2) near(3) the(4) disputed(5) temple(6)
        let mut v = view(
            "soldiers exchanged gunfire near the disputed temple",
            &[(0, 1), (6, 7)],
        );
        v.verbs = vec![(1, 3)];
        assert!(v.object(3, 12).is_empty());
        let mut v = view("soldiers attacked the disputed temple", &[(0, 1), (4, 5)]);
        v.verbs = vec![(1, 2)];
        assert_eq!(v.object(2, 12), vec![1]);
    }

    #[test]
    fn pronouns_after_saying_open_a_clause() {
        // israel(0) announced(1) it(2) would(3) free(4) prisoners(5)
        let mut v = view(
            "israel announced it would free prisoners",
            &[(0, 1), (2, 3), (5, 6)],
        );
        v.verbs = vec![(1, 2), (4, 5)];
        assert_eq!(v.subject(4), vec![1]);
    }

    #[test]
    fn sayers_are_not_subjects_of_what_they_say() {
        // haftar(0) said(1) the(2) draft(3) ignored(4) demands(5)
        let v = view("haftar said the draft ignored demands", &[(0, 1)]);
        assert!(v.subject(4).is_empty());
    }

    #[test]
    fn auxiliaries_after_and_share_the_subject() {
        // troops(0) had(1) moved(2) without(3) informing(4) russia(5) and(6) had(7) come(8)
        let v = view(
            "troops had moved without informing russia and had come under fire",
            &[(0, 1), (5, 6)],
        );
        assert_eq!(v.subject(8), vec![0]);
    }

    #[test]
    fn once_again_is_no_conjunction() {
        let v = view("bangladesh has once again rejected the offer", &[(0, 1)]);
        assert!(!v.subordinate(4));
        let v = view("once the deal is signed troops will leave", &[]);
        assert!(v.subordinate(4));
    }

    #[test]
    fn participle_pairs_are_background() {
        // forces(0) fired(1) ,(2) killing(3) or(4) wounding(5) 50(6)
        let v = view("forces fired , killing or wounding 50", &[(0, 1)]);
        assert!(v.subordinate(3));
        assert!(v.subordinate(5));
    }

    #[test]
    fn participles_and_clauses_after_subordinators() {
        // turkey(0) retaliated(1) ,(2) killing(3) 20(4) syrian(5) soldiers(6)
        let mut v = view(
            "turkey retaliated , killing 20 syrian soldiers",
            &[(0, 1), (5, 7)],
        );
        v.verbs = vec![(1, 2), (3, 4)];
        assert_eq!(v.subject(3), vec![0]);
        // the(0) plane(1) crashed(2) hours(3) after(4) iran(5) fired(6) missiles(7)
        let v = view(
            "the plane crashed hours after iran fired missiles",
            &[(1, 2), (5, 6)],
        );
        assert_eq!(v.subject(6), vec![1]);
    }

    #[test]
    fn acts_said() {
        // lula(0) said(1) israel(2) was(3) committing(4) genocide(5)
        let v = view(
            "lula said israel was committing genocide",
            &[(0, 1), (2, 3)],
        );
        assert_eq!(v.said_by(4), Some(1));
        assert_eq!(v.said_by(1), None);
    }

    #[test]
    fn attributions_are_not_news() {
        let v = view(
            "kabul helped the rebels according to a report submitted to the service",
            &[(0, 1)],
        );
        assert!(v.in_attribution(8));
        assert!(!v.in_attribution(1));
        let v = view("according to reports the uk is pushing", &[(4, 5)]);
        assert!(!v.in_attribution(6));
    }

    #[test]
    fn relative_clause_antecedent() {
        let v = view("turkish posts , which were attacked", &[(0, 2)]);
        assert_eq!(v.subject(5), vec![0]);
    }

    #[test]
    fn objects_stop_at_clauses_and_places() {
        let v = view("turkey warned that syria attacked", &[(0, 1), (3, 4)]);
        assert!(v.object(2, 12).is_empty());
        let v = view("talks held in moscow with russia", &[(3, 4), (5, 6)]);
        assert_eq!(v.object(2, 12), vec![1]);
    }
}
