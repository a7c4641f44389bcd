//! The actor stage's mentions by position: those overlapping a span are found by binary search
//! instead of a scan of the whole article (the quote and quantity stages ask once per name and
//! per figure, so a scan would make long articles quadratic).

use crate::country::Code;
use crate::doc::Mention;
use crate::span::Span;

pub(crate) struct MentionIndex<'a> {
    mentions: &'a [Mention],
    /// Indices into `mentions`, by start.
    order: Vec<usize>,
    /// The starts, in that order (for `partition_point`).
    starts: Vec<usize>,
    /// The longest mention: one that overlaps a span starts at most this far before it.
    longest: usize,
}

impl<'a> MentionIndex<'a> {
    pub fn new(mentions: &'a [Mention]) -> MentionIndex<'a> {
        let mut order: Vec<usize> = (0..mentions.len()).collect();
        order.sort_by_key(|&i| mentions[i].span.start);
        let starts = order.iter().map(|&i| mentions[i].span.start).collect();
        let longest = mentions.iter().map(|m| m.span.len()).max().unwrap_or(0);
        MentionIndex {
            mentions,
            order,
            starts,
            longest,
        }
    }

    /// The mentions overlapping `span`, as indices in the article's order.
    fn overlapping(&self, span: Span) -> Vec<usize> {
        let lo = self
            .starts
            .partition_point(|&s| s < span.start.saturating_sub(self.longest));
        let hi = self.starts.partition_point(|&s| s < span.end);
        let mut found: Vec<usize> = self.order[lo..hi.max(lo)]
            .iter()
            .copied()
            .filter(|&i| self.mentions[i].span.overlaps(span))
            .collect();
        found.sort_unstable();
        found
    }

    /// The longest mention overlapping `span` that `keep` accepts; of equally long ones the
    /// last in the article's list (as `Iterator::max_by_key` over that list gives).
    pub fn longest(&self, span: Span, keep: impl Fn(&Mention) -> bool) -> Option<&'a Mention> {
        self.overlapping(span)
            .into_iter()
            .map(|i| &self.mentions[i])
            .filter(|m| keep(m))
            .max_by_key(|m| m.span.len())
    }

    /// The code of the longest coded mention overlapping `span` that `keep` accepts.
    pub fn longest_code(&self, span: Span, keep: impl Fn(&Mention) -> bool) -> Option<Code> {
        self.longest(span, |m| m.actor.code.is_some() && keep(m))
            .and_then(|m| m.actor.code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::{ActorCode, MentionKind};

    fn mention(start: usize, end: usize, code: Option<&str>) -> Mention {
        Mention {
            span: Span::new(start, end),
            sentence: 0,
            tokens: 0..0,
            kind: MentionKind::Name,
            actor: ActorCode {
                code: code.map(|c| c.parse().unwrap()),
                ..ActorCode::default()
            },
            implicit: false,
            entity: None,
        }
    }

    /// The index gives what a scan of every mention gives.
    #[test]
    fn same_as_a_scan() {
        let ms = vec![
            mention(40, 44, Some("BEL")),
            mention(0, 30, Some("AUT")),
            mention(10, 14, None),
            mention(12, 16, Some("CAN")),
            mention(50, 54, Some("DNK")),
            mention(50, 54, Some("EGY")),
        ];
        let index = MentionIndex::new(&ms);
        for start in 0..60 {
            for end in start..60 {
                let span = Span::new(start, end);
                let scan = ms
                    .iter()
                    .filter(|m| m.span.overlaps(span) && m.actor.code.is_some())
                    .max_by_key(|m| m.span.len())
                    .and_then(|m| m.actor.code);
                assert_eq!(index.longest_code(span, |_| true), scan, "{span:?}");
            }
        }
        assert_eq!(
            index
                .longest_code(Span::new(51, 52), |_| true)
                .map(|c| c.to_string())
                .as_deref(),
            Some("EGY")
        );
        assert!(MentionIndex::new(&[])
            .longest(Span::new(0, 9), |_| true)
            .is_none());
    }
}
