//! Input: files, folders and standard input, opened, decompressed and cut into numbered raw
//! records.
//!
//! gzip and zstd are recognised by their magic bytes, so a compressed file works whatever its
//! name. A `.txt` file (also `.txt.gz`) is one article whose id is its path relative to the
//! folder given; every other file is JSON lines. A record longer than the limit is not held in
//! memory: its first bytes are kept for the rejects file and the rest is skipped, so one huge
//! line cannot exhaust memory. A file that cannot be opened or read is reported as an
//! [`InputError`] and reading goes on with the next one.

use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use bytes::{Buf, Bytes};

/// What a raw record holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RawKind {
    /// One line of a JSON-lines file.
    JsonLine,
    /// A whole text file, with the article id it gets.
    TextFile { id: String },
}

/// One record as read, before parsing: where it came from and its bytes.
#[derive(Clone, Debug)]
pub struct Raw {
    /// The file as the user named it (`-` for standard input).
    pub file: Arc<str>,
    /// 1-based line number (1 for a text file).
    pub line: u64,
    pub kind: RawKind,
    /// The record without its line end, or its first `limit` bytes when `oversize` is set. A
    /// line of a JSON-lines file is a range of the block of the file it was read in, shared
    /// with the other lines of the block rather than copied out of it.
    pub bytes: Bytes,
    /// The record's full length, when it was over the limit.
    pub oversize: Option<u64>,
}

/// A file that could not be opened or read to its end.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputError {
    pub file: String,
    /// The line being read when the error happened, if any was.
    pub line: Option<u64>,
    pub message: String,
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{}: {}", self.file, l, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

impl std::error::Error for InputError {}

#[derive(Clone, Debug)]
enum Source {
    Stdin,
    File {
        path: PathBuf,
        /// Set for `.txt` files: the article id.
        text_id: Option<String>,
    },
    /// A folder that could not be listed.
    Unreadable(String, String),
}

/// Reads records from a list of inputs in the order given.
pub struct Reader {
    sources: VecDeque<Source>,
    current: Option<Open>,
    limit: usize,
    progress: Arc<AtomicU64>,
    total_bytes: Option<u64>,
}

struct Open {
    name: Arc<str>,
    lines: Box<dyn BufRead + Send>,
    line: u64,
    text_id: Option<String>,
    /// What is left of the block last read (JSON lines).
    block: Bytes,
    /// Whether the block read holds the end of the file, or else the error that ended it.
    end: Option<io::Result<()>>,
}

/// A JSON-lines file is read this many bytes at a time, and its lines are ranges of the block
/// read: copying each line out of a buffer, into memory of its own, was most of the work of
/// the reader thread, which on two cores takes time from the workers.
const BLOCK_BYTES: usize = 1 << 20;

/// Adds the bytes read from a file to a shared counter, for the progress bar.
struct Counting<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// Counts the compressed bytes a decoder has consumed (not merely buffered), for
/// [`BombGuard`].
struct Consumed<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R: Read> Read for Consumed<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Consumed<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }
    fn consume(&mut self, n: usize) {
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        self.inner.consume(n);
    }
}

/// A compressed file may inflate this many times its size before [`BombGuard`] stops it.
/// News JSON lines compress 3 to 10 times; gzip cannot go past 1032 times, zstd can go much
/// further. A few megabytes of zeros or blank lines that inflate to gigabytes would otherwise
/// keep the reader busy for minutes while yielding nothing.
pub const MAX_INFLATION: u64 = 200;

/// The ratio is only checked after this much output, so that a small, very repetitive file
/// is never refused.
const INFLATION_GRACE: u64 = 16 << 20;

/// Stops a decompression bomb: fails with an error once the decompressed output is over
/// [`INFLATION_GRACE`] and over [`MAX_INFLATION`] times the compressed bytes read.
struct BombGuard<R> {
    inner: R,
    compressed: Arc<AtomicU64>,
    out: u64,
}

impl<R: Read> Read for BombGuard<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.out += n as u64;
        let compressed = self.compressed.load(Ordering::Relaxed).max(1);
        if self.out > INFLATION_GRACE && self.out / compressed > MAX_INFLATION {
            return Err(io::Error::other(format!(
                "decompresses to over {MAX_INFLATION} times its size (a decompression bomb?); \
                 the rest of the file is not read"
            )));
        }
        Ok(n)
    }
}

const COMPRESSED_SUFFIXES: &[&str] = &[".gz", ".gzip", ".zst", ".zstd"];
const LINE_SUFFIXES: &[&str] = &[".jsonl", ".json", ".ndjson"];

/// The name without a compression suffix: "a.txt.gz" → "a.txt".
fn strip_compression(name: &str) -> &str {
    COMPRESSED_SUFFIXES
        .iter()
        .find_map(|s| name.strip_suffix(s))
        .unwrap_or(name)
}

fn is_text_file(name: &str) -> bool {
    strip_compression(name).ends_with(".txt")
}

impl Reader {
    /// `inputs` are paths, or `-` for standard input; none means standard input. `limit` is
    /// the largest record kept whole, in bytes.
    pub fn new(inputs: &[PathBuf], limit: usize) -> Reader {
        let mut sources = VecDeque::new();
        let mut total = Some(0u64);
        if inputs.is_empty() {
            sources.push_back(Source::Stdin);
        }
        for input in inputs {
            if input.as_os_str() == "-" {
                sources.push_back(Source::Stdin);
                total = None;
            } else if input.is_dir() {
                let mut files = Vec::new();
                match walk(input, &mut files) {
                    Ok(()) => {
                        files.sort();
                        for f in files {
                            let rel = f.strip_prefix(input).unwrap_or(&f);
                            let id = rel
                                .components()
                                .map(|c| c.as_os_str().to_string_lossy())
                                .collect::<Vec<_>>()
                                .join("/");
                            let text_id = is_text_file(&id).then_some(id);
                            total = total.map(|t| t + file_len(&f));
                            sources.push_back(Source::File { path: f, text_id });
                        }
                    }
                    Err(e) => sources.push_back(Source::Unreadable(
                        input.display().to_string(),
                        e.to_string(),
                    )),
                }
            } else {
                let name = input.display().to_string();
                let text_id = is_text_file(&name).then(|| {
                    input
                        .file_name()
                        .map_or(name.clone(), |n| n.to_string_lossy().into_owned())
                });
                total = total.map(|t| t + file_len(input));
                sources.push_back(Source::File {
                    path: input.clone(),
                    text_id,
                });
            }
        }
        if sources.iter().any(|s| matches!(s, Source::Stdin)) {
            total = None;
        }
        Reader {
            sources,
            current: None,
            limit,
            progress: Arc::new(AtomicU64::new(0)),
            total_bytes: total,
        }
    }

    /// Bytes read so far from the inputs (compressed size for compressed files).
    pub fn progress(&self) -> Arc<AtomicU64> {
        Arc::clone(&self.progress)
    }

    /// The total size of the inputs, when they are all files.
    pub fn total_bytes(&self) -> Option<u64> {
        self.total_bytes
    }

    fn open(&self, source: Source) -> Result<Open, InputError> {
        let (name, reader, text_id): (String, Box<dyn Read + Send>, _) = match source {
            Source::Stdin => (
                "-".to_string(),
                Box::new(Counting {
                    inner: io::stdin(),
                    count: Arc::clone(&self.progress),
                }),
                None,
            ),
            Source::File { path, text_id } => {
                let name = path.display().to_string();
                let file = File::open(&path).map_err(|e| InputError {
                    file: name.clone(),
                    line: None,
                    message: e.to_string(),
                })?;
                let counting = Counting {
                    inner: file,
                    count: Arc::clone(&self.progress),
                };
                (name, Box::new(counting), text_id)
            }
            Source::Unreadable(name, message) => {
                return Err(InputError {
                    file: name,
                    line: None,
                    message,
                });
            }
        };
        let mut buffered = BufReader::with_capacity(256 << 10, reader);
        let magic = buffered.fill_buf().map_err(|e| InputError {
            file: name.clone(),
            line: None,
            message: e.to_string(),
        })?;
        let compressed = Arc::new(AtomicU64::new(0));
        let lines: Box<dyn BufRead + Send> = if magic.starts_with(&[0x1f, 0x8b]) {
            let consumed = Consumed {
                inner: buffered,
                count: Arc::clone(&compressed),
            };
            Box::new(BufReader::with_capacity(
                256 << 10,
                BombGuard {
                    inner: flate2::bufread::MultiGzDecoder::new(consumed),
                    compressed,
                    out: 0,
                },
            ))
        } else if magic.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
            let consumed = Consumed {
                inner: buffered,
                count: Arc::clone(&compressed),
            };
            let decoder =
                zstd::stream::read::Decoder::with_buffer(consumed).map_err(|e| InputError {
                    file: name.clone(),
                    line: None,
                    message: e.to_string(),
                })?;
            Box::new(BufReader::with_capacity(
                256 << 10,
                BombGuard {
                    inner: decoder,
                    compressed,
                    out: 0,
                },
            ))
        } else {
            Box::new(buffered)
        };
        Ok(Open {
            name: Arc::from(name),
            lines,
            line: 0,
            text_id,
            block: Bytes::new(),
            end: None,
        })
    }
}

impl Iterator for Reader {
    type Item = Result<Raw, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if self.current.is_none() {
                let source = self.sources.pop_front()?;
                match self.open(source) {
                    Ok(open) => self.current = Some(open),
                    Err(e) => return Some(Err(e)),
                }
            }
            let open = self.current.as_mut().expect("opened above");
            let result = match open.text_id.clone() {
                Some(id) => read_text_file(open, id, self.limit),
                None => read_line(open, self.limit),
            };
            match result {
                Ok(Some(raw)) => return Some(Ok(raw)),
                Ok(None) => self.current = None,
                Err(e) => {
                    let err = InputError {
                        file: open.name.to_string(),
                        line: Some(open.line),
                        message: e.to_string(),
                    };
                    self.current = None;
                    return Some(Err(err));
                }
            }
        }
    }
}

/// Reads the next non-blank line; `None` at the end of the file.
fn read_line(open: &mut Open, limit: usize) -> io::Result<Option<Raw>> {
    loop {
        let next = next_line(open, limit).inspect_err(|_| open.line += 1)?;
        let Some(Line {
            mut bytes,
            mut len,
            last,
        }) = next
        else {
            return Ok(None);
        };
        open.line += 1;
        if last == Some(b'\r') {
            len -= 1;
            bytes.truncate(len as usize);
        }
        if open.line == 1 && bytes.starts_with(b"\xef\xbb\xbf") {
            bytes.advance(3);
            len -= 3;
        }
        if bytes.iter().all(u8::is_ascii_whitespace) && len == bytes.len() as u64 {
            continue;
        }
        let oversize = (len > limit as u64).then_some(len);
        bytes.truncate(limit);
        return Ok(Some(Raw {
            file: Arc::clone(&open.name),
            line: open.line,
            kind: RawKind::JsonLine,
            bytes,
            oversize,
        }));
    }
}

/// A line as cut from the blocks: its bytes (the first `limit + 1` of a longer line), its full
/// length without the line end, and its last byte.
struct Line {
    bytes: Bytes,
    len: u64,
    last: Option<u8>,
}

/// The next line, blank or not; `None` at the end of the file.
fn next_line(open: &mut Open, limit: usize) -> io::Result<Option<Line>> {
    loop {
        if let Some(p) = memchr::memchr(b'\n', &open.block) {
            let bytes = open.block.split_to(p + 1).slice(..p);
            let last = bytes.last().copied();
            return Ok(Some(Line {
                bytes,
                len: p as u64,
                last,
            }));
        }
        if open.block.len() > limit {
            // A line over the limit: its first bytes are kept, and the rest is skipped without
            // being held in memory.
            let block = std::mem::take(&mut open.block);
            let (len, last) = skip_line(open, block.len() as u64, block.last().copied())?;
            return Ok(Some(Line {
                bytes: block.slice(..limit + 1),
                len,
                last,
            }));
        }
        match &open.end {
            None => read_block(open),
            Some(Ok(())) if open.block.is_empty() => return Ok(None),
            // A last line without its line end.
            Some(Ok(())) => {
                let bytes = std::mem::take(&mut open.block);
                let last = bytes.last().copied();
                let len = bytes.len() as u64;
                return Ok(Some(Line { bytes, len, last }));
            }
            // The lines before the error have been read; the one it cut is lost.
            Some(Err(_)) => {
                open.block.clear();
                return Err(take_error(open));
            }
        }
    }
}

/// The error that ended the file (called only when one did), which is then at its end.
fn take_error(open: &mut Open) -> io::Error {
    let Some(Err(e)) = open.end.replace(Ok(())) else {
        unreachable!("called when a read error ended the file");
    };
    e
}

/// Reads the next block of the file, after the start of a line left in the last one, and
/// notes whether the file ended in it, or an error did.
fn read_block(open: &mut Open) {
    let rest = std::mem::take(&mut open.block);
    let mut block = vec![0; BLOCK_BYTES.max(2 * rest.len())];
    block[..rest.len()].copy_from_slice(&rest);
    let mut filled = rest.len();
    while filled < block.len() {
        match open.lines.read(&mut block[filled..]) {
            Ok(0) => {
                open.end = Some(Ok(()));
                break;
            }
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => {
                open.end = Some(Err(e));
                break;
            }
        }
    }
    block.truncate(filled);
    open.block = Bytes::from(block);
}

/// Reads past the rest of a line over the limit, `len` bytes of which are read, the last
/// `last`: its full length and its last byte.
fn skip_line(open: &mut Open, mut len: u64, mut last: Option<u8>) -> io::Result<(u64, Option<u8>)> {
    match &open.end {
        Some(Ok(())) => return Ok((len, last)),
        Some(Err(_)) => return Err(take_error(open)),
        None => {}
    }
    loop {
        let buf = match open.lines.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buf.is_empty() {
            open.end = Some(Ok(()));
            return Ok((len, last));
        }
        match memchr::memchr(b'\n', buf) {
            Some(p) => {
                len += p as u64;
                if p > 0 {
                    last = Some(buf[p - 1]);
                }
                open.lines.consume(p + 1);
                return Ok((len, last));
            }
            None => {
                len += buf.len() as u64;
                last = buf.last().copied();
                let n = buf.len();
                open.lines.consume(n);
            }
        }
    }
}

/// Reads a whole text file as one record; `None` once it has been read.
fn read_text_file(open: &mut Open, id: String, limit: usize) -> io::Result<Option<Raw>> {
    if open.line > 0 {
        return Ok(None);
    }
    open.line = 1;
    let mut bytes = Vec::new();
    (&mut open.lines)
        .take(limit as u64 + 1)
        .read_to_end(&mut bytes)?;
    let mut oversize = None;
    if bytes.len() > limit {
        let rest = io::copy(&mut open.lines, &mut io::sink())?;
        oversize = Some(bytes.len() as u64 + rest);
        bytes.truncate(limit);
    }
    if bytes.starts_with(b"\xef\xbb\xbf") {
        bytes.drain(..3);
    }
    Ok(Some(Raw {
        file: Arc::clone(&open.name),
        line: 1,
        kind: RawKind::TextFile { id },
        bytes: bytes.into(),
        oversize,
    }))
}

fn file_len(p: &Path) -> u64 {
    std::fs::metadata(p).map_or(0, |m| m.len())
}

/// Collects the article files below a folder (text and JSON-lines files, plain or compressed),
/// skipping hidden entries.
fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        if entry.file_type()?.is_dir() {
            walk(&path, out)?;
        } else {
            let plain = strip_compression(&name);
            if plain.ends_with(".txt") || LINE_SUFFIXES.iter().any(|s| plain.ends_with(s)) {
                out.push(path);
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_bytes(data: &[u8], limit: usize) -> Vec<(u64, Vec<u8>, Option<u64>)> {
        let mut open = Open {
            name: Arc::from("t"),
            lines: Box::new(io::Cursor::new(data.to_vec())),
            line: 0,
            text_id: None,
            block: Bytes::new(),
            end: None,
        };
        let mut out = Vec::new();
        while let Some(r) = read_line(&mut open, limit).unwrap() {
            out.push((r.line, r.bytes.to_vec(), r.oversize));
        }
        out
    }

    #[test]
    fn lines_are_numbered_and_trimmed() {
        let got = read_bytes(b"\xef\xbb\xbfa\r\n\n  \nb\nccc", 100);
        assert_eq!(
            got,
            vec![
                (1, b"a".to_vec(), None),
                (4, b"b".to_vec(), None),
                (5, b"ccc".to_vec(), None)
            ]
        );
    }

    #[test]
    fn long_lines_are_cut_and_measured() {
        let got = read_bytes(b"0123456789\nab\n", 4);
        assert_eq!(
            got,
            vec![(1, b"0123".to_vec(), Some(10)), (2, b"ab".to_vec(), None)]
        );
    }

    #[test]
    fn lines_across_blocks_are_whole() {
        // Lines of many lengths, over several blocks, some with CR LF, one blank.
        let mut data = Vec::new();
        let mut want = Vec::new();
        let mut n = 0u64;
        while data.len() < 3 * BLOCK_BYTES + 1000 {
            n += 1;
            let line = format!("{n}:{}", "abcdefghij".repeat((n as usize * 37) % 3000));
            data.extend_from_slice(line.as_bytes());
            data.extend_from_slice(if n.is_multiple_of(3) { b"\r\n" } else { b"\n" });
            want.push((n, line.into_bytes(), None));
            if n == 500 {
                n += 1;
                data.extend_from_slice(b" \t\n");
            }
        }
        data.extend_from_slice(b"last");
        want.push((n + 1, b"last".to_vec(), None));
        assert_eq!(read_bytes(&data, 1 << 20), want);
    }

    #[test]
    fn a_line_longer_than_a_block_is_cut_and_skipped() {
        let mut data = vec![b'x'; 3 * BLOCK_BYTES + 7];
        data.extend_from_slice(b"\r\nab\n");
        let got = read_bytes(&data, 10);
        let len = 3 * BLOCK_BYTES as u64 + 7;
        assert_eq!(
            got,
            vec![
                (1, b"xxxxxxxxxx".to_vec(), Some(len)),
                (2, b"ab".to_vec(), None)
            ]
        );
        // The same at the end of the file, without a line end.
        let got = read_bytes(&data[..3 * BLOCK_BYTES + 7], 10);
        assert_eq!(got, vec![(1, b"xxxxxxxxxx".to_vec(), Some(len))]);
    }

    /// Gives `data`, then fails.
    struct Failing(io::Cursor<Vec<u8>>);

    impl Read for Failing {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            match self.0.read(buf)? {
                0 => Err(io::Error::other("disk on fire")),
                n => Ok(n),
            }
        }
    }

    #[test]
    fn lines_before_a_read_error_are_read() {
        let mut open = Open {
            name: Arc::from("t"),
            lines: Box::new(io::BufReader::new(Failing(io::Cursor::new(
                b"a\nb\ncut".to_vec(),
            )))),
            line: 0,
            text_id: None,
            block: Bytes::new(),
            end: None,
        };
        let a = read_line(&mut open, 100).unwrap().unwrap();
        let b = read_line(&mut open, 100).unwrap().unwrap();
        assert_eq!(
            (a.line, &a.bytes[..], b.line, &b.bytes[..]),
            (1, &b"a"[..], 2, &b"b"[..])
        );
        let e = read_line(&mut open, 100).unwrap_err();
        assert_eq!((e.to_string(), open.line), ("disk on fire".to_string(), 3));
    }

    #[test]
    fn compression_suffixes() {
        assert!(is_text_file("a/b.txt.gz"));
        assert!(!is_text_file("a/b.jsonl.zst"));
    }
}
