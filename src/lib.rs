//! newsgraph turns news articles into facts: the countries, companies and government agencies
//! each article names, and who did what to whom (*ban*, *pressure*, *sanction*, *spy on* …),
//! each fact with its evidence.
//!
//! Data flows one way, one module per stage:
//!
//! 1. [`input`] opens files, folders and standard input, decompresses, numbers the lines;
//! 2. [`article`] reads a record as an [`article::Article`], or a [`article::Reject`];
//! 3. [`segment`] finds sentences;
//! 4. [`dictionary`] loads entities and aliases; [`matcher`] finds their mentions,
//!    [`homonyms`] reads the few country names that are also people's names or US states in
//!    their context, and [`open_world`] finds the companies no dictionary lists, by the form
//!    of their names;
//! 5. [`relate`] links mentions through trigger words into relations;
//! 6. [`record`] writes the output format, turning byte spans into character offsets;
//!    [`parquet`] reads those records into a Parquet file.
//!
//! [`pipeline`] ties stages 3–6 together per article, and runs batches in parallel with
//! output in input order; what it finds in an article is an [`extraction::Extraction`],
//! which [`record`] writes. The library never prints, exits or looks at a terminal; the
//! `newsgraph` binary does that.
//!
//! ```
//! use newsgraph::{article::Article, pipeline::Pipeline};
//!
//! let pipeline = Pipeline::defaults();
//! let article = Article {
//!     id: "a1".into(),
//!     text: "China is using IT hardware to spy on the U.S. Let us see.".into(),
//!     ..Article::default()
//! };
//! let found = pipeline.process(&article);
//! let dict = pipeline.dictionary();
//! let ids: Vec<&str> = found.mentions.iter().map(|m| dict.entity(m.mention.entity).id.as_str()).collect();
//! assert_eq!(ids, ["CHN", "USA"]); // "us" is not the United States
//! let r = &found.relations[0].relation;
//! assert_eq!(pipeline.ontology().predicate(r.predicate).id, "spy_on");
//! ```

pub mod article;
pub mod dictionary;
pub mod eval;
pub mod extracted;
pub mod extraction;
pub mod graph;
mod hash;
pub mod homonyms;
pub mod input;
pub mod matcher;
pub mod open_world;
pub mod parquet;
pub mod pipeline;
#[cfg(feature = "python")]
mod python;
pub mod record;
pub mod relate;
pub mod report;
pub mod segment;
pub mod stats;
