//! `newsgraph report`: one self-contained HTML page over extract output or saved statistics.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result, bail};
use newsgraph::report::{Collector, Page};

use super::{Output, for_each_record};

#[derive(clap::Args, Debug)]
#[command(after_help = "\
The page has no script and loads nothing: it opens from disk in any browser. Over extract
output it shows everything, with evidence sentences; over saved stats documents (docs/stats.md;
several are merged) it shows the counts only.

EXIT STATUS:
    0  every input was read (bad records are counted as rejects)
    1  some input could not be read; the rest was reported
    2  an error stopped the run

EXAMPLES:
    newsgraph extract corpus/ -o facts.jsonl && newsgraph report facts.jsonl -o report.html
    newsgraph report all.json -o report.html")]
pub struct Args {
    /// Extract output (article records; plain, gzip or zstd; - for standard input, the
    /// default), or stats JSON documents.
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Write the page to FILE (it appears only when complete) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// No summary on standard error.
    #[arg(short, long)]
    pub quiet: bool,
}

/// A stats document is two-space-indented JSON whose first key is its format; extract output
/// is one record a line. The head of the file tells them apart without parsing it all.
fn is_stats_document(p: &Path) -> bool {
    let mut head = [0u8; 256];
    let n = std::fs::File::open(p)
        .and_then(|mut f| f.read(&mut head))
        .unwrap_or(0);
    let head = String::from_utf8_lossy(&head[..n]);
    let compact: String = head.split_whitespace().collect();
    compact.starts_with("{\"format\":\"newsgraph-stats\"")
}

/// Runs the command; returns the exit status.
pub fn run(args: Args) -> Result<i32> {
    let started = Instant::now();
    let stats_inputs = args
        .inputs
        .iter()
        .filter(|p| p.is_file() && is_stats_document(p))
        .count();
    let mut unreadable = 0u64;
    let page = if stats_inputs > 0 {
        if stats_inputs != args.inputs.len() {
            bail!("give either stats documents or extract output, not both");
        }
        let report = super::merge_stats_files(&args.inputs)?.report();
        Page::from_stats(&report, "a stats document (counts only)")
    } else {
        let mut collector = Collector::new();
        let counts = for_each_record(&args.inputs, |rec| Ok(collector.add(rec)))?;
        unreadable = counts.unreadable;
        collector.add_rejects(counts.bad);
        if !args.quiet {
            eprintln!(
                "newsgraph: {} records read, {} bad records, {unreadable} unreadable inputs in {:.2}s",
                counts.records,
                counts.bad,
                started.elapsed().as_secs_f64()
            );
        }
        collector.finish("extract output")
    };
    let html = page.render().context("rendering the report")?;
    let mut out = Output::create(args.output.as_deref())?;
    out.write_all(html.as_bytes())?;
    out.finish()?;
    if !args.quiet {
        eprintln!(
            "newsgraph: report of {} bytes in {:.2}s",
            html.len(),
            started.elapsed().as_secs_f64()
        );
    }
    Ok(if unreadable > 0 { 1 } else { 0 })
}
