//! The code of an act by the kind of actor doing it: a crowd's storming is a violent protest
//! (145), a gang's an assault (180), an army's a military operation (19).
//!
//! Reads: `data/lexicon/doer_codes.tsv`. Gives: the code an event takes for its source's role.

use std::sync::OnceLock;

const DOER_CODES: &str = include_str!("../../../../data/lexicon/doer_codes.tsv");

/// Rows of (code prefix, doer role, code), in file order.
fn rows() -> &'static [(String, String, String)] {
    static ROWS: OnceLock<Vec<(String, String, String)>> = OnceLock::new();
    ROWS.get_or_init(|| {
        crate::codebook::tsv_rows(DOER_CODES)
            .filter_map(|(_, f)| match f.as_slice() {
                [prefix, role, code, ..] => {
                    Some((prefix.to_string(), role.to_string(), code.to_string()))
                }
                _ => None,
            })
            .collect()
    })
}

/// The code act `code` takes when an actor of role `role` does it.
pub(super) fn for_doer(code: &str, role: Option<&str>) -> String {
    role.and_then(|role| {
        rows()
            .iter()
            .find(|(prefix, r, _)| code.starts_with(prefix.as_str()) && r == role)
    })
    .map_or_else(|| code.to_string(), |(_, _, c)| c.clone())
}

#[cfg(test)]
mod tests {
    use super::for_doer;

    #[test]
    fn force_is_told_by_who_uses_it() {
        assert_eq!(for_doer("190", Some("OPP")), "145");
        assert_eq!(for_doer("1712", Some("CVL")), "145");
        assert_eq!(for_doer("190", Some("UAF")), "180");
        assert_eq!(for_doer("190", Some("MIL")), "190");
        assert_eq!(for_doer("193", Some("OPP")), "193");
        assert_eq!(for_doer("190", None), "190");
    }

    #[test]
    fn every_row_has_three_fields_and_a_known_code() {
        let book = crate::codebook::Codebook::bundled();
        for (_, fields) in crate::codebook::tsv_rows(super::DOER_CODES) {
            assert_eq!(fields.len(), 3, "{fields:?}");
            assert!(book.get(fields[2]).is_some(), "unknown code {}", fields[2]);
        }
    }
}
