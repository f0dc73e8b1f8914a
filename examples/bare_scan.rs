//! The limit for `scripts/benchsuite.py`: the least work any dictionary extractor must do on a
//! JSON-lines news archive. It reads the files, decompresses gzip, parses each line's JSON for
//! `title` and `text`, and runs one aho-corasick automaton over both, counting matches, on all
//! cores — no word boundaries, case policy, sentences, relations, offsets or output.
//!
//! The automaton is built the way newsgraph's matcher builds its own (the same aliases,
//! ASCII case folding, an overlapping search), so the gap between this and `newsgraph extract`
//! is what the rest of the pipeline costs.
//!
//! ```sh
//! cargo run --release --example bare_scan -- --patterns aliases.txt [--threads N] FILE...
//! ```
//!
//! `aliases.txt` has one alias per line. It prints `articles=… bytes=… matches=…` on standard
//! output, `bytes` being the uncompressed size read.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::sync::mpsc;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use rayon::prelude::*;

/// The allocator `newsgraph` uses, so that the gap measured is the pipeline's, not the
/// allocator's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Bytes per block handed to the pool: enough to keep every core busy, little memory.
const BLOCK: usize = 4 << 20;

#[derive(serde::Deserialize)]
struct Line<'a> {
    #[serde(borrow, default)]
    title: Option<std::borrow::Cow<'a, str>>,
    #[serde(borrow, default)]
    text: Option<std::borrow::Cow<'a, str>>,
}

fn open(path: &str) -> Box<dyn BufRead + Send> {
    let mut file = BufReader::with_capacity(1 << 16, File::open(path).expect("open input"));
    let gzip = file
        .fill_buf()
        .expect("read input")
        .starts_with(&[0x1f, 0x8b]);
    if gzip {
        Box::new(BufReader::with_capacity(
            1 << 16,
            flate2::read::MultiGzDecoder::new(file),
        ))
    } else {
        Box::new(file)
    }
}

/// Fills `buf` as far as the input goes; the bytes read.
fn read_full(input: &mut impl Read, buf: &mut [u8]) -> usize {
    let mut n = 0;
    while n < buf.len() {
        match input.read(&mut buf[n..]).expect("read input") {
            0 => break,
            k => n += k,
        }
    }
    n
}

fn count(ac: &AhoCorasick, line: &[u8]) -> (u64, u64) {
    let Ok(article) = serde_json::from_slice::<Line>(line) else {
        return (0, 0);
    };
    let mut n = 0;
    for text in [article.title, article.text].into_iter().flatten() {
        n += ac.find_overlapping_iter(text.as_ref()).count() as u64;
    }
    (1, n)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mut patterns_path = None;
    let mut threads = None;
    let mut inputs = Vec::new();
    while let Some(a) = args.next() {
        match a.as_str() {
            "--patterns" => patterns_path = args.next(),
            "--threads" => {
                threads = args
                    .next()
                    .map(|n| n.parse::<usize>().expect("--threads N"))
            }
            _ => inputs.push(a),
        }
    }
    let patterns_path = patterns_path.expect("--patterns FILE is required");
    if let Some(n) = threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global()
            .expect("thread pool");
    }
    let mut text = String::new();
    File::open(&patterns_path)
        .and_then(|mut f| f.read_to_string(&mut text))
        .expect("read the patterns");
    let patterns: Vec<&str> = text.lines().filter(|l| !l.is_empty()).collect();
    let ac = AhoCorasickBuilder::new()
        .match_kind(MatchKind::Standard)
        .ascii_case_insensitive(true)
        .build(&patterns)
        .expect("build the automaton");

    // One thread reads and decompresses blocks of whole lines; the pool splits them into
    // lines, parses and scans. The reader does no per-line work, so only decompression is
    // serial.
    let (tx, rx) = mpsc::sync_channel::<Vec<u8>>(4);
    let reader = std::thread::spawn(move || {
        let mut bytes = 0u64;
        for path in inputs {
            let mut input = open(&path);
            let mut carry = Vec::new();
            loop {
                let mut block = std::mem::take(&mut carry);
                let have = block.len();
                block.resize(have + BLOCK, 0);
                let n = read_full(&mut input, &mut block[have..]);
                block.truncate(have + n);
                bytes += n as u64;
                if n == 0 {
                    if !block.is_empty() {
                        tx.send(block).expect("scanner alive");
                    }
                    break;
                }
                // Keep the partial last line for the next block.
                if let Some(nl) = block.iter().rposition(|&b| b == b'\n') {
                    carry = block.split_off(nl + 1);
                    tx.send(block).expect("scanner alive");
                } else {
                    carry = block;
                }
            }
        }
        bytes
    });
    let (mut articles, mut matches) = (0u64, 0u64);
    for block in rx {
        let (a, m) = block
            .par_split(|&b| b == b'\n')
            .filter(|line| !line.is_empty())
            .map(|line| count(&ac, line))
            .reduce(|| (0, 0), |x, y| (x.0 + y.0, x.1 + y.1));
        articles += a;
        matches += m;
    }
    let bytes = reader.join().expect("reader thread");
    println!("articles={articles} bytes={bytes} matches={matches}");
}
