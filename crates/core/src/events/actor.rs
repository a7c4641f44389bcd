//! The actors of an event, built from a mention, a country or a quote's speaker.

use crate::doc::{ActorCode, EventActor};

/// The actor a mention names, at its span.
pub(super) fn mention_actor(m: &crate::doc::Mention) -> EventActor {
    EventActor {
        span: m.span,
        actor: m.actor.clone(),
    }
}

/// An actor known only by its country (and role), standing at `span`.
pub(super) fn country_actor(span: crate::Span, country: &str, role: Option<&str>) -> EventActor {
    EventActor {
        span,
        actor: ActorCode {
            code: Some(format!("{country}{}", role.unwrap_or(""))),
            country: Some(country.to_string()),
            role: role.map(str::to_string),
            name: None,
        },
    }
}

pub(super) fn speaker_actor(sp: &crate::doc::Speaker) -> EventActor {
    let (country, role) = match sp.code.as_deref() {
        Some(c) => {
            let (c, r) = crate::actors::dictionary::split_code(c);
            (Some(c.to_string()), r.map(str::to_string))
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
