//! `newsgraph extract --format parquet`: the files DuckDB reads (through tests/py) against the
//! JSON lines of the same run, the same bytes at any thread count, and the usage errors.

use serde_json::Value;

use crate::workdir::{Workdir, repo, run_python, stderr};

/// Runs `extract` on the sample corpus with `args` and the corpus last.
fn extract(wd: &Workdir, args: &[&str]) {
    let corpus = repo().join("corpus");
    let mut all = vec!["extract", "-q"];
    all.extend_from_slice(args);
    all.push(corpus.to_str().unwrap());
    let out = wd.run(&all);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
}

fn json_lines(wd: &Workdir, name: &str) -> Vec<Value> {
    wd.read(name)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn duckdb_reads_the_parquet_files_as_the_json_lines() {
    let wd = Workdir::new("parquet-duckdb");
    extract(&wd, &["--emit", "relations", "-o", "relations.jsonl"]);
    extract(&wd, &["-o", "articles.jsonl"]);
    let p = ["--format", "parquet"];
    extract(
        &wd,
        &[&p[..], &["--emit", "relations", "-o", "r.parquet"]].concat(),
    );
    extract(&wd, &[&p[..], &["-o", "a.parquet"]].concat());

    let relations = json_lines(&wd, "relations.jsonl");
    let articles = json_lines(&wd, "articles.jsonl");
    let count = |key: &str| -> usize {
        articles
            .iter()
            .map(|a| a[key].as_array().unwrap().len())
            .sum()
    };
    let mentions: usize = articles
        .iter()
        .flat_map(|a| a["entities"].as_array().unwrap())
        .map(|e| e["mentions"].as_array().unwrap().len())
        .sum();
    assert!(
        relations.len() > 40 && articles.len() > 10,
        "the corpus has content"
    );

    let stdout = run_python(
        "tests/py/check_parquet.py",
        &[
            wd.path("r.parquet"),
            wd.path("relations.jsonl"),
            wd.path("a.parquet"),
            wd.path("articles.jsonl"),
        ],
    );
    let seen: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(seen["relations"], relations.len(), "{seen}");
    assert_eq!(seen["compared_relations"], relations.len(), "{seen}");
    assert_eq!(seen["articles"], articles.len(), "{seen}");
    assert_eq!(seen["compared_articles"], articles.len(), "{seen}");
    assert_eq!(seen["entities"], count("entities"), "{seen}");
    assert_eq!(seen["article_relations"], relations.len(), "{seen}");
    assert_eq!(seen["mentions"], mentions, "{seen}");
    assert_eq!(seen["day_type"], "DATE", "{seen}");
    // The sample corpus fits in one row group of each kind.
    assert_eq!(seen["relation_row_groups"], 1, "{seen}");
    assert_eq!(seen["article_row_groups"], 1, "{seen}");
}

#[test]
fn parquet_bytes_do_not_depend_on_threads() {
    let wd = Workdir::new("parquet-threads");
    for emit in ["relations", "articles"] {
        let mut files = Vec::new();
        for threads in ["1", "2", "4"] {
            let name = format!("{emit}-{threads}.parquet");
            let args = ["--format", "parquet", "--emit", emit, "-j", threads];
            extract(&wd, &[&args[..], &["-o", &name]].concat());
            files.push(std::fs::read(wd.path(&name)).unwrap());
        }
        assert!(files[0].len() > 1000);
        assert!(files[0] == files[1] && files[0] == files[2], "{emit}");
    }
}

#[test]
fn parquet_needs_an_output_file() {
    let wd = Workdir::new("parquet-usage");
    wd.write(
        "a.jsonl",
        "{\"id\": \"1\", \"text\": \"China banned Huawei.\"}\n",
    );
    for args in [
        &["extract", "--format", "parquet", "a.jsonl"][..],
        &["extract", "--format", "parquet", "-o", "-", "a.jsonl"],
        &[
            "extract",
            "--format",
            "parquet",
            "-o",
            "x.parquet",
            "--resume",
            "a.jsonl",
        ],
    ] {
        let out = wd.run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&out).contains("parquet"),
            "{args:?}: {}",
            stderr(&out)
        );
        assert!(out.stdout.is_empty());
    }
    assert!(!wd.path("x.parquet").exists());
}

#[test]
fn parquet_run_reports_rejects_as_the_json_run_does() {
    let wd = Workdir::new("parquet-rejects");
    wd.write(
        "a.jsonl",
        "{\"id\": \"1\", \"text\": \"China banned Huawei.\"}\nnot json\n",
    );
    let args = ["extract", "--format", "parquet", "-o", "a.parquet"];
    let out = wd.run(&[&args[..], &["--rejects", "bad.jsonl", "a.jsonl"]].concat());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("1 articles"), "{}", stderr(&out));
    assert!(stderr(&out).contains("1 rejects"), "{}", stderr(&out));
    assert_eq!(wd.read("bad.jsonl"), "not json\n");
    assert_eq!(&std::fs::read(wd.path("a.parquet")).unwrap()[..4], b"PAR1");
}
