//! Which paragraphs carry no case information: (almost) no capitals, or (almost) nothing else.
//! One pass over the bytes counting ASCII capitals and small letters per paragraph (blocks
//! separated by a blank line), so that text in ordinary case pays next to nothing.

use std::ops::Range;

/// How a paragraph lost its case.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Caseless {
    /// All (or nearly all) small letters: an archive or feed that folds case.
    Lower,
    /// All (or nearly all) capitals: a wire that shouts, a headline.
    Upper,
    /// A line in title case: a headline whose capitals mark its words, not its names.
    Title,
}

/// A paragraph needs this many letters to be judged on its own; shorter ones follow the article.
const MIN_LETTERS: usize = 12;
/// At most one capital per this many small letters is lower-case text (ordinary prose has one
/// per sentence at least, about one in a hundred letters).
const LOWER_RATIO: usize = 400;
/// At most one small letter per this many capitals is text in capitals (ordinary prose in capitals
/// keeps none; a dateline or an acronym in running text leaves the paragraph far below).
const UPPER_RATIO: usize = 10;

#[derive(Clone, Copy, Default)]
struct Counts {
    upper: usize,
    lower: usize,
}

impl Counts {
    fn judge(self) -> Option<Caseless> {
        if self.upper + self.lower < MIN_LETTERS {
            return None;
        }
        if self.upper * LOWER_RATIO <= self.lower {
            Some(Caseless::Lower)
        } else if self.lower * UPPER_RATIO <= self.upper {
            Some(Caseless::Upper)
        } else {
            None
        }
    }
}

/// The paragraphs of `text` whose case says nothing, with how. Short paragraphs (a dateline, a
/// one-word line) are judged with the article as a whole.
pub fn caseless_paragraphs(text: &str) -> Vec<(Range<usize>, Caseless)> {
    let mut paragraphs: Vec<(Range<usize>, Counts)> = Vec::new();
    let mut total = Counts::default();
    let mut current = Counts::default();
    let mut start = 0;
    let mut newline_at: Option<usize> = None;
    for (i, &b) in text.as_bytes().iter().enumerate() {
        match b {
            b'A'..=b'Z' => current.upper += 1,
            b'a'..=b'z' => current.lower += 1,
            b'\n' => {
                if let Some(first) = newline_at {
                    // A blank line: the paragraph ended at the first of the two line ends.
                    paragraphs.push((start..first, current));
                    total.upper += current.upper;
                    total.lower += current.lower;
                    current = Counts::default();
                    start = i + 1;
                    newline_at = None;
                    continue;
                }
                newline_at = Some(i);
                continue;
            }
            b' ' | b'\t' | b'\r' => continue,
            _ => {}
        }
        newline_at = None;
    }
    paragraphs.push((start..text.len(), current));
    total.upper += current.upper;
    total.lower += current.lower;
    let article = total.judge();
    paragraphs
        .into_iter()
        .filter_map(|(range, counts)| {
            let verdict = if counts.upper + counts.lower < MIN_LETTERS {
                article.filter(|_| counts.upper + counts.lower > 0)
            } else {
                counts.judge()
            };
            verdict.map(|v| (range, v))
        })
        .collect()
}

/// Fewest words of four letters or more that make a line in title case a headline.
const MIN_TITLE_WORDS: usize = 3;

/// The headline of `text` when it is set in title case ("Turkey Rejects Russian Offer as Talks
/// Fail"): the first line, every word of four letters or more capitalised, at least
/// [`MIN_TITLE_WORDS`] of them, and some small letters (a line in capitals is
/// [`Caseless::Upper`]). Such a line tells nothing by its capitals: the tagger would read each
/// capitalised word as a name. Only the first line: a byline or a caption in title case is
/// mostly names, which restoring case would lose.
pub fn title_line(text: &str) -> Option<Range<usize>> {
    let start = text.len() - text.trim_start().len();
    let line = text[start..].split('\n').next()?.trim_end();
    is_title(line).then_some(start..start + line.len())
}

fn is_title(line: &str) -> bool {
    let long: Vec<&str> = line
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 4)
        .collect();
    long.len() >= MIN_TITLE_WORDS
        && long
            .iter()
            .all(|w| w.starts_with(|c: char| c.is_ascii_uppercase()))
        && long
            .iter()
            .any(|w| w[1..].bytes().any(|b| b.is_ascii_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(&str, Caseless)> {
        caseless_paragraphs(text)
            .into_iter()
            .map(|(r, k)| (&text[r], k))
            .collect()
    }

    #[test]
    fn ordinary_text_is_left_alone() {
        let text =
            "ANKARA — Turkey warned Syria on Monday.\n\nThe talks in Geneva ended without a deal, \
                    officials said, and the UN envoy left for New York.";
        assert!(kinds(text).is_empty());
    }

    #[test]
    fn whole_articles() {
        let lower = "ankara — turkey warned syria on monday.\n\nthe talks ended.";
        assert_eq!(
            kinds(lower),
            [
                ("ankara — turkey warned syria on monday.", Caseless::Lower),
                ("the talks ended.", Caseless::Lower)
            ]
        );
        let upper = lower.to_uppercase();
        assert_eq!(kinds(&upper).len(), 2);
        assert!(kinds(&upper).iter().all(|(_, k)| *k == Caseless::Upper));
    }

    #[test]
    fn one_paragraph_among_others() {
        let text =
            "TURKEY WARNS SYRIA OVER IDLIB\n\nTurkey warned Syria on Monday that it would act.\n\n\
                    the rest of this paragraph came through a feed that folds case, and says so.";
        assert_eq!(
            kinds(text),
            [
                ("TURKEY WARNS SYRIA OVER IDLIB", Caseless::Upper),
                (
                    "the rest of this paragraph came through a feed that folds case, and says so.",
                    Caseless::Lower
                )
            ]
        );
    }

    #[test]
    fn short_paragraphs_follow_the_article() {
        assert_eq!(
            kinds("ankara\n\nturkey warned syria on monday that it would act."),
            [
                ("ankara", Caseless::Lower),
                (
                    "turkey warned syria on monday that it would act.",
                    Caseless::Lower
                )
            ]
        );
        assert!(kinds("ANKARA\n\nTurkey warned Syria on Monday that it would act.").is_empty());
    }

    #[test]
    fn a_long_sentence_with_one_capital_is_still_prose() {
        let text =
            "The talks went on through the night and into the morning while the delegations \
                    argued over the wording of every clause of the draft.";
        assert!(kinds(text).is_empty());
    }

    #[test]
    fn headlines_in_title_case() {
        let text = "Chile Recalls Envoy as Border Talks Collapse\n\n\
                    SANTIAGO — Chile recalled its envoy from Lima on Monday.";
        let title = title_line(text).map(|r| &text[r]);
        assert_eq!(title, Some("Chile Recalls Envoy as Border Talks Collapse"));
        // A byline or a line in capitals is no title-case headline.
        assert_eq!(title_line("By Ana Ruiz and Tom Lee\n\nText."), None);
        assert_eq!(title_line("BOLIVIA CLOSES BORDER\nText."), None);
    }
}
