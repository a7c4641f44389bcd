//! The actors of an event, built from a mention, a country or a quote's speaker.

use crate::country::{Code, Country};
use crate::doc::{ActorCode, EventActor};
use crate::role::Role;

/// The actor a mention names, at its span.
pub(super) fn mention_actor(m: &crate::doc::Mention) -> EventActor {
    EventActor {
        span: m.span,
        actor: m.actor.clone(),
    }
}

/// An actor known only by its country (and role), standing at `span`; `None` for a place in no
/// country (a sea), which is no party.
pub(super) fn country_actor(
    span: crate::Span,
    country: Option<Country>,
    role: Option<Role>,
) -> EventActor {
    EventActor {
        span,
        actor: ActorCode {
            code: country.map(|c| Code::new(c, role)),
            country,
            role,
            name: None,
        },
    }
}

pub(super) fn speaker_actor(sp: &crate::doc::Speaker) -> EventActor {
    EventActor {
        span: sp.span,
        actor: ActorCode {
            code: sp.code,
            country: sp.code.map(|c| c.country),
            role: sp.code.and_then(|c| c.role),
            name: sp.name.clone(),
        },
    }
}
