//! Bad input: counted, reported with file and line, copied to the rejects file, never fatal.

use crate::workdir::{Workdir, stderr};

/// 100 good lines with 3 bad ones among them (lines 11, 52 and 103).
fn mixed_input() -> Vec<u8> {
    let mut out = Vec::new();
    let mut good = 0;
    for line in 1..=103 {
        match line {
            11 => out.extend_from_slice(b"{\"id\":\"bad-json\",\"text\":\n"),
            52 => out.extend_from_slice(b"{\"id\":\"no-text\",\"title\":\"x\"}\n"),
            103 => out.extend_from_slice(b"{\"id\":\"utf8\",\"text\":\"\xff\xfe\"}\n"),
            _ => {
                good += 1;
                out.extend_from_slice(
                    format!("{{\"id\":\"g{good}\",\"text\":\"China met Japan.\"}}\n").as_bytes(),
                );
            }
        }
    }
    assert_eq!(good, 100);
    out
}

#[test]
fn hundred_good_lines_and_three_bad() {
    let wd = Workdir::new("rejects");
    let input = mixed_input();
    wd.write("mixed.jsonl", &input);
    let out = wd.run(&["extract", "mixed.jsonl", "--rejects", "rejects.jsonl"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let records = String::from_utf8(out.stdout.clone()).unwrap();
    assert_eq!(records.lines().count(), 100);
    let err = stderr(&out);
    assert!(err.contains("mixed.jsonl:11: malformed JSON"), "{err}");
    assert!(err.contains("mixed.jsonl:52: missing \"text\""), "{err}");
    assert!(err.contains("mixed.jsonl:103: invalid UTF-8"), "{err}");
    assert!(err.contains("100 articles"), "{err}");
    assert!(err.contains("3 rejects"), "{err}");
    // The rejects file holds the three lines verbatim.
    let rejected = std::fs::read(wd.path("rejects.jsonl")).unwrap();
    let want: Vec<&[u8]> = input
        .split(|&b| b == b'\n')
        .enumerate()
        .filter(|(i, _)| [10, 51, 102].contains(i))
        .map(|(_, l)| l)
        .collect();
    let got: Vec<&[u8]> = rejected
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(got, want);
}

#[test]
fn strict_stops_at_the_first_reject() {
    let wd = Workdir::new("strict");
    wd.write("mixed.jsonl", mixed_input());
    let out = wd.run(&["extract", "--strict", "mixed.jsonl", "-o", "out.jsonl"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("mixed.jsonl:11:"), "{}", stderr(&out));
    assert!(
        !wd.path("out.jsonl").exists(),
        "an incomplete output is not moved into place"
    );
}

#[test]
fn oversize_article_is_a_reject() {
    let wd = Workdir::new("oversize");
    let big = format!("{{\"id\":\"big\",\"text\":\"{}\"}}\n", "a".repeat(5000));
    wd.write(
        "a.jsonl",
        format!("{big}{{\"id\":\"ok\",\"text\":\"China met Japan.\"}}\n"),
    );
    let out = wd.run(&["extract", "--max-article-bytes", "1000", "a.jsonl"]);
    assert_eq!(out.status.code(), Some(0));
    let err = stderr(&out);
    assert!(
        err.contains("a.jsonl:1: text of 5000 bytes is over --max-article-bytes (1000)"),
        "{err}"
    );
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 1);
}

#[test]
fn unreadable_input_is_reported_and_the_others_are_read() {
    let wd = Workdir::new("missing");
    wd.write("a.jsonl", "{\"id\":\"a\",\"text\":\"China met Japan.\"}\n");
    let out = wd.run(&["extract", "missing.jsonl", "a.jsonl"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("missing.jsonl:"), "{}", stderr(&out));
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 1);
}

#[test]
fn truncated_gzip_names_the_file_and_keeps_what_was_read() {
    use std::io::Write;
    let wd = Workdir::new("truncated");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    for i in 0..2000 {
        writeln!(
            gz,
            "{{\"id\":\"{i}\",\"text\":\"China met Japan number {i}.\"}}"
        )
        .unwrap();
    }
    let bytes = gz.finish().unwrap();
    wd.write("cut.jsonl.gz", &bytes[..bytes.len() / 2]);
    let out = wd.run(&["extract", "cut.jsonl.gz"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("cut.jsonl.gz:"), "{}", stderr(&out));
    assert!(!out.stdout.is_empty());
}
