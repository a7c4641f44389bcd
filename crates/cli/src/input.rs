//! Finding and reading input: files, directories, stdin. Bad input is reported (`FILE:LINE:
//! reason` or `FILE: reason`) and skipped; everything else is still read.

use flashpoint_core::ingest::{self, PlainOptions};
use flashpoint_core::Article;
use std::collections::HashSet;
use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};

/// A JSONL line longer than this is reported and skipped instead of being held in memory.
const MAX_LINE_BYTES: usize = 64 << 20;

/// How stdin is named in messages.
const STDIN_NAME: &str = "<stdin>";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Text,
    Html,
    Jsonl,
}

fn format_of(path: &Path) -> Option<Format> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "txt" => Some(Format::Text),
        "html" | "htm" => Some(Format::Html),
        "jsonl" | "ndjson" => Some(Format::Jsonl),
        _ => None,
    }
}

/// Expand the command-line paths: directories are walked (sorted, known extensions only,
/// hidden entries skipped); a file named explicitly is read whatever its extension (as text if
/// unknown), and a missing one is reported when read.
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

/// Depth-first in sorted path order (a subdirectory's files come at its place among its
/// siblings); a directory reached twice (symlink loop) is walked once.
fn walk(root: &Path, out: &mut Vec<PathBuf>, report: &mut dyn FnMut(String)) {
    let mut seen = HashSet::new();
    let mut pending = vec![root.to_path_buf()];
    while let Some(path) = pending.pop() {
        if !path.is_dir() {
            if format_of(&path).is_some() {
                out.push(path);
            }
            continue;
        }
        let key = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        if !seen.insert(key) {
            continue;
        }
        let entries = match std::fs::read_dir(&path) {
            Ok(e) => e,
            Err(e) => {
                report(format!("{}: cannot read directory: {e}", path.display()));
                continue;
            }
        };
        let mut children = Vec::new();
        for entry in entries {
            match entry {
                Ok(e) if !e.file_name().to_string_lossy().starts_with('.') => {
                    children.push(e.path())
                }
                Ok(_) => {}
                Err(e) => report(format!(
                    "{}: cannot read directory entry: {e}",
                    path.display()
                )),
            }
        }
        children.sort();
        pending.extend(children.into_iter().rev());
    }
}

/// Read one input and hand each article to `emit`; problems go to `report` as `FILE:LINE: reason`.
pub fn read(
    path: &Path,
    opts: &PlainOptions,
    emit: &mut dyn FnMut(Article),
    report: &mut dyn FnMut(String),
) {
    if path.as_os_str() == "-" {
        let stdin = std::io::stdin();
        return read_jsonl(stdin.lock(), STDIN_NAME, emit, report);
    }
    let name = path.display().to_string();
    let format = format_of(path).unwrap_or(Format::Text);
    if format == Format::Jsonl {
        match std::fs::File::open(path) {
            Ok(f) => read_jsonl(std::io::BufReader::new(f), &name, emit, report),
            Err(e) => report(format!("{name}: cannot read: {e}")),
        }
        return;
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => return report(format!("{name}: cannot read: {e}")),
    };
    // An empty file (blank, or a lone BOM) is no article and no problem.
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    if body.iter().all(u8::is_ascii_whitespace) {
        return;
    }
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
    if article.text.trim().is_empty() {
        return report(format!("{name}: no article text found"));
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
        match read_line(&mut reader, &mut buf) {
            Ok(Line::End) => break,
            Ok(Line::Full) => line += 1,
            Ok(Line::TooLong) => {
                line += 1;
                report(format!(
                    "{name}:{line}: line longer than {MAX_LINE_BYTES} bytes, skipped"
                ));
                continue;
            }
            Err(e) => return report(format!("{name}:{}: cannot read: {e}", line + 1)),
        }
        match ingest::jsonl::parse_bytes(&buf, line) {
            Ok(Some(article)) => {
                for w in &article.warnings {
                    report(format!("{name}:{line}: {w}"));
                }
                emit(article)
            }
            Ok(None) => {}
            Err(e) => report(format!("{name}:{}: {}", e.line, e.reason)),
        }
    }
}

enum Line {
    End,
    Full,
    TooLong,
}

/// One line into `buf` (newline included), or `TooLong` after discarding the rest of a line over
/// `MAX_LINE_BYTES`.
fn read_line(reader: &mut impl BufRead, buf: &mut Vec<u8>) -> std::io::Result<Line> {
    let limit = MAX_LINE_BYTES as u64 + 1;
    if reader.by_ref().take(limit).read_until(b'\n', buf)? == 0 {
        return Ok(Line::End);
    }
    if buf.len() <= MAX_LINE_BYTES || buf.last() == Some(&b'\n') {
        return Ok(Line::Full);
    }
    buf.clear();
    loop {
        let chunk = reader.fill_buf()?;
        if chunk.is_empty() {
            return Ok(Line::TooLong);
        }
        match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => {
                reader.consume(i + 1);
                return Ok(Line::TooLong);
            }
            None => {
                let n = chunk.len();
                reader.consume(n);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jsonl(input: &str) -> (Vec<String>, Vec<String>) {
        let mut ids = Vec::new();
        let mut problems = Vec::new();
        read_jsonl(
            input.as_bytes(),
            "f.jsonl",
            &mut |a| ids.push(a.id),
            &mut |p| problems.push(p),
        );
        (ids, problems)
    }

    #[test]
    fn jsonl_errors_name_file_and_line() {
        let (ids, problems) = jsonl(
            "{\"id\":\"a\",\"text\":\"x\"}\n\n{\"id\":\"b\"}\r\n{\"id\":\"c\",\"text\":\"y\"}",
        );
        assert_eq!(ids, ["a", "c"]);
        assert_eq!(problems, ["f.jsonl:3: missing field `text`"]);
    }

    #[test]
    fn formats_by_extension() {
        assert_eq!(format_of(Path::new("a/b.TXT")), Some(Format::Text));
        assert_eq!(format_of(Path::new("b.htm")), Some(Format::Html));
        assert_eq!(format_of(Path::new("b.ndjson")), Some(Format::Jsonl));
        assert_eq!(format_of(Path::new("b.json")), None);
        assert_eq!(format_of(Path::new("README")), None);
    }
}
