//! Print what the `casing` stage makes of each line of stdin (`\\n` stands for a line end, both ways) (mojibake repaired, case restored
//! where the line has none) and the warnings it gives: a tool for checking the casing tables.
//!
//!     echo "turkey’s army shelled tal rifaat." | cargo run --release -p flashpoint_coder --example truecase

use flashpoint_coder::casing::Casing;
use flashpoint_core::{Article, Doc, Stage};
use std::io::BufRead;

fn main() {
    let t = std::time::Instant::now();
    flashpoint_coder::casing::Tables::bundled();
    eprintln!(
        "casing tables loaded in {:.1} ms",
        t.elapsed().as_secs_f64() * 1e3
    );
    for line in std::io::stdin().lock().lines().map_while(Result::ok) {
        let mut doc = Doc::new(Article {
            text: line.replace("\\n", "\n"),
            ..Article::default()
        });
        Casing.run(&mut doc);
        println!("{}", doc.text().replace('\n', "\\n"));
        for w in &doc.warnings {
            println!("  ! {w}");
        }
    }
}
