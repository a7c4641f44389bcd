//! Enables the AVX-512 maxout kernel (`cfg(flashpoint_avx512)`) when the compiler is rustc 1.89
//! or later, where the AVX-512 intrinsics are stable. Older compilers build the portable path,
//! and so does `FLASHPOINT_PORTABLE=1` (to test and time that path on any machine).

use std::process::Command;

const AVX512_STABLE_MINOR: u32 = 89;

fn main() {
    println!("cargo::rustc-check-cfg=cfg(flashpoint_avx512)");
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-env-changed=RUSTC");
    println!("cargo::rerun-if-env-changed=FLASHPOINT_PORTABLE");
    if std::env::var_os("FLASHPOINT_PORTABLE").is_some_and(|v| v == "1") {
        return;
    }
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".to_string());
    let version = Command::new(rustc)
        .arg("--version")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .unwrap_or_default();
    if minor_version(&version).is_some_and(|minor| minor >= AVX512_STABLE_MINOR) {
        println!("cargo::rustc-cfg=flashpoint_avx512");
    }
}

/// `rustc 1.95.0 (59807616e 2026-04-14)` → 95 (only Rust 1.x exists).
fn minor_version(version: &str) -> Option<u32> {
    let number = version.split_whitespace().nth(1)?;
    let mut parts = number.split('.');
    if parts.next()? != "1" {
        return None;
    }
    parts.next()?.parse().ok()
}
