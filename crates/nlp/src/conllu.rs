//! CoNLL-U, the format users of parsers know: written by `flashpoint parse`, read back for tests
//! and for text parsed elsewhere.
//!
//! Columns: ID, FORM, LEMMA, UPOS, XPOS (the model's fine tag), FEATS, HEAD, DEPREL (the model's
//! labels, "ROOT" for the root), DEPS (`_`), MISC (`TokenRange=START:END` in bytes of the
//! article text, `NER=B-LABEL|I-LABEL|O`, and `SpaceAfter=No` / `SpacesAfter=…` as UD writes
//! them). Whitespace tokens are not words in CoNLL-U: they are written as the `SpacesAfter` of
//! the word before them, and a word that hangs on one hangs on that token's own head instead.

use crate::annotation::{Annotation, EntitySpan, Word};
use std::fmt::Write;
use thiserror::Error;

#[derive(Debug, Error, PartialEq, Eq)]
pub enum ConlluError {
    #[error("CoNLL-U line {line}: {reason}")]
    Line { line: usize, reason: String },
}

/// Append one document to `out`.
pub fn write_document(out: &mut String, doc_id: &str, text: &str, ann: &Annotation) {
    let _ = writeln!(out, "# newdoc id = {}", one_line(doc_id));
    let iob = entity_tags(ann);
    let mut number = 0;
    for range in &ann.sentences {
        let kept: Vec<usize> = range.clone().filter(|&i| !ann.words[i].is_space).collect();
        let (Some(&first), Some(&last)) = (kept.first(), kept.last()) else {
            continue;
        };
        number += 1;
        let _ = writeln!(out, "# sent_id = {}-{number}", one_line(doc_id));
        let sentence = &text[ann.words[first].start..ann.words[last].end];
        let _ = writeln!(out, "# text = {}", one_line(sentence));
        for (k, &i) in kept.iter().enumerate() {
            write_word(out, text, ann, &kept, k, i, &iob[i]);
        }
        out.push('\n');
    }
}

fn write_word(
    out: &mut String,
    text: &str,
    ann: &Annotation,
    kept: &[usize],
    k: usize,
    i: usize,
    iob: &str,
) {
    let w = &ann.words[i];
    let head = word_head(ann, i);
    let head_id = match head {
        Some(h) => kept.iter().position(|&j| j == h).map_or(0, |p| p + 1),
        None => 0,
    };
    let dep = if head_id == 0 { "ROOT" } else { w.dep.as_str() };
    let _ = writeln!(
        out,
        "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t_\tTokenRange={}:{}|NER={}{}",
        k + 1,
        &text[w.start..w.end],
        or_blank(&w.lemma),
        or_blank(&w.pos),
        or_blank(&w.tag),
        or_blank(&w.morph),
        head_id,
        dep,
        w.start,
        w.end,
        iob,
        spacing(text, ann, i),
    );
}

/// The head of word `i` once whitespace tokens are taken out: a word whose head is whitespace
/// hangs on that token's head. `None` for a root.
fn word_head(ann: &Annotation, i: usize) -> Option<usize> {
    let mut h = ann.words[i].head;
    let mut steps = 0;
    while h != i && ann.words[h].is_space && steps < ann.words.len() {
        let next = ann.words[h].head;
        if next == h {
            return None;
        }
        h = next;
        steps += 1;
    }
    (h != i && !ann.words[h].is_space).then_some(h)
}

/// UD's spacing marks: `SpaceAfter=No` when the next word follows directly, `SpacesAfter=…`
/// (escaped) when what follows is not exactly one space.
fn spacing(text: &str, ann: &Annotation, i: usize) -> String {
    let w = &ann.words[i];
    let next = ann.words.get(i + 1);
    let gap_end = match next {
        Some(n) if n.is_space => n.end,
        _ => w.end + usize::from(w.space_after),
    };
    let gap = &text[w.end..gap_end.min(text.len())];
    match gap {
        " " => String::new(),
        "" if next.is_none() => String::new(),
        "" => "|SpaceAfter=No".into(),
        _ => format!("|SpacesAfter={}", escape_spaces(gap)),
    }
}

fn escape_spaces(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\n' => "\\n".to_string(),
            '\t' => "\\t".to_string(),
            '\r' => "\\r".to_string(),
            ' ' => "\\s".to_string(),
            '\\' => "\\\\".to_string(),
            '|' => "\\p".to_string(),
            c if c.is_whitespace() => format!("\\u{:04X}", c as u32),
            c => c.to_string(),
        })
        .collect()
}

/// B-/I-/O per token from the entity spans.
fn entity_tags(ann: &Annotation) -> Vec<String> {
    let mut tags = vec!["O".to_string(); ann.words.len()];
    for e in &ann.entities {
        for (n, i) in e.tokens.clone().enumerate() {
            if let Some(t) = tags.get_mut(i) {
                *t = format!("{}-{}", if n == 0 { "B" } else { "I" }, e.label);
            }
        }
    }
    tags
}

fn or_blank(s: &str) -> &str {
    if s.is_empty() {
        "_"
    } else {
        s
    }
}

/// A comment value on one line: runs of whitespace become one space.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Read CoNLL-U written by [`write_document`] (or any CoNLL-U whose MISC has `TokenRange`):
/// the documents in order, each with its id and annotation. Multi-word and empty-node lines
/// (`1-2`, `1.1`) are skipped.
pub fn read(input: &str) -> Result<Vec<(String, Annotation)>, ConlluError> {
    let mut docs: Vec<(String, Annotation)> = Vec::new();
    let mut sentence_start = 0;
    for (n, line) in input.lines().enumerate() {
        let line_no = n + 1;
        if let Some(id) = line.strip_prefix("# newdoc id = ") {
            docs.push((id.to_string(), Annotation::default()));
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        if docs.is_empty() {
            docs.push((String::new(), Annotation::default()));
        }
        let Some((_, ann)) = docs.last_mut() else {
            continue;
        };
        if line.trim().is_empty() {
            if ann.words.len() > sentence_start {
                ann.sentences.push(sentence_start..ann.words.len());
            }
            sentence_start = ann.words.len();
            continue;
        }
        read_word(line, line_no, sentence_start, ann)?;
    }
    for (_, ann) in &mut docs {
        let covered = ann.sentences.last().map_or(0, |s| s.end);
        if covered < ann.words.len() {
            ann.sentences.push(covered..ann.words.len());
        }
        ann.entities = entities_from_tags(ann);
    }
    Ok(docs)
}

fn read_word(
    line: &str,
    line_no: usize,
    sentence_start: usize,
    ann: &mut Annotation,
) -> Result<(), ConlluError> {
    let bad = |reason: String| ConlluError::Line {
        line: line_no,
        reason,
    };
    let cols: Vec<&str> = line.split('\t').collect();
    if cols.len() != 10 {
        return Err(bad(format!("{} columns, expected 10", cols.len())));
    }
    if cols[0].contains('-') || cols[0].contains('.') {
        return Ok(());
    }
    let head: usize = cols[6]
        .parse()
        .map_err(|_| bad(format!("HEAD {:?} is not a number", cols[6])))?;
    let misc = misc_fields(cols[9]);
    let range = misc
        .iter()
        .find_map(|(k, v)| (*k == "TokenRange").then_some(*v))
        .ok_or_else(|| bad("MISC has no TokenRange".into()))?;
    let (start, end) = range
        .split_once(':')
        .and_then(|(a, b)| Some((a.parse().ok()?, b.parse().ok()?)))
        .ok_or_else(|| bad(format!("TokenRange {range:?} is not START:END")))?;
    let index = ann.words.len();
    let blank = |s: &str| {
        if s == "_" {
            String::new()
        } else {
            s.to_string()
        }
    };
    ann.words.push(Word {
        start,
        end,
        space_after: !misc.iter().any(|(k, _)| *k == "SpaceAfter"),
        norm: cols[1].to_lowercase(),
        tag: blank(cols[4]).into(),
        pos: blank(cols[3]).into(),
        morph: blank(cols[5]).into(),
        lemma: blank(cols[2]),
        head: if head == 0 {
            index
        } else {
            sentence_start + head - 1
        },
        dep: cols[7].into(),
        is_space: false,
    });
    let ner = misc
        .iter()
        .find_map(|(k, v)| (*k == "NER").then_some(*v))
        .unwrap_or("O");
    ann.entities.push(EntitySpan {
        tokens: index..index + 1,
        start,
        end,
        label: ner.to_string(),
    });
    Ok(())
}

fn misc_fields(misc: &str) -> Vec<(&str, &str)> {
    misc.split('|').filter_map(|f| f.split_once('=')).collect()
}

/// Turn the per-token `NER=` tags (parked in `entities` while reading) into entity spans.
fn entities_from_tags(ann: &Annotation) -> Vec<EntitySpan> {
    let mut out: Vec<EntitySpan> = Vec::new();
    for (i, tag) in ann.entities.iter().enumerate() {
        let w = &ann.words[i];
        if let Some(label) = tag.label.strip_prefix("I-") {
            if let Some(open) = out
                .last_mut()
                .filter(|e| e.tokens.end == i && e.label == label)
            {
                open.tokens.end = i + 1;
                open.end = w.end;
                continue;
            }
        }
        let Some(label) = tag
            .label
            .strip_prefix("B-")
            .or(tag.label.strip_prefix("I-"))
        else {
            continue;
        };
        out.push(EntitySpan {
            tokens: i..i + 1,
            start: w.start,
            end: w.end,
            label: label.to_string(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Annotator, Model};

    fn annotate(text: &str) -> Annotation {
        Model::bundled().expect("bundled model").annotate(text)
    }

    #[test]
    fn every_sentence_has_ten_columns_and_one_root() {
        let text =
            "Rebels shelled the port on Sunday.\n\nThe navy said it would respond.  Talks ended.";
        let mut out = String::new();
        write_document(&mut out, "doc-1", text, &annotate(text));
        assert!(out.starts_with("# newdoc id = doc-1\n# sent_id = doc-1-1\n"));
        for block in out.split("\n\n").filter(|b| !b.trim().is_empty()) {
            let rows: Vec<&str> = block.lines().filter(|l| !l.starts_with('#')).collect();
            assert!(!rows.is_empty(), "{block}");
            assert!(rows.iter().all(|r| r.split('\t').count() == 10), "{block}");
            let roots = rows
                .iter()
                .filter(|r| r.split('\t').nth(6) == Some("0"))
                .count();
            assert_eq!(roots, 1, "{block}");
        }
        assert!(out.contains("SpacesAfter=\\n\\n"), "{out}");
        assert!(!out.contains("\t\n\t"));
    }

    #[test]
    fn written_and_read_back_gives_the_same_words_and_entities() {
        let text = "President Ana Ruiz of Peru met Chilean envoys in Lima on Friday.";
        let ann = annotate(text);
        let mut out = String::new();
        write_document(&mut out, "peru", text, &ann);
        let docs = read(&out).expect("own CoNLL-U reads back");
        assert_eq!(docs.len(), 1);
        let (id, back) = &docs[0];
        assert_eq!(id, "peru");
        assert_eq!(back.words.len(), ann.words.len());
        for (a, b) in ann.words.iter().zip(&back.words) {
            assert_eq!(
                (a.start, a.end, a.head, &a.tag, &a.lemma),
                (b.start, b.end, b.head, &b.tag, &b.lemma)
            );
        }
        assert_eq!(back.entities, ann.entities);
        assert_eq!(back.sentences, ann.sentences);
        assert!(
            ann.entities.iter().any(|e| e.label == "GPE"),
            "{:?}",
            ann.entities
        );
    }

    #[test]
    fn bad_lines_are_named() {
        let err = read("1\tA\ta\tX\tX\t_\tzero\tdep\t_\tTokenRange=0:1\n").unwrap_err();
        assert_eq!(
            err,
            ConlluError::Line {
                line: 1,
                reason: "HEAD \"zero\" is not a number".into()
            }
        );
        assert!(read("1\tA\n").is_err());
        assert!(read("1\tA\ta\tX\tX\t_\t0\tROOT\t_\t_\n").is_err());
    }
}
