//! JSONL feeds: one article object per line.

use crate::article::Article;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("line {line}: {reason}")]
pub struct LineError {
    pub line: usize,
    pub reason: String,
}

/// Parse one JSONL line (1-based `line` for error messages). Blank lines give `Ok(None)`.
pub fn parse_line(line_text: &str, line: usize) -> Result<Option<Article>, LineError> {
    let trimmed = line_text.trim();
    if trimmed.is_empty() {
        return Ok(None);
    }
    serde_json::from_str(trimmed)
        .map(Some)
        .map_err(|e| LineError {
            line,
            reason: e.to_string(),
        })
}
