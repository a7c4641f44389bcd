//! spaCy's `url_match`: is a whole token a URL?
//!
//! The pattern has three negative look-aheads (private IPv4 ranges), so the exact test runs in
//! `fancy-regex`. Almost every token is no URL: the same pattern with the look-aheads removed
//! accepts a superset, runs in `regex`, and answers first.

use super::pattern::PatternError;

#[derive(Debug)]
pub struct UrlMatcher {
    superset: regex::Regex,
    exact: fancy_regex::Regex,
}

impl UrlMatcher {
    pub fn compile(pattern: &str) -> Result<Self, PatternError> {
        let pattern = python_word_class(pattern);
        let superset = regex::Regex::new(&without_negative_lookaheads(&pattern))
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
}
