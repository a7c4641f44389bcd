//! Finding and reading input: files, directories, stdin. Bad input is reported as a [`Problem`]
//! (shown as `FILE:LINE: reason` or `FILE: reason`) and skipped; everything else is still read.

use flashpoint_core::ingest::{self, PlainOptions};
use flashpoint_core::Article;
use std::collections::HashSet;
use std::fmt;
use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};

/// A JSONL line longer than this is reported and skipped instead of being held in memory.
const MAX_LINE_BYTES: usize = 64 << 20;

/// How stdin is named in messages.
const STDIN_NAME: &str = "<stdin>";

/// Bytes of stdin read at once: all that a pipe holds, so that a batch can take every article
/// already written.
const STDIN_BUFFER: usize = 1 << 20;

/// Where an article or a problem came from: the input's name and, for JSONL, the 1-based line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    pub input: String,
    pub line: Option<usize>,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}", self.input),
            None => f.write_str(&self.input),
        }
    }
}

/// How much of the input a problem cost.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    /// A blank JSONL line: no article and nothing wrong, but a pipe still answers it.
    Blank,
    /// The article was coded all the same (e.g. invalid UTF-8 decoded lossily).
    Warning,
    /// One article (one JSONL line, one plain file) was not coded; the rest of the input was read.
    Skipped,
    /// An input, or the rest of it, could not be read at all.
    Failed,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub origin: Origin,
    /// The article's id when it could be recovered.
    pub id: Option<String>,
    pub reason: String,
    pub severity: Severity,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.origin, self.reason)
    }
}

/// Where [`read`] sends what it finds: each article with its origin, and each problem.
pub trait Sink {
    fn article(&mut self, article: Article, origin: Origin);
    fn problem(&mut self, problem: Problem);
    /// The input (stdin) has nothing more to give without waiting: a sink that holds articles
    /// back to work on several at once should answer them now, since the writer of the input may
    /// be waiting for those answers before it writes more.
    fn idle(&mut self) {}
}

impl Origin {
    fn file(input: &str) -> Origin {
        Origin {
            input: input.to_string(),
            line: None,
        }
    }

    fn line(input: &str, line: usize) -> Origin {
        Origin {
            input: input.to_string(),
            line: Some(line),
        }
    }

    fn problem(self, severity: Severity, reason: String) -> Problem {
        Problem {
            origin: self,
            id: None,
            reason,
            severity,
        }
    }
}

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

/// The format of a file to read: HTML and JSONL by their extension; a `.txt` file or one of
/// unknown extension by its first bytes (a JSONL feed under a temporary name is still a feed).
fn content_of(path: &Path) -> std::io::Result<Format> {
    match format_of(path) {
        Some(Format::Html) => return Ok(Format::Html),
        Some(Format::Jsonl) => return Ok(Format::Jsonl),
        Some(Format::Text) | None => {}
    }
    let mut head = Vec::with_capacity(ingest::SNIFF_BYTES);
    std::fs::File::open(path)?
        .take(ingest::SNIFF_BYTES as u64)
        .read_to_end(&mut head)?;
    Ok(match ingest::sniff(&head) {
        ingest::Content::Jsonl => Format::Jsonl,
        // A `.txt` file that opens like a page is still read as the user named it.
        ingest::Content::Html if format_of(path).is_none() => Format::Html,
        _ => Format::Text,
    })
}

/// Expand the command-line paths: directories are walked (sorted, known extensions only,
/// hidden entries skipped); a file named explicitly is read whatever its extension (its content
/// decides when the extension does not), and a missing one is reported when read.
pub fn expand(paths: &[PathBuf], sink: &mut dyn Sink) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" || !p.is_dir() {
            out.push(p.clone());
        } else {
            walk(p, &mut out, sink);
        }
    }
    out
}

/// Depth-first in sorted path order (a subdirectory's files come at its place among its
/// siblings); a directory reached twice (symlink loop) is walked once.
fn walk(root: &Path, out: &mut Vec<PathBuf>, sink: &mut dyn Sink) {
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
                let origin = Origin::file(&path.display().to_string());
                sink.problem(
                    origin.problem(Severity::Failed, format!("cannot read directory: {e}")),
                );
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
                Err(e) => sink.problem(Origin::file(&path.display().to_string()).problem(
                    Severity::Failed,
                    format!("cannot read directory entry: {e}"),
                )),
            }
        }
        children.sort();
        pending.extend(children.into_iter().rev());
    }
}

/// Read one input into `sink`: each article with where it came from, and each problem.
pub fn read(path: &Path, opts: &PlainOptions, sink: &mut dyn Sink) {
    if path.as_os_str() == "-" {
        let stdin = std::io::BufReader::with_capacity(STDIN_BUFFER, std::io::stdin().lock());
        return read_jsonl(stdin, STDIN_NAME, Pauses::Yes, sink);
    }
    let name = path.display().to_string();
    let cannot_read = |e: std::io::Error| {
        Origin::file(&name).problem(Severity::Failed, format!("cannot read: {e}"))
    };
    let format = match content_of(path) {
        Ok(f) => f,
        Err(e) => return sink.problem(cannot_read(e)),
    };
    if format == Format::Jsonl {
        match std::fs::File::open(path) {
            Ok(f) => read_jsonl(std::io::BufReader::new(f), &name, Pauses::No, sink),
            Err(e) => sink.problem(cannot_read(e)),
        }
        return;
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => return sink.problem(cannot_read(e)),
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
    let origin = Origin::file(&name);
    for w in &article.warnings {
        sink.problem(origin.clone().problem(Severity::Warning, w.clone()));
    }
    if article.text.trim().is_empty() {
        let mut problem = origin.problem(Severity::Skipped, "no article text found".into());
        problem.id = Some(article.id);
        return sink.problem(problem);
    }
    sink.article(article, origin);
}

/// Whether reading the input may wait for its writer (a pipe or terminal may; a file does not).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Pauses {
    Yes,
    No,
}

fn read_jsonl<R: Read>(
    mut reader: std::io::BufReader<R>,
    name: &str,
    pauses: Pauses,
    sink: &mut dyn Sink,
) {
    let mut buf = Vec::new();
    let mut line = 0;
    loop {
        buf.clear();
        // Whatever is buffered is read without waiting; past it the next read may wait.
        if pauses == Pauses::Yes && reader.buffer().is_empty() {
            sink.idle();
        }
        match read_line(&mut reader, &mut buf) {
            Ok(Line::End) => break,
            Ok(Line::Full) => line += 1,
            Ok(Line::TooLong) => {
                line += 1;
                sink.problem(Origin::line(name, line).problem(
                    Severity::Skipped,
                    format!("line longer than {MAX_LINE_BYTES} bytes, skipped"),
                ));
                continue;
            }
            Err(e) => {
                let origin = Origin::line(name, line + 1);
                return sink.problem(origin.problem(Severity::Failed, format!("cannot read: {e}")));
            }
        }
        let origin = Origin::line(name, line);
        match ingest::jsonl::parse_bytes(&buf, line) {
            Ok(Some(article)) => {
                for w in &article.warnings {
                    sink.problem(origin.clone().problem(Severity::Warning, w.clone()));
                }
                sink.article(article, origin)
            }
            Ok(None) => sink.problem(origin.problem(Severity::Blank, "blank line".into())),
            Err(e) => sink.problem(Problem {
                origin,
                id: e.id,
                reason: e.reason,
                severity: Severity::Skipped,
            }),
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

    /// Articles as `id@origin`, and problems, in the order read.
    #[derive(Default)]
    struct Collect {
        ids: Vec<String>,
        problems: Vec<Problem>,
    }

    impl Sink for Collect {
        fn article(&mut self, article: Article, origin: Origin) {
            self.ids.push(format!("{}@{origin}", article.id));
        }
        fn problem(&mut self, problem: Problem) {
            self.problems.push(problem);
        }
    }

    fn jsonl(input: &[u8]) -> (Vec<String>, Vec<Problem>) {
        let mut sink = Collect::default();
        read_jsonl(
            std::io::BufReader::new(input),
            "f.jsonl",
            Pauses::No,
            &mut sink,
        );
        (sink.ids, sink.problems)
    }

    #[test]
    fn jsonl_errors_name_file_and_line() {
        let (ids, problems) = jsonl(
            b"{\"id\":\"a\",\"text\":\"x\"}\n\n{\"id\":\"b\"}\r\n{\"id\":\"c\",\"text\":\"y\"}",
        );
        assert_eq!(ids, ["a@f.jsonl:1", "c@f.jsonl:4"]);
        let shown: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(
            shown,
            ["f.jsonl:2: blank line", "f.jsonl:3: missing field `text`"]
        );
        assert_eq!(problems[0].severity, Severity::Blank);
        assert_eq!(problems[1].severity, Severity::Skipped);
        assert_eq!(problems[1].id.as_deref(), Some("b"));
    }

    #[test]
    fn invalid_utf8_is_a_warning_and_the_article_is_kept() {
        let (ids, problems) = jsonl(b"{\"id\":\"a\",\"text\":\"caf\xE9\"}\n");
        assert_eq!(ids, ["a@f.jsonl:1"]);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].severity, Severity::Warning);
    }

    /// Gives one line per read, as a writer that waits for each answer does.
    struct LineByLine(Vec<Vec<u8>>);

    impl Read for LineByLine {
        fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
            if self.0.is_empty() {
                return Ok(0);
            }
            let line = self.0.remove(0);
            out[..line.len()].copy_from_slice(&line);
            Ok(line.len())
        }
    }

    /// Records articles and pauses in order.
    #[derive(Default)]
    struct Events(Vec<String>);

    impl Sink for Events {
        fn article(&mut self, article: Article, _origin: Origin) {
            self.0.push(article.id);
        }
        fn problem(&mut self, problem: Problem) {
            self.0.push(format!("problem {}", problem.origin));
        }
        fn idle(&mut self) {
            self.0.push("idle".into());
        }
    }

    #[test]
    fn a_pausing_input_says_when_it_would_wait() {
        let lines = [
            b"{\"id\":\"a\",\"text\":\"x\"}\n".to_vec(),
            b"oops\n{\"id\":\"b\",\"text\":\"y\"}\n".to_vec(),
        ];
        let read = |pauses| {
            let mut sink = Events::default();
            let reader = std::io::BufReader::new(LineByLine(lines.to_vec()));
            read_jsonl(reader, "-", pauses, &mut sink);
            sink.0
        };
        // Before the first read, after line 1 (its read is used up), and after lines 2 and 3,
        // which came in one read; never between those two.
        assert_eq!(
            read(Pauses::Yes),
            ["idle", "a", "idle", "problem -:2", "b", "idle"]
        );
        assert_eq!(read(Pauses::No), ["a", "problem -:2", "b"]);
    }

    #[test]
    fn unknown_extension_and_txt_are_sniffed() {
        let dir = std::env::temp_dir().join(format!("fp-sniff-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let feed = b"{\"id\":\"a\",\"text\":\"x\"}\n{\"id\":\"b\",\"text\":\"y\"}\n";
        for name in ["feed.in", "feed.txt", "feed"] {
            std::fs::write(dir.join(name), feed).unwrap();
            let mut sink = Collect::default();
            read(&dir.join(name), &PlainOptions::default(), &mut sink);
            let path = dir.join(name).display().to_string();
            assert_eq!(sink.ids, [format!("a@{path}:1"), format!("b@{path}:2")]);
        }
        std::fs::write(dir.join("story.in"), b"Talks resumed.\n").unwrap();
        let mut sink = Collect::default();
        read(&dir.join("story.in"), &PlainOptions::default(), &mut sink);
        assert_eq!(sink.ids.len(), 1);
        assert!(sink.ids[0].starts_with("story@"));
        std::fs::remove_dir_all(&dir).unwrap();
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
