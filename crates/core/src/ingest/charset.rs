//! Legacy single-byte pages: many older news sites still serve windows-1252 / ISO-8859-1.
//! Only that family is decoded exactly (it needs a 32-entry table); anything else that is not
//! UTF-8 is decoded lossily by the caller.

use regex::bytes::Regex;
use std::sync::OnceLock;

/// The charset a page declares in a `<meta>` within its first 1024 bytes (as browsers look).
pub fn declared(bytes: &[u8]) -> Option<String> {
    static META: OnceLock<Option<Regex>> = OnceLock::new();
    let re = META
        .get_or_init(|| {
            Regex::new(r#"(?i-u)<meta[^>]*?charset\s*=\s*["']?\s*([a-z0-9_:.\-]+)"#).ok()
        })
        .as_ref()?;
    let head = &bytes[..bytes.len().min(1024)];
    let m = re.captures(head)?.get(1)?;
    Some(String::from_utf8_lossy(m.as_bytes()).to_ascii_lowercase())
}

/// Whether a charset label means windows-1252 (browsers treat Latin-1 and ASCII labels as it).
pub fn is_windows_1252(label: &str) -> bool {
    matches!(
        label,
        "windows-1252"
            | "cp1252"
            | "x-cp1252"
            | "iso-8859-1"
            | "iso8859-1"
            | "iso_8859-1"
            | "latin1"
            | "l1"
            | "us-ascii"
            | "ascii"
    )
}

/// Bytes 0x80–0x9F in windows-1252; the five holes map to the C1 control of the same value.
pub(super) const HIGH: [char; 32] = [
    '\u{20AC}', '\u{81}', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}',
    '\u{02C6}', '\u{2030}', '\u{0160}', '\u{2039}', '\u{0152}', '\u{8D}', '\u{017D}', '\u{8F}',
    '\u{90}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}',
    '\u{02DC}', '\u{2122}', '\u{0161}', '\u{203A}', '\u{0153}', '\u{9D}', '\u{017E}', '\u{0178}',
];

pub fn decode_windows_1252(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9F => HIGH[usize::from(b - 0x80)],
            _ => char::from(b),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_declared_charset() {
        assert_eq!(
            declared(b"<html><head><meta charset=\"ISO-8859-1\">").as_deref(),
            Some("iso-8859-1")
        );
        assert_eq!(
            declared(
                b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">"
            )
            .as_deref(),
            Some("windows-1252")
        );
        assert_eq!(declared(b"<p>charset=utf-8</p>"), None);
    }

    #[test]
    fn decodes_windows_1252() {
        assert_eq!(
            decode_windows_1252(b"\x93Caf\xE9\x94 \x96 \x80"),
            "\u{201C}Caf\u{e9}\u{201D} \u{2013} \u{20AC}"
        );
    }
}
