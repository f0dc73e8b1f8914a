//! The Python bindings (`pip install .` builds them, with the cargo feature `python`):
//! `newsgraph.Extractor` and the iterators it gives. They are a thin layer like the binary:
//! the same dictionary loading, the same [`Pipeline`] and record writer, and for files the
//! same [`Reader`] and [`Pipeline::run`], so that a record in Python is `json.loads` of the
//! CLI's line for that article, byte for byte before decoding.
//!
//! Python input is read in chunks: while the rayon pool works on one chunk (the GIL
//! released), the calling thread decodes the records of the chunk before and encodes the one
//! after, so at most three chunks are held and a generator of millions of articles streams in
//! bounded memory. A bad
//! record is a [`Reject`] in the iterator's `rejects` list (and given to `on_reject`), as the
//! CLI reports it; only what stops the CLI before it reads an article (a dictionary error)
//! raises. The exception classes are defined in `python/newsgraph/__init__.py`, where a
//! `DictionaryError` can be both a `newsgraph.Error` and a `ValueError`.

use std::collections::VecDeque;
use std::io::{self, Write};
use std::ops::ControlFlow;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, mpsc};

use bytes::Bytes;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyIterator, PyList, PyString, PyType};

use crate::article::{self, ArticleOptions};
use crate::dictionary::DictionaryBuilder;
use crate::input::{Raw, RawKind, Reader};
use crate::pipeline::{Emit, Event, Options, Pipeline};
use crate::relate::ontology::Ontology;

/// The allocator the binary uses (src/main.rs says why: 7–8% faster on two threads); the
/// binary leaves its own out when this feature is on, since a program has only one.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The file name that rejects of Python input carry; their line is the position in the
/// iterable, from 1.
const PYTHON_INPUT: &str = "<articles>";

/// The module `newsgraph._newsgraph`; `newsgraph/__init__.py` re-exports it.
#[pymodule]
fn _newsgraph(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Extractor>()?;
    m.add_class::<Records>()?;
    m.add_class::<Reject>()?;
    Ok(())
}

/// An exception of the class `name` of the `newsgraph` package.
fn error(py: Python<'_>, name: &str, message: String) -> PyErr {
    let class = py
        .import("newsgraph")
        .and_then(|m| m.getattr(name))
        .and_then(|c| c.cast_into::<PyType>().map_err(PyErr::from));
    match class {
        Ok(class) => PyErr::from_type(class, message),
        Err(e) => e,
    }
}

/// Dictionaries and relation tables loaded once; `extract`, `extract_file` and `extract_text`
/// then share them (and the thread pool) for any number of calls.
#[pyclass(module = "newsgraph", frozen)]
pub struct Extractor {
    pipeline: Arc<Pipeline>,
    /// Its own pool when `threads` was given; else rayon's global one (all cores), as the
    /// CLI without `--threads`.
    pool: Option<Arc<rayon::ThreadPool>>,
    opts: Arc<ArticleOptions>,
    emit: Emit,
    warnings: Vec<String>,
}

#[pymethods]
impl Extractor {
    #[new]
    #[pyo3(signature = (*, dicts = Vec::new(), verbs = Vec::new(), relations = Vec::new(),
        no_default_dict = false, no_default_relations = false, metonyms = true,
        open_world = true, threads = None, emit = "articles", text_field = "text",
        id_field = "id", title_field = "title", max_article_bytes = 8 << 20))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        dicts: Vec<PathBuf>,
        verbs: Vec<PathBuf>,
        relations: Vec<PathBuf>,
        no_default_dict: bool,
        no_default_relations: bool,
        metonyms: bool,
        open_world: bool,
        threads: Option<usize>,
        emit: &str,
        text_field: &str,
        id_field: &str,
        title_field: &str,
        max_article_bytes: usize,
    ) -> PyResult<Extractor> {
        let emit = match emit {
            "articles" => Emit::Articles,
            "relations" => Emit::Relations,
            _ => {
                return Err(error(
                    py,
                    "Error",
                    format!("emit must be \"articles\" or \"relations\", not {emit:?}"),
                ));
            }
        };
        let pool = match threads {
            None => None,
            Some(0) => return Err(error(py, "Error", "threads must be at least 1".into())),
            Some(n) => Some(Arc::new(
                rayon::ThreadPoolBuilder::new()
                    .num_threads(n)
                    .build()
                    .map_err(|e| error(py, "Error", format!("starting the thread pool: {e}")))?,
            )),
        };
        // Loading a large dictionary takes seconds: other Python threads may run meanwhile.
        let loaded = py.detach(|| {
            load(
                &dicts,
                no_default_dict,
                &relations,
                &verbs,
                no_default_relations,
            )
        });
        let (pipeline, warnings) = loaded.map_err(|e| error(py, "DictionaryError", e))?;
        let pipeline = Pipeline::new(
            pipeline.0,
            pipeline.1,
            Options {
                metonyms,
                open_world,
            },
        );
        Ok(Extractor {
            pipeline: Arc::new(pipeline),
            pool,
            opts: Arc::new(ArticleOptions {
                id_field: id_field.into(),
                text_field: text_field.into(),
                title_field: title_field.into(),
                max_article_bytes,
            }),
            emit,
            warnings,
        })
    }

    /// What the dictionaries hold that loads but is likely wrong (the CLI prints these).
    #[getter]
    fn warnings(&self) -> Vec<String> {
        self.warnings.clone()
    }

    /// Records of `articles` (dicts with the JSON-lines fields, or JSON lines as str or
    /// bytes), in order, `chunk` articles at a time.
    #[pyo3(signature = (articles, *, chunk = 1024, on_reject = None))]
    fn extract(
        &self,
        py: Python<'_>,
        articles: &Bound<'_, PyAny>,
        chunk: usize,
        on_reject: Option<Py<PyAny>>,
    ) -> PyResult<Records> {
        let json = py.import("json")?;
        let kwargs = PyDict::new(py);
        kwargs.set_item("ensure_ascii", false)?;
        // One encoder for all: `json.dumps` with an option builds a new one per call.
        let encode = json
            .getattr("JSONEncoder")?
            .call((), Some(&kwargs))?
            .getattr("encode")?;
        let source = Source::Python(PythonInput {
            articles: articles.try_iter()?.unbind(),
            encode: encode.unbind(),
            pipeline: Arc::clone(&self.pipeline),
            pool: self.pool.clone(),
            opts: Arc::clone(&self.opts),
            emit: self.emit,
            chunk: chunk.max(1),
            read: 0,
            pending: VecDeque::new(),
            exhausted: false,
            failed: None,
        });
        Records::new(py, source, on_reject)
    }

    /// Records of files and folders as the CLI reads them (JSON lines, plain, gzip or zstd;
    /// `.txt` files), through the CLI's own reader and parallel run.
    #[pyo3(signature = (*paths, on_reject = None))]
    fn extract_file(
        &self,
        py: Python<'_>,
        paths: Vec<PathBuf>,
        on_reject: Option<Py<PyAny>>,
    ) -> PyResult<Records> {
        if paths.is_empty() {
            return Err(error(py, "Error", "extract_file needs a path".into()));
        }
        let (tx, rx) = mpsc::sync_channel(4);
        let reader = Reader::new(&paths, self.opts.record_limit());
        let pipeline = Arc::clone(&self.pipeline);
        let pool = self.pool.clone();
        let opts = Arc::clone(&self.opts);
        let emit = self.emit;
        std::thread::spawn(move || run_files(&pipeline, pool, reader, &opts, emit, tx));
        Records::new(
            py,
            Source::Files {
                messages: Mutex::new(rx),
                done: false,
            },
            on_reject,
        )
    }

    /// The record of one article (always an article record, whatever `emit`); a reject
    /// raises `newsgraph.RecordError` with the CLI's reason.
    #[pyo3(signature = (text, *, id = None, date = None, title = None))]
    fn extract_text(
        &self,
        py: Python<'_>,
        text: &str,
        id: Option<Bound<'_, PyAny>>,
        date: Option<Bound<'_, PyAny>>,
        title: Option<&str>,
    ) -> PyResult<Py<PyAny>> {
        let article = PyDict::new(py);
        match id {
            Some(id) => article.set_item(&self.opts.id_field, id)?,
            None => article.set_item(&self.opts.id_field, "text")?,
        }
        if let Some(title) = title {
            article.set_item(&self.opts.title_field, title)?;
        }
        article.set_item(&self.opts.text_field, text)?;
        if let Some(date) = date {
            article.set_item("date", date)?;
        }
        let line = py
            .import("json")?
            .call_method1("dumps", (article,))?
            .extract::<String>()?;
        let raw = Raw {
            file: PYTHON_INPUT.into(),
            line: 1,
            kind: RawKind::JsonLine,
            bytes: Bytes::from(line.into_bytes()),
            oversize: None,
        };
        let mut out = Vec::new();
        let result = py.detach(|| {
            self.pipeline
                .process_raw(&raw, &self.opts, Emit::Articles, &mut out)
        });
        match result {
            Ok(_) => loads(py, &out),
            Err(reject) => Err(error(py, "RecordError", reject.to_string())),
        }
    }
}

/// Loads dictionaries and relation tables as `newsgraph extract` does (`cmd::DictArgs`), with
/// its messages; gives the warnings as text.
type Loaded = ((crate::dictionary::Dictionary, Ontology), Vec<String>);

fn load(
    dicts: &[PathBuf],
    no_default_dict: bool,
    relations: &[PathBuf],
    verbs: &[PathBuf],
    no_default_relations: bool,
) -> Result<Loaded, String> {
    let mut b = DictionaryBuilder::new();
    if !no_default_dict {
        b.add_defaults().map_err(|e| e.to_string())?;
    }
    b.add_paths(dicts).map_err(|e| e.to_string())?;
    let dict = b.build();
    if dict.entities().is_empty() {
        return Err("no dictionary: no_default_dict needs at least one file in dicts".into());
    }
    let mut warnings: Vec<String> = dict.warnings().iter().map(|w| w.to_string()).collect();
    if dict.warning_count() > warnings.len() as u64 {
        warnings.push(format!(
            "{} more dictionary warnings not kept",
            dict.warning_count() - warnings.len() as u64
        ));
    }
    let mut ontology = match no_default_relations {
        true => Ontology::empty(),
        false => Ontology::defaults(),
    };
    let read = |p: &PathBuf| {
        std::fs::read_to_string(p).map_err(|e| format!("{}: cannot read: {e}", p.display()))
    };
    for p in relations {
        ontology
            .extend(&p.display().to_string(), &read(p)?)
            .map_err(|e| e.to_string())?;
    }
    for p in verbs {
        ontology
            .extend_verbs(&p.display().to_string(), &read(p)?)
            .map_err(|e| e.to_string())?;
    }
    Ok(((dict, ontology), warnings))
}

/// `json.loads` of one output line.
fn loads(py: Python<'_>, line: &[u8]) -> PyResult<Py<PyAny>> {
    // The writer writes UTF-8 only; from_utf8 costs little next to decoding the JSON.
    let text = std::str::from_utf8(line)
        .map_err(|e| error(py, "Error", format!("output not UTF-8: {e}")))?;
    Ok(py
        .import("json")?
        .call_method1("loads", (PyString::new(py, text),))?
        .unbind())
}

/// A record that could not be read as an article: where (`file:line`, the line counted from
/// 1; for Python input the file is `<articles>` and the line the article's position), why (the
/// CLI's reason) and the record itself (the item given, or the line's bytes; `None` for a text
/// file, as the CLI copies none).
#[pyclass(module = "newsgraph", frozen, get_all)]
pub struct Reject {
    file: String,
    line: u64,
    reason: String,
    record: Py<PyAny>,
}

#[pymethods]
impl Reject {
    fn __str__(&self) -> String {
        format!("{}:{}: {}", self.file, self.line, self.reason)
    }

    fn __repr__(&self) -> String {
        format!(
            "Reject(file={:?}, line={}, reason={:?})",
            self.file, self.line, self.reason
        )
    }
}

/// What is ready to hand out, in input order.
enum Item {
    /// One output line, without its `\n`.
    Record(Vec<u8>),
    Reject {
        reject: article::Reject,
        record: Py<PyAny>,
    },
}

/// The records of a run, one dict per output line of the CLI, in input order. `rejects` and
/// `errors` fill as the iteration meets them.
#[pyclass(module = "newsgraph")]
pub struct Records {
    ready: VecDeque<Item>,
    source: Source,
    rejects: Py<PyList>,
    errors: Py<PyList>,
    on_reject: Option<Py<PyAny>>,
    loads: Py<PyAny>,
}

enum Source {
    Python(PythonInput),
    /// A thread running [`Pipeline::run`] over files, as the CLI does, and sending what it
    /// writes and reports.
    Files {
        messages: Mutex<mpsc::Receiver<Message>>,
        done: bool,
    },
}

/// Python input and the chunk the pool is working on.
struct PythonInput {
    articles: Py<PyIterator>,
    encode: Py<PyAny>,
    pipeline: Arc<Pipeline>,
    pool: Option<Arc<rayon::ThreadPool>>,
    opts: Arc<ArticleOptions>,
    emit: Emit,
    chunk: usize,
    /// Articles taken from the iterable so far.
    read: u64,
    /// Chunks sent to the pool, oldest first.
    pending: VecDeque<Chunk>,
    exhausted: bool,
    /// The exception the iterable raised, raised once what came before it is handed out.
    failed: Option<PyErr>,
}

/// A chunk sent to the pool: its items (kept for their rejects), and per item either its
/// place among the records sent or the reason it was not sent.
struct Chunk {
    items: Vec<(Py<PyAny>, Result<(), article::Reject>)>,
    done: Mutex<mpsc::Receiver<Option<ChunkOutput>>>,
}

/// Per record sent, its output bytes or its reject (`None` from a chunk whose worker panicked).
type ChunkOutput = Vec<Result<Vec<u8>, article::Reject>>;

enum Message {
    /// A batch's output, written and flushed by the run.
    Bytes(Vec<u8>),
    Reject(article::Reject, Option<Vec<u8>>),
    InputError(String),
    /// The run ended (an error writing means the iterator was dropped).
    Done(Result<(), String>),
}

impl Records {
    fn new(py: Python<'_>, source: Source, on_reject: Option<Py<PyAny>>) -> PyResult<Records> {
        Ok(Records {
            ready: VecDeque::new(),
            source,
            rejects: PyList::empty(py).unbind(),
            errors: PyList::empty(py).unbind(),
            on_reject,
            loads: py.import("json")?.getattr("loads")?.unbind(),
        })
    }

    /// Moves the next results into `ready`; false when there are none left.
    fn fill(&mut self, py: Python<'_>) -> PyResult<bool> {
        match &mut self.source {
            Source::Python(input) => {
                // Two chunks in flight: the next is read and encoded here while the pool works
                // on the one before, so the pool does not wait for this thread.
                while input.pending.len() < 2 && !input.exhausted {
                    input.submit(py);
                }
                let Some(chunk) = input.pending.pop_front() else {
                    return match input.failed.take() {
                        Some(e) => Err(e),
                        None => Ok(false),
                    };
                };
                let done = chunk.done.into_inner().unwrap_or_else(|e| e.into_inner());
                let results = py.detach(move || done.recv().ok().flatten());
                let Some(results) = results else {
                    return Err(error(py, "Error", "a worker panicked".into()));
                };
                // The pool goes on with the next chunk while this thread decodes this one.
                let mut results = results.into_iter();
                for (item, pre) in chunk.items {
                    let result = match pre {
                        Ok(()) => results.next().expect("a result per record sent"),
                        Err(reject) => Err(reject),
                    };
                    match result {
                        Ok(bytes) => push_lines(&mut self.ready, bytes),
                        Err(reject) => self.ready.push_back(Item::Reject {
                            reject,
                            record: item,
                        }),
                    }
                }
                Ok(true)
            }
            Source::Files { messages, done } => loop {
                if *done {
                    return Ok(false);
                }
                let messages = &*messages;
                let message = py.detach(|| {
                    let messages = messages.lock().unwrap_or_else(|e| e.into_inner());
                    messages.recv().ok()
                });
                match message {
                    Some(Message::Bytes(bytes)) => {
                        push_lines(&mut self.ready, bytes);
                        return Ok(true);
                    }
                    Some(Message::Reject(reject, record)) => {
                        let record = match record {
                            Some(bytes) => PyBytes::new(py, &bytes).into_any().unbind(),
                            None => py.None(),
                        };
                        self.ready.push_back(Item::Reject { reject, record });
                        return Ok(true);
                    }
                    Some(Message::InputError(e)) => self.errors.bind(py).append(e)?,
                    Some(Message::Done(Ok(()))) => *done = true,
                    Some(Message::Done(Err(e))) => {
                        *done = true;
                        return Err(error(py, "Error", e));
                    }
                    None => {
                        *done = true;
                        return Err(error(py, "Error", "a worker panicked".into()));
                    }
                }
            },
        }
    }
}

/// Splits a record's bytes into its lines (one for an article, one per relation).
fn push_lines(ready: &mut VecDeque<Item>, bytes: Vec<u8>) {
    if bytes.ends_with(b"\n") && memchr::memchr(b'\n', &bytes) == Some(bytes.len() - 1) {
        let mut bytes = bytes;
        bytes.pop();
        ready.push_back(Item::Record(bytes));
        return;
    }
    for line in bytes.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
        ready.push_back(Item::Record(line.to_vec()));
    }
}

#[pymethods]
impl Records {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&mut self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        loop {
            while let Some(item) = self.ready.pop_front() {
                match item {
                    Item::Record(bytes) => {
                        let text = std::str::from_utf8(&bytes)
                            .map_err(|e| error(py, "Error", format!("output not UTF-8: {e}")))?;
                        return Ok(Some(
                            self.loads
                                .bind(py)
                                .call1((PyString::new(py, text),))?
                                .unbind(),
                        ));
                    }
                    Item::Reject { reject, record } => {
                        let reject = Py::new(
                            py,
                            Reject {
                                file: reject.file,
                                line: reject.line,
                                reason: reject.reason,
                                record,
                            },
                        )?;
                        self.rejects.bind(py).append(&reject)?;
                        if let Some(f) = &self.on_reject {
                            f.call1(py, (reject,))?;
                        }
                    }
                }
            }
            if !self.fill(py)? {
                return Ok(None);
            }
        }
    }

    /// The records rejected so far ([`Reject`]s), as the CLI reports them.
    #[getter]
    fn rejects(&self, py: Python<'_>) -> Py<PyList> {
        self.rejects.clone_ref(py)
    }

    /// Inputs that could not be opened or read to their end, as the CLI reports them
    /// (`file: message`); the run goes on with the next.
    #[getter]
    fn errors(&self, py: Python<'_>) -> Py<PyList> {
        self.errors.clone_ref(py)
    }
}

impl PythonInput {
    /// Takes the next chunk of the iterable and sends it to the pool (nothing when the
    /// iterable is done or raised).
    fn submit(&mut self, py: Python<'_>) {
        if self.exhausted {
            return;
        }
        let encode = self.encode.bind(py);
        let mut articles = self.articles.bind(py).clone();
        let limit = self.opts.record_limit();
        let mut items = Vec::with_capacity(self.chunk);
        let mut raws = Vec::with_capacity(self.chunk);
        while items.len() < self.chunk {
            let item = match articles.next() {
                Some(Ok(item)) => item,
                None => {
                    self.exhausted = true;
                    break;
                }
                Some(Err(e)) => {
                    self.exhausted = true;
                    self.failed = Some(e);
                    break;
                }
            };
            self.read += 1;
            let line = self.read;
            let reject = |reason: String| article::Reject {
                file: PYTHON_INPUT.into(),
                line,
                reason,
            };
            let bytes = if let Ok(s) = item.cast::<PyString>() {
                s.to_str().map(|s| s.as_bytes().to_vec()).map_err(|e| {
                    reject(format!(
                        "invalid UTF-8: {}",
                        e.value(py)
                            .str()
                            .map_or_else(|_| String::new(), |s| s.to_string())
                    ))
                })
            } else if let Ok(b) = item.cast::<PyBytes>() {
                Ok(b.as_bytes().to_vec())
            } else {
                match encode.call1((&item,)) {
                    Ok(s) => s
                        .extract::<String>()
                        .map(String::into_bytes)
                        .map_err(|e| reject(format!("not JSON: {e}"))),
                    Err(e) => Err(reject(format!("not JSON: {}", e.value(py)))),
                }
            };
            let pre = bytes.map(|bytes| {
                // As the CLI's reader: a record over the limit is rejected unread.
                let oversize = (bytes.len() > limit).then_some(bytes.len() as u64);
                raws.push(Raw {
                    file: PYTHON_INPUT.into(),
                    line,
                    kind: RawKind::JsonLine,
                    bytes: match oversize {
                        Some(_) => Bytes::new(),
                        None => Bytes::from(bytes),
                    },
                    oversize,
                });
            });
            items.push((item.unbind(), pre));
        }
        if items.is_empty() {
            return;
        }
        let (tx, rx) = mpsc::sync_channel(1);
        let pipeline = Arc::clone(&self.pipeline);
        let opts = Arc::clone(&self.opts);
        let emit = self.emit;
        let job = move || {
            // A panic must not unwind out of a rayon job (that aborts the process): the
            // receiver hears `None` and raises.
            let out = catch_unwind(AssertUnwindSafe(|| {
                pipeline.process_chunk(&raws, &opts, emit)
            }));
            let _ = tx.send(out.ok());
        };
        match &self.pool {
            Some(pool) => pool.spawn(job),
            None => rayon::spawn(job),
        }
        self.pending.push_back(Chunk {
            items,
            done: Mutex::new(rx),
        });
    }
}

/// Runs the CLI's reader and parallel run over files on this thread, sending what it writes
/// and reports to the iterator; stops when the iterator is gone.
fn run_files(
    pipeline: &Pipeline,
    pool: Option<Arc<rayon::ThreadPool>>,
    reader: Reader,
    opts: &ArticleOptions,
    emit: Emit,
    tx: mpsc::SyncSender<Message>,
) {
    let events = tx.clone();
    let mut out = Channel {
        tx: tx.clone(),
        buf: Vec::new(),
    };
    let work = || {
        pipeline.run(reader, opts, emit, &mut out, |event| {
            let message = match event {
                Event::Reject { reject, raw } => Message::Reject(
                    reject.clone(),
                    (raw.kind == RawKind::JsonLine).then(|| raw.bytes.to_vec()),
                ),
                Event::InputError(e) => Message::InputError(e.to_string()),
                Event::Batch { .. } => return ControlFlow::Continue(()),
            };
            match events.send(message) {
                Ok(()) => ControlFlow::Continue(()),
                Err(_) => ControlFlow::Break(()),
            }
        })
    };
    let result = match &pool {
        Some(pool) => pool.install(work),
        None => work(),
    };
    let _ = tx.send(Message::Done(result.map(|_| ()).map_err(|e| e.to_string())));
}

/// The run's output: each flush (the end of a batch) sends what was written.
struct Channel {
    tx: mpsc::SyncSender<Message>,
    buf: Vec<u8>,
}

impl Write for Channel {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.buf.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        self.tx
            .send(Message::Bytes(std::mem::take(&mut self.buf)))
            .map_err(|_| io::Error::new(io::ErrorKind::BrokenPipe, "the iterator is gone"))
    }
}
