//! The subcommands, one file each, each with a `run` function; and the plumbing they share
//! (loading dictionaries, opening output).

pub mod dict;
pub mod eval;
pub mod extract;
pub mod graph;
pub mod report;
pub mod resume;
pub mod stats;

use std::fs::File;
use std::io::{self, BufWriter, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use newsgraph::dictionary::{Dictionary, DictionaryBuilder};
use newsgraph::relate::ontology::Ontology;

/// Dictionary options shared by the subcommands that match text.
#[derive(clap::Args, Debug, Clone)]
pub struct DictArgs {
    /// Add a dictionary file, or a folder of *.tsv files (repeatable). Format:
    /// dictionaries/README.md.
    #[arg(long = "dict", value_name = "PATH")]
    pub dicts: Vec<PathBuf>,
    /// Leave the built-in dictionaries out.
    #[arg(long)]
    pub no_default_dict: bool,
    /// Add a relation table (same format as the built-in dictionaries/relations.tsv).
    #[arg(long = "relations", value_name = "FILE")]
    pub relations: Vec<PathBuf>,
    /// Add a PETRARCH/TABARI verb dictionary, as it is (the format of CAMEO.2.0.txt;
    /// repeatable). Its codes map to PLOVER by the CAMEO2PLOVER crosswalk; a code outside it
    /// gives the predicate cameo:CODE. A relation table's verbs win over its verbs.
    #[arg(long = "verbs", value_name = "FILE")]
    pub verbs: Vec<PathBuf>,
    /// Leave the built-in relation table (relations.tsv and the CAMEO selection) out.
    #[arg(long)]
    pub no_default_relations: bool,
}

impl DictArgs {
    pub fn load(&self) -> Result<(Dictionary, Ontology)> {
        // The built-in relation table is parsed while the dictionaries load: with a large
        // dictionary, start-up is what keeps the other cores idle.
        let (dict, mut ontology) = rayon::join(
            || self.load_dictionary(),
            || match self.no_default_relations {
                true => Ontology::empty(),
                false => Ontology::defaults(),
            },
        );
        let dict = dict?;
        print_warnings(&dict);
        if dict.entities().is_empty() {
            anyhow::bail!("no dictionary: --no-default-dict needs at least one --dict");
        }
        for p in &self.relations {
            let text = std::fs::read_to_string(p)
                .with_context(|| format!("{}: cannot read", p.display()))?;
            ontology.extend(&p.display().to_string(), &text)?;
        }
        for p in &self.verbs {
            let text = std::fs::read_to_string(p)
                .with_context(|| format!("{}: cannot read", p.display()))?;
            let counts = ontology.extend_verbs(&p.display().to_string(), &text)?;
            let n = |m: &std::collections::BTreeMap<&str, u64>, k: &str| m.get(k).copied();
            eprintln!(
                "newsgraph: {}: {} triggers from {} verbs and {} patterns; {} patterns skipped",
                p.display(),
                n(&counts.read, "triggers").unwrap_or(0),
                n(&counts.read, "verbs").unwrap_or(0),
                n(&counts.read, "patterns").unwrap_or(0),
                counts
                    .skipped
                    .iter()
                    .filter(|(k, _)| k.starts_with("patterns"))
                    .map(|(_, v)| v)
                    .sum::<u64>(),
            );
        }
        Ok((dict, ontology))
    }

    fn load_dictionary(&self) -> Result<Dictionary> {
        let mut b = DictionaryBuilder::new();
        if !self.no_default_dict {
            b.add_defaults()?;
        }
        b.add_paths(&self.dicts)?;
        Ok(b.build())
    }
}

/// Prints a dictionary's warnings on standard error, the first [`SHOWN_PROBLEMS`] one by one.
pub fn print_warnings(dict: &Dictionary) {
    for w in dict.warnings().iter().take(SHOWN_PROBLEMS as usize) {
        eprintln!("newsgraph: warning: {w}");
    }
    let shown = dict.warnings().len().min(SHOWN_PROBLEMS as usize) as u64;
    if dict.warning_count() > shown {
        eprintln!(
            "newsgraph: {} more dictionary warnings not shown",
            dict.warning_count() - shown
        );
    }
}

/// An output that appears atomically: written to a temporary file beside the target and
/// renamed over it only by [`Output::finish`], so a killed run never leaves a truncated file
/// under the final name. Standard output when no path is given.
///
/// The temporary file is `.NAME.PID.tmp`, removed when the run fails; a run killed with
/// `kill -9` cannot remove it, so the next run writing `NAME` removes those whose process is
/// gone. A resumable run (`extract --resume`) writes `.NAME.partial` instead and keeps it
/// when it fails, for the next run to go on with.
pub struct Output {
    inner: BufWriter<Sink>,
    /// A file output: the file being written and the final name.
    paths: Option<(PathBuf, PathBuf)>,
    /// Keep the file being written when the run fails (`--resume`).
    keep_on_error: bool,
}

enum Sink {
    Stdout(io::Stdout),
    File(File),
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Sink::Stdout(s) => s.write(buf),
            Sink::File(f) => f.write(buf),
        }
    }
    fn flush(&mut self) -> io::Result<()> {
        match self {
            Sink::Stdout(s) => s.flush(),
            Sink::File(f) => f.flush(),
        }
    }
}

impl Output {
    pub fn create(path: Option<&Path>) -> Result<Output> {
        match path {
            None => Ok(Output {
                inner: BufWriter::with_capacity(1 << 16, Sink::Stdout(io::stdout())),
                paths: None,
                keep_on_error: false,
            }),
            Some(p) if p.as_os_str() == "-" => Output::create(None),
            Some(p) => {
                remove_stale_temporaries(p);
                let tmp = hidden_beside(p, &format!("{}.tmp", std::process::id()));
                let file = File::create(&tmp)
                    .with_context(|| format!("{}: cannot create", tmp.display()))?;
                Ok(Output {
                    inner: BufWriter::with_capacity(1 << 16, Sink::File(file)),
                    paths: Some((tmp, p.to_path_buf())),
                    keep_on_error: false,
                })
            }
        }
    }

    /// The output of a resumable run: `partial`, cut to its first `keep` bytes (what the last
    /// checkpoint vouches for) and written on from there; moved to `path` by
    /// [`Output::finish`], and kept when the run fails.
    pub fn resumable(partial: &Path, path: &Path, keep: u64) -> Result<Output> {
        remove_stale_temporaries(path);
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .write(true)
            .truncate(false)
            .open(partial)
            .with_context(|| format!("{}: cannot open", partial.display()))?;
        file.set_len(keep)
            .and_then(|()| file.seek(SeekFrom::End(0)))
            .with_context(|| format!("{}: cannot cut to {keep} bytes", partial.display()))?;
        Ok(Output {
            inner: BufWriter::with_capacity(1 << 16, Sink::File(file)),
            paths: Some((partial.to_path_buf(), path.to_path_buf())),
            keep_on_error: true,
        })
    }

    /// A second handle on the file being written (none for standard output), to sync and
    /// measure it between batches while the pipeline holds the output.
    pub fn file_handle(&self) -> Result<Option<File>> {
        match self.inner.get_ref() {
            Sink::Stdout(_) => Ok(None),
            Sink::File(f) => Ok(Some(
                f.try_clone().context("duplicating the output handle")?,
            )),
        }
    }

    /// Flushes and moves the file into place.
    pub fn finish(mut self) -> Result<()> {
        self.inner.flush().context("writing output")?;
        if let Some((tmp, path)) = self.paths.take() {
            let inner =
                std::mem::replace(&mut self.inner, BufWriter::new(Sink::Stdout(io::stdout())));
            let file = inner.into_inner().map_err(|e| e.into_error())?;
            drop(file);
            // Data on disk before the name: after a power cut the final name holds the
            // whole file, never an empty or partial one (ext4 and xfs may commit a rename
            // before the data it names).
            File::open(&tmp)
                .and_then(|f| f.sync_all())
                .with_context(|| format!("{}: cannot sync", tmp.display()))?;
            std::fs::rename(&tmp, &path)
                .with_context(|| format!("{}: cannot move into place", path.display()))?;
        }
        Ok(())
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.inner.write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

impl Drop for Output {
    fn drop(&mut self) {
        // Not finished: an error happened. Leave no partial file behind, unless it is kept
        // for --resume.
        if let Some((tmp, _)) = self.paths.take()
            && !self.keep_on_error
        {
            let _ = std::fs::remove_file(tmp);
        }
    }
}

/// `.NAME.suffix` in the folder of `path`.
pub fn hidden_beside(path: &Path, suffix: &str) -> PathBuf {
    let name = path
        .file_name()
        .map_or("out".into(), |n| n.to_string_lossy());
    path.with_file_name(format!(".{name}.{suffix}"))
}

/// Removes the temporary files `.NAME.PID.tmp` beside `path` whose process is gone: what runs
/// killed while writing `path` left behind. A process is alive while `/proc/PID` exists, so
/// a run still writing `path` keeps its file; without `/proc` nothing is removed.
fn remove_stale_temporaries(path: &Path) {
    let proc = Path::new("/proc");
    if !proc.join("self").exists() {
        return;
    }
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return;
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let prefix = format!(".{name}.");
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(pid) = file_name
            .to_str()
            .and_then(|f| f.strip_prefix(&prefix))
            .and_then(|f| f.strip_suffix(".tmp"))
        else {
            continue;
        };
        if !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()) && !proc.join(pid).exists() {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// How many bad records and unreadable inputs a command prints one by one before only
/// counting them.
pub const SHOWN_PROBLEMS: u64 = 100;

/// What reading extract output found.
#[derive(Debug, Default, Clone, Copy)]
pub struct ReadCounts {
    pub records: u64,
    pub bad: u64,
    pub unreadable: u64,
}

/// Reads extract article records from `inputs` and hands each to `add`, which says why a
/// record cannot be used (`Ok(Err(reason))`) or fails the command (`Err`). Bad records and
/// unreadable inputs are reported on standard error, the first [`SHOWN_PROBLEMS`] one by one,
/// and counted. Shared by the commands that read extract output (stats, graph, report).
pub fn for_each_record(
    inputs: &[PathBuf],
    mut add: impl FnMut(&newsgraph::extracted::ArticleRecord) -> Result<Result<(), String>>,
) -> Result<ReadCounts> {
    use newsgraph::extracted::{self, Item, RECORD_LIMIT};
    let mut counts = ReadCounts::default();
    let mut problems = 0u64;
    let mut report = |line: String| {
        problems += 1;
        if problems <= SHOWN_PROBLEMS {
            eprintln!("newsgraph: {line}");
        }
    };
    for item in newsgraph::input::Reader::new(inputs, RECORD_LIMIT) {
        match extracted::parse(item) {
            Item::Record(rec) => match add(&rec)? {
                Ok(()) => counts.records += 1,
                Err(reason) => {
                    counts.bad += 1;
                    report(format!("record {:?}: {reason}", rec.id));
                }
            },
            Item::Bad(b) => {
                counts.bad += 1;
                report(b.to_string());
            }
            Item::Unreadable(e) => {
                counts.unreadable += 1;
                report(e.to_string());
            }
        }
    }
    Ok(counts)
}

/// Reads saved stats documents and merges them, naming the file of any error. `paths` must not
/// be empty.
pub fn merge_stats_files(paths: &[PathBuf]) -> Result<newsgraph::stats::Stats> {
    let mut merged: Option<newsgraph::stats::Stats> = None;
    for p in paths {
        let text =
            std::fs::read_to_string(p).with_context(|| format!("{}: cannot read", p.display()))?;
        let s =
            newsgraph::stats::Stats::from_json(&text).with_context(|| p.display().to_string())?;
        match &mut merged {
            None => merged = Some(s),
            Some(m) => m.merge(s).with_context(|| p.display().to_string())?,
        }
    }
    merged.context("no stats document to merge")
}
