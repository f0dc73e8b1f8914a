//! Hostile input against the real binary: every case ends in a documented outcome (a reject or
//! an input error naming file and line), within a time and peak-memory bound, and the good
//! article after it is still processed. docs/reliability.md is the table of these outcomes.
//!
//! Big inputs are generated here, at test time, and the largest are streamed into the child's
//! standard input rather than written to disk.

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::workdir::Workdir;

/// The peak memory every hostile case must stay under (the release binary's resident set
/// with the built-in dictionaries is about 32 MB; see docs/reliability.md for the bound of
/// the general case).
pub const PEAK_BOUND_KB: u64 = 256 << 10;
/// "No input takes more than a few seconds": the bound each case is held to, with room for
/// a loaded two-core CI machine.
pub const TIME_BOUND: Duration = Duration::from_secs(10);

/// A good article appended after each hostile one: it must come out.
pub const GOOD: &[u8] = b"{\"id\":\"good\",\"text\":\"China met Japan.\"}\n";

/// What a measured run of the binary gave.
pub struct Measured {
    pub code: Option<i32>,
    pub stdout: Vec<u8>,
    pub stderr: String,
    /// Peak resident set of the child (kilobytes), see [`measure`].
    pub peak_kb: u64,
    pub elapsed: Duration,
}

impl Measured {
    /// The ids of the records written.
    pub fn ids(&self) -> Vec<String> {
        String::from_utf8_lossy(&self.stdout)
            .lines()
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).expect("output is JSON");
                v["id"].as_str().unwrap().to_string()
            })
            .collect()
    }

    /// Checks the bounds every case shares.
    pub fn assert_bounded(&self, what: &str) {
        assert!(
            !self.stderr.contains("panicked"),
            "{what}: panic: {}",
            self.stderr
        );
        assert!(
            self.peak_kb < PEAK_BOUND_KB,
            "{what}: peak {} KB over {PEAK_BOUND_KB} KB",
            self.peak_kb
        );
        assert!(self.elapsed < TIME_BOUND, "{what}: took {:?}", self.elapsed);
    }
}

/// Starts `argv` and writes its peak resident set (ru_maxrss, kilobytes) to `argv[0]`.
///
/// Why a Python process in between: Linux counts into a process's peak the memory of the
/// process it was forked from, up to its `exec`; a child forked straight from this test
/// process (hundreds of megabytes while other tests run) would report that. Python's peak at
/// the fork is about 10 MB, which the bound absorbs.
const MEASURE_PY: &str = "\
import resource, subprocess, sys
rc = subprocess.call(sys.argv[2:])
with open(sys.argv[1], 'w') as f:
    f.write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
sys.exit(rc if rc >= 0 else 128 - rc)
";

/// Writes a child's standard input.
pub type Feed = Box<dyn FnOnce(&mut dyn Write) + Send>;

/// Runs `cmd`, feeding `feed` (if any) to its standard input from a thread, and measures its
/// time and peak memory.
pub fn measure(cmd: Command, feed: Option<Feed>) -> Measured {
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let rss_file = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "rss-{}-{}",
        std::process::id(),
        N.fetch_add(1, std::sync::atomic::Ordering::SeqCst)
    ));
    let python = std::env::var("NEWSGRAPH_PYTHON").unwrap_or_else(|_| "python3".into());
    let mut wrapped = Command::new(python);
    wrapped
        .arg("-c")
        .arg(MEASURE_PY)
        .arg(&rss_file)
        .arg(cmd.get_program())
        .args(cmd.get_args());
    if let Some(dir) = cmd.get_current_dir() {
        wrapped.current_dir(dir);
    }
    let mut cmd = wrapped;
    cmd.stdin(if feed.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    })
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    let started = Instant::now();
    let mut child = cmd.spawn().expect("spawn newsgraph");
    let writer = feed.map(|f| {
        let mut stdin = child.stdin.take().unwrap();
        std::thread::spawn(move || f(&mut stdin))
    });
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = out.read_to_end(&mut v);
        v
    });
    let mut stderr = String::new();
    let _ = err.read_to_string(&mut stderr);
    let stdout = reader.join().unwrap();
    let status = child.wait().unwrap();
    let elapsed = started.elapsed();
    if let Some(w) = writer {
        let _ = w.join();
    }
    let peak_kb = std::fs::read_to_string(&rss_file)
        .expect("the measuring wrapper wrote the peak")
        .trim()
        .parse()
        .unwrap();
    let _ = std::fs::remove_file(&rss_file);
    Measured {
        code: status.code(),
        stdout,
        stderr,
        peak_kb,
        elapsed,
    }
}

/// Runs `extract` on files in `wd`, measured.
pub fn extract(wd: &Workdir, args: &[&str]) -> Measured {
    let mut full = vec!["extract"];
    full.extend_from_slice(args);
    measure(wd.command(&full), None)
}

/// Runs `extract` on standard input produced by `feed`, measured.
pub fn extract_stdin(
    wd: &Workdir,
    args: &[&str],
    feed: impl FnOnce(&mut dyn Write) + Send + 'static,
) -> Measured {
    let mut full = vec!["extract"];
    full.extend_from_slice(args);
    measure(wd.command(&full), Some(Box::new(feed)))
}

/// The lines the reader counts as records: split on `\n`, `\r` trimmed, blank ones skipped.
fn records_in(bytes: &[u8]) -> Vec<&[u8]> {
    bytes
        .split(|&b| b == b'\n')
        .map(|l| l.strip_suffix(b"\r").unwrap_or(l))
        .filter(|l| !l.iter().all(u8::is_ascii_whitespace))
        .collect()
}

/// A small seeded generator, so that the "random" inputs are the same on every run.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    pub fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.next() as u8).collect()
    }
}

/// Every line of a file that is not an article: one reject each, all in the summary and, copied
/// verbatim, in the rejects file; the good file after it is processed.
fn assert_all_rejected(name: &str, bad: &[u8]) {
    let wd = Workdir::new("hostile");
    wd.write(name, bad);
    wd.write("good.jsonl", GOOD);
    let m = extract(&wd, &[name, "good.jsonl", "--rejects", "rejects.jsonl"]);
    m.assert_bounded(name);
    assert_eq!(m.code, Some(0), "{name}: {}", m.stderr);
    assert_eq!(m.ids(), ["good"], "{name}");
    let want = records_in(bad);
    assert!(
        m.stderr.contains(&format!("{} rejects", want.len())),
        "{name}: {}",
        m.stderr
    );
    let rejects = std::fs::read(wd.path("rejects.jsonl")).unwrap();
    // The rejects file holds each record as read: `\r` trimmed, one per line.
    let got: Vec<&[u8]> = rejects
        .strip_suffix(b"\n")
        .map_or(Vec::new(), |r| r.split(|&b| b == b'\n').collect());
    let trimmed: Vec<&[u8]> = want
        .iter()
        .enumerate()
        .map(|(i, l)| {
            if i == 0 {
                l.strip_prefix(b"\xef\xbb\xbf").unwrap_or(l)
            } else {
                l
            }
        })
        .collect();
    assert_eq!(got.len(), trimmed.len(), "{name}");
    assert!(got == trimmed, "{name}: rejects file differs from input");
}

#[test]
fn binary_file_is_rejected_line_by_line() {
    let bin = Rng(0x5eed).bytes(256 << 10);
    assert_all_rejected("binary.jsonl", &bin);
}

#[test]
fn binary_text_file_is_one_reject() {
    let wd = Workdir::new("hostile-bin-txt");
    let mut bin = Rng(7).bytes(4096);
    bin[10] = 0;
    wd.write("photo.txt", &bin);
    wd.write("good.jsonl", GOOD);
    let m = extract(&wd, &["photo.txt", "good.jsonl"]);
    m.assert_bounded("binary .txt");
    assert_eq!(m.code, Some(0));
    assert!(
        m.stderr.contains("photo.txt:1: invalid UTF-8"),
        "{}",
        m.stderr
    );
    assert_eq!(m.ids(), ["good"]);
}

/// One line per case: file name, contents, the message stderr must hold (`""`: no reject),
/// the ids that must come out (the good article is appended to every file).
#[test]
fn small_hostile_files() {
    let cases: &[(&str, &[u8], &str, &[&str])] = &[
        ("empty.jsonl", b"", "", &["good"]),
        ("blank.jsonl", b"\n\n  \r\n\t\n", "", &["good"]),
        (
            "no-final-newline.jsonl",
            b"{\"id\":\"a\",\"text\":\"x\"}\n{\"id\":\"b\",\"text\":\"y\"}",
            "",
            &["a", "b", "good"],
        ),
        (
            "crlf.jsonl",
            b"{\"id\":\"a\",\"text\":\"x\"}\r\n{\"id\":\"b\",\"text\":\"y\"}\r\n",
            "",
            &["a", "b", "good"],
        ),
        (
            "bom.jsonl",
            b"\xef\xbb\xbf{\"id\":\"a\",\"text\":\"x\"}\n",
            "",
            &["a", "good"],
        ),
        (
            "bom-crlf-only.jsonl",
            b"\xef\xbb\xbf\r\n{\"id\":\"a\",\"text\":\"x\"}\r\n",
            "",
            &["a", "good"],
        ),
        (
            "nul-raw.jsonl",
            b"{\"id\":\"a\",\"text\":\"x\0y\"}\n{\"id\":\"b\",\"text\":\"y\"}\n",
            "nul-raw.jsonl:1: malformed JSON: control character",
            &["b", "good"],
        ),
        (
            "nul-line.jsonl",
            b"\0\0\0\0\n{\"id\":\"b\",\"text\":\"y\"}\n",
            "nul-line.jsonl:1: malformed JSON",
            &["b", "good"],
        ),
        (
            "nul-escaped.jsonl",
            b"{\"id\":\"a\",\"text\":\"China\\u0000Japan\"}\n",
            "",
            &["a", "good"],
        ),
        (
            "bad-utf8.jsonl",
            b"{\"id\":\"a\",\"text\":\"Chi\xc3\x28na\"}\n{\"id\":\"b\",\"text\":\"y\"}\n",
            "bad-utf8.jsonl:1: invalid UTF-8 at byte 21",
            &["b", "good"],
        ),
        (
            "lone-surrogate.jsonl",
            b"{\"id\":\"a\",\"text\":\"\\ud800\"}\n{\"id\":\"b\",\"text\":\"y\"}\n",
            "lone-surrogate.jsonl:1: malformed JSON",
            &["b", "good"],
        ),
        (
            "low-surrogate-first.jsonl",
            b"{\"id\":\"a\",\"text\":\"\\udc00\\ud800\"}\n",
            "low-surrogate-first.jsonl:1: malformed JSON",
            &["good"],
        ),
        (
            "surrogate-pair.jsonl",
            b"{\"id\":\"a\",\"text\":\"\\ud83d\\ude80 China\"}\n",
            "",
            &["a", "good"],
        ),
        (
            "duplicate-ids.jsonl",
            b"{\"id\":\"a\",\"text\":\"China\"}\n{\"id\":\"a\",\"text\":\"Japan\"}\n",
            "",
            &["a", "a", "good"],
        ),
    ];
    for (name, contents, message, ids) in cases {
        let wd = Workdir::new("hostile-small");
        wd.write(name, contents);
        wd.write("good.jsonl", GOOD);
        let m = extract(&wd, &[name, "good.jsonl"]);
        m.assert_bounded(name);
        assert_eq!(m.code, Some(0), "{name}: {}", m.stderr);
        assert_eq!(m.ids(), *ids, "{name}: {}", m.stderr);
        if message.is_empty() {
            assert!(m.stderr.contains(" 0 rejects"), "{name}: {}", m.stderr);
        } else {
            assert!(m.stderr.contains(message), "{name}: {}", m.stderr);
        }
    }
}

#[test]
fn duplicate_ids_are_both_processed() {
    // Chosen outcome: newsgraph is a per-record transform; two records with one id are two
    // records, written in input order, and deduplication is the reader's choice.
    let wd = Workdir::new("hostile-dup");
    wd.write(
        "dup.jsonl",
        "{\"id\":\"a\",\"text\":\"China\"}\n{\"id\":\"a\",\"text\":\"Japan\"}\n",
    );
    let m = extract(&wd, &["dup.jsonl"]);
    let out = String::from_utf8(m.stdout).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2);
    assert!(lines[0].contains("\"CHN\"") && lines[1].contains("\"JPN\""));
}

#[test]
fn json_nested_ten_thousand_deep_is_a_reject() {
    let mut bad = Vec::new();
    bad.extend(std::iter::repeat_n(b'[', 10_000));
    bad.extend(std::iter::repeat_n(b']', 10_000));
    bad.push(b'\n');
    bad.extend_from_slice(b"{\"id\":\"x\",\"text\":\"t\",\"deep\":");
    bad.extend(std::iter::repeat_n(b'[', 10_000));
    bad.push(b'\n');
    let wd = Workdir::new("hostile-nested");
    wd.write("nested.jsonl", &bad);
    wd.write("good.jsonl", GOOD);
    let m = extract(&wd, &["nested.jsonl", "good.jsonl"]);
    m.assert_bounded("nested");
    assert!(
        m.stderr
            .contains("nested.jsonl:1: malformed JSON: recursion limit exceeded"),
        "{}",
        m.stderr
    );
    assert!(
        m.stderr
            .contains("nested.jsonl:2: malformed JSON: recursion limit exceeded"),
        "{}",
        m.stderr
    );
    assert_eq!(m.ids(), ["good"]);
}

#[test]
fn line_of_200_megabytes_is_rejected_in_bounded_memory() {
    let wd = Workdir::new("hostile-200mb");
    const LEN: usize = 200_000_000;
    let m = extract_stdin(&wd, &["--rejects", "rejects.jsonl"], |w: &mut dyn Write| {
        let chunk = vec![b'a'; 1 << 20];
        let _ = w.write_all(b"{\"id\":\"huge\",\"text\":\"");
        let mut sent = 0;
        while sent < LEN {
            let n = chunk.len().min(LEN - sent);
            if w.write_all(&chunk[..n]).is_err() {
                return;
            }
            sent += n;
        }
        let _ = w.write_all(b"\"}\n");
        let _ = w.write_all(GOOD);
    });
    m.assert_bounded("200 MB line");
    assert_eq!(m.code, Some(0), "{}", m.stderr);
    assert!(
        m.stderr.contains(&format!(
            "-:1: record of {} bytes is over twice --max-article-bytes",
            LEN + "{\"id\":\"huge\",\"text\":\"\"}".len()
        )),
        "{}",
        m.stderr
    );
    assert_eq!(m.ids(), ["good"]);
    // Only the first record-limit bytes of the line were kept, and they are what the rejects
    // file gets.
    let limit = 2 * (8 << 20) + (64 << 10);
    assert_eq!(
        std::fs::metadata(wd.path("rejects.jsonl")).unwrap().len(),
        limit as u64 + 1
    );
}

#[test]
fn article_of_ten_million_characters() {
    let wd = Workdir::new("hostile-10m");
    let prose = "the quick brown fox jumps over the lazy dog, again and again; ";
    let text: String = prose.chars().cycle().take(10_000_000).collect();
    let mut line = format!("{{\"id\":\"big\",\"text\":\"{text}\"}}\n").into_bytes();
    line.extend_from_slice(GOOD);
    wd.write("big.jsonl", &line);
    // Default --max-article-bytes (8 MiB): a reject that names the size.
    let m = extract(&wd, &["big.jsonl"]);
    m.assert_bounded("10M chars");
    assert!(
        m.stderr
            .contains("big.jsonl:1: text of 10000000 bytes is over --max-article-bytes (8388608)"),
        "{}",
        m.stderr
    );
    assert_eq!(m.ids(), ["good"]);
    // Raised limit: processed, within the same bounds.
    let m = extract(&wd, &["big.jsonl", "--max-article-bytes", "20000000"]);
    m.assert_bounded("10M chars, processed");
    assert_eq!(m.ids(), ["big", "good"]);
}

#[test]
fn article_of_100000_entity_names_in_a_row() {
    let names = [
        "China", "Japan", "Germany", "France", "Russia", "Iran", "Canada", "Brazil", "India",
        "Mexico",
    ];
    let text: Vec<&str> = (0..100_000).map(|i| names[i % names.len()]).collect();
    let wd = Workdir::new("hostile-names");
    let mut input = format!("{{\"id\":\"names\",\"text\":\"{}\"}}\n", text.join(" ")).into_bytes();
    input.extend_from_slice(GOOD);
    wd.write("names.jsonl", &input);
    let m = extract(&wd, &["names.jsonl"]);
    m.assert_bounded("100k names");
    assert_eq!(m.ids(), ["names", "good"]);
    // 100,000 here and China and Japan in the good article.
    assert!(m.stderr.contains("(100002 mentions)"), "{}", m.stderr);
}

/// The bug: relations carry their sentence as evidence, so one run-on "sentence" of 50,000
/// clauses ("China banned Huawei and Japan met Apple and …", 2 MB) made about 100,000
/// relations of 2 MB each and the run was killed for memory (22 GB). Relations are now sought
/// only in sentences up to 4 KiB, and at most 32 are kept per sentence; the summary counts the
/// sentences this touched.
#[test]
fn run_on_sentence_of_relations_stays_bounded() {
    let clauses = [
        "China banned Huawei",
        "Japan sanctioned Russia",
        "France met Germany",
        "Iran pressured Canada",
    ];
    let long: Vec<&str> = (0..50_000).map(|i| clauses[i % clauses.len()]).collect();
    // A sentence just under the limit with many relations: capped at 32.
    let mid: Vec<&str> = (0..150).map(|i| clauses[i % clauses.len()]).collect();
    let wd = Workdir::new("hostile-run-on");
    let input = format!(
        "{{\"id\":\"long\",\"text\":\"{}.\"}}\n{{\"id\":\"mid\",\"text\":\"{}.\"}}\n{}",
        long.join(" and "),
        mid.join(" and "),
        String::from_utf8_lossy(GOOD)
    );
    assert!(mid.join(" and ").len() < 4096);
    wd.write("run-on.jsonl", input);
    let m = extract(&wd, &["run-on.jsonl"]);
    m.assert_bounded("run-on sentence");
    assert_eq!(m.ids(), ["long", "mid", "good"]);
    assert!(
        m.stderr
            .contains("2 run-on sentences with relations capped"),
        "{}",
        m.stderr
    );
    let out = String::from_utf8(m.stdout).unwrap();
    let records: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(records[0]["relations"].as_array().unwrap().len(), 0);
    assert_eq!(records[1]["relations"].as_array().unwrap().len(), 32);
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(data).unwrap();
    gz.finish().unwrap()
}

fn many_articles(n: usize) -> Vec<u8> {
    let mut out = Vec::new();
    for i in 0..n {
        writeln!(
            out,
            "{{\"id\":\"{i}\",\"text\":\"China met Japan, story {i}.\"}}"
        )
        .unwrap();
    }
    out
}

#[test]
fn truncated_gzip_and_zstd_name_the_file_and_line() {
    // Large enough for several zstd blocks: a cut inside the first block yields nothing.
    let plain = many_articles(50_000);
    let gz = gzip(&plain);
    let zst = zstd::encode_all(&plain[..], 3).unwrap();
    for (name, bytes) in [("cut.jsonl.gz", gz), ("cut.jsonl.zst", zst)] {
        let wd = Workdir::new("hostile-truncated");
        wd.write(name, &bytes[..bytes.len() / 2]);
        wd.write("good.jsonl", GOOD);
        let m = extract(&wd, &[name, "good.jsonl"]);
        m.assert_bounded(name);
        assert_eq!(m.code, Some(1), "{name}: {}", m.stderr);
        let ids = m.ids();
        let read = ids.len() - 1;
        assert!(read > 100 && read < 50_000, "{name}: {read} articles read");
        assert_eq!(ids.last().map(String::as_str), Some("good"));
        // The error names the file and the line being read when the stream broke.
        assert!(
            m.stderr.contains(&format!("{name}:{}:", read + 1))
                || m.stderr.contains(&format!("{name}:{}:", read + 2)),
            "{name}: {}",
            m.stderr
        );
        assert!(m.stderr.contains("1 unreadable inputs"), "{}", m.stderr);
    }
}

/// `members` copies of one compressed member: a valid multi-member gzip (or multi-frame zstd)
/// stream, cheap to build, that inflates to `members` times `block`.
fn bomb(block: &[u8], members: usize, zstd: bool) -> Vec<u8> {
    let member = if zstd {
        zstd::encode_all(block, 19).unwrap()
    } else {
        gzip(block)
    };
    member.repeat(members)
}

/// Gigabytes from a few megabytes: zeros (one endless line), blank lines, and lines that are
/// each a reject. The reader stops a compressed file once it inflates 200 times its size, with
/// an input error naming file and line; the next file is read.
#[test]
fn decompression_bombs_are_cut_off() {
    let zeros = vec![0u8; 1 << 20];
    let blank = vec![b'\n'; 1 << 20];
    let junk = b"{}\n".repeat(1 << 18);
    let cases: &[(&str, &[u8], bool)] = &[
        ("zeros.jsonl.gz", &zeros, false),
        ("blank.jsonl.gz", &blank, false),
        ("junk.jsonl.gz", &junk, false),
        ("zeros.jsonl.zst", &zeros, true),
        ("junk.jsonl.zst", &junk, true),
    ];
    for &(name, block, zstd) in cases {
        let wd = Workdir::new("hostile-bomb");
        // 4 GiB once inflated.
        let bytes = bomb(block, 4096, zstd);
        assert!(bytes.len() < 8 << 20, "{name}: {} bytes", bytes.len());
        wd.write(name, &bytes);
        wd.write("good.jsonl", GOOD);
        let m = extract(&wd, &[name, "good.jsonl", "--rejects", "rejects.jsonl"]);
        m.assert_bounded(name);
        assert_eq!(m.code, Some(1), "{name}: {}", m.stderr);
        assert!(
            m.stderr.contains("decompresses to over 200 times its size"),
            "{name}: {}",
            m.stderr
        );
        assert!(m.stderr.contains(&format!("{name}:")), "{}", m.stderr);
        assert_eq!(m.ids(), ["good"], "{name}");
    }
}

/// A compressed file that inflates a lot but is legitimate (small, or real text) is read.
#[test]
fn small_repetitive_compressed_file_is_read() {
    let wd = Workdir::new("hostile-repetitive");
    let plain = b"{\"id\":\"a\",\"text\":\"China met Japan.\"}\n".repeat(20_000);
    wd.write("rep.jsonl.gz", gzip(&plain));
    let m = extract(&wd, &["rep.jsonl.gz"]);
    m.assert_bounded("repetitive");
    assert_eq!(m.code, Some(0), "{}", m.stderr);
    assert_eq!(m.ids().len(), 20_000);
}
