//! The code of an act by the kind of actor doing it: a crowd's storming is a violent protest
//! (145), a gang's an assault (180), an army's a military operation (19).
//!
//! Reads: `data/lexicon/doer_codes.tsv`. Gives: the code an event takes for its source's role.

/// The code act `code` takes when an actor of role `role` does it.
pub(super) fn for_doer(code: &str, role: Option<&str>) -> String {
    role.and_then(|role| {
        let rows = &crate::lexicon::lexicon().doer_codes.0;
        rows.iter()
            .find(|(prefix, r, _)| code.starts_with(prefix) && *r == role)
    })
    .map_or_else(|| code.to_string(), |(_, _, c)| c.to_string())
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
}
