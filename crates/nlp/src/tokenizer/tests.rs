use super::*;
use std::sync::OnceLock;

fn tokenizer() -> &'static Tokenizer {
    static TOKENIZER: OnceLock<Tokenizer> = OnceLock::new();
    TOKENIZER.get_or_init(|| {
        let model = ModelFile::parse(crate::MODEL_BYTES).expect("bundled model");
        Tokenizer::load(&model).expect("tokenizer rules")
    })
}

/// Token texts, with `_` appended where a space follows and `=NORM` where a rule set one.
fn show(text: &str) -> Vec<String> {
    tokenizer()
        .tokenize(text)
        .iter()
        .map(|t| {
            let mut s = text[t.start..t.end].to_string();
            if let Some(norm) = &t.norm {
                s.push('=');
                s.push_str(norm);
            }
            if t.space_after {
                s.push('_');
            }
            s
        })
        .collect()
}

#[test]
fn whitespace_runs_become_tokens_but_one_space_is_owned() {
    assert_eq!(show("a  b"), ["a_", " ", "b"]);
    assert_eq!(show("a\n b"), ["a", "\n ", "b"]);
    assert_eq!(show(" a"), [" ", "a"]);
    assert_eq!(show("a "), ["a_"]);
    assert_eq!(show("a\u{a0}b"), ["a", "\u{a0}=  ", "b"]);
    assert_eq!(show("a\u{1c}b"), ["a", "\u{1c}", "b"]);
    assert!(show("").is_empty());
}

#[test]
fn contractions_carry_their_norms() {
    assert_eq!(show("Don't go."), ["Do=do", "n't=not_", "go", "."]);
    assert_eq!(show("We're sure"), ["We=we", "'re=are_", "sure"]);
}

#[test]
fn final_pass_restores_special_cases_split_by_affixes() {
    // `'s` peeled off a word is a plain suffix; its own rule's sequence is `'` `s`, so it keeps
    // no NORM, while the two-token rules re-apply.
    assert_eq!(show("John's"), ["John", "'s"]);
    assert_eq!(show("It's"), ["It=it", "'s='s"]);
    // The two-token rule wins over the one-token one.
    assert_eq!(show("(let's)"), ["(", "let", "'s=us", ")"]);
    // With a space inside, the sequence has no rule; the chunk `'s` is a special case itself.
    assert_eq!(show("let 's"), ["let_", "'s='s"]);
}

#[test]
fn affixes_urls_and_infixes() {
    assert_eq!(
        show("(https://x.org/a),"),
        ["(", "https://x.org/a", ")", ","]
    );
    assert_eq!(show("5km."), ["5", "km", "."]);
    assert_eq!(show("US$20"), ["US$", "20"]);
    assert_eq!(show("well-known"), ["well", "-", "known"]);
    assert_eq!(show("a--b"), ["a", "--", "b"]);
    assert_eq!(show("end.Start"), ["end", ".", "Start"]);
    assert_eq!(show("……x"), ["…", "…", "x"]);
}

#[test]
fn offsets_are_bytes() {
    let tokens = tokenizer().tokenize("Ça coûte €5.");
    let spans: Vec<(usize, usize)> = tokens.iter().map(|t| (t.start, t.end)).collect();
    assert_eq!(spans, [(0, 3), (4, 10), (11, 14), (14, 15), (15, 16)]);
}

#[test]
fn long_glued_runs_split_fully() {
    // Each pass peels one affix and each infix search resumes where the last ended; these
    // would take minutes if either rescanned the whole rest of the chunk.
    let n = 10_000;
    assert_eq!(tokenizer().tokenize(&"a-".repeat(n)).len(), 2 * n - 1);
    assert_eq!(tokenizer().tokenize(&"1+".repeat(n)).len(), 2 * n);
    assert_eq!(tokenizer().tokenize(&"(".repeat(n)).len(), n);
    assert_eq!(tokenizer().tokenize(&"'s".repeat(n)).len(), n);
}

/// `words` then `with_spaces` give back `tokenize`'s tokens, whitespace tokens and NORMs included.
#[test]
fn words_and_restored_spaces_are_the_tokens() {
    let t = tokenizer();
    for text in [
        "",
        "  Rain fell.\n\nThe ferry (from Brindle) didn't sail;  crews waited\u{a0}--  all day.\t",
        "He said: \"We're ready.\"\r\n\u{2003}Prices rose 4.5% to $1,200 in mid-March, a two-year high. ",
        "Pro-government and anti-war groups met at 10:30 a.m. on 3/4/2021.\u{1c}Done",
    ] {
        let mut words = Vec::new();
        t.words(text, 0, &mut words);
        assert!(words.iter().all(|w| !text[w.start..w.end].trim().is_empty()));
        let whole = t.tokenize(text);
        assert_eq!(t.with_spaces(text, 0..text.len(), words.iter().copied()), whole);
        // A range that starts at a word and ends where the next one starts.
        if let (Some(a), Some(b)) = (words.get(1), words.get(4)) {
            let part: Vec<Token> = whole
                .iter()
                .filter(|w| w.start >= a.start && w.start < b.start)
                .cloned()
                .collect();
            let got = t.with_spaces(text, a.start..b.start, words[1..4].iter().copied());
            assert_eq!(got, part, "{text:?}");
        }
    }
}
