//! The code of an act by the kind of actor doing it: a crowd's storming is a violent protest
//! (145), a gang's an assault (180), an army's a military operation (19).
//!
//! Reads: `data/lexicon/doer_codes.tsv`. Gives: the code an event takes for its source's role.

use crate::cameo::Cameo;
use crate::role::Role;

/// The code act `code` takes when an actor of role `role` does it.
pub(super) fn for_doer(code: Cameo, role: Option<Role>) -> Cameo {
    role.and_then(|role| {
        let rows = &crate::lexicon::lexicon().doer_codes.0;
        rows.iter()
            .find(|(parent, r, _)| code.is_under(*parent) && *r == role)
    })
    .map_or(code, |&(_, _, c)| c)
}

#[cfg(test)]
mod tests {
    use super::for_doer;
    use crate::cameo::Cameo;
    use crate::role::Role;

    const fn c(code: &str) -> Cameo {
        Cameo::of(code)
    }

    #[test]
    fn force_is_told_by_who_uses_it() {
        assert_eq!(for_doer(c("190"), Some(Role::Opp)), c("145"));
        assert_eq!(for_doer(c("1712"), Some(Role::Cvl)), c("145"));
        assert_eq!(for_doer(c("190"), Some(Role::Uaf)), c("180"));
        assert_eq!(for_doer(c("190"), Some(Role::Mil)), c("190"));
        assert_eq!(for_doer(c("193"), Some(Role::Opp)), c("193"));
        assert_eq!(for_doer(c("190"), None), c("190"));
    }
}
