//! The actors of an event, built from a mention, a country or a quote's speaker.

use crate::doc::{ActorCode, EventActor};
use crate::role::Role;

/// The actor a mention names, at its span.
pub(super) fn mention_actor(m: &crate::doc::Mention) -> EventActor {
    EventActor {
        span: m.span,
        actor: m.actor.clone(),
    }
}

/// An actor known only by its country (and role), standing at `span`.
pub(super) fn country_actor(span: crate::Span, country: &str, role: Option<Role>) -> EventActor {
    EventActor {
        span,
        actor: ActorCode {
            code: Some(format!("{country}{}", role.map_or("", Role::as_str))),
            country: Some(country.to_string()),
            role,
            name: None,
        },
    }
}

pub(super) fn speaker_actor(sp: &crate::doc::Speaker) -> EventActor {
    let (country, role) = match sp.code.as_deref() {
        Some(c) => {
            // A speaker's code is a mention's, made of a country and a `Role`, so its role
            // part parses.
            let (c, r) = crate::actors::dictionary::split_code(c);
            (Some(c.to_string()), r.and_then(|r| r.parse().ok()))
        }
        None => (None, None),
    };
    EventActor {
        span: sp.span,
        actor: ActorCode {
            code: sp.code.clone(),
            country,
            role,
            name: sp.name.clone(),
        },
    }
}
