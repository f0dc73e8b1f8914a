//! `newsgraph extract`: articles in, one JSON record per article (or per relation) out.

use std::fs::File;
use std::io::{BufWriter, IsTerminal, Seek, SeekFrom, Write};
use std::ops::ControlFlow;
use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use newsgraph::article::ArticleOptions;
use newsgraph::input::{RawKind, Reader};
use newsgraph::parquet::ParquetWriter;
use newsgraph::pipeline::{Emit, Event, Options, Pipeline};

use super::resume::{Fingerprint, Progress, Resume};
use super::{DictArgs, Output, SHOWN_PROBLEMS};

#[derive(clap::Args, Debug)]
#[command(after_help = "\
EXIT STATUS:
    0  every input was read (rejected records are counted, reported and not an error)
    1  some input could not be read (missing file, truncated stream); the rest was processed
    2  an error stopped the run: bad usage, a dictionary error, an output that could not be
       written, or a reject under --strict

EXAMPLES:
    newsgraph extract corpus/                      every .txt/.jsonl file of a folder
    newsgraph extract news.jsonl.gz -o facts.jsonl
    newsgraph extract archive/ -o facts.jsonl --resume   again after a kill: goes on
    zcat dump.gz | newsgraph extract --text-field body --id-field uuid
    newsgraph extract --emit relations --dict my-companies.tsv news.jsonl
    newsgraph extract --emit relations --format parquet -o relations.parquet news.jsonl
    newsgraph extract --verbs CAMEO.2.0.txt news.jsonl   an event-data verb dictionary too")]
pub struct Args {
    /// Files or folders to read: JSON lines (plain, gzip or zstd), .txt files, or - for
    /// standard input (the default).
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Write to FILE (it appears only when complete) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Make a long run resumable: write FILE's progress to .FILE.partial with a checkpoint
    /// every 10,000 records or 5 seconds. The same command with --resume after a kill goes on
    /// after the last checkpoint; the output, rejects file and counts are the same as an
    /// uninterrupted run's. Needs -o FILE and input files (not standard input).
    #[arg(long, requires = "output")]
    pub resume: bool,
    /// One line per article (articles) or per relation (relations).
    #[arg(long, value_enum, default_value = "articles")]
    pub emit: EmitArg,
    /// JSON lines, or a Parquet file (needs -o FILE): relations as flat rows, articles nested
    /// as in the JSON (docs/output.md, "Parquet").
    #[arg(long, value_enum, default_value = "json")]
    pub format: FormatArg,
    /// Worker threads (default: all cores). The output is the same for any number.
    #[arg(short = 'j', long, value_name = "N")]
    pub threads: Option<usize>,
    /// JSON field holding the article text.
    #[arg(long, default_value = "text", value_name = "NAME")]
    pub text_field: String,
    /// JSON field holding the article id.
    #[arg(long, default_value = "id", value_name = "NAME")]
    pub id_field: String,
    /// JSON field holding the title (matched too; spans say "field": "title").
    #[arg(long, default_value = "title", value_name = "NAME")]
    pub title_field: String,
    /// Reject articles larger than this (title plus text, in bytes).
    #[arg(long, default_value_t = 8 << 20, value_name = "BYTES")]
    pub max_article_bytes: usize,
    /// Copy every rejected JSON line, verbatim, to FILE.
    #[arg(long, value_name = "FILE")]
    pub rejects: Option<PathBuf>,
    /// Stop at the first reject or unreadable input (exit status 2).
    #[arg(long)]
    pub strict: bool,
    /// Do not report metonyms ("Beijing said", "the Kremlin") as mentions.
    #[arg(long)]
    pub no_metonyms: bool,
    /// Do not find companies that no dictionary lists by the form of their names ("Pennzoil
    /// Co", "Citicorp <CCI>"; their ids are name:pennzoil, name:citicorp).
    #[arg(long)]
    pub no_open_world: bool,
    /// No progress bar and no summary on standard error.
    #[arg(short, long)]
    pub quiet: bool,
    #[command(flatten)]
    pub dict: DictArgs,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug)]
pub enum EmitArg {
    Articles,
    Relations,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormatArg {
    Json,
    Parquet,
}

/// Runs the command; returns the exit status.
pub fn run(args: Args) -> Result<i32> {
    if let Some(n) = args.threads {
        if n == 0 {
            bail!("--threads must be at least 1");
        }
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global()
            .context("starting the thread pool")?;
    }
    if args.format == FormatArg::Parquet {
        // A Parquet file ends with its footer, which says where every row group is: it is
        // written at the end, into a file, and cannot be cut back to a checkpoint.
        if args.output.as_deref().is_none_or(|o| o.as_os_str() == "-") {
            bail!(
                "--format parquet needs -o FILE: a Parquet file cannot be streamed to standard output"
            );
        }
        if args.resume {
            bail!("--resume works with JSON lines only, not --format parquet");
        }
    }
    if args.resume {
        if args.output.as_deref().is_some_and(|o| o.as_os_str() == "-") {
            bail!("--resume needs -o FILE, not standard output");
        }
        if args.inputs.is_empty() || args.inputs.iter().any(|i| i.as_os_str() == "-") {
            bail!("--resume needs input files: standard input cannot be read again");
        }
    }
    // Every dictionary error stops us here, before any article is read.
    let (dict, ontology) = args.dict.load()?;
    let pipeline = Pipeline::new(
        dict,
        ontology,
        Options {
            metonyms: !args.no_metonyms,
            open_world: !args.no_open_world,
        },
    );
    let opts = ArticleOptions {
        id_field: args.id_field.clone(),
        text_field: args.text_field.clone(),
        title_field: args.title_field.clone(),
        max_article_bytes: args.max_article_bytes,
    };
    let emit = match args.emit {
        EmitArg::Articles => Emit::Articles,
        EmitArg::Relations => Emit::Relations,
    };
    let mut reader = Reader::new(&args.inputs, opts.record_limit());
    // A resumable run: where the last one stopped, if it was this command.
    let mut resume = match (&args.output, args.resume) {
        (Some(output), true) => Some(Resume::new(output, fingerprint(&args))),
        _ => None,
    };
    let resumed = match &mut resume {
        Some(r) => r.load(args.rejects.as_deref())?,
        None => None,
    };
    let resumed = resumed.unwrap_or_default();
    if resumed.items > 0 {
        let skipped = reader.by_ref().take(resumed.items as usize).count() as u64;
        if skipped < resumed.items {
            bail!(
                "cannot resume: the inputs hold {skipped} records, the checkpoint says {} were read",
                resumed.items
            );
        }
        if !args.quiet {
            eprintln!(
                "newsgraph: resuming after {} records ({} bytes of output kept)",
                resumed.items, resumed.output_bytes
            );
        }
    }
    let progress = reader.progress();
    let bar = if !args.quiet && std::io::stderr().is_terminal() {
        let bar = match reader.total_bytes() {
            Some(total) => ProgressBar::new(total).with_style(
                ProgressStyle::with_template(
                    "{bar:30} {bytes}/{total_bytes} {binary_bytes_per_sec} {msg} ETA {eta}",
                )
                .expect("valid template"),
            ),
            None => ProgressBar::new_spinner().with_style(
                ProgressStyle::with_template("{spinner} {bytes} {binary_bytes_per_sec} {msg}")
                    .expect("valid template"),
            ),
        };
        bar.set_draw_target(ProgressDrawTarget::stderr());
        Some(bar)
    } else {
        None
    };
    let mut rejects_file = match &args.rejects {
        Some(p) => {
            let mut f = std::fs::OpenOptions::new()
                .create(true)
                .write(true)
                .truncate(false)
                .open(p)
                .with_context(|| format!("{}: cannot create", p.display()))?;
            // A resumed run keeps the rejects of the records it skips; any other run starts
            // the file afresh.
            f.set_len(resumed.rejects_bytes)
                .and_then(|()| f.seek(SeekFrom::End(0)))
                .with_context(|| format!("{}: cannot write", p.display()))?;
            Some(BufWriter::new(f))
        }
        None => None,
    };
    let mut out = match &resume {
        Some(r) => Output::resumable(r.partial(), r.output(), resumed.output_bytes)?,
        None => Output::create(args.output.as_deref())?,
    };
    let out_handle = match &resume {
        Some(_) => out.file_handle()?,
        None => None,
    };
    let started = Instant::now();
    let mut problems = resumed.problems;
    let mut checkpoint_error: Option<anyhow::Error> = None;
    let mut articles = 0u64;
    let mut write_error: Option<std::io::Error> = None;
    let mut stopped_by_strict = false;
    let on_event = |event: Event<'_>| {
        match event {
            Event::Reject { reject, raw } => {
                problems += 1;
                if problems <= SHOWN_PROBLEMS || args.strict {
                    let line = format!("newsgraph: {reject}");
                    match &bar {
                        Some(b) => b.println(line),
                        None => eprintln!("{line}"),
                    }
                }
                if let Some(f) = &mut rejects_file
                    && raw.kind == RawKind::JsonLine
                    && let Err(e) = f.write_all(&raw.bytes).and_then(|_| f.write_all(b"\n"))
                {
                    write_error = Some(e);
                    return ControlFlow::Break(());
                }
                if args.strict {
                    stopped_by_strict = true;
                    return ControlFlow::Break(());
                }
            }
            Event::InputError(e) => {
                problems += 1;
                let line = format!("newsgraph: {e}");
                match &bar {
                    Some(b) => b.println(line),
                    None => eprintln!("{line}"),
                }
                if args.strict {
                    stopped_by_strict = true;
                    return ControlFlow::Break(());
                }
            }
            Event::Batch {
                articles: n,
                so_far,
            } => {
                articles += n;
                if let Some(r) = &mut resume {
                    let mut total = resumed.summary();
                    total.add(so_far);
                    if r.due(total.items())
                        && let Err(e) = checkpoint(
                            r,
                            &total,
                            problems,
                            out_handle.as_ref(),
                            rejects_file.as_mut(),
                        )
                    {
                        checkpoint_error = Some(e);
                        return ControlFlow::Break(());
                    }
                }
                if let Some(b) = &bar {
                    b.set_position(progress.load(Ordering::Relaxed));
                    let secs = started.elapsed().as_secs_f64().max(1e-9);
                    b.set_message(format!(
                        "{articles} articles ({:.0}/s)",
                        articles as f64 / secs
                    ));
                }
            }
        }
        ControlFlow::Continue(())
    };
    let summary = match args.format {
        FormatArg::Json => pipeline.run(reader, &opts, emit, &mut out, on_event),
        FormatArg::Parquet => {
            let mut parquet =
                ParquetWriter::new(&mut out, emit).context("starting the Parquet file")?;
            pipeline
                .run(reader, &opts, emit, &mut parquet, on_event)
                .and_then(|summary| parquet.finish().map(|_| summary))
        }
    }
    .context("writing the output")?;
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    if let Some(e) = write_error {
        return Err(e).context("writing the rejects file");
    }
    if let Some(e) = checkpoint_error {
        return Err(e);
    }
    let mut summary = summary;
    summary.add(&resumed.summary());
    if let Some(mut f) = rejects_file {
        f.flush().context("writing the rejects file")?;
    }
    if stopped_by_strict {
        // --strict: what was written so far is kept only on standard output; a file output is
        // not moved into place, since it is incomplete.
        drop(out);
        eprintln!("newsgraph: stopped at the first problem (--strict)");
        return Ok(2);
    }
    out.finish()?;
    if let Some(r) = resume {
        r.finish()?;
    }
    // The process ends right after: freeing the dictionary and the matcher's tables one
    // allocation at a time was 2% of the work of a 20 MB run with the built-in dictionaries.
    std::mem::forget(pipeline);
    if !args.quiet {
        let secs = started.elapsed().as_secs_f64();
        let bytes = progress.load(Ordering::Relaxed) as f64;
        let hidden = (summary.rejects + summary.input_errors).saturating_sub(SHOWN_PROBLEMS);
        let mut more = if hidden > 0 {
            format!(" ({hidden} not shown above)")
        } else {
            String::new()
        };
        if summary.capped_sentences > 0 {
            // Said only when it happens: run-on sentences are junk in real news.
            more.push_str(&format!(
                ", {} run-on sentences with relations capped",
                summary.capped_sentences
            ));
        }
        eprintln!(
            "newsgraph: {} articles, {} entities ({} mentions), {} relations, {} rejects, {} unreadable inputs{more} in {:.2}s ({:.0} articles/s, {:.1} MB/s)",
            summary.articles,
            summary.entities,
            summary.mentions,
            summary.relations,
            summary.rejects,
            summary.input_errors,
            secs,
            (summary.articles - resumed.counts.articles) as f64 / secs.max(1e-9),
            bytes / 1e6 / secs.max(1e-9),
        );
    }
    Ok(if summary.input_errors > 0 { 1 } else { 0 })
}

/// What makes a resumed run the same command (see [`Fingerprint`]): every option that changes
/// the output or the rejects file, and the files read.
fn fingerprint(args: &Args) -> Fingerprint {
    let list = |paths: &[PathBuf]| {
        paths
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join("\n")
    };
    let options = vec![
        ("inputs", list(&args.inputs)),
        ("--emit", format!("{:?}", args.emit).to_lowercase()),
        ("--text-field", args.text_field.clone()),
        ("--id-field", args.id_field.clone()),
        ("--title-field", args.title_field.clone()),
        ("--max-article-bytes", args.max_article_bytes.to_string()),
        (
            "--rejects",
            args.rejects
                .as_ref()
                .map_or(String::new(), |p| p.display().to_string()),
        ),
        ("--no-metonyms", args.no_metonyms.to_string()),
        ("--no-open-world", args.no_open_world.to_string()),
        ("--no-default-dict", args.dict.no_default_dict.to_string()),
        ("--dict", list(&args.dict.dicts)),
        ("--relations", list(&args.dict.relations)),
        ("--verbs", list(&args.dict.verbs)),
        (
            "--no-default-relations",
            args.dict.no_default_relations.to_string(),
        ),
    ];
    let files: Vec<&std::path::Path> = args
        .inputs
        .iter()
        .chain(&args.dict.dicts)
        .chain(&args.dict.relations)
        .chain(&args.dict.verbs)
        .map(PathBuf::as_path)
        .collect();
    Fingerprint::new(&options, &files)
}

/// Makes what was written durable, then records it: `total` counts every item read so far.
fn checkpoint(
    resume: &mut Resume,
    total: &newsgraph::pipeline::Summary,
    problems: u64,
    out: Option<&File>,
    rejects: Option<&mut BufWriter<File>>,
) -> Result<()> {
    let out = out.context("a resumable output is a file")?;
    out.sync_data()
        .with_context(|| format!("{}: cannot sync", resume.partial().display()))?;
    let output_bytes = out.metadata()?.len();
    let rejects_bytes = match rejects {
        Some(f) => {
            f.flush().context("writing the rejects file")?;
            f.get_ref()
                .sync_data()
                .context("syncing the rejects file")?;
            f.get_ref().metadata()?.len()
        }
        None => 0,
    };
    resume.save(&Progress::new(total, output_bytes, rejects_bytes, problems))
}
