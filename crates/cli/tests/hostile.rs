//! Hostile and pathological input, each with its outcome: coded, cut with a warning, or
//! refused with a message naming the file and line; always within bounded time and memory.
//!
//! Limits (README.md, "Limits"): an article's text is coded up to `MAX_ARTICLE_BYTES` (256 KiB,
//! `--max-article-kib`; cut at a paragraph, line or word break, with a warning in the output);
//! HTML is nested at most 512 elements deep (deeper tags are ignored, with a warning); a JSONL
//! line may be up to 64 MiB (a longer one is skipped, naming the file and line).

use flashpoint_coder::segment::MAX_ARTICLE_BYTES;
use serde_json::Value;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Peak memory allowed for any single input, in MB (the loaded model and tables take ~150).
const MAX_RSS_MB: f64 = 1024.0;

struct Run {
    stdout: String,
    stderr: String,
    code: Option<i32>,
    elapsed: Duration,
    peak_mb: f64,
}

impl Run {
    fn lines(&self) -> Vec<Value> {
        self.stdout
            .lines()
            .map(|l| serde_json::from_str(l).expect("output line is JSON"))
            .collect()
    }
}

fn peak_mb(pid: u32) -> Option<f64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    Some(line.split_whitespace().nth(1)?.parse::<f64>().ok()? / 1024.0)
}

/// `flashpoint code --threads 1 FILE`, its outputs, time and peak memory (polled from /proc),
/// killed after `limit`.
fn code(file: &Path, limit: Duration) -> Run {
    code_with(file, limit, &[])
}

/// The same with more options.
fn code_with(file: &Path, limit: Duration, options: &[&str]) -> Run {
    let dir = file.parent().unwrap();
    let out = dir.join("stdout");
    let err = dir.join("stderr");
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_flashpoint"))
        .args(["code", "--threads", "1"])
        .args(options)
        .arg(file)
        .stdout(Stdio::from(std::fs::File::create(&out).unwrap()))
        .stderr(Stdio::from(std::fs::File::create(&err).unwrap()))
        .spawn()
        .unwrap();
    let mut peak = 0.0f64;
    let status = loop {
        if let Some(mb) = peak_mb(child.id()) {
            peak = peak.max(mb);
        }
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if started.elapsed() > limit {
            child.kill().unwrap();
            panic!("{} not done after {limit:?}", file.display());
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let run = Run {
        stdout: std::fs::read_to_string(&out).unwrap(),
        stderr: std::fs::read_to_string(&err).unwrap(),
        code: status.code(),
        elapsed: started.elapsed(),
        peak_mb: peak,
    };
    eprintln!(
        "{}: {:.2} s, peak {:.0} MB, exit {:?}",
        file.display(),
        run.elapsed.as_secs_f64(),
        run.peak_mb,
        run.code
    );
    assert!(
        run.peak_mb < MAX_RSS_MB,
        "{}: peak RSS {:.0} MB",
        file.display(),
        run.peak_mb
    );
    run
}

/// Every span of an output line lies in `text` on char boundaries, and where the output gives
/// the text under a span, it is that slice.
fn check_spans(line: &Value, text: &str) {
    let mut checked = 0;
    let mut check = |span: &Value, said: Option<&Value>| {
        let (a, b) = (
            span[0].as_u64().unwrap() as usize,
            span[1].as_u64().unwrap() as usize,
        );
        assert!(a <= b && b <= text.len(), "span {a}..{b} of {}", text.len());
        let slice = text.get(a..b).expect("span on char boundaries");
        if let Some(s) = said.and_then(Value::as_str) {
            assert_eq!(s, slice);
        }
        checked += 1;
    };
    for key in ["actors", "places"] {
        for item in line[key].as_array().unwrap() {
            check(&item["span"], Some(&item["text"]));
        }
    }
    for q in line["quotes"].as_array().unwrap() {
        check(&q["span"], Some(&q["text"]));
    }
    for q in line["quantities"].as_array().unwrap() {
        check(&q["span"], Some(&q["text"]));
    }
    for e in line["events"].as_array().unwrap() {
        check(&e["span"], Some(&e["sentence_text"]));
        check(&e["trigger"]["span"], Some(&e["trigger"]["text"]));
    }
    eprintln!("{checked} spans checked");
}

fn jsonl(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    let line = serde_json::json!({"id": name, "text": text, "published": "2021-03-04"});
    std::fs::write(&path, format!("{line}\n")).unwrap();
    path
}

/// Paragraphs of my own short report sentences, about `bytes` long.
fn report(bytes: usize) -> String {
    let sentences = [
        "Troops shelled the village of Amran on Monday, killing 12 people.",
        "\u{201c}We will respond,\u{201d} the defence minister said.",
        "Talks between the two governments resumed in Geneva.",
        "Police arrested 40 protesters outside the parliament.",
    ];
    let mut text = String::with_capacity(bytes + 100);
    let mut i = 0;
    while text.len() < bytes {
        text.push_str(sentences[i % 4]);
        i += 1;
        text.push_str(if i % 5 == 0 { "\n\n" } else { " " });
    }
    text
}

fn truncation_warning(line: &Value) -> bool {
    line["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|w| w.as_str().is_some_and(|w| w.contains("only its first")))
}

#[test]
fn an_empty_file_is_no_article_and_no_problem() {
    let dir = tempfile::tempdir().unwrap();
    for (name, body) in [
        ("empty.txt", ""),
        ("blank.txt", " \n\n\t\n"),
        ("bom.txt", "\u{feff}"),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, body).unwrap();
        let run = code(&path, Duration::from_secs(60));
        assert_eq!(run.code, Some(0), "{}", run.stderr);
        assert!(run.stdout.is_empty() && run.stderr.is_empty());
    }
    let path = dir.path().join("empty.html");
    std::fs::write(&path, "<html><body><nav>Menu</nav></body></html>").unwrap();
    let run = code(&path, Duration::from_secs(60));
    assert!(run.stdout.is_empty());
    assert!(
        run.stderr.contains("empty.html") && run.stderr.contains("no article text"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_50_mb_article_is_cut_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let text = report(50 << 20);
    let path = dir.path().join("huge.txt");
    std::fs::write(&path, &text).unwrap();
    let run = code(&path, Duration::from_secs(300));
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let lines = run.lines();
    assert_eq!(lines.len(), 1);
    assert!(truncation_warning(&lines[0]), "{}", lines[0]["warnings"]);
    let sentences = lines[0]["sentences"].as_u64().unwrap() as usize;
    // Only the first MAX_ARTICLE_BYTES were coded: a sentence is at least 40 bytes here.
    assert!(
        sentences > 100 && sentences <= MAX_ARTICLE_BYTES / 40,
        "{sentences}"
    );
    assert!(!lines[0]["events"].as_array().unwrap().is_empty());
}

#[test]
fn max_article_kib_moves_the_cut() {
    let dir = tempfile::tempdir().unwrap();
    let text = report(600 << 10);
    let path = dir.path().join("long.txt");
    std::fs::write(&path, &text).unwrap();
    let cut = code(&path, Duration::from_secs(300));
    let cut = &cut.lines()[0];
    assert!(truncation_warning(cut), "{}", cut["warnings"]);
    let whole = code_with(
        &path,
        Duration::from_secs(300),
        &["--max-article-kib", "1024"],
    );
    assert_eq!(whole.code, Some(0), "{}", whole.stderr);
    let whole = &whole.lines()[0];
    assert!(!truncation_warning(whole), "{}", whole["warnings"]);
    // The whole text is about 2.3 times what the default codes.
    let (a, b) = (
        cut["sentences"].as_u64().unwrap(),
        whole["sentences"].as_u64().unwrap(),
    );
    assert!(b > 2 * a, "{a} sentences cut, {b} whole");
    check_spans(whole, &text);
    // A limit of nothing is refused before any input is read.
    let zero = code_with(&path, Duration::from_secs(60), &["--max-article-kib", "0"]);
    assert_eq!(zero.code, Some(2));
    assert!(zero.stderr.contains("--max-article-kib"), "{}", zero.stderr);
}

#[test]
fn a_single_10_mb_line_is_cut_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    // One line, no breaks at all: a plain file, and the same text as one JSONL record.
    let text = report(10 << 20).replace('\n', " ");
    let txt = dir.path().join("line.txt");
    std::fs::write(&txt, &text).unwrap();
    let run = code(&txt, Duration::from_secs(300));
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(truncation_warning(&run.lines()[0]));

    let path = jsonl(dir.path(), "line.jsonl", &text);
    let run = code(&path, Duration::from_secs(300));
    let lines = run.lines();
    assert!(truncation_warning(&lines[0]));
    check_spans(&lines[0], &text);
}

#[test]
fn a_jsonl_line_over_64_mib_is_skipped_by_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("giant.jsonl");
    let giant = serde_json::json!({"id": "giant", "text": report(65 << 20)});
    let next = serde_json::json!({"id": "next", "text": "Police arrested 40 protesters."});
    std::fs::write(&path, format!("{giant}\n{next}\n")).unwrap();
    let run = code(&path, Duration::from_secs(300));
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr.contains("giant.jsonl:1: line longer than"),
        "{}",
        run.stderr
    );
    let lines = run.lines();
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["id"], "next");
}

#[test]
fn one_10_mb_word_is_coded() {
    let dir = tempfile::tempdir().unwrap();
    let text = "x".repeat(10 << 20);
    let path = jsonl(dir.path(), "word.jsonl", &text);
    let run = code(&path, Duration::from_secs(300));
    let lines = run.lines();
    assert_eq!(lines.len(), 1);
    assert!(truncation_warning(&lines[0]));
    check_spans(&lines[0], &text);
}

#[test]
fn html_nested_100000_deep_is_flattened_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let n = 100_000;
    let page = format!(
        "<html><body>{}<p>Rebels attacked the garrison in Amran.</p>{}</body></html>",
        "<div>".repeat(n),
        "</div>".repeat(n)
    );
    let path = dir.path().join("deep.html");
    std::fs::write(&path, page).unwrap();
    let run = code(&path, Duration::from_secs(60));
    assert!(run.elapsed < Duration::from_secs(30), "{:?}", run.elapsed);
    assert!(
        run.stderr.contains("deep.html") && run.stderr.contains("nested deeper than 512"),
        "{}",
        run.stderr
    );
    let lines = run.lines();
    assert_eq!(lines[0]["sentences"], 1);
}

#[test]
fn nul_bytes_and_invalid_utf8_are_coded_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bytes.txt");
    let body = b"Police\x00 arrested 40 protesters\x00 in Amran.\xff\xfe The\x80 army withdrew.";
    std::fs::write(&path, body).unwrap();
    let run = code(&path, Duration::from_secs(60));
    let first_bad = body.iter().position(|&b| b == 0xff).unwrap();
    let want = format!("invalid UTF-8 at byte {first_bad}");
    assert!(
        run.stderr.contains("bytes.txt") && run.stderr.contains(&want),
        "{}",
        run.stderr
    );
    let lines = run.lines();
    assert_eq!(lines.len(), 1);
    let text = String::from_utf8_lossy(body);
    check_spans(&lines[0], &text);

    // The same in a JSONL record (NUL escaped as JSON allows) and as raw bytes in a line.
    let path = jsonl(dir.path(), "nul.jsonl", "The army\u{0} shelled Amran.\u{0}");
    let run = code(&path, Duration::from_secs(60));
    check_spans(&run.lines()[0], "The army\u{0} shelled Amran.\u{0}");
    let path = dir.path().join("raw.jsonl");
    std::fs::write(
        &path,
        b"{\"id\": \"r\", \"text\": \"Caf\xe9 owners protested.\"}\n",
    )
    .unwrap();
    let run = code(&path, Duration::from_secs(60));
    assert!(run.stderr.contains("raw.jsonl:1"), "{}", run.stderr);
    assert_eq!(run.lines().len(), 1);
}

#[test]
fn mixed_scripts_and_right_to_left_text_are_coded() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Turkish troops shelled positions near Idlib on Monday. \
                \u{627}\u{644}\u{642}\u{648}\u{627}\u{62a} \u{62f}\u{62e}\u{644}\u{62a} \
                \u{625}\u{62f}\u{644}\u{628}. \u{5e9}\u{5dc}\u{5d5}\u{5dd} \u{202e}desrever\u{202c} \
                \u{571f}\u{8033}\u{5176}\u{519b}\u{961f}\u{3002} Войска вошли в город. \
                e\u{301}\u{301}\u{301} \u{1f600}\u{200d}\u{1f525} \"Ankara\u{200f} rejected the plan,\" \
                Erdogan said.";
    let path = jsonl(dir.path(), "mixed.jsonl", text);
    let run = code(&path, Duration::from_secs(60));
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let lines = run.lines();
    check_spans(&lines[0], text);
    assert!(lines[0]["sentences"].as_u64().unwrap() >= 4);
}

#[test]
fn a_thousand_unclosed_quote_marks_are_coded() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::new();
    for i in 0..1000 {
        let mark = ["\"", "\u{201c}", "\u{2018}", "\u{ab}"][i % 4];
        text.push_str(&format!("{mark}The ministry said talks would resume "));
        if i % 50 == 49 {
            text.push_str("\n\n");
        }
    }
    let path = jsonl(dir.path(), "quotes.jsonl", &text);
    let run = code(&path, Duration::from_secs(120));
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    check_spans(&run.lines()[0], &text);
}

#[test]
fn jsonl_lines_with_wrong_types_are_refused_by_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("types.jsonl");
    let body = [
        r#"{"id": "a", "text": ["not", "a", "string"]}"#,
        r#"{"id": "b", "text": "Police arrested 40 protesters in Amran."}"#,
        r#"{"id": {"x": 1}, "text": "Nothing."}"#,
        r#"{"id": "c", "text": "Talks resumed.", "published": 20210304}"#,
        r#"[1, 2, 3]"#,
        r#"{"id": "d", "text": "Unterminated"#,
        r#"{"id": "e", "text": "Troops withdrew.", "title": false}"#,
    ]
    .join("\n");
    std::fs::write(&path, body).unwrap();
    let run = code(&path, Duration::from_secs(60));
    assert_eq!(run.code, Some(1));
    let lines = run.lines();
    assert_eq!(lines.len(), 1, "only line 2 is coded");
    assert_eq!(lines[0]["id"], "b");
    for (line, reason) in [
        (1, "field `text`: expected a string, found an array"),
        (3, "field `id`: expected a string, found an object"),
        (4, "field `published`: expected a string, found a number"),
        (5, "expected a JSON object, found an array"),
        (6, "invalid JSON"),
        (7, "field `title`: expected a string, found a boolean"),
    ] {
        let want = format!("types.jsonl:{line}: {reason}");
        assert!(run.stderr.contains(&want), "{want} not in\n{}", run.stderr);
    }
}
