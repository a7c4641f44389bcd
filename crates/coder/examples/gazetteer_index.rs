//! Writes `data/gazetteer/index.bin`, the gazetteer's sorted name index, from the tables:
//!
//!     cargo run --release -p flashpoint_coder --example gazetteer_index
//!
//! Run it after `scripts/build_gazetteer.py` changes a table; a test fails while the index is stale.

use flashpoint_coder::geo::gazetteer::bundled_tables_index;
use std::path::Path;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/gazetteer/index.bin");
    let bytes = bundled_tables_index()?;
    std::fs::write(&path, &bytes)?;
    println!("{}: {} bytes", path.display(), bytes.len());
    Ok(())
}
