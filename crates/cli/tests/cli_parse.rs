//! `flashpoint parse` on the sample corpus: valid CoNLL-U, one root per sentence, and every
//! token's TokenRange pointing at its FORM in the article text.

use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

fn corpus_texts(root: &Path) -> HashMap<String, String> {
    let mut texts = HashMap::new();
    for name in ["idlib-2019-2020.jsonl", "other-crises.jsonl"] {
        let data = std::fs::read_to_string(root.join("corpus").join(name)).expect("corpus file");
        for line in data.lines().filter(|l| !l.trim().is_empty()) {
            let v: serde_json::Value = serde_json::from_str(line).expect("corpus line");
            texts.insert(
                v["id"].as_str().expect("id").to_string(),
                v["text"].as_str().expect("text").to_string(),
            );
        }
    }
    texts
}

#[test]
fn parse_prints_valid_conllu_for_the_sample_corpus() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let out = Command::new(env!("CARGO_BIN_EXE_flashpoint"))
        .arg("parse")
        .arg(root.join("corpus"))
        .output()
        .expect("run flashpoint parse");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let conllu = String::from_utf8(out.stdout).expect("UTF-8 output");
    let texts = corpus_texts(&root);
    let (mut docs, mut sentences, mut words) = (0, 0, 0);
    let mut text = "";
    for block in conllu.split("\n\n").filter(|b| !b.trim().is_empty()) {
        let mut rows = Vec::new();
        for line in block.lines() {
            if let Some(id) = line.strip_prefix("# newdoc id = ") {
                text = texts.get(id).map(String::as_str).expect("a corpus id");
                docs += 1;
            } else if !line.starts_with('#') {
                rows.push(line);
            }
        }
        assert!(
            block.contains("# sent_id = ") && block.contains("# text = "),
            "{block}"
        );
        sentences += 1;
        let mut roots = 0;
        for (k, row) in rows.iter().enumerate() {
            let cols: Vec<&str> = row.split('\t').collect();
            assert_eq!(cols.len(), 10, "{row}");
            assert_eq!(cols[0], (k + 1).to_string(), "{row}");
            let head: usize = cols[6].parse().expect("numeric HEAD");
            assert!(head <= rows.len(), "{row}");
            roots += usize::from(head == 0);
            assert_eq!(head == 0, cols[7] == "ROOT", "{row}");
            let range = cols[9]
                .split('|')
                .find_map(|f| f.strip_prefix("TokenRange="))
                .expect("TokenRange");
            let (a, b) = range.split_once(':').expect("START:END");
            let (a, b): (usize, usize) = (a.parse().expect("start"), b.parse().expect("end"));
            assert_eq!(&text[a..b], cols[1], "{row}");
            assert!(
                cols[9].contains("|NER=O")
                    || cols[9].contains("|NER=B-")
                    || cols[9].contains("|NER=I-")
            );
            words += 1;
        }
        assert_eq!(roots, 1, "one root per sentence:\n{block}");
    }
    assert_eq!(docs, texts.len());
    assert!(
        sentences > 300 && words > 8000,
        "{sentences} sentences, {words} words"
    );
}
