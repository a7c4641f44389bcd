//! The lexicon registry: every English word list the stages read, from the files of
//! `data/lexicon` (embedded at build time), read by one reader, checked, and loaded once.
//!
//! A stage asks [`lexicon()`] for its typed lists (`lexicon().mentions.directions`); the lists
//! borrow their words from the embedded text, so a look-up never allocates. What each file and
//! kind means is said in the file's header and in `data/lexicon/README.md`. Also here: the model's
//! lemma misreadings of dictionary words and the phrase matcher the dictionaries and triggers use.

pub mod events;
mod files;
pub mod lemmas;
pub mod phrases;
pub mod quantities;
pub mod quotes;
pub mod reader;
pub mod words;

pub use events::{
    ActCodes, ClauseWords, ControlWords, DoerCodes, JudgementWords, ModalityWords, Ownership,
    ReportWords, RoleWords,
};
pub use files::{
    AbbrevKind, Abbreviations, Calendar, DefiniteBodies, Mentions, Persons, PlaceWords, Shift,
    Writing,
};
pub use quantities::QuantityWords;
pub use quotes::QuoteWords;
pub use reader::{LexiconError, Reason};
pub use words::{WordMap, WordSet};

use lemmas::LemmaFixes;
use std::sync::OnceLock;

/// Every word list, by the file it comes from.
#[derive(Debug)]
pub struct Lexicon {
    pub abbreviations: Abbreviations,
    pub writing: Writing,
    pub calendar: Calendar,
    pub mentions: Mentions,
    pub persons: Persons,
    pub definite_bodies: DefiniteBodies,
    pub quotes: QuoteWords,
    pub quantities: QuantityWords,
    pub lemma_fixes: LemmaFixes,
    pub control_words: ControlWords,
    pub act_codes: ActCodes,
    pub modality: ModalityWords,
    pub clauses: ClauseWords,
    pub reports: ReportWords,
    pub judgements: JudgementWords,
    pub roles: RoleWords,
    pub doer_codes: DoerCodes,
    pub ownership: Ownership,
    pub places: PlaceWords,
}

impl Lexicon {
    /// Read and check the embedded files.
    pub fn bundled() -> Result<Lexicon, LexiconError> {
        let calendar = Calendar::parse(Calendar::TEXT)?;
        calendar.check()?;
        Ok(Lexicon {
            abbreviations: Abbreviations::parse(Abbreviations::TEXT)?,
            writing: Writing::parse(Writing::TEXT)?,
            calendar,
            mentions: Mentions::parse(Mentions::TEXT)?,
            persons: Persons::parse(Persons::TEXT)?,
            definite_bodies: DefiniteBodies::parse(DefiniteBodies::TEXT)?,
            quotes: QuoteWords::parse(QuoteWords::TEXT)?,
            quantities: QuantityWords::parse(QuantityWords::TEXT)?,
            lemma_fixes: LemmaFixes::parse(LemmaFixes::TEXT)?,
            control_words: ControlWords::parse(ControlWords::TEXT)?,
            act_codes: ActCodes::parse(ActCodes::TEXT)?,
            modality: ModalityWords::parse(ModalityWords::TEXT)?,
            clauses: ClauseWords::parse(ClauseWords::TEXT)?,
            reports: ReportWords::parse(ReportWords::TEXT)?,
            judgements: JudgementWords::parse(JudgementWords::TEXT)?,
            roles: RoleWords::parse(RoleWords::TEXT)?,
            doer_codes: DoerCodes::parse(DoerCodes::TEXT)?,
            ownership: Ownership::parse(Ownership::TEXT)?,
            places: PlaceWords::parse(PlaceWords::TEXT)?,
        })
    }
}

/// The bundled lexicon, read on first use. The embedded files are checked by a test, so a file
/// that does not read is a build defect, not an input error.
pub fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| match Lexicon::bundled() {
        Ok(lex) => lex,
        Err(e) => panic!("the embedded lexicon does not read: {e}"),
    })
}

/// Whether tree word `w` is a verb reporting what its subject said ("said", "announcing", "told";
/// `verb` in `data/lexicon/quotes.tsv`).
pub fn reports_speech(t: &crate::tree::Tree, w: usize) -> bool {
    lexicon().quotes.reports(t.word(w))
}

/// The same for the model's word at byte `at`, for readers that walk the Doc's tokens.
pub fn reports_speech_at(doc: &crate::doc::Doc, at: usize) -> bool {
    doc.syntax
        .as_ref()
        .and_then(|a| a.token_at(at).map(|i| &a.words[i]))
        .is_some_and(|w| lexicon().quotes.reports(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_files_read() {
        // A bad edit to any file of data/lexicon fails here, naming the file and line.
        if let Err(e) = Lexicon::bundled() {
            panic!("{e}");
        }
    }

    #[test]
    fn lists_hold_what_their_readers_expect() {
        let lex = lexicon();
        assert_eq!(lex.calendar.months.position("march"), Some(2));
        assert_eq!(lex.calendar.weekdays.position("sunday"), Some(6));
        assert!(
            lex.writing.starters.contains("However") && !lex.writing.starters.contains("however")
        );
        assert_eq!(
            lex.abbreviations.kinds.get("Gen."),
            Some(&AbbrevKind::Title)
        );
        assert!(lex.mentions.partitives.contains("thousands"));
    }

    #[test]
    fn verbs_of_saying_are_read_on_the_models_tags() {
        let text = "The governor was announcing new cuts. Three states objected, she added.";
        let doc = crate::standard().run(crate::Article {
            text: text.into(),
            ..crate::Article::default()
        });
        let at = |w: &str| text.find(w).unwrap_or_else(|| panic!("no {w}"));
        // Any inflection of a listed lemma, tagged as a verb.
        assert!(reports_speech_at(&doc, at("announcing")));
        assert!(reports_speech_at(&doc, at("added")));
        // The same letters as a noun report nothing.
        assert!(!reports_speech_at(&doc, at("states")));
        assert!(!reports_speech_at(&doc, at("cuts")));
    }
}
