//! spaCy's attribute_ruler (SPEC §15.1): Matcher patterns over TAG, DEP, LOWER and IS_SPACE
//! that write POS, MORPH, LEMMA, TAG or DEP onto one token of each match.
//!
//! Each pattern is filed under one value its first token must have (its TAG, else its LOWER,
//! else its DEP, else being whitespace), so a token only tries the few patterns that can start
//! at it instead of all 179 rules.

use super::morph;
use crate::fast_hash::FastMap;
use regex::Regex;
use serde::Deserialize;
use serde_json::{Map, Value};
use std::collections::HashMap;

/// The rules as the model file stores them.
#[derive(Debug, Deserialize)]
pub struct RuleDocument {
    rules: Vec<RawRule>,
}

#[derive(Debug, Deserialize)]
struct RawRule {
    patterns: Vec<Vec<Map<String, Value>>>,
    attrs: HashMap<String, String>,
    index: isize,
}

/// A token as the Matcher sees it: the tagger's and parser's values, before any rule wrote.
pub struct View<'a> {
    pub tag: &'a str,
    pub dep: &'a str,
    pub lower: &'a str,
    pub space: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    Tag,
    Dep,
    Lower,
}

impl Field {
    fn of<'a>(self, view: &View<'a>) -> &'a str {
        match self {
            Field::Tag => view.tag,
            Field::Dep => view.dep,
            Field::Lower => view.lower,
        }
    }
}

#[derive(Debug)]
enum Test {
    Equal(String),
    In(Vec<String>),
    NotIn(Vec<String>),
    Search(Regex),
}

#[derive(Debug)]
enum Check {
    Text(Field, Test),
    Space(bool),
}

impl Check {
    fn holds(&self, view: &View) -> bool {
        match self {
            Check::Space(want) => view.space == *want,
            Check::Text(field, test) => {
                let have = field.of(view);
                match test {
                    Test::Equal(want) => have == want,
                    Test::In(list) => list.iter().any(|w| w == have),
                    Test::NotIn(list) => !list.iter().any(|w| w == have),
                    Test::Search(re) => re.is_match(have),
                }
            }
        }
    }
}

/// One token of a pattern: every check must hold.
type Spec = Vec<Check>;

/// A universal POS as written and lower-cased (the lemmatizer's table key).
#[derive(Debug)]
pub struct Pos {
    pub name: String,
    pub upos: String,
}

/// What a rule writes. MORPH is already normalised.
#[derive(Debug, Default)]
pub struct Attrs {
    pub pos: Option<Pos>,
    pub morph: Option<String>,
    pub lemma: Option<String>,
    pub tag: Option<String>,
    pub dep: Option<String>,
}

#[derive(Debug)]
struct Rule {
    patterns: Vec<Vec<Spec>>,
    /// Which token of a match gets `attrs`; negative counts from the match's end.
    index: isize,
    attrs: Attrs,
}

/// A pattern by its rule and its place in the rule.
#[derive(Clone, Copy, Debug)]
struct PatternRef {
    rule: usize,
    pattern: usize,
}

/// A match of rule `rule` over tokens `start..end`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Hit {
    rule: usize,
    start: usize,
    end: usize,
}

#[derive(Debug, Default)]
struct Anchors {
    by_tag: FastMap<String, Vec<PatternRef>>,
    by_lower: FastMap<String, Vec<PatternRef>>,
    by_dep: FastMap<String, Vec<PatternRef>>,
    on_space: Vec<PatternRef>,
    anywhere: Vec<PatternRef>,
}

#[derive(Debug)]
pub struct AttributeRuler {
    rules: Vec<Rule>,
    anchors: Anchors,
}

impl AttributeRuler {
    pub fn new(doc: RuleDocument) -> Result<Self, String> {
        let rules = doc
            .rules
            .into_iter()
            .enumerate()
            .map(|(i, raw)| compile_rule(raw).map_err(|e| format!("attribute_ruler rule {i}: {e}")))
            .collect::<Result<Vec<_>, _>>()?;
        let mut anchors = Anchors::default();
        for (r, rule) in rules.iter().enumerate() {
            for (p, pattern) in rule.patterns.iter().enumerate() {
                let at = PatternRef {
                    rule: r,
                    pattern: p,
                };
                anchors.file(&pattern[0], at);
            }
        }
        Ok(AttributeRuler { rules, anchors })
    }

    /// Every match of every rule on the original values, sorted by rule, then start.
    pub fn matches(&self, views: &[View]) -> Vec<Hit> {
        let mut hits = Vec::new();
        for start in 0..views.len() {
            self.anchors.candidates(&views[start], |at| {
                let pattern = &self.rules[at.rule].patterns[at.pattern];
                if let Some(tokens) = views.get(start..start + pattern.len()) {
                    let all = pattern
                        .iter()
                        .zip(tokens)
                        .all(|(spec, view)| spec.iter().all(|c| c.holds(view)));
                    if all {
                        hits.push(Hit {
                            rule: at.rule,
                            start,
                            end: start + pattern.len(),
                        });
                    }
                }
            });
        }
        // Two patterns of one rule may match the same span; it counts once.
        hits.sort_unstable();
        hits.dedup();
        hits
    }

    /// The token a hit writes to, and what it writes.
    pub fn target(&self, hit: &Hit) -> (usize, &Attrs) {
        let rule = &self.rules[hit.rule];
        // `compile_rule` checked that the index falls inside every pattern of the rule.
        let base = if rule.index >= 0 { hit.start } else { hit.end };
        (base.wrapping_add_signed(rule.index), &rule.attrs)
    }
}

impl Anchors {
    fn file(&mut self, first: &Spec, at: PatternRef) {
        let keys = |field: Field| {
            first.iter().find_map(|check| match check {
                Check::Text(f, Test::Equal(v)) if *f == field => Some(vec![v.clone()]),
                Check::Text(f, Test::In(list)) if *f == field => Some(list.clone()),
                _ => None,
            })
        };
        let maps = [
            (Field::Tag, &mut self.by_tag),
            (Field::Lower, &mut self.by_lower),
            (Field::Dep, &mut self.by_dep),
        ];
        for (field, map) in maps {
            if let Some(values) = keys(field) {
                for value in values {
                    map.entry(value).or_default().push(at);
                }
                return;
            }
        }
        if first.iter().any(|c| matches!(c, Check::Space(true))) {
            self.on_space.push(at);
        } else {
            self.anywhere.push(at);
        }
    }

    fn candidates(&self, view: &View, mut visit: impl FnMut(PatternRef)) {
        let filed = [
            self.by_tag.get(view.tag),
            self.by_lower.get(view.lower),
            self.by_dep.get(view.dep),
        ];
        for list in filed.into_iter().flatten() {
            list.iter().copied().for_each(&mut visit);
        }
        if view.space {
            self.on_space.iter().copied().for_each(&mut visit);
        }
        self.anywhere.iter().copied().for_each(visit);
    }
}

fn compile_rule(raw: RawRule) -> Result<Rule, String> {
    let patterns = raw
        .patterns
        .iter()
        .map(|pattern| {
            pattern
                .iter()
                .map(compile_spec)
                .collect::<Result<Vec<_>, _>>()
        })
        .collect::<Result<Vec<_>, _>>()?;
    for pattern in &patterns {
        let len = pattern.len() as isize;
        if len == 0 || raw.index >= len || raw.index < -len {
            return Err(format!(
                "index {} outside a pattern of {len} tokens",
                raw.index
            ));
        }
    }
    Ok(Rule {
        patterns,
        index: raw.index,
        attrs: compile_attrs(raw.attrs)?,
    })
}

fn compile_attrs(raw: HashMap<String, String>) -> Result<Attrs, String> {
    let mut attrs = Attrs::default();
    for (key, value) in raw {
        let slot = match key.as_str() {
            "POS" => {
                let upos = value.to_lowercase();
                attrs.pos = Some(Pos { name: value, upos });
                continue;
            }
            "MORPH" => &mut attrs.morph,
            "LEMMA" => &mut attrs.lemma,
            "TAG" => &mut attrs.tag,
            "DEP" => &mut attrs.dep,
            other => return Err(format!("unsupported attribute {other}")),
        };
        *slot = Some(value);
    }
    if let Some(features) = &attrs.morph {
        attrs.morph =
            Some(morph::normalise(features).ok_or_else(|| format!("bad MORPH {features:?}"))?);
    }
    Ok(attrs)
}

fn compile_spec(raw: &Map<String, Value>) -> Result<Spec, String> {
    let mut spec = Vec::new();
    for (key, value) in raw {
        let field = match key.as_str() {
            "TAG" => Field::Tag,
            "DEP" => Field::Dep,
            "LOWER" => Field::Lower,
            "IS_SPACE" => {
                let want = value
                    .as_bool()
                    .ok_or_else(|| format!("IS_SPACE wants a bool, not {value}"))?;
                spec.push(Check::Space(want));
                continue;
            }
            other => return Err(format!("unsupported pattern attribute {other}")),
        };
        match value {
            Value::String(s) => spec.push(Check::Text(field, Test::Equal(s.clone()))),
            Value::Object(ops) => {
                for (op, arg) in ops {
                    spec.push(Check::Text(field, compile_test(op, arg)?));
                }
            }
            other => return Err(format!("unsupported value {other} for {key}")),
        }
    }
    Ok(spec)
}

fn compile_test(op: &str, arg: &Value) -> Result<Test, String> {
    let strings = || {
        arg.as_array()
            .and_then(|items| items.iter().map(|v| v.as_str().map(String::from)).collect())
            .ok_or_else(|| format!("{op} wants a list of strings, not {arg}"))
    };
    match op {
        "IN" => Ok(Test::In(strings()?)),
        "NOT_IN" => Ok(Test::NotIn(strings()?)),
        "REGEX" => {
            let pattern = arg
                .as_str()
                .ok_or_else(|| format!("REGEX wants a string, not {arg}"))?;
            let re = Regex::new(&python_pattern(pattern)).map_err(|e| e.to_string())?;
            Ok(Test::Search(re))
        }
        other => Err(format!("unsupported predicate {other}")),
    }
}

/// Python's `$` also matches before a final newline; Rust's only at the very end.
fn python_pattern(pattern: &str) -> String {
    let escaped_dollar = pattern.ends_with("\\$") && !pattern.ends_with("\\\\$");
    match pattern.strip_suffix('$') {
        Some(head) if !escaped_dollar => format!("{head}\\n?$"),
        _ => pattern.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ruler(rules: Value) -> AttributeRuler {
        let doc: RuleDocument = serde_json::from_value(json!({ "rules": rules })).unwrap();
        AttributeRuler::new(doc).unwrap()
    }

    fn view<'a>(tag: &'a str, dep: &'a str, lower: &'a str) -> View<'a> {
        View {
            tag,
            dep,
            lower,
            space: false,
        }
    }

    #[test]
    fn python_dollar_accepts_a_final_newline() {
        let re = Regex::new(&python_pattern("^ab?$")).unwrap();
        assert!(re.is_match("a") && re.is_match("ab\n") && !re.is_match("ab\n\n"));
        assert_eq!(python_pattern("x\\$"), "x\\$");
    }

    #[test]
    fn unset_values_match_the_empty_string() {
        let r = ruler(json!([
            {"patterns": [[{"TAG": {"NOT_IN": ["VB", ""]}, "DEP": {"NOT_IN": [""]}}]],
             "attrs": {"POS": "X"}, "index": 0}
        ]));
        let views = [
            view("", "nsubj", "a"),
            view("NN", "", "b"),
            view("NN", "obj", "c"),
        ];
        let hits = r.matches(&views);
        assert_eq!(hits.len(), 1);
        assert_eq!(r.target(&hits[0]).0, 2);
    }

    #[test]
    fn two_token_rules_and_negative_index() {
        let r = ruler(json!([
            {"patterns": [[{"LOWER": "lots"}, {"LOWER": {"REGEX": "^of?$"}}]],
             "attrs": {"LEMMA": "many"}, "index": -1},
            {"patterns": [[{"LOWER": "lots"}, {"LOWER": {"IN": ["of", "o"]}}]],
             "attrs": {"LEMMA": "lot"}, "index": -2}
        ]));
        let views = [
            view("NNS", "", "lots"),
            view("IN", "", "of"),
            view("NNS", "", "lots"),
        ];
        let hits = r.matches(&views);
        // the trailing "lots" has no second token, so each rule matches once
        let targets: Vec<usize> = hits.iter().map(|h| r.target(h).0).collect();
        assert_eq!(targets, vec![1, 0]);
    }

    #[test]
    fn one_span_matched_by_two_patterns_counts_once() {
        let r = ruler(json!([
            {"patterns": [[{"TAG": "VBD"}], [{"LOWER": "went"}]],
             "attrs": {"LEMMA": "go"}, "index": 0}
        ]));
        assert_eq!(r.matches(&[view("VBD", "", "went")]).len(), 1);
        assert_eq!(r.matches(&[view("VBN", "", "went")]).len(), 1);
    }

    #[test]
    fn refuses_what_it_cannot_run() {
        let bad = [
            json!([{"patterns": [[{"SHAPE": "Xx"}]], "attrs": {}, "index": 0}]),
            json!([{"patterns": [[{"TAG": "NN"}]], "attrs": {"NORM": "x"}, "index": 0}]),
            json!([{"patterns": [[{"TAG": "NN"}]], "attrs": {}, "index": 1}]),
            json!([{"patterns": [[{"TAG": {"FUZZY": "NN"}}]], "attrs": {}, "index": 0}]),
            json!([{"patterns": [[{"IS_SPACE": "yes"}]], "attrs": {}, "index": 0}]),
        ];
        for rules in bad {
            let doc: RuleDocument = serde_json::from_value(json!({ "rules": rules })).unwrap();
            assert!(AttributeRuler::new(doc).is_err());
        }
    }

    #[test]
    fn morph_values_are_normalised_at_load() {
        let r = ruler(json!([
            {"patterns": [[{"TAG": "NN"}]], "attrs": {"MORPH": "Number=Sing|Gender=Neut"}, "index": 0},
            {"patterns": [[{"TAG": "SP"}]], "attrs": {"MORPH": "_"}, "index": 0}
        ]));
        let hits = r.matches(&[view("NN", "", "x"), view("SP", "", " ")]);
        let morphs: Vec<_> = hits.iter().map(|h| r.target(h).1.morph.clone()).collect();
        assert_eq!(
            morphs,
            vec![
                Some("Gender=Neut|Number=Sing".to_string()),
                Some(String::new())
            ]
        );
    }
}
