//! Loading the bundled tables that coding reads, side by side.
//!
//! The model, the gazetteer and the trigger patterns each take 150–210 ms to build, and they
//! do not depend on each other, so one after the other they are most of the start-up. Each is
//! loaded once per process behind its own `OnceLock`; loading them here on scoped threads leaves
//! the pipeline to find them ready. This is independent of `--threads`, which counts coding
//! workers: a process asked for one worker still starts faster with its tables loaded at once.

use flashpoint_coder::actors::dictionary::ActorDictionary;
use flashpoint_coder::events::triggers::Triggers;
use flashpoint_coder::geo::Gazetteer;
use flashpoint_core::codebook::Codebook;

/// Loads every table the coding pipeline reads. A table that cannot load (or a thread that
/// cannot start) is left to the pipeline, which loads or reports it on first use.
pub fn load_for_coding() {
    std::thread::scope(|s| {
        let spawn = |name: &str, load: fn()| {
            // A thread that does not start leaves its table to load on first use.
            let _ = std::thread::Builder::new()
                .name(name.to_string())
                .spawn_scoped(s, load);
        };
        spawn("load-model", || {
            // A model that cannot load is reported when the pipeline is built.
            let _ = flashpoint_nlp::Model::bundled();
        });
        spawn("load-gazetteer", || {
            Gazetteer::bundled();
        });
        Triggers::bundled();
        ActorDictionary::bundled();
        Codebook::bundled();
    });
}
