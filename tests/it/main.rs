//! Integration tests: each runs the real `newsgraph` binary (the one cargo built for this
//! test run; `cargo test --release` makes it the release binary) in a temporary folder.

mod workdir;

mod actors;
mod ambiguity;
mod dates;
mod determinism;
mod dict;
mod dict_abuse;
mod eval;
mod extract;
mod faults;
mod fuzz;
mod graph;
mod homonyms;
mod hostile;
mod json;
mod officials;
mod open_world;
mod parquet;
mod properties;
mod rejects;
mod report;
mod resume;
mod stats;
mod verbs;
