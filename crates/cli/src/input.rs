//! Finding and reading input: files, directories, stdin. Bad input is reported and skipped.

use flashpoint_core::ingest::{self, PlainOptions};
use flashpoint_core::Article;
use std::io::BufRead;
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Text,
    Html,
    Jsonl,
}

fn format_of(path: &Path) -> Option<Format> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "txt" | "text" => Some(Format::Text),
        "html" | "htm" | "xhtml" => Some(Format::Html),
        "jsonl" | "ndjson" => Some(Format::Jsonl),
        _ => None,
    }
}

/// Expand the command-line paths: directories are walked (sorted, known extensions only);
/// a file named explicitly is read whatever its extension (as text if unknown).
pub fn expand(paths: &[PathBuf], report: &mut dyn FnMut(String)) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" || !p.is_dir() {
            out.push(p.clone());
        } else {
            walk(p, &mut out, report);
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>, report: &mut dyn FnMut(String)) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => return report(format!("{}: cannot read directory: {e}", dir.display())),
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            walk(&p, out, report);
        } else if format_of(&p).is_some() {
            out.push(p);
        }
    }
}

/// Read one input and hand each article to `emit`; problems go to `report` as `FILE:LINE: reason`.
pub fn read(
    path: &Path,
    opts: &PlainOptions,
    emit: &mut dyn FnMut(Article),
    report: &mut dyn FnMut(String),
) {
    let name = path.display().to_string();
    if path.as_os_str() == "-" {
        let stdin = std::io::stdin();
        return read_jsonl(stdin.lock(), "-", emit, report);
    }
    let format = format_of(path).unwrap_or(Format::Text);
    if format == Format::Jsonl {
        match std::fs::File::open(path) {
            Ok(f) => read_jsonl(std::io::BufReader::new(f), &name, emit, report),
            Err(e) => report(format!("{name}: cannot open: {e}")),
        }
        return;
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => return report(format!("{name}: cannot read: {e}")),
    };
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("article");
    let article = match format {
        Format::Html => ingest::html::parse(&bytes, stem, opts),
        _ => ingest::txt::parse(&bytes, stem, opts),
    };
    for w in &article.warnings {
        report(format!("{name}: {w}"));
    }
    emit(article);
}

fn read_jsonl(
    mut reader: impl BufRead,
    name: &str,
    emit: &mut dyn FnMut(Article),
    report: &mut dyn FnMut(String),
) {
    let mut buf = Vec::new();
    let mut line = 0;
    loop {
        buf.clear();
        match reader.read_until(b'\n', &mut buf) {
            Ok(0) => break,
            Ok(_) => line += 1,
            Err(e) => return report(format!("{name}:{}: read error: {e}", line + 1)),
        }
        let (text, bad_utf8) = ingest::decode(&buf);
        match ingest::jsonl::parse_line(&text, line) {
            Ok(Some(mut article)) => {
                if let Some(w) = bad_utf8 {
                    report(format!("{name}:{line}: {w}"));
                    article.warnings.push(w);
                }
                emit(article)
            }
            Ok(None) => {}
            Err(e) => report(format!("{name}:{}: {}", e.line, e.reason)),
        }
    }
}
