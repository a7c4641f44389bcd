//! The JSONL reader on arbitrary lines: an article or a reasoned refusal, never a panic.
#![no_main]

use flashpoint_core::ingest::jsonl;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let got = flashpoint_fuzz::timed("jsonl", || jsonl::parse_bytes(data, 7));
    match got {
        Ok(Some(a)) => {
            assert!(!a.id.trim().is_empty(), "an article without an id");
            assert!(!a.text.contains('\r'), "line ends not normalised");
        }
        Ok(None) => {
            let body = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
            assert!(
                String::from_utf8_lossy(body).trim().is_empty(),
                "a line with text read as blank"
            );
        }
        Err(e) => {
            assert_eq!(e.line, 7);
            assert!(!e.reason.is_empty());
        }
    }
});
