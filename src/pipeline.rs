//! The per-article pipeline (segment → match → relate) and the ordered parallel run over a
//! stream of raw records.
//!
//! [`Pipeline::process`] is a pure function of the article: its result never depends on
//! which other articles share a batch or a thread, which is what makes the output
//! byte-identical at any thread count and lets Spark split the input anywhere. [`Pipeline::run`]
//! reads batches on one thread while each worker of the rayon pool processes a whole earlier
//! one, and writes results in input order.

use std::collections::VecDeque;
use std::io::{self, Write};
use std::ops::{ControlFlow, Range};
use std::sync::mpsc;

use crate::article::{self, Article, ArticleOptions, Reject};
use crate::dictionary::{Day, Dictionary, EntityId, EntityType, Form};
use crate::extraction::Scratch;
use crate::homonyms::Homonyms;
use crate::input::{InputError, Raw, Reader};
use crate::matcher::Matcher;
use crate::open_world::Grammar;
use crate::record::{self, Names};
use crate::relate::{Context, Relater, ontology::Ontology};
use crate::segment;

// The per-article result types live in `extraction`, where `record` reads them too; they are
// re-exported here, where they were first defined.
pub use crate::extraction::{Extraction, Field, Found, FoundRelation, Sentence};

/// Switches that change what the pipeline reports.
#[derive(Clone, Debug)]
pub struct Options {
    /// Report metonyms ("Beijing said") as mentions of their entity.
    pub metonyms: bool,
    /// Find companies that no dictionary lists by the form of their names ("Pennzoil Co",
    /// "Citicorp <CCI>"): [`crate::open_world`].
    pub open_world: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            metonyms: true,
            open_world: true,
        }
    }
}

/// What to write per article.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Emit {
    /// One record per article: entities, mentions, relations.
    Articles,
    /// One line per relation, with the article's id, date and source.
    Relations,
}

/// Dictionary, matcher and relation rules: built once, shared by every worker.
pub struct Pipeline {
    dict: Dictionary,
    matcher: Matcher,
    homonyms: Homonyms,
    relater: Relater,
    options: Options,
}

impl<'a> From<&'a Pipeline> for Names<'a> {
    fn from(pipeline: &'a Pipeline) -> Names<'a> {
        pipeline.names()
    }
}

/// Counts of a run, for the summary line. Every item the reader gives is counted once: as an
/// article, a reject or an input error.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Summary {
    pub articles: u64,
    pub mentions: u64,
    pub entities: u64,
    pub relations: u64,
    pub rejects: u64,
    pub input_errors: u64,
    /// Sentences where relations were capped (see [`Extraction::capped_sentences`]).
    pub capped_sentences: u64,
}

impl Summary {
    /// Items the reader gave: articles, rejects and input errors (a resumed run skips this
    /// many).
    pub fn items(&self) -> u64 {
        self.articles + self.rejects + self.input_errors
    }

    /// Adds the counts of another part of the same run (a run resumed after a checkpoint).
    pub fn add(&mut self, other: &Summary) {
        self.articles += other.articles;
        self.mentions += other.mentions;
        self.entities += other.entities;
        self.relations += other.relations;
        self.rejects += other.rejects;
        self.input_errors += other.input_errors;
        self.capped_sentences += other.capped_sentences;
    }
}

/// What a run tells its caller as it goes; the caller decides whether to go on.
pub enum Event<'a> {
    /// A record could not be read as an article; `raw` is the record as read.
    Reject { reject: &'a Reject, raw: &'a Raw },
    /// A file could not be opened or read to its end.
    InputError(&'a InputError),
    /// A batch was written and flushed: every record up to its end is in the output, and
    /// `so_far` counts them (`--resume` checkpoints here).
    Batch { articles: u64, so_far: &'a Summary },
}

/// Records per batch: large enough that handing a batch to a worker costs nothing next to
/// processing it, small enough to keep memory flat (a batch per worker) and output flowing (a batch is flushed as soon as it is written). [`Pipeline::run_with_batch`]
/// takes another count; the output is the same for any.
pub const BATCH_RECORDS: usize = 512;
const BATCH_BYTES: usize = 8 << 20;

/// Relations are sought only in sentences up to this length. Every relation carries its
/// sentence as evidence (docs/output.md), so a run-on "sentence" (a scraped table, 50,000
/// clauses joined by "and") with n relations costs n times its length in output: one 2 MB
/// sentence of that kind needed over 20 GB before this limit. The longest sentence of the
/// 19,043 Reuters stories is 1,303 characters, so real text is not affected.
pub const MAX_RELATION_SENTENCE_BYTES: usize = 4096;

/// At most this many relations are kept per sentence (the first ones, in the order the rules
/// give them), so the relation evidence of an article is at most this many times its size.
/// The most in one Reuters sentence is 12.
pub const MAX_RELATIONS_PER_SENTENCE: usize = 32;

impl Pipeline {
    pub fn new(dict: Dictionary, ontology: Ontology, options: Options) -> Pipeline {
        let matcher = Matcher::new(&dict);
        Pipeline {
            homonyms: Homonyms::new(&dict),
            dict,
            matcher,
            relater: Relater::new(ontology),
            options,
        }
    }

    /// The built-in dictionaries and relation table.
    pub fn defaults() -> Pipeline {
        Pipeline::new(
            Dictionary::defaults(),
            Ontology::defaults(),
            Options::default(),
        )
    }

    pub fn dictionary(&self) -> &Dictionary {
        &self.dict
    }

    pub fn matcher(&self) -> &Matcher {
        &self.matcher
    }

    pub fn ontology(&self) -> &Ontology {
        self.relater.ontology()
    }

    /// The tables the writer looks ids up in.
    pub fn names(&self) -> Names<'_> {
        Names {
            dictionary: &self.dict,
            matcher: &self.matcher,
            ontology: self.relater.ontology(),
        }
    }

    /// Finds sentences, mentions and relations in one article.
    pub fn process(&self, article: &Article) -> Extraction {
        let mut out = Extraction::default();
        self.process_into(article, &mut out);
        out
    }

    /// Like [`Pipeline::process`], into a caller's buffers.
    pub fn process_into(&self, article: &Article, out: &mut Extraction) {
        out.clear();
        let Extraction {
            sentences,
            mentions: found_mentions,
            relations,
            open,
            capped_sentences,
            scratch,
        } = out;
        let Scratch {
            field_mentions,
            ranges,
            found,
            lower,
            known,
            names,
            anchors,
            ..
        } = scratch;
        let fields = [
            (Field::Title, article.title.as_deref().unwrap_or("")),
            (Field::Text, article.text.as_str()),
        ];
        // The article's day, read once: people act for their state only in office, and
        // renamed states' names name the former state before it ended.
        let day = article.date().and_then(Day::parse_article);
        for (k, &(field, text)) in fields.iter().enumerate() {
            let mentions = &mut field_mentions[k];
            mentions.clear();
            ranges.clear();
            segment::sentences_into(text, ranges);
            self.matcher.find_with(text, lower, mentions);
            self.matcher.date_mentions(day, mentions);
            // Before metonyms go: a capital in the sentence ("Tbilisi") is the country's cue.
            self.homonyms.read(text, ranges, mentions);
            if !self.options.metonyms {
                mentions.retain(|m| !matches!(m.form, Form::Metonym | Form::Person));
            }
            // "Treasury Secretary James Baker …, Baker said": later surnames are the person.
            self.matcher.surname_mentions(text, mentions);
            if self.options.open_world {
                Grammar::builtin().add_companies(
                    &self.matcher,
                    text,
                    mentions,
                    open,
                    known,
                    names,
                    anchors,
                );
            }
            let first_sentence = sentences.len();
            sentences.extend(ranges.drain(..).map(|range| Sentence { field, range }));
            let mut s = first_sentence;
            for m in mentions.iter() {
                while s + 1 < sentences.len() && sentences[s].range.end <= m.start {
                    s += 1;
                }
                found_mentions.push(Found {
                    field,
                    sentence: s as u32,
                    mention: *m,
                });
            }
        }
        let dominant = self.dominant_country(found_mentions);
        for (k, &(field, text)) in fields.iter().enumerate() {
            let mentions = &field_mentions[k];
            let ctx = Context {
                mentions,
                dominant_country: dominant,
            };
            let may_relate = ctx.may_relate();
            let mut lo = 0;
            for (si, sentence) in sentences.iter().enumerate() {
                if sentence.field != field {
                    continue;
                }
                while lo < mentions.len() && mentions[lo].start < sentence.range.start {
                    lo += 1;
                }
                let mut hi = lo;
                while hi < mentions.len() && mentions[hi].end <= sentence.range.end {
                    hi += 1;
                }
                found.clear();
                if sentence.range.len() > MAX_RELATION_SENTENCE_BYTES {
                    // Only a run-on sentence with two mentions could hold a relation.
                    if hi - lo >= 2 {
                        *capped_sentences += 1;
                    }
                    lo = hi;
                    continue;
                }
                if may_relate {
                    self.relater.relate_into(
                        &self.dict,
                        text,
                        sentence.range.clone(),
                        &mentions[lo..hi],
                        &ctx,
                        found,
                    );
                }
                if !open.is_empty() {
                    let dictionary = self.dict.entities().len() as EntityId;
                    for r in found.iter_mut() {
                        if r.subject.entity >= dictionary || r.object.entity >= dictionary {
                            r.confidence = crate::relate::through_open_world(r.confidence);
                        }
                    }
                }
                let unsure = &mentions[lo..hi];
                if unsure.iter().any(|m| m.ambiguous) {
                    let through = |a: &crate::relate::Arg| {
                        unsure
                            .iter()
                            .any(|m| m.ambiguous && a.start <= m.start && m.end <= a.end)
                    };
                    for r in found.iter_mut() {
                        if through(&r.subject) || through(&r.object) {
                            r.confidence = crate::relate::through_ambiguous(r.confidence);
                        }
                    }
                }
                if found.len() > MAX_RELATIONS_PER_SENTENCE {
                    found.truncate(MAX_RELATIONS_PER_SENTENCE);
                    *capped_sentences += 1;
                }
                relations.extend(found.drain(..).map(|relation| FoundRelation {
                    field,
                    sentence: si as u32,
                    relation,
                }));
                lo = hi;
            }
        }
    }

    /// The country mentioned most often (ties: the first mentioned).
    fn dominant_country(&self, mentions: &[Found]) -> Option<EntityId> {
        let mut counts: Vec<(EntityId, usize, usize)> = Vec::new();
        for (i, f) in mentions.iter().enumerate() {
            let e = f.mention.entity;
            if self.matcher.kind(e) != EntityType::Country {
                continue;
            }
            match counts.iter_mut().find(|c| c.0 == e) {
                Some(c) => c.1 += 1,
                None => counts.push((e, 1, i)),
            }
        }
        counts
            .into_iter()
            .max_by(|a, b| a.1.cmp(&b.1).then(b.2.cmp(&a.2)))
            .map(|c| c.0)
    }

    /// Processes one raw record into its output bytes (appended to `out`), or a reject.
    pub fn process_raw(
        &self,
        raw: &Raw,
        opts: &ArticleOptions,
        emit: Emit,
        out: &mut Vec<u8>,
    ) -> Result<Counts, Reject> {
        self.process_raw_with(raw, opts, emit, &mut Extraction::default(), out)
    }

    /// Like [`Pipeline::process_raw`], reusing the buffers of `ex` (which it leaves holding
    /// the record's extraction).
    pub fn process_raw_with(
        &self,
        raw: &Raw,
        opts: &ArticleOptions,
        emit: Emit,
        ex: &mut Extraction,
        out: &mut Vec<u8>,
    ) -> Result<Counts, Reject> {
        let article = article::parse(raw, opts)?;
        self.process_into(&article, ex);
        match emit {
            Emit::Articles => record::write_article(self, &article, ex, out),
            Emit::Relations => record::write_relations(self, &article, ex, out),
        }
        let entities = &mut ex.scratch.entities;
        entities.clear();
        entities.extend(ex.mentions.iter().map(|m| m.mention.entity));
        entities.sort_unstable();
        entities.dedup();
        Ok(Counts {
            mentions: ex.mentions.len() as u64,
            entities: entities.len() as u64,
            relations: ex.relations.len() as u64,
            capped_sentences: u64::from(ex.capped_sentences),
        })
    }

    /// Reads every record of `reader`, processes batches in parallel on the current rayon
    /// pool, and writes results to `out` in input order, flushing after each batch. `on_event`
    /// hears of rejects, input errors and finished batches, and may stop the run.
    pub fn run<W: Write>(
        &self,
        reader: Reader,
        opts: &ArticleOptions,
        emit: Emit,
        out: &mut W,
        on_event: impl FnMut(Event<'_>) -> ControlFlow<()>,
    ) -> io::Result<Summary> {
        self.run_with_batch(reader, opts, emit, out, BATCH_RECORDS, on_event)
    }

    /// Like [`Pipeline::run`], with batches of at most `batch_records` records (at least 1)
    /// instead of [`BATCH_RECORDS`]. The output does not depend on it; tests use it to check
    /// that.
    pub fn run_with_batch<W: Write>(
        &self,
        reader: Reader,
        opts: &ArticleOptions,
        emit: Emit,
        out: &mut W,
        batch_records: usize,
        mut on_event: impl FnMut(Event<'_>) -> ControlFlow<()>,
    ) -> io::Result<Summary> {
        let batch_records = batch_records.max(1);
        let (tx, rx) = mpsc::sync_channel::<Vec<Result<Raw, InputError>>>(2);
        let producer = std::thread::spawn(move || {
            let mut batch = Vec::with_capacity(batch_records);
            let mut bytes = 0;
            for item in reader {
                bytes += item.as_ref().map_or(0, |r| r.bytes.len());
                batch.push(item);
                if batch.len() >= batch_records || bytes >= BATCH_BYTES {
                    if tx.send(std::mem::take(&mut batch)).is_err() {
                        return;
                    }
                    bytes = 0;
                }
            }
            if !batch.is_empty() {
                let _ = tx.send(batch);
            }
        });
        let mut summary = Summary::default();
        let mut stopped = false;
        let mut batches = rx.into_iter();
        // Each batch is one task of the pool, processed whole by one worker; one more than
        // the workers are in flight, and they are written here in input order as each is
        // done. Splitting a batch across the workers instead left a core idle 5% of a
        // 2-thread run (`perf sched`: workers asleep in rayon waiting for the other's half, or
        // for the next batch); whole batches, each worker always with one to take, 1%.
        rayon::in_place_scope(|scope| -> io::Result<()> {
            let mut in_flight = VecDeque::new();
            loop {
                while in_flight.len() <= rayon::current_num_threads() {
                    let Some(batch) = batches.next() else {
                        break;
                    };
                    let (done, processed) = mpsc::sync_channel(1);
                    scope.spawn(move |_| {
                        let output = self.process_batch(&batch, opts, emit);
                        let _ = done.send((batch, output));
                    });
                    in_flight.push_back(processed);
                }
                let Some(processed) = in_flight.pop_front() else {
                    return Ok(());
                };
                // No result means the task panicked; the scope raises that panic on return.
                let Some((batch, output)) = wait_for(&processed) else {
                    return Ok(());
                };
                // The records' bytes are written straight from the worker's buffer, which
                // holds them one after the other: all of it unless an event stops the run, and
                // then the bytes before that record.
                let mut articles = 0;
                for (item, (range, result)) in batch.iter().zip(&output.results) {
                    let stop = match (item, result) {
                        (Err(e), _) => {
                            summary.input_errors += 1;
                            on_event(Event::InputError(e)).is_break()
                        }
                        (Ok(_), Ok(counts)) => {
                            articles += 1;
                            summary.articles += 1;
                            summary.mentions += counts.mentions;
                            summary.entities += counts.entities;
                            summary.relations += counts.relations;
                            summary.capped_sentences += counts.capped_sentences;
                            false
                        }
                        (Ok(raw), Err(reject)) => {
                            summary.rejects += 1;
                            on_event(Event::Reject { reject, raw }).is_break()
                        }
                    };
                    if stop {
                        // A reject or an input error, which wrote nothing: `range` is empty
                        // and ends where the records before it end.
                        out.write_all(&output.bytes[..range.end])?;
                        stopped = true;
                        return Ok(());
                    }
                }
                out.write_all(&output.bytes)?;
                out.flush()?;
                let so_far = &summary;
                if on_event(Event::Batch { articles, so_far }).is_break() {
                    stopped = true;
                    return Ok(());
                }
            }
        })?;
        // After a stop the receiver is gone, so the reader ends at its next send; it is not
        // waited for, since it may be blocked reading standard input.
        if !stopped {
            let _ = producer.join();
        }
        Ok(summary)
    }
}

/// Waits for a batch task's result (`None` if the task panicked). A run called from inside a
/// pool (`ThreadPool::install`) is itself on a worker, which must not just block: with one
/// thread, the task waited for could only run on it. So it runs pending tasks of the pool
/// while it waits, and blocks only when it has none or is not a worker.
fn wait_for<T>(processed: &mpsc::Receiver<T>) -> Option<T> {
    loop {
        match processed.try_recv() {
            Ok(t) => return Some(t),
            Err(mpsc::TryRecvError::Disconnected) => return None,
            Err(mpsc::TryRecvError::Empty) => {}
        }
        match rayon::yield_now() {
            None => return processed.recv().ok(),
            Some(rayon::Yield::Executed) => {}
            Some(rayon::Yield::Idle) => {
                match processed.recv_timeout(std::time::Duration::from_millis(1)) {
                    Ok(t) => return Some(t),
                    Err(mpsc::RecvTimeoutError::Disconnected) => return None,
                    Err(mpsc::RecvTimeoutError::Timeout) => {}
                }
            }
        }
    }
}

/// The output of a batch: its records' bytes, one after the other, and per record the range
/// of its bytes and its counts, or its reject.
struct Output {
    bytes: Vec<u8>,
    results: Vec<(Range<usize>, Result<Counts, Reject>)>,
}

impl Pipeline {
    /// Processes a batch on the current thread into one buffer, reusing one Extraction (a
    /// buffer per record, grown from empty, cost more in allocation than writing the JSON).
    fn process_batch(
        &self,
        items: &[Result<Raw, InputError>],
        opts: &ArticleOptions,
        emit: Emit,
    ) -> Output {
        let mut ex = Extraction::default();
        let input: usize = items
            .iter()
            .map(|i| i.as_ref().map_or(0, |r| r.bytes.len()))
            .sum();
        let mut output = Output {
            bytes: Vec::with_capacity(input * 3 / 2),
            results: Vec::with_capacity(items.len()),
        };
        for item in items {
            let start = output.bytes.len();
            let result = match item {
                Ok(raw) => self.process_raw_with(raw, opts, emit, &mut ex, &mut output.bytes),
                Err(_) => Ok(Counts::default()),
            };
            if result.is_err() {
                output.bytes.truncate(start);
            }
            output.results.push((start..output.bytes.len(), result));
        }
        output
    }
}

impl Pipeline {
    /// Processes records held in memory (the Python bindings' chunks) in parallel on the
    /// current rayon pool and gives each one's output bytes, or its reject, in input order.
    /// Each worker takes a run of records and reuses one `Extraction`, as in [`Pipeline::run`];
    /// a run is an eighth of a worker's share, so a slow article does not leave a core idle.
    pub fn process_chunk(
        &self,
        items: &[Raw],
        opts: &ArticleOptions,
        emit: Emit,
    ) -> Vec<Result<Vec<u8>, Reject>> {
        use rayon::prelude::*;
        let run = items
            .len()
            .div_ceil(rayon::current_num_threads() * 8)
            .max(1);
        let runs: Vec<Vec<Result<Vec<u8>, Reject>>> = items
            .par_chunks(run)
            .map(|part| {
                let mut ex = Extraction::default();
                part.iter()
                    .map(|raw| {
                        let mut out = Vec::with_capacity(raw.bytes.len() * 3 / 2);
                        self.process_raw_with(raw, opts, emit, &mut ex, &mut out)
                            .map(|_| out)
                    })
                    .collect()
            })
            .collect();
        runs.into_iter().flatten().collect()
    }
}

/// What one article contributed to the summary.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub mentions: u64,
    pub entities: u64,
    pub relations: u64,
    pub capped_sentences: u64,
}
