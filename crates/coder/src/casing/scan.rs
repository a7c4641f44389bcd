//! The words truecasing looks up: letters and digits, joined inside by an apostrophe, a hyphen
//! or a dot ("al-assad", "u.s", "o'brien", "g-7"). The same rule made the tables' keys
//! (scripts/build_casing.py, `WORD`).

use std::ops::Range;

/// Byte ranges of the words of `text[range]`, as offsets into `text`.
pub fn words(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    out.clear();
    let slice = &text[range.clone()];
    let mut chars = slice.char_indices().peekable();
    let mut start: Option<usize> = None;
    while let Some((i, c)) = chars.next() {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
            continue;
        }
        let Some(s) = start else { continue };
        let joins = is_joiner(c) && chars.peek().is_some_and(|&(_, n)| n.is_alphanumeric());
        if !joins {
            out.push(range.start + s..range.start + i);
            start = None;
        }
    }
    if let Some(s) = start {
        out.push(range.start + s..range.end);
    }
}

pub fn is_joiner(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '.' | '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        words(text, 0..text.len(), &mut out);
        out.into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn joined_words() {
        assert_eq!(
            of("the u.s.-led strike on al-bab, o’brien's g-7 talks. end"),
            [
                "the",
                "u.s",
                "led",
                "strike",
                "on",
                "al-bab",
                "o’brien's",
                "g-7",
                "talks",
                "end"
            ]
        );
        assert_eq!(of("--a-- 'b' é"), ["a", "b", "é"]);
        assert_eq!(of(""), Vec::<&str>::new());
    }

    #[test]
    fn offsets_inside_a_range() {
        let text = "xx erdoğan met yy";
        let mut out = Vec::new();
        words(text, 3..15, &mut out);
        assert_eq!(
            out.iter().map(|r| &text[r.clone()]).collect::<Vec<_>>(),
            ["erdoğan", "met"]
        );
    }
}
