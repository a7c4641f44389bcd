//! Plain text articles.

use super::{decode, normalize_newlines, PlainOptions};
use crate::article::Article;

/// Longest first line still taken for a headline.
const MAX_TITLE_BYTES: usize = 300;
/// A first line ending in a full stop with more words than this reads as a lead paragraph.
const MAX_TITLE_WORDS_WITH_STOP: usize = 12;

/// A `.txt` article: UTF-8 (BOM, CRLF and lone CR tolerated; line ends stored as LF). The first
/// non-blank line is the title when a blank line follows it; the text keeps it, so that sentence
/// counts include the headline.
pub fn parse(bytes: &[u8], stem: &str, opts: &PlainOptions) -> Article {
    let (raw, warning) = decode(bytes);
    let text = match normalize_newlines(&raw) {
        std::borrow::Cow::Borrowed(_) => raw,
        std::borrow::Cow::Owned(s) => s,
    };
    Article {
        id: opts.id.clone().unwrap_or_else(|| stem.to_string()),
        url: opts.url.clone(),
        published: opts.published,
        source_name: opts.source_name.clone(),
        title: title(&text),
        text,
        warnings: warning.into_iter().collect(),
    }
}

/// The headline: first non-blank line, followed by a blank line and then more text.
fn title(text: &str) -> Option<String> {
    let mut lines = text.split('\n').skip_while(|l| l.trim().is_empty());
    let first = lines.next()?.trim();
    if !lines.next()?.trim().is_empty() || lines.all(|l| l.trim().is_empty()) {
        return None;
    }
    let words = first.split_whitespace().count();
    let lead = first.ends_with('.') && words > MAX_TITLE_WORDS_WITH_STOP;
    (first.len() <= MAX_TITLE_BYTES && !lead)
        .then(|| first.split_whitespace().collect::<Vec<_>>().join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Date;
    use proptest::prelude::*;

    fn plain(bytes: &[u8]) -> Article {
        parse(bytes, "stem", &PlainOptions::default())
    }

    #[test]
    fn bom_stripped() {
        let a = plain(b"\xEF\xBB\xBFHello.");
        assert_eq!(a.text, "Hello.");
        assert!(a.warnings.is_empty());
    }

    #[test]
    fn crlf_and_lone_cr_become_lf() {
        let a = plain(b"Title\r\n\r\nOne.\rTwo.\r\n");
        assert_eq!(a.text, "Title\n\nOne.\nTwo.\n");
        assert_eq!(a.title.as_deref(), Some("Title"));
    }

    #[test]
    fn title_when_blank_line_follows() {
        let a = plain("Turkey rejects Russian map\n\nAnkara said on Tuesday…".as_bytes());
        assert_eq!(a.title.as_deref(), Some("Turkey rejects Russian map"));
        // The text stays whole: the headline is a sentence too.
        assert!(a.text.starts_with("Turkey rejects"));
    }

    #[test]
    fn title_after_leading_blank_lines_and_trimmed() {
        let a = plain(b"\n  \n  Talks  collapse \n \nBody text.");
        assert_eq!(a.title.as_deref(), Some("Talks collapse"));
    }

    #[test]
    fn no_title_without_blank_line() {
        assert_eq!(plain(b"First line\nsecond line\n\nthird").title, None);
    }

    #[test]
    fn no_title_for_single_paragraph() {
        assert_eq!(plain(b"Only a headline\n\n").title, None);
        assert_eq!(plain(b"One line").title, None);
        assert_eq!(plain(b"").title, None);
    }

    #[test]
    fn long_lead_sentence_is_not_a_title() {
        let lead = "Turkish forces shelled positions held by Syrian government troops near \
                    Saraqib on Thursday, officials said.\n\nMore.";
        assert_eq!(plain(lead.as_bytes()).title, None);
        let short = "Ceasefire holds in Idlib.\n\nMore.";
        assert_eq!(
            plain(short.as_bytes()).title.as_deref(),
            Some("Ceasefire holds in Idlib.")
        );
        let huge = format!("{}\n\nMore.", "word ".repeat(100));
        assert_eq!(plain(huge.as_bytes()).title, None);
    }

    #[test]
    fn invalid_utf8_is_lossy_with_offset() {
        let a = plain(b"ab\xC3(cd");
        assert_eq!(a.text, "ab\u{FFFD}(cd");
        assert_eq!(
            a.warnings,
            vec!["invalid UTF-8 at byte 2: decoded lossily".to_string()]
        );
    }

    #[test]
    fn options_fill_metadata() {
        let opts = PlainOptions {
            id: Some("given".into()),
            published: Date::new(2020, 2, 20),
            source_name: Some("Wire".into()),
            url: Some("https://example.org/a".into()),
        };
        let a = parse(b"x", "stem", &opts);
        assert_eq!(a.id, "given");
        assert_eq!(a.published, Date::new(2020, 2, 20));
        assert_eq!(a.source_name.as_deref(), Some("Wire"));
        assert_eq!(a.url.as_deref(), Some("https://example.org/a"));
        assert_eq!(plain(b"x").id, "stem");
    }

    #[test]
    fn unicode_kept_verbatim() {
        let s = "Erdoğan “said” — 900 000 people\u{a0}fled.";
        assert_eq!(plain(s.as_bytes()).text, s);
    }

    #[test]
    fn bom_only_in_front_is_stripped() {
        let a = plain("a\u{FEFF}b".as_bytes());
        assert_eq!(a.text, "a\u{FEFF}b");
    }

    proptest! {
        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
            let a = plain(&bytes);
            prop_assert!(!a.text.contains('\r'));
            prop_assert!(std::str::from_utf8(a.text.as_bytes()).is_ok());
        }

        #[test]
        fn valid_text_is_kept_minus_bom_and_cr(s in "(\u{FEFF})?[a-zé .\r\n\u{a0}“”]{0,200}") {
            let mut bytes = Vec::new();
            bytes.extend_from_slice(s.as_bytes());
            let a = plain(&bytes);
            let expected = s.strip_prefix('\u{FEFF}').unwrap_or(&s).replace("\r\n", "\n").replace('\r', "\n");
            prop_assert_eq!(a.text, expected);
            prop_assert!(a.warnings.is_empty());
        }
    }
}
