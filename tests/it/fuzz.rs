//! A fuzz harness on the stable toolchain: seeded random mutations of real inputs, run against
//! the JSON-lines reader and article parser, the dictionary parser, and the match + relation
//! stages, for a time budget. A panic is a failure; its input is shrunk and saved.
//!
//! CI runs it for 3 seconds with a fixed seed. By hand, for longer or another seed:
//!
//! ```sh
//! NEWSGRAPH_FUZZ_SECS=600 NEWSGRAPH_FUZZ_SEED=12345 cargo test --release --test it fuzz:: -- --nocapture
//! ```
//!
//! A crash is saved, shrunk, as `target/tmp/fuzz-crashes/<target>-<seed>.bin`; copy it into
//! `tests/fuzz-regressions/` (named `<target>-<what>.bin`) with the fix, and
//! `fuzz_regressions_replay` runs it from then on.

use std::io::Write;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use newsgraph::article::{self, ArticleOptions};
use newsgraph::dictionary::DictionaryBuilder;
use newsgraph::input::{Raw, RawKind, Reader};
use newsgraph::pipeline::{Emit, Options, Pipeline};
use newsgraph::relate::ontology::Ontology;

use crate::hostile::Rng;
use crate::workdir::repo;

/// A fuzz target: takes bytes, must not panic.
type Target = fn(&[u8]);

/// The fuzz targets, by name.
const TARGETS: &[(&str, Target)] = &[
    ("reader", reader_target),
    ("article", article_target),
    ("dictionary", dictionary_target),
    ("pipeline", pipeline_target),
];

fn defaults() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(Pipeline::defaults)
}

/// Bytes as a file through [`Reader`] (plain, or gzip when they start with its magic), each
/// record through the article parser and the whole pipeline.
fn reader_target(data: &[u8]) {
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("fuzz-files");
    std::fs::create_dir_all(&dir).unwrap();
    let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let path = dir.join(format!("{}-{}.jsonl", std::process::id(), n % 8));
    std::fs::write(&path, data).unwrap();
    // A small limit, so that the oversize path is taken too.
    let opts = ArticleOptions {
        max_article_bytes: 300,
        ..ArticleOptions::default()
    };
    for item in Reader::new(std::slice::from_ref(&path), opts.record_limit().min(700)) {
        let Ok(raw) = item else { continue };
        let mut out = Vec::new();
        let _ = defaults().process_raw(&raw, &opts, Emit::Articles, &mut out);
        let _ = defaults().process_raw(&raw, &opts, Emit::Relations, &mut out);
    }
}

/// Bytes as one JSON line and as one text file, through the article parser and the pipeline.
fn article_target(data: &[u8]) {
    let opts = ArticleOptions::default();
    for kind in [
        RawKind::JsonLine,
        RawKind::TextFile {
            id: "fuzz.txt".into(),
        },
    ] {
        let raw = Raw {
            file: Arc::from("fuzz"),
            line: 1,
            kind,
            bytes: data.to_vec().into(),
            oversize: None,
        };
        if let Ok(a) = article::parse(&raw, &opts) {
            let mut out = Vec::new();
            let _ = defaults().process_raw(&raw, &opts, Emit::Articles, &mut out);
            let ex = defaults().process(&a);
            for m in &ex.mentions {
                let field = if m.field.as_str() == "title" {
                    a.title.as_deref().unwrap_or("")
                } else {
                    &a.text
                };
                assert!(field.get(m.mention.start..m.mention.end).is_some());
            }
        }
    }
}

/// Bytes as a dictionary file; when it loads, a pipeline built from it runs over the sample
/// sentences and over the bytes themselves as text.
fn dictionary_target(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut b = DictionaryBuilder::new();
    if b.add_str("fuzz.tsv", text).is_err() {
        return;
    }
    let dict = b.build();
    if dict.entities().is_empty() {
        return;
    }
    let p = Pipeline::new(dict, Ontology::defaults(), Options::default());
    for t in [
        text,
        "China banned Huawei. The U.S. met Japan's officials and said: sanctions!",
    ] {
        let a = newsgraph::article::Article {
            id: "x".into(),
            text: t.into(),
            ..Default::default()
        };
        let ex = p.process(&a);
        let mut out = Vec::new();
        newsgraph::record::write_article(&p, &a, &ex, &mut out);
    }
}

/// Bytes (lossily decoded) as an article text and title, through match + relate + record.
fn pipeline_target(data: &[u8]) {
    let s = String::from_utf8_lossy(data);
    let cut = s
        .char_indices()
        .nth(s.chars().count() / 3)
        .map_or(0, |c| c.0);
    let a = newsgraph::article::Article {
        id: "x".into(),
        title: Some(s[..cut].to_string()),
        text: s[cut..].to_string(),
        ..Default::default()
    };
    let ex = defaults().process(&a);
    let mut out = Vec::new();
    newsgraph::record::write_article(defaults(), &a, &ex, &mut out);
    newsgraph::record::write_relations(defaults(), &a, &ex, &mut out);
}

/// Starting inputs per target: real articles, dictionaries and sentences from the repository.
fn seeds(target: &str) -> Vec<Vec<u8>> {
    let r = repo();
    let read = |p: &str| std::fs::read(r.join(p)).unwrap_or_default();
    match target {
        "dictionary" => {
            let mut v = vec![
                b"id\ttype\tname\taliases\tcase\tcountry\twikidata\nacme\tcompany\tAcme Rockets\tAcme|ACME\tauto\tUSA\tQ1\n"
                    .to_vec(),
            ];
            let countries = read("dictionaries/countries.tsv");
            v.push(countries[..countries.len().min(4000)].to_vec());
            v
        }
        _ => {
            let mut v: Vec<Vec<u8>> = Vec::new();
            let jsonl = read("corpus/articles.jsonl");
            v.extend(jsonl.split(|&b| b == b'\n').take(8).map(<[u8]>::to_vec));
            v.push(br#"{"id":"s","title":"U.S. bans Huawei","text":"The US government is attempting to persuade allies to stop using Huawei equipment. China is using IT hardware to spy on the U.S."}"#.to_vec());
            if target == "reader" {
                let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
                gz.write_all(&v.concat()).unwrap();
                v.push(gz.finish().unwrap());
            }
            v.retain(|s| !s.is_empty());
            v
        }
    }
}

/// Tokens that break parsers: escapes, surrogates, nesting, line ends, BOM, NUL, long runs.
const TOKENS: &[&[u8]] = &[
    b"\\ud800",
    b"\\udc00",
    b"\\u0000",
    b"\\\"",
    b"[[[[[[[[",
    b"{\"id\":",
    b"\r\n",
    b"\n",
    b"\xef\xbb\xbf",
    b"\0",
    b"\xff",
    b"\xc3",
    b"\t",
    b"|",
    b"#",
    b"U.S.",
    b"China",
    b" banned ",
    b"'s",
    b"\xe2\x80\x99s",
    b"\xcc\x81",
    b"...",
    b"1e999999",
    b"-0",
];

fn mutate(rng: &mut Rng, input: &mut Vec<u8>, pool: &[Vec<u8>]) {
    for _ in 0..1 + rng.below(6) {
        let len = input.len();
        match rng.below(8) {
            0 if len > 0 => {
                let i = rng.below(len);
                input[i] ^= 1 << rng.below(8);
            }
            1 if len > 0 => {
                let i = rng.below(len);
                input[i] = rng.next() as u8;
            }
            2 if len > 0 => {
                let a = rng.below(len);
                let b = (a + 1 + rng.below(32)).min(len);
                input.drain(a..b);
            }
            3 => {
                let t = TOKENS[rng.below(TOKENS.len())];
                let i = rng.below(len + 1);
                input.splice(i..i, t.iter().copied());
            }
            4 if len > 0 => {
                // Repeat a slice: long runs of one thing.
                let a = rng.below(len);
                let b = (a + 1 + rng.below(16)).min(len);
                let piece = input[a..b].to_vec();
                let times = 1 + rng.below(64);
                input.splice(a..a, piece.repeat(times));
            }
            5 => {
                // Splice in part of another seed.
                let other = &pool[rng.below(pool.len())];
                if !other.is_empty() {
                    let a = rng.below(other.len());
                    let b = (a + 1 + rng.below(200)).min(other.len());
                    let i = rng.below(len + 1);
                    input.splice(i..i, other[a..b].iter().copied());
                }
            }
            6 if len > 0 => input.truncate(rng.below(len)),
            _ => {
                let i = rng.below(len + 1);
                let n = 1 + rng.below(8);
                let bytes = rng.bytes(n);
                input.splice(i..i, bytes);
            }
        }
    }
    input.truncate(64 << 10);
}

fn panics(f: Target, data: &[u8]) -> bool {
    catch_unwind(AssertUnwindSafe(|| f(data))).is_err()
}

/// Shrinks a crashing input by deleting chunks while it still crashes.
fn minimize(f: Target, mut data: Vec<u8>) -> Vec<u8> {
    let mut chunk = data.len() / 2;
    while chunk > 0 {
        let mut i = 0;
        while i < data.len() {
            let mut shorter = data.clone();
            shorter.drain(i..(i + chunk).min(data.len()));
            if panics(f, &shorter) {
                data = shorter;
            } else {
                i += chunk;
            }
        }
        chunk /= 2;
    }
    data
}

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[test]
fn fuzz_for_a_time_budget() {
    let secs = env_u64("NEWSGRAPH_FUZZ_SECS", 3);
    let seed = env_u64("NEWSGRAPH_FUZZ_SEED", 0x6e65_7773);
    let per_target = Duration::from_secs_f64(secs as f64 / TARGETS.len() as f64);
    // Panics are expected while shrinking: keep their messages off the test output.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let mut report = Vec::new();
    let mut crashes = Vec::new();
    for (k, &(name, target)) in TARGETS.iter().enumerate() {
        let mut rng = Rng(seed ^ ((k as u64 + 1) << 32) | 1);
        let pool = seeds(name);
        let started = Instant::now();
        let mut runs = 0u64;
        while started.elapsed() < per_target {
            let mut input = pool[rng.below(pool.len())].clone();
            mutate(&mut rng, &mut input, &pool);
            runs += 1;
            if panics(target, &input) {
                let small = minimize(target, input);
                let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("fuzz-crashes");
                std::fs::create_dir_all(&dir).unwrap();
                let path = dir.join(format!("{name}-{seed}-{runs}.bin"));
                std::fs::write(&path, &small).unwrap();
                crashes.push(format!(
                    "{name}: {} ({} bytes)",
                    path.display(),
                    small.len()
                ));
                break;
            }
        }
        report.push(format!("{name}: {runs} inputs"));
    }
    std::panic::set_hook(hook);
    eprintln!("fuzz, seed {seed}, {secs}s: {}", report.join(", "));
    assert!(
        crashes.is_empty(),
        "crashes (seed {seed}), shrunk inputs saved:\n{}",
        crashes.join("\n")
    );
}

/// Every input the fuzzer ever crashed on, run again: `tests/fuzz-regressions/<target>-*.bin`.
#[test]
fn fuzz_regressions_replay() {
    let dir = repo().join("tests/fuzz-regressions");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let Some(stem) = name.strip_suffix(".bin") else {
            continue;
        };
        let target = TARGETS
            .iter()
            .find(|(t, _)| stem.starts_with(&format!("{t}-")))
            .unwrap_or_else(|| panic!("{name}: no target named by its prefix"));
        let data = std::fs::read(&path).unwrap();
        assert!(!panics(target.1, &data), "{name} crashes again");
        seen += 1;
    }
    assert!(seen > 0, "no regression inputs in {}", dir.display());
}
