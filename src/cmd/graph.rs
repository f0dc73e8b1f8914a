//! `newsgraph graph`: extract output in, a knowledge graph out, as files in a folder.

use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result};
use newsgraph::graph::Graph;

use super::Output;

#[derive(clap::Args, Debug)]
#[command(after_help = "\
FILES WRITTEN IN DIR (each appears only when complete; docs/graph.md):
    neo4j     nodes.csv, relationships.csv   (neo4j-admin database import headers)
    ntriples  graph.nt                       (Wikidata IRIs where a QID is known)
    graphml   graph.graphml                  (networkx, Gephi)
    jsonl     nodes.jsonl, edges.jsonl
    always    evidence.jsonl                 (one line per relation: article, offsets, sentence)

EXIT STATUS:
    0  every input was read (bad records are counted, reported and not an error)
    1  some input could not be read; the rest was exported
    2  an error stopped the run

EXAMPLES:
    newsgraph extract corpus/ | newsgraph graph --format graphml -o graph/
    newsgraph graph facts.jsonl.gz --format neo4j -o import/
    neo4j-admin database import full --nodes=import/nodes.csv \\
        --relationships=import/relationships.csv neo4j")]
pub struct Args {
    /// Extract output (article records; plain, gzip or zstd; - for standard input, the
    /// default).
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// The folder to write into (created if missing).
    #[arg(short, long, value_name = "DIR")]
    pub output: PathBuf,
    #[arg(long, value_enum)]
    pub format: FormatArg,
    /// No summary on standard error.
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug)]
pub enum FormatArg {
    Neo4j,
    Ntriples,
    Graphml,
    Jsonl,
}

/// Runs the command; returns the exit status.
pub fn run(args: Args) -> Result<i32> {
    let started = Instant::now();
    let dir = &args.output;
    std::fs::create_dir_all(dir).with_context(|| format!("{}: cannot create", dir.display()))?;
    let mut graph = Graph::new();
    // Evidence is written as records stream by, so it never has to fit in memory.
    let mut evidence = Output::create(Some(&dir.join("evidence.jsonl")))?;
    let counts = super::for_each_record(&args.inputs, |rec| {
        if let Err(reason) = graph.add(rec) {
            return Ok(Err(reason));
        }
        for e in Graph::evidence(rec) {
            serde_json::to_writer(&mut evidence, &e)?;
            evidence.write_all(b"\n")?;
        }
        Ok(Ok(()))
    })?;
    let (records, bad, unreadable) = (counts.records, counts.bad, counts.unreadable);
    evidence.finish()?;
    let file = |name: &str| Output::create(Some(&dir.join(name)));
    match args.format {
        FormatArg::Neo4j => {
            let (mut n, mut r) = (file("nodes.csv")?, file("relationships.csv")?);
            graph.write_neo4j(&mut n, &mut r)?;
            n.finish()?;
            r.finish()?;
        }
        FormatArg::Ntriples => {
            let mut o = file("graph.nt")?;
            graph.write_ntriples(&mut o)?;
            o.finish()?;
        }
        FormatArg::Graphml => {
            let mut o = file("graph.graphml")?;
            graph.write_graphml(&mut o)?;
            o.finish()?;
        }
        FormatArg::Jsonl => {
            let (mut n, mut e) = (file("nodes.jsonl")?, file("edges.jsonl")?);
            graph.write_jsonl(&mut n, &mut e)?;
            n.finish()?;
            e.finish()?;
        }
    }
    if !args.quiet {
        eprintln!(
            "newsgraph: {records} records, {} nodes, {} edges, {bad} bad records, {unreadable} unreadable inputs in {:.2}s",
            graph.nodes().count(),
            graph.edges().count(),
            started.elapsed().as_secs_f64()
        );
    }
    Ok(if unreadable > 0 { 1 } else { 0 })
}
