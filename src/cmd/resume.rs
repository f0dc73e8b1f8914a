//! `extract --resume`: what a resumable run keeps beside its output, so that a run killed
//! part-way goes on after its last checkpoint and still ends with the bytes an uninterrupted
//! run writes.
//!
//! A resumable run writes `.NAME.partial` (a stable name, where a normal run writes
//! `.NAME.PID.tmp`). At the end of a batch, once [`CHECKPOINT_ITEMS`] items have been read or
//! [`CHECKPOINT_INTERVAL`] has passed since the last checkpoint, it makes what it wrote durable
//! (`fsync` of the partial output and of the rejects file) and then records in
//! `.NAME.checkpoint` how far it got: the items read (records, rejects and input errors, in
//! input order), the bytes of output and rejects that hold them, and the counts of the
//! summary. The output is a pure function of each record written in input order, so a run
//! that cuts the partial file back to the checkpointed length, skips the items already read
//! and goes on appends exactly the bytes the killed run would have written.
//!
//! The checkpoint also holds a [`Fingerprint`] of the command: the options that change the
//! output and the size and modification time of every input and dictionary file. A resume
//! with anything different is refused, naming what changed; so is one whose partial or
//! rejects file is shorter than its checkpoint says (a crash of the machine, not of the run,
//! or a hand edit).

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, UNIX_EPOCH};

use anyhow::{Context, Result, bail};
use newsgraph::pipeline::Summary;
use serde::{Deserialize, Serialize};

use super::hidden_beside;

/// A checkpoint is written at the first batch end after this many items…
pub const CHECKPOINT_ITEMS: u64 = 10_000;
/// …or after this long, whichever comes first. Each checkpoint costs a few `fsync`s (about
/// 10 ms on the development machine's disk), so this keeps their cost near 1% and bounds the
/// work a kill loses to a few seconds.
pub const CHECKPOINT_INTERVAL: Duration = Duration::from_secs(5);

/// What makes two runs the same command: if any of it differs, a checkpoint of one is
/// meaningless to the other.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Fingerprint {
    newsgraph: String,
    /// The options that change the output, by name.
    options: serde_json::Map<String, serde_json::Value>,
    /// Every input, dictionary and relation file (folders listed), in the order given.
    files: Vec<Stamp>,
}

/// A file as a checkpoint saw it.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
struct Stamp {
    path: String,
    /// `None` when it could not be read (a missing input is an input error, not a failure).
    bytes: Option<u64>,
    /// Modification time, `seconds.nanoseconds` since 1970.
    modified: Option<String>,
}

impl Fingerprint {
    /// `options`: name and value of each option that changes the output; `files`: the paths
    /// the run reads (a folder stands for every file below it).
    pub fn new(options: &[(&str, String)], files: &[&Path]) -> Fingerprint {
        let mut stamps = Vec::new();
        for f in files {
            stamp(f, &mut stamps);
        }
        Fingerprint {
            newsgraph: env!("CARGO_PKG_VERSION").to_string(),
            options: options
                .iter()
                .map(|(k, v)| (k.to_string(), v.clone().into()))
                .collect(),
            files: stamps,
        }
    }

    /// What differs from `now`, for the error message: at most a few items.
    fn differences(&self, now: &Fingerprint) -> String {
        let mut diffs = Vec::new();
        if self.newsgraph != now.newsgraph {
            diffs.push(format!(
                "written by newsgraph {}, this is {}",
                self.newsgraph, now.newsgraph
            ));
        }
        for (name, value) in &now.options {
            let then = self.options.get(name).unwrap_or(&serde_json::Value::Null);
            if then != value {
                diffs.push(format!("{name} was {then}, is {value}"));
            }
        }
        for s in &self.files {
            match now.files.iter().find(|n| n.path == s.path) {
                None => diffs.push(format!("{}: no longer read", s.path)),
                Some(n) if n != s => diffs.push(format!(
                    "{}: changed ({} bytes, modified {} then; {} bytes, modified {} now)",
                    s.path,
                    show(s.bytes),
                    s.modified.as_deref().unwrap_or("?"),
                    show(n.bytes),
                    n.modified.as_deref().unwrap_or("?"),
                )),
                Some(_) => {}
            }
        }
        for n in &now.files {
            if !self.files.iter().any(|s| s.path == n.path) {
                diffs.push(format!("{}: not read then", n.path));
            }
        }
        if diffs.is_empty() {
            // Same content in another order.
            diffs.push("the inputs are in another order".into());
        }
        let more = diffs.len().saturating_sub(3);
        diffs.truncate(3);
        if more > 0 {
            diffs.push(format!("{more} more"));
        }
        diffs.join("; ")
    }
}

fn show(bytes: Option<u64>) -> String {
    bytes.map_or("?".into(), |b| b.to_string())
}

fn stamp(path: &Path, out: &mut Vec<Stamp>) {
    if path.is_dir() {
        // Hidden entries are skipped, as the reader skips them (and a resumable output's
        // own partial file may be among them).
        let mut entries: Vec<PathBuf> = match std::fs::read_dir(path) {
            Ok(rd) => rd
                .filter_map(|e| e.ok())
                .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
                .map(|e| e.path())
                .collect(),
            Err(_) => Vec::new(),
        };
        entries.sort();
        for e in entries {
            stamp(&e, out);
        }
        return;
    }
    let meta = std::fs::metadata(path).ok();
    out.push(Stamp {
        path: path.display().to_string(),
        bytes: meta.as_ref().map(|m| m.len()),
        modified: meta
            .and_then(|m| m.modified().ok())
            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
            .map(|d| format!("{}.{:09}", d.as_secs(), d.subsec_nanos())),
    });
}

/// How far a run got: what a checkpoint records.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    /// Items read from the inputs (articles, rejects, input errors).
    pub items: u64,
    /// Bytes of output that hold them.
    pub output_bytes: u64,
    /// Bytes of the rejects file that hold their rejects.
    pub rejects_bytes: u64,
    /// Rejects and input errors so far (the first [`super::SHOWN_PROBLEMS`] are printed).
    pub problems: u64,
    /// The counts of the whole run so far (the resumed part included), as fields of their own
    /// in the checkpoint file.
    #[serde(flatten)]
    pub counts: Summary,
}

impl Progress {
    pub fn summary(&self) -> Summary {
        self.counts.clone()
    }

    /// `summary`: the counts of the whole run so far (the resumed part included).
    pub fn new(summary: &Summary, output_bytes: u64, rejects_bytes: u64, problems: u64) -> Self {
        Progress {
            items: summary.items(),
            output_bytes,
            rejects_bytes,
            problems,
            counts: summary.clone(),
        }
    }
}

#[derive(Serialize, Deserialize)]
struct Checkpoint {
    fingerprint: Fingerprint,
    progress: Progress,
}

/// The files of a resumable run and when to write its next checkpoint.
pub struct Resume {
    output: PathBuf,
    partial: PathBuf,
    checkpoint: PathBuf,
    fingerprint: Fingerprint,
    last_time: Instant,
    last_items: u64,
}

impl Resume {
    pub fn new(output: &Path, fingerprint: Fingerprint) -> Resume {
        Resume {
            output: output.to_path_buf(),
            partial: hidden_beside(output, "partial"),
            checkpoint: hidden_beside(output, "checkpoint"),
            fingerprint,
            last_time: Instant::now(),
            last_items: 0,
        }
    }

    /// The file the output is written to until it is complete.
    pub fn partial(&self) -> &Path {
        &self.partial
    }

    pub fn output(&self) -> &Path {
        &self.output
    }

    /// Reads the checkpoint of an earlier run of this command: `None` when there is nothing
    /// to go on from (no checkpoint, or no partial output for it: the run was killed before
    /// its first checkpoint, or after its output was moved into place). Fails when the
    /// checkpoint is of another command, or the files it vouches for are shorter than it
    /// says.
    pub fn load(&mut self, rejects: Option<&Path>) -> Result<Option<Progress>> {
        let text = match std::fs::read_to_string(&self.checkpoint) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => {
                return Err(e)
                    .with_context(|| format!("{}: cannot read", self.checkpoint.display()));
            }
        };
        if !self.partial.exists() {
            // Stale: gone now, so that a run killed before its first checkpoint is not
            // taken for the run this checkpoint was of.
            std::fs::remove_file(&self.checkpoint)
                .with_context(|| format!("{}: cannot remove", self.checkpoint.display()))?;
            return Ok(None);
        }
        let saved: Checkpoint = serde_json::from_str(&text).with_context(|| {
            format!(
                "{}: not a checkpoint; remove it and {} to start over",
                self.checkpoint.display(),
                self.partial.display()
            )
        })?;
        if saved.fingerprint != self.fingerprint {
            bail!(
                "cannot resume: {} is the checkpoint of another command or other inputs ({}); \
                 run the same command, or remove it and {} to start over",
                self.checkpoint.display(),
                saved.fingerprint.differences(&self.fingerprint),
                self.partial.display()
            );
        }
        let p = saved.progress;
        let too_short = |path: &Path, want: u64| -> Result<()> {
            let have = std::fs::metadata(path).map_or(0, |m| m.len());
            if have < want {
                bail!(
                    "cannot resume: {} has {have} bytes, its checkpoint {} says {want}; \
                     remove the checkpoint to start over",
                    path.display(),
                    self.checkpoint.display()
                );
            }
            Ok(())
        };
        too_short(&self.partial, p.output_bytes)?;
        if let Some(r) = rejects {
            too_short(r, p.rejects_bytes)?;
        }
        self.last_items = p.items;
        Ok(Some(p))
    }

    /// Whether a checkpoint is due at a batch end, `items` having been read in all.
    pub fn due(&self, items: u64) -> bool {
        items - self.last_items >= CHECKPOINT_ITEMS
            || self.last_time.elapsed() >= CHECKPOINT_INTERVAL
    }

    /// Records `progress`. The output and rejects it counts must be durable already.
    pub fn save(&mut self, progress: &Progress) -> Result<()> {
        let tmp = hidden_beside(&self.output, "checkpoint.tmp");
        let json = serde_json::to_vec_pretty(&Checkpoint {
            fingerprint: self.fingerprint.clone(),
            progress: progress.clone(),
        })?;
        let write = || -> std::io::Result<()> {
            let mut f = File::create(&tmp)?;
            f.write_all(&json)?;
            f.sync_all()?;
            std::fs::rename(&tmp, &self.checkpoint)?;
            // The rename itself, durable: the folder's entry.
            if let Some(dir) = self
                .checkpoint
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
            {
                File::open(dir)?.sync_all()?;
            }
            Ok(())
        };
        write().with_context(|| format!("{}: cannot write", self.checkpoint.display()))?;
        self.last_items = progress.items;
        self.last_time = Instant::now();
        Ok(())
    }

    /// The output is in place: the checkpoint has nothing left to say.
    pub fn finish(self) -> Result<()> {
        match std::fs::remove_file(&self.checkpoint) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => {
                Err(e).with_context(|| format!("{}: cannot remove", self.checkpoint.display()))
            }
        }
    }
}
