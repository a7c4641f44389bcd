//! A CAMEO actor role as a value: `Role` (GOV, MIL, REB …), the part of an actor code after its
//! country ("TURGOV" is Turkey's government).
//!
//! The roles are the ones `data/actors/README.md` lists; every dictionary file that names a role
//! is read into this type, so a typo in a data file fails when the file is read, with the file and
//! line the reader adds. Display and Serialize give the plain code string, so the output contract
//! is unchanged. The predicates are the groups of roles the coder's rules ask about, named by
//! what the group is.

use std::fmt;

/// A CAMEO actor role.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// Government: the executive, ministers, diplomats, heads of state, local government.
    Gov,
    /// Armed forces, their units, defence ministries and ministers.
    Mil,
    /// Police, gendarmerie and security forces.
    Cop,
    /// Intelligence services.
    Spy,
    /// Courts, judges and prosecutors.
    Jud,
    /// Parliaments and legislators.
    Leg,
    /// Political parties, in or out of power.
    Pty,
    /// Organised opposition, dissidents, activists and protesters.
    Opp,
    /// Rebels: armed groups fighting the state for power or territory.
    Reb,
    /// Insurgents, militants, jihadists and terrorist organisations.
    Ins,
    /// Separatists.
    Sep,
    /// Unaligned armed forces: militias, paramilitaries outside the chain of command, gunmen.
    Uaf,
    /// Criminals, gangs, cartels, traffickers and pirates.
    Crm,
    /// Civilians, residents, citizens, hostages and detainees.
    Cvl,
    /// Refugees, displaced people, migrants and asylum seekers.
    Ref,
    /// Media, journalists and news agencies.
    Med,
    /// Non-governmental organisations, aid workers and rescuers.
    Ngo,
    /// Human-rights organisations and activists.
    Hri,
    /// An intergovernmental body not otherwise named ("the international community").
    Igo,
    /// Business: companies, banks, investors, economic IGOs.
    Bus,
    /// Elites: royals not in government, oligarchs, tribal elders.
    Eli,
    /// Unions and workers.
    Lab,
    /// Students, teachers and universities.
    Edu,
    /// Health workers, hospitals and health bodies.
    Hlh,
    /// Clergy and religious institutions.
    Rel,
    /// Farmers, herders and agricultural bodies.
    Agr,
    /// Development and humanitarian-aid bodies, donors.
    Dev,
    /// Environmental bodies.
    Env,
}

/// Why a string is not a role.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown CAMEO role code {0:?}")]
pub struct RoleError(pub String);

impl Role {
    /// Every role, each with its code.
    pub const ALL: [(Role, &'static str); 28] = [
        (Role::Gov, "GOV"),
        (Role::Mil, "MIL"),
        (Role::Cop, "COP"),
        (Role::Spy, "SPY"),
        (Role::Jud, "JUD"),
        (Role::Leg, "LEG"),
        (Role::Pty, "PTY"),
        (Role::Opp, "OPP"),
        (Role::Reb, "REB"),
        (Role::Ins, "INS"),
        (Role::Sep, "SEP"),
        (Role::Uaf, "UAF"),
        (Role::Crm, "CRM"),
        (Role::Cvl, "CVL"),
        (Role::Ref, "REF"),
        (Role::Med, "MED"),
        (Role::Ngo, "NGO"),
        (Role::Hri, "HRI"),
        (Role::Igo, "IGO"),
        (Role::Bus, "BUS"),
        (Role::Eli, "ELI"),
        (Role::Lab, "LAB"),
        (Role::Edu, "EDU"),
        (Role::Hlh, "HLH"),
        (Role::Rel, "REL"),
        (Role::Agr, "AGR"),
        (Role::Dev, "DEV"),
        (Role::Env, "ENV"),
    ];

    /// The code as written ("GOV").
    pub fn as_str(self) -> &'static str {
        // `ALL` lists the variants in declaration order.
        Role::ALL[self as usize].1
    }

    /// Organs of a state: its government, forces, police, intelligence, legislature and courts.
    pub fn is_state_organ(self) -> bool {
        matches!(
            self,
            Role::Gov | Role::Mil | Role::Spy | Role::Cop | Role::Leg | Role::Jud
        )
    }

    /// The executive and the forces it commands: government, army, intelligence and police.
    pub fn is_executive(self) -> bool {
        matches!(self, Role::Gov | Role::Mil | Role::Spy | Role::Cop)
    }

    /// Roles that act abroad as readily as at home (government, army, intelligence, parties),
    /// unlike police, courts and parliaments, which act where they are.
    pub fn acts_abroad(self) -> bool {
        matches!(self, Role::Gov | Role::Mil | Role::Spy | Role::Pty)
    }

    /// Armed groups outside the state: rebels, insurgents, militias and separatists.
    pub fn is_armed_group(self) -> bool {
        matches!(self, Role::Reb | Role::Ins | Role::Uaf | Role::Sep)
    }

    /// Those whose violence is done at home: police, armed groups, protesters, criminals and
    /// civilians.
    pub fn fights_at_home(self) -> bool {
        self.is_armed_group() || matches!(self, Role::Cop | Role::Opp | Role::Crm | Role::Cvl)
    }
}

impl std::str::FromStr for Role {
    type Err = RoleError;

    fn from_str(s: &str) -> Result<Role, RoleError> {
        Role::ALL
            .iter()
            .find(|(_, code)| *code == s)
            .map(|&(role, _)| role)
            .ok_or_else(|| RoleError(s.to_string()))
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for Role {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for Role {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Role, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_parses_and_prints_its_code() {
        for (role, code) in Role::ALL {
            assert_eq!(code.parse::<Role>(), Ok(role));
            assert_eq!(role.as_str(), code);
            assert_eq!(role.to_string(), code);
            assert_eq!(serde_json::to_string(&role).unwrap(), format!("\"{code}\""));
            let back: Role = serde_json::from_str(&format!("\"{code}\"")).unwrap();
            assert_eq!(back, role);
        }
        let some = serde_json::to_string(&Some(Role::Gov)).unwrap();
        assert_eq!(some, "\"GOV\"");
        assert_eq!(serde_json::to_string(&None::<Role>).unwrap(), "null");
    }

    #[test]
    fn unknown_codes_are_named() {
        for bad in ["", "gov", "GOVT", "XYZ", " GOV", "TURGOV"] {
            let e = bad.parse::<Role>().unwrap_err();
            assert_eq!(e, RoleError(bad.to_string()));
            assert!(e.to_string().contains(&format!("{bad:?}")), "{e}");
        }
        let e = serde_json::from_str::<Role>("\"MILITARY\"").unwrap_err();
        assert!(e.to_string().contains("MILITARY"), "{e}");
    }

    #[test]
    fn groups() {
        assert!(Role::Jud.is_state_organ() && !Role::Jud.is_executive());
        assert!(Role::Cop.is_executive() && !Role::Cop.acts_abroad());
        assert!(Role::Pty.acts_abroad() && !Role::Pty.is_state_organ());
        assert!(Role::Sep.is_armed_group() && Role::Sep.fights_at_home());
        assert!(Role::Cvl.fights_at_home() && !Role::Mil.fights_at_home());
        assert!(!Role::Opp.is_armed_group() && !Role::Opp.is_state_organ());
    }

    #[test]
    fn every_role_in_the_readme_table_is_known() {
        // The table of roles in data/actors/README.md is the list this type encodes.
        let readme = include_str!("../../../data/actors/README.md");
        let section = readme.split("## Roles").nth(1).unwrap();
        let table = section.split("\n## ").next().unwrap();
        let codes: Vec<&str> = table
            .lines()
            .filter_map(|l| l.strip_prefix("| `")?.split('`').next())
            .collect();
        assert_eq!(codes.len(), Role::ALL.len(), "{codes:?}");
        for c in codes {
            assert!(c.parse::<Role>().is_ok(), "{c}");
        }
    }
}
