//! `newsgraph stats`: statistics across extract output, or the merge of saved statistics.

use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Result, bail};
use clap::builder::{PossibleValuesParser, TypedValueParser};
use newsgraph::extracted::Day;
use newsgraph::stats::{Options, Stats, Table};

use super::Output;

#[derive(clap::Args, Debug)]
#[command(after_help = "\
The JSON document (docs/stats.md) holds full counts, so saved statistics of shards merge into
exactly the statistics of the whole: `newsgraph stats --merge a.json b.json` equals
`newsgraph stats` over both inputs, in any order. --top cuts what is shown; a cut JSON
document says \"complete\": false and does not merge.

EXIT STATUS:
    0  every input was read (bad records are counted, reported and not an error)
    1  some input could not be read; the rest was counted
    2  an error stopped the run (bad usage, a stats file that does not merge, output error)

EXAMPLES:
    newsgraph extract corpus/ | newsgraph stats --format md
    newsgraph stats facts.jsonl.gz -o part1.json
    newsgraph stats --merge part1.json part2.json -o all.json
    newsgraph stats all.json --merge --format csv --by pair --top 20
    newsgraph stats facts.jsonl --since 2023-01-01 --until 2023-06-30 --dedup")]
pub struct Args {
    /// Extract output (article records; plain, gzip or zstd; - for standard input, the
    /// default), or with --merge stats JSON documents.
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// The inputs are stats JSON documents to merge.
    #[arg(long)]
    pub merge: bool,
    /// Write to FILE (it appears only when complete) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// json: the complete, mergeable document; csv: one table (--by); md: Markdown tables.
    #[arg(long, value_enum, default_value = "json")]
    pub format: FormatArg,
    /// The table to show in csv (default entity) or md (default: totals, entities,
    /// predicates, pairs, co-occurrence, months and sources).
    #[arg(long, value_name = "TABLE", value_parser = table_parser())]
    pub by: Option<Table>,
    /// Show only the first N rows of each ranked list (periods are always whole).
    #[arg(long, value_name = "N")]
    pub top: Option<usize>,
    /// Count only articles dated on or after this day (YYYY-MM-DD); undated ones are left out.
    #[arg(long, value_name = "DAY", value_parser = parse_day)]
    pub since: Option<Day>,
    /// Count only articles dated on or before this day (YYYY-MM-DD); undated ones are left out.
    #[arg(long, value_name = "DAY", value_parser = parse_day)]
    pub until: Option<Day>,
    /// Count syndicated copies of a story once (same text evidence; see docs/stats.md).
    #[arg(long)]
    pub dedup: bool,
    /// No summary on standard error.
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormatArg {
    Json,
    Csv,
    Md,
}

/// `--by`: the library's table names, listed in the help as clap lists a value enum's.
fn table_parser() -> impl TypedValueParser<Value = Table> {
    PossibleValuesParser::new(Table::ALL.map(Table::name))
        .map(|name| name.parse::<Table>().expect("a listed name"))
}

fn parse_day(s: &str) -> Result<Day, String> {
    Day::parse(s).ok_or_else(|| format!("{s:?} is not a YYYY-MM-DD day"))
}

/// Runs the command; returns the exit status.
pub fn run(args: Args) -> Result<i32> {
    if args.format == FormatArg::Json && args.by.is_some() {
        bail!("--by chooses a table for --format csv or md; JSON holds them all");
    }
    let started = Instant::now();
    let mut unreadable = 0u64;
    let stats = if args.merge {
        if args.dedup || args.since.is_some() || args.until.is_some() {
            bail!("with --merge, --dedup, --since and --until come from the documents merged");
        }
        if args.inputs.is_empty() {
            bail!("--merge needs the stats files to merge");
        }
        super::merge_stats_files(&args.inputs)?
    } else {
        let mut stats = Stats::new(Options {
            dedup: args.dedup,
            since: args.since,
            until: args.until,
        });
        let counts = super::for_each_record(&args.inputs, |rec| Ok(stats.add(rec)))?;
        unreadable = counts.unreadable;
        let (articles, bad) = (counts.records, counts.bad);
        if !args.quiet {
            eprintln!(
                "newsgraph: {articles} records counted, {bad} bad records, {unreadable} unreadable inputs in {:.2}s",
                started.elapsed().as_secs_f64()
            );
        }
        stats
    };
    let mut report = stats.report();
    let mut out = Output::create(args.output.as_deref())?;
    match args.format {
        FormatArg::Json => {
            if let Some(n) = args.top {
                report.truncate(n);
            }
            out.write_all(report.to_json().as_bytes())?;
        }
        FormatArg::Csv => {
            let table = args.by.unwrap_or(Table::Entity);
            report.write_csv(table, args.top, &mut out)?;
        }
        FormatArg::Md => {
            let top = args.top.or(args.by.is_none().then_some(20));
            out.write_all(report.markdown(args.by, top).as_bytes())?;
        }
    }
    out.finish()?;
    Ok(if unreadable > 0 { 1 } else { 0 })
}
