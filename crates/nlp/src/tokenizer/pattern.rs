//! spaCy's prefix, suffix and infix patterns, run by the `regex` crate without back-tracking.
//!
//! The patterns are Python regexes: alternations whose alternatives are tried in list order. Most
//! alternatives are plain and compile in `regex` as written. A few carry one- or two-character
//! look-behinds and look-aheads (`(?<=[0-9])km$`, `(?<=[a-z])\.(?=[A-Z])`), which `regex` lacks;
//! those are taken apart here into a look-behind, a list of options and a look-ahead, and each
//! part runs as its own small `regex`. Runs of plain alternatives stay one compiled regex, so the
//! Python alternation order is kept: earlier segments win ties.

use regex::Regex;

/// A pattern compile error, with the part that failed.
#[derive(Debug)]
pub struct PatternError(pub String);

/// One of spaCy's three affix patterns, split into ordered segments.
#[derive(Debug)]
pub struct AffixPattern {
    segments: Vec<Segment>,
    /// Matches a string exactly when some alternative matches somewhere in it: look-behinds and
    /// look-aheads become ordinary groups (they may only look inside the searched string) and
    /// negative look-aheads are dropped. One scan that rejects most words.
    exists: Regex,
}

#[derive(Debug)]
enum Segment {
    /// Consecutive alternatives without look-around, as one regex.
    Plain(Regex),
    /// One alternative with a look-behind and/or a look-ahead.
    Look(LookAlternative),
}

/// `(?<=BEHIND)^?(?:OPTION|OPTION…)$?(?=AHEAD)` with each part optional.
#[derive(Debug)]
struct LookAlternative {
    /// `(?:BEHIND)\z`, tested on the text before the match.
    behind: Option<Regex>,
    start_anchored: bool,
    /// `^(?:OPTION)` (with `\z` when end-anchored), tried in order as Python back-tracks.
    options: Vec<Regex>,
    /// `^(?:AHEAD)` on the text after the match, and whether it must match (`?=`) or not (`?!`).
    ahead: Option<(Regex, bool)>,
    /// Every option in one regex: where a match can start (`\z`-anchored when end-anchored).
    any_option: Regex,
}

impl AffixPattern {
    pub fn compile(pattern: &str) -> Result<Self, PatternError> {
        let mut segments = Vec::new();
        let mut plain: Vec<&str> = Vec::new();
        let mut loose = Vec::new();
        for alternative in split_top_level(pattern) {
            match LookAlternative::parse(alternative)? {
                Some((look, superset)) => {
                    flush_plain(&mut plain, &mut segments)?;
                    segments.push(Segment::Look(look));
                    loose.push(superset);
                }
                None => {
                    plain.push(alternative);
                    loose.push(alternative.to_string());
                }
            }
        }
        flush_plain(&mut plain, &mut segments)?;
        Ok(Self {
            segments,
            exists: compile(&loose.join("|"))?,
        })
    }

    /// Byte length of the prefix `re.search` finds in `s` (every alternative is `^`-anchored, so
    /// the first alternative in list order that matches at 0 wins).
    pub fn prefix_len(&self, s: &str) -> usize {
        if !self.exists.is_match(s) {
            return 0;
        }
        for segment in &self.segments {
            let found = match segment {
                Segment::Plain(re) => re.find(s).filter(|m| m.start() == 0).map(|m| m.end()),
                Segment::Look(look) => look.match_at(s, 0),
            };
            if let Some(end) = found {
                return end;
            }
        }
        0
    }

    /// Byte length of the suffix `re.search` finds in `s` (every alternative is `$`-anchored, so
    /// the leftmost start of any alternative wins).
    pub fn suffix_len(&self, s: &str) -> usize {
        if !self.exists.is_match(s) {
            return 0;
        }
        let start = self
            .segments
            .iter()
            .filter_map(|segment| match segment {
                Segment::Plain(re) => re.find(s).map(|m| m.start()),
                Segment::Look(look) => look.first_start(s, 0),
            })
            .min();
        start.map_or(0, |start| s.len() - start)
    }

    /// The byte spans of `re.finditer(s)`: leftmost matches, earlier alternatives winning ties,
    /// each search starting where the last match ended.
    pub fn find_all(&self, s: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        if !self.exists.is_match(s) {
            return out;
        }
        // Each segment's next match, kept while the search position has not passed its start:
        // where a segment matches does not depend on where the search began (look-behinds see
        // the whole string), so each segment scans the string once, not once per match.
        let mut next: Vec<Next> = vec![Next::Unknown; self.segments.len()];
        let mut at = 0;
        while at <= s.len() {
            let mut best: Option<(usize, usize)> = None;
            for (segment, cached) in self.segments.iter().zip(next.iter_mut()) {
                let found = match *cached {
                    Next::At(start, end) if start >= at => Some((start, end)),
                    Next::Never => None,
                    _ => segment.find_from(s, at),
                };
                *cached = found.map_or(Next::Never, |(start, end)| Next::At(start, end));
                // Strictly smaller start only: on a tie the earlier segment keeps its match.
                if let Some(found) = found {
                    if best.is_none_or(|b| found.0 < b.0) {
                        best = Some(found);
                    }
                }
            }
            let Some((start, end)) = best else {
                break;
            };
            out.push((start, end));
            // The patterns cannot match the empty string; step over one anyway to terminate.
            at = if end > start { end } else { next_char(s, end) };
        }
        out
    }

    /// True when any alternative matches anywhere in `s`.
    pub fn is_match(&self, s: &str) -> bool {
        self.exists.is_match(s)
            && self
                .segments
                .iter()
                .any(|seg| seg.find_from(s, 0).is_some())
    }
}

#[derive(Clone, Copy)]
enum Next {
    Unknown,
    Never,
    At(usize, usize),
}

impl Segment {
    /// The leftmost match starting at or after `at`.
    fn find_from(&self, s: &str, at: usize) -> Option<(usize, usize)> {
        match self {
            Segment::Plain(re) => re.find_at(s, at).map(|m| (m.start(), m.end())),
            Segment::Look(look) => look
                .first_start(s, at)
                .and_then(|start| look.match_at(s, start).map(|end| (start, end))),
        }
    }
}

fn flush_plain(plain: &mut Vec<&str>, segments: &mut Vec<Segment>) -> Result<(), PatternError> {
    if plain.is_empty() {
        return Ok(());
    }
    let joined = plain.join("|");
    plain.clear();
    segments.push(Segment::Plain(compile(&joined)?));
    Ok(())
}

impl LookAlternative {
    /// `None` when the alternative has no look-around (it stays a plain regex); else the
    /// alternative and a look-around-free pattern that matches the same strings somewhere.
    fn parse(alternative: &str) -> Result<Option<(Self, String)>, PatternError> {
        let mut rest = alternative;
        let mut behind = None;
        if rest.starts_with("(?<=") {
            let end = group_end(rest, 0)
                .ok_or_else(|| PatternError(format!("unclosed look-behind in {alternative}")))?;
            behind = Some(&rest[4..end - 1]);
            rest = &rest[end..];
        }
        let mut ahead = None;
        if let Some((start, positive)) = trailing_lookahead(rest) {
            ahead = Some((&rest[start + 3..rest.len() - 1], positive));
            rest = &rest[..start];
        }
        if behind.is_none() && ahead.is_none() {
            return Ok(None);
        }
        let start_anchored = rest.starts_with('^');
        if start_anchored {
            rest = &rest[1..];
        }
        let end_anchored = rest.ends_with('$') && !rest.ends_with("\\$");
        if end_anchored {
            rest = &rest[..rest.len() - 1];
        }
        let options = match rest.strip_prefix("(?:") {
            Some(inner) if group_end(rest, 0) == Some(rest.len()) => {
                split_top_level(&inner[..inner.len() - 1])
            }
            _ => vec![rest],
        };
        let end = if end_anchored { r"\z" } else { "" };
        let superset = format!(
            "(?:{}){}(?:{rest}){end}(?:{})",
            behind.unwrap_or(""),
            if start_anchored { "^" } else { "" },
            ahead.filter(|a| a.1).map_or("", |a| a.0),
        );
        let look = Self {
            behind: behind
                .map(|b| compile(&format!(r"(?:{b})\z")))
                .transpose()?,
            start_anchored,
            options: options
                .iter()
                .map(|o| compile(&format!("^(?:{o}){end}")))
                .collect::<Result<_, _>>()?,
            ahead: ahead
                .map(|(a, positive)| compile(&format!("^(?:{a})")).map(|re| (re, positive)))
                .transpose()?,
            any_option: compile(&format!("(?:{}){end}", options.join("|")))?,
        };
        Ok(Some((look, superset)))
    }

    /// The end of this alternative's match starting at byte `at` of `s`, if it matches there.
    fn match_at(&self, s: &str, at: usize) -> Option<usize> {
        if self.start_anchored && at != 0 {
            return None;
        }
        if let Some(behind) = &self.behind {
            if !behind.is_match(&s[..at]) {
                return None;
            }
        }
        let rest = &s[at..];
        self.options.iter().find_map(|option| {
            let end = at + option.find(rest)?.end();
            match &self.ahead {
                Some((ahead, positive)) if ahead.is_match(&s[end..]) != *positive => None,
                _ => Some(end),
            }
        })
    }

    /// The smallest start `>= at` where the whole alternative matches.
    fn first_start(&self, s: &str, at: usize) -> Option<usize> {
        let mut from = at;
        while from <= s.len() {
            let start = from + self.any_option.find(&s[from..])?.start();
            if self.match_at(s, start).is_some() {
                return Some(start);
            }
            from = next_char(s, start);
        }
        None
    }
}

fn compile(pattern: &str) -> Result<Regex, PatternError> {
    Regex::new(pattern).map_err(|e| PatternError(e.to_string()))
}

fn next_char(s: &str, at: usize) -> usize {
    at + s[at..].chars().next().map_or(1, char::len_utf8)
}

/// The alternatives of `pattern` split at `|` outside groups and character classes.
pub fn split_top_level(pattern: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    let mut scan = Scanner::new(pattern);
    while let Some((at, c)) = scan.next_item() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            '|' if depth == 0 => {
                parts.push(&pattern[start..at]);
                start = at + 1;
            }
            _ => {}
        }
    }
    parts.push(&pattern[start..]);
    parts
}

/// The byte just past the group that opens at `open` (a `(`), if it closes.
pub(super) fn group_end(pattern: &str, open: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut scan = Scanner::new(pattern);
    scan.at = open;
    while let Some((at, c)) = scan.next_item() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(at + 1);
                }
            }
            _ => {}
        }
    }
    None
}

/// Where a top-level `(?=…)` or `(?!…)` that ends the alternative starts, and whether positive.
fn trailing_lookahead(alternative: &str) -> Option<(usize, bool)> {
    let mut scan = Scanner::new(alternative);
    while let Some((at, c)) = scan.next_item() {
        if c != '(' {
            continue;
        }
        let end = group_end(alternative, at)?;
        let head = &alternative[at..];
        if end == alternative.len() && (head.starts_with("(?=") || head.starts_with("(?!")) {
            return Some((at, head.starts_with("(?=")));
        }
        scan.at = end;
    }
    None
}

/// Walks a Python pattern yielding only structural characters (`(`, `)`, `|`); escapes and
/// character classes are skipped whole, with Python's rule that a `]` right after `[` or `[^`
/// is a member.
struct Scanner<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Scanner<'a> {
    fn new(pattern: &'a str) -> Self {
        Self {
            bytes: pattern.as_bytes(),
            at: 0,
        }
    }

    fn next_item(&mut self) -> Option<(usize, char)> {
        while self.at < self.bytes.len() {
            let at = self.at;
            match self.bytes[at] {
                b'\\' => self.at += 2,
                b'[' => self.skip_class(),
                b @ (b'(' | b')' | b'|') => {
                    self.at += 1;
                    return Some((at, char::from(b)));
                }
                _ => self.at += 1,
            }
        }
        None
    }

    fn skip_class(&mut self) {
        self.at += 1;
        if self.bytes.get(self.at) == Some(&b'^') {
            self.at += 1;
        }
        if self.bytes.get(self.at) == Some(&b']') {
            self.at += 1;
        }
        while self.at < self.bytes.len() {
            match self.bytes[self.at] {
                b'\\' => self.at += 2,
                b']' => {
                    self.at += 1;
                    return;
                }
                _ => self.at += 1,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_outside_groups_and_classes() {
        assert_eq!(
            split_top_level(r"a|(?:b|c)|[|(]|\||d"),
            vec!["a", "(?:b|c)", "[|(]", r"\|", "d"]
        );
        assert_eq!(split_top_level(r"[]|]|x"), vec!["[]|]", "x"]);
    }

    #[test]
    fn prefix_takes_the_first_alternative_in_order() {
        let p = AffixPattern::compile(r"^…|^……|^\+(?![0-9])|^\.\.+").unwrap();
        assert_eq!(p.prefix_len("……x"), "…".len());
        assert_eq!(p.prefix_len("+x"), 1);
        assert_eq!(p.prefix_len("+5"), 0);
        assert_eq!(p.prefix_len("...x"), 3);
        assert_eq!(p.prefix_len("x."), 0);
    }

    #[test]
    fn suffix_takes_the_leftmost_start() {
        let p = AffixPattern::compile(r"\.$|(?<=[0-9])(?:m|km|km²)$|(?<=[A-Z][A-Z])\.$").unwrap();
        assert_eq!(p.suffix_len("5km²"), "km²".len());
        assert_eq!(p.suffix_len("xkm"), 0);
        assert_eq!(p.suffix_len("5m"), 1);
        assert_eq!(p.suffix_len("US."), 1);
        // The look-behind sees only the searched string.
        assert_eq!(p.suffix_len("km"), 0);
    }

    #[test]
    fn infix_backtracks_through_options_and_lookahead() {
        let p = AffixPattern::compile(r"\.\.+|(?<=[a-z])(?:-|--|~)(?=[a-z])").unwrap();
        assert_eq!(p.find_all("a--b"), vec![(1, 3)]);
        assert_eq!(p.find_all("a-b~c...d"), vec![(1, 2), (3, 4), (5, 8)]);
        assert_eq!(p.find_all("a-"), vec![]);
        assert!(!p.is_match("ab"));
    }
}
