//! What a file holds, judged from its first bytes: a JSONL feed saved as `.txt`, or handed over
//! under a temporary name (`feed.in`, `/tmp/tmp.x8Fq`), is still a feed, and reading it as one
//! article of prose would code the JSON syntax.

/// The kinds of input the readers know.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Content {
    Text,
    Html,
    Jsonl,
}

/// How many bytes of a file the sniffer wants to see (callers may pass fewer, or the whole file).
pub const SNIFF_BYTES: usize = 64 << 10;

/// The content of `head` (the first bytes of a file): JSONL when its first non-blank line is a
/// JSON object (or the start of one cut off by the end of `head`), HTML when it opens with a
/// doctype, `<html>`, `<head>` or a comment, plain text otherwise.
pub fn sniff(head: &[u8]) -> Content {
    let body = head.strip_prefix(super::BOM).unwrap_or(head);
    let start = body
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(body.len());
    let body = &body[start..];
    if body.first() == Some(&b'{') && first_line_is_object(body) {
        return Content::Jsonl;
    }
    if opens_html(body) {
        return Content::Html;
    }
    Content::Text
}

fn first_line_is_object(body: &[u8]) -> bool {
    let (line, complete) = match body.iter().position(|&b| b == b'\n') {
        Some(i) => (&body[..i], true),
        None => (body, false),
    };
    match serde_json::from_slice::<serde_json::Value>(line) {
        Ok(value) => value.is_object(),
        // A first line longer than what was read: an object that has not ended yet is one.
        Err(e) => !complete && e.is_eof(),
    }
}

fn opens_html(body: &[u8]) -> bool {
    const OPENINGS: [&[u8]; 4] = [b"<!doctype html", b"<html", b"<head", b"<!--"];
    OPENINGS
        .iter()
        .any(|o| body.len() >= o.len() && body[..o.len()].eq_ignore_ascii_case(o))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jsonl_whatever_the_name() {
        assert_eq!(
            sniff(b"{\"id\":\"a\",\"text\":\"x\"}\n{\"id\":\"b\"}"),
            Content::Jsonl
        );
        assert_eq!(sniff(b"\xEF\xBB\xBF\n\n  {\"id\": 1}\r\n"), Content::Jsonl);
        // Cut off in the middle of the first object by the sniffing window.
        assert_eq!(
            sniff(b"{\"id\":\"a\",\"text\":\"a long sto"),
            Content::Jsonl
        );
    }

    #[test]
    fn prose_that_starts_with_a_brace_is_prose() {
        assert_eq!(
            sniff(b"{Editor's note} The talks resumed.\n"),
            Content::Text
        );
        assert_eq!(sniff(b"{\"id\":1} and then words\n"), Content::Text);
        assert_eq!(sniff(b"[1, 2]\n"), Content::Text);
        assert_eq!(sniff(b"The talks resumed on Monday.\n"), Content::Text);
        assert_eq!(sniff(b""), Content::Text);
    }

    #[test]
    fn html_openings() {
        assert_eq!(sniff(b"  <!DOCTYPE html><html>"), Content::Html);
        assert_eq!(sniff(b"<html lang=en>"), Content::Html);
        assert_eq!(sniff(b"<!-- saved page -->"), Content::Html);
        assert_eq!(sniff(b"<b>not a page</b>"), Content::Text);
    }
}
