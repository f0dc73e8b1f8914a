//! `newsgraph eval`: score the pipeline against gold JSON lines.

use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;

use anyhow::{Context, Result};
use newsgraph::eval::{Counts, GoldArticle, Report, Scorer, THRESHOLDS};
use newsgraph::pipeline::{Options, Pipeline};

use super::DictArgs;

#[derive(clap::Args, Debug)]
#[command(after_help = "\
The gold format is that of ../shared/eval (its README): one article per line with text,
entities (code point spans, name, type, iso3, wikidata) and relations (subject, predicate,
optional plover, object, negated, evidence). Relations are compared at the PLOVER level when the
gold gives a category.

EXAMPLES:
    newsgraph eval --gold ../shared/eval/seed.gold.jsonl
    newsgraph eval --gold a.jsonl --gold b.jsonl --errors
    newsgraph eval --gold a.jsonl --json > score.json")]
pub struct Args {
    /// Gold file (repeatable); scores are given per file and combined.
    #[arg(long = "gold", value_name = "FILE", required = true)]
    pub gold: Vec<PathBuf>,
    /// List every missed and spurious mention and relation.
    #[arg(long)]
    pub errors: bool,
    /// Print the report as JSON instead of a table.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub dict: DictArgs,
}

pub fn run(args: Args) -> Result<i32> {
    let (dict, ontology) = args.dict.load()?;
    let pipeline = Pipeline::new(dict, ontology, Options::default());
    let mut scorer = Scorer::new(&pipeline);
    let mut per_file = Vec::new();
    let mut total = Report::default();
    for path in &args.gold {
        let file = std::fs::File::open(path)
            .with_context(|| format!("{}: cannot open", path.display()))?;
        let mut golds = Vec::new();
        for (i, line) in BufReader::new(file).lines().enumerate() {
            let line = line.with_context(|| format!("{}:{}", path.display(), i + 1))?;
            if line.trim().is_empty() {
                continue;
            }
            let gold: GoldArticle = serde_json::from_str(&line)
                .with_context(|| format!("{}:{}: not a gold article", path.display(), i + 1))?;
            golds.push(gold);
        }
        scorer.plover_labels = golds
            .iter()
            .any(|g| g.relations.iter().any(|r| r.plover.is_some()));
        let mut report = Report::default();
        for gold in &golds {
            report.merge(scorer.score(gold));
        }
        total.merge(report.clone());
        per_file.push((path.display().to_string(), report));
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.json {
        let mut json = serde_json::json!({
            "files": per_file.iter().map(|(p, r)| serde_json::json!({"gold": p, "report": summary(r, args.errors)})).collect::<Vec<_>>(),
        });
        if per_file.len() > 1 {
            json["combined"] = summary(&total, false);
        }
        serde_json::to_writer_pretty(&mut out, &json)?;
        writeln!(out)?;
        return Ok(0);
    }
    for (path, r) in &per_file {
        writeln!(out, "{path} ({} articles)", r.articles)?;
        table(&mut out, r)?;
        if args.errors {
            for e in &r.errors {
                writeln!(out, "  {}: {}: {}", e.article, e.kind, e.detail)?;
            }
        }
        writeln!(out)?;
    }
    if per_file.len() > 1 {
        writeln!(out, "combined ({} articles)", total.articles)?;
        table(&mut out, &total)?;
    }
    Ok(0)
}

fn row(out: &mut impl Write, name: &str, c: &Counts) -> std::io::Result<()> {
    writeln!(
        out,
        "  {name:<22} P {:.3}  R {:.3}  F1 {:.3}   (tp {}, fp {}, fn {})",
        c.precision(),
        c.recall(),
        c.f1(),
        c.tp,
        c.fp,
        c.fn_
    )
}

fn table(out: &mut impl Write, r: &Report) -> std::io::Result<()> {
    row(out, "entity mentions", &r.entities)?;
    row(out, "relations", &r.relations)?;
    for (p, c) in &r.per_predicate {
        row(out, &format!("  {p}"), c)?;
    }
    let thresholds: Vec<String> = THRESHOLDS
        .iter()
        .map(|t| {
            let (n, c) = r
                .at_confidence
                .get(&format!("{t:.1}"))
                .copied()
                .unwrap_or_default();
            let p = if n == 0 { 0.0 } else { c as f64 / n as f64 };
            format!("≥{t:.1}: {p:.2} of {n}")
        })
        .collect();
    writeln!(
        out,
        "  relation precision at confidence  {}",
        thresholds.join("  ")
    )
}

fn summary(r: &Report, errors: bool) -> serde_json::Value {
    let scores = |c: &Counts| {
        serde_json::json!({"precision": c.precision(), "recall": c.recall(), "f1": c.f1(),
                           "tp": c.tp, "fp": c.fp, "fn": c.fn_})
    };
    let mut v = serde_json::json!({
        "articles": r.articles,
        "entities": scores(&r.entities),
        "relations": scores(&r.relations),
        "per_predicate": r.per_predicate.iter().map(|(k, c)| (k.clone(), scores(c))).collect::<serde_json::Map<_, _>>(),
        "precision_at_confidence": r.at_confidence.iter().map(|(k, (n, c))| (k.clone(), serde_json::json!({"relations": n, "correct": c}))).collect::<serde_json::Map<_, _>>(),
    });
    if errors {
        v["errors"] = serde_json::to_value(&r.errors).expect("errors serialize");
    }
    v
}
