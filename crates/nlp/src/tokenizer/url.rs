//! spaCy's `url_match`: is a whole token a URL?
//!
//! The pattern has three negative look-aheads (private IPv4 ranges), so the exact test runs in
//! `fancy-regex`. Almost every token is no URL: the same pattern with the look-aheads removed and
//! the upper bounds of counted repetitions lifted (`{2,63}` → `{2,}`, far cheaper to compile over
//! large Unicode classes) accepts a superset, runs in `regex`, and answers first.

use super::pattern::PatternError;

#[derive(Debug)]
pub struct UrlMatcher {
    superset: regex::Regex,
    exact: fancy_regex::Regex,
}

impl UrlMatcher {
    pub fn compile(pattern: &str) -> Result<Self, PatternError> {
        let pattern = python_word_class(pattern);
        let superset = regex::Regex::new(&without_upper_bounds(&without_negative_lookaheads(
            &pattern,
        )))
        .map_err(|e| PatternError(format!("url_match without look-aheads: {e}")))?;
        let exact = fancy_regex::Regex::new(&pattern)
            .map_err(|e| PatternError(format!("url_match: {e}")))?;
        Ok(Self { superset, exact })
    }

    pub fn is_match(&self, s: &str) -> bool {
        // A backtracking limit error counts as no match, as a token is then not a URL.
        self.superset.is_match(s) && self.exact.is_match(s).unwrap_or(false)
    }
}

/// Python's `\w` is `_` plus letters and numbers (`str.isalnum`); Rust's also takes combining
/// marks and connector punctuation. The pattern uses `\w` inside a class only.
fn python_word_class(pattern: &str) -> String {
    pattern.replace(r"\w", r"\p{L}\p{N}_")
}

/// The pattern with every `(?!…)` group removed.
fn without_negative_lookaheads(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut rest = pattern;
    while let Some(at) = rest.find("(?!") {
        out.push_str(&rest[..at]);
        let end = super::pattern::group_end(rest, at).unwrap_or(rest.len());
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// The pattern with every `{m,n}` made `{m,}`.
fn without_upper_bounds(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        let escaped = rest[..open].ends_with('\\');
        let bound = rest[open + 1..]
            .find('}')
            .map(|close| &rest[open + 1..open + 1 + close]);
        match bound.and_then(|b| b.split_once(',')) {
            Some((low, high))
                if !escaped
                    && low.bytes().all(|b| b.is_ascii_digit())
                    && !high.is_empty()
                    && high.bytes().all(|b| b.is_ascii_digit()) =>
            {
                out.push_str(&rest[..open]);
                out.push('{');
                out.push_str(low);
                out.push_str(",}");
                rest = &rest[open + low.len() + high.len() + 3..];
            }
            _ => {
                out.push_str(&rest[..=open]);
                rest = &rest[open + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_negative_lookaheads_only() {
        assert_eq!(
            without_negative_lookaheads(r"^(?!1[0-9])\d+(?:x)$"),
            r"^\d+(?:x)$"
        );
    }

    #[test]
    fn lifts_upper_bounds_only() {
        assert_eq!(
            without_upper_bounds(r"a{2,63}b{0,62}c{3}d{1,}\{1,2}"),
            r"a{2,}b{0,}c{3}d{1,}\{1,2}"
        );
    }

    #[test]
    fn private_addresses_are_no_urls() {
        let url = UrlMatcher::compile(
            r"^(?:https?://)?(?:(?!10(?:\.\d{1,3}){3})\d{1,3}(?:\.\d{1,3}){3}|[a-z]{1,5}\.[a-z]{2,3})$",
        )
        .unwrap();
        assert!(url.is_match("http://8.8.8.8"));
        assert!(!url.is_match("http://10.1.2.3"));
        assert!(url.is_match("abc.org"));
        assert!(!url.is_match("abcdefg.org"));
    }
}
