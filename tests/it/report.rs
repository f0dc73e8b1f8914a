//! `newsgraph report`: the page of the sample corpus opened in a real browser (headless
//! Chromium: sections and chart elements with the right counts, no console error, a
//! screenshot), its numbers against the extract output, escaping, and the page of a stats
//! document.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::workdir::{Workdir, repo, stderr};

/// Chromium from Debian's package, which `.ci/run` installs; `NEWSGRAPH_CHROMIUM` overrides.
fn chromium() -> PathBuf {
    let path = std::env::var_os("NEWSGRAPH_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    assert!(
        path.exists(),
        "{} is missing: the report is tested in a real browser; run `bash .ci/run`, which \
         installs Debian's chromium",
        path.display()
    );
    path
}

/// Runs headless Chromium on a file with console messages logged to standard error; returns
/// (standard output, standard error).
fn headless(wd: &Workdir, page: &Path, extra: &[&str]) -> (String, String) {
    let profile = wd.path("chromium-profile");
    let out = Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs");
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "chromium failed: {err}");
    (String::from_utf8_lossy(&out.stdout).into_owned(), err)
}

/// Console messages in Chromium's log (`INFO:CONSOLE(1)] "…"` or `:CONSOLE:…`).
fn console_lines(log: &str) -> Vec<&str> {
    log.lines().filter(|l| l.contains("CONSOLE")).collect()
}

/// The part of the DOM inside `<section id="…">`.
fn section<'a>(dom: &'a str, id: &str) -> &'a str {
    let start = dom
        .find(&format!("<section id=\"{id}\""))
        .unwrap_or_else(|| panic!("no section {id}"));
    let end = dom[start..].find("</section>").expect("section closes") + start;
    &dom[start..end]
}

/// The integer in `attr="N"` within `text`.
fn attr(text: &str, attr: &str) -> usize {
    let key = format!("{attr}=\"");
    let at = text.find(&key).unwrap_or_else(|| panic!("no {attr}")) + key.len();
    text[at..].split('"').next().unwrap().parse().unwrap()
}

fn extract(wd: &Workdir, input: &Path, out: &str) -> Vec<Value> {
    let o = wd.run(&["extract", "-q", input.to_str().unwrap(), "-o", out]);
    assert!(o.status.success(), "{}", stderr(&o));
    wd.read(out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn report(wd: &Workdir, input: &str, out: &str) -> String {
    let o = wd.run(&["report", "-q", input, "-o", out]);
    assert!(o.status.success(), "{}", stderr(&o));
    wd.read(out)
}

#[test]
fn the_report_of_the_corpus_opens_in_chromium_with_its_sections_and_charts() {
    let browser = chromium();
    let wd = Workdir::new("report-browser");
    let records = extract(&wd, &repo().join("corpus"), "facts.jsonl");
    let html = report(&wd, "facts.jsonl", "report.html");

    // Self-contained: nothing the browser could fetch, no script.
    for needle in [
        "src=", "href=", "url(", "@import", "<link", "<script", "<iframe",
    ] {
        assert!(!html.contains(needle), "the page holds {needle:?}");
    }

    // What the page must show, computed from the extract output independently.
    let (mut asserted, mut negated, mut hedged) = (0, 0, 0);
    let mut triples = BTreeSet::new();
    let mut apart = BTreeSet::new();
    let mut linked = BTreeSet::new();
    for r in &records {
        for rel in r["relations"].as_array().unwrap() {
            let key = (
                rel["subject"].as_str().unwrap().to_string(),
                rel["predicate"].as_str().unwrap().to_string(),
                rel["object"].as_str().unwrap().to_string(),
            );
            if rel["negated"].as_bool().unwrap() {
                negated += 1;
                apart.insert((key, "negated"));
            } else if rel["modality"] != "asserted" {
                hedged += 1;
                apart.insert((key, "hedged"));
            } else {
                asserted += 1;
                if key.0 != key.2 {
                    linked.insert(key.0.clone());
                    linked.insert(key.2.clone());
                }
                triples.insert(key);
            }
        }
    }
    assert!(
        negated > 0 && hedged > 0,
        "the corpus shows relations apart"
    );

    let (dom, log) = headless(&wd, &wd.path("report.html"), &["--dump-dom"]);
    let console = console_lines(&log);
    assert!(console.is_empty(), "console messages: {console:#?}");

    let summary = section(&dom, "summary");
    let line = format!(
        "{} relations ({asserted} asserted, {negated} negated, {hedged} not asserted)",
        asserted + negated + hedged
    );
    let text: String = summary
        .replace("<b>", "")
        .replace("</b>", "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(text.contains(&line), "{line:?} not in {text}");
    assert!(
        text.contains(&format!("{} articles", records.len())),
        "{text}"
    );

    // Time series: one line per top predicate plus "other", each a stroke-width 2 polyline.
    let timeline = section(&dom, "timeline");
    let series = attr(timeline, "data-series");
    let predicates: BTreeSet<&String> = triples.iter().map(|t| &t.1).collect();
    let want = if predicates.len() > newsgraph::report::TOP_PREDICATES {
        newsgraph::report::TOP_PREDICATES + 1
    } else {
        predicates.len()
    };
    assert_eq!(series, want);
    assert!(
        timeline.contains("id=\"peak\""),
        "the busiest period is named"
    );
    let chart = &timeline[..timeline.find("</svg>").unwrap()];
    assert_eq!(chart.matches("stroke-width=\"2\"").count(), series);

    let entities = section(&dom, "entities");
    for kind in ["country", "company", "agency"] {
        assert!(
            entities.contains(&format!("data-kind=\"{kind}\"")),
            "{kind}"
        );
    }

    let shown = triples.len().min(newsgraph::report::TOP_TRIPLES);
    assert_eq!(
        section(&dom, "triples").matches("class=\"triple\"").count(),
        shown
    );
    let evidence = section(&dom, "evidence");
    assert_eq!(evidence.matches("class=\"triple-evidence\"").count(), shown);
    assert!(
        evidence.matches("<mark>").count() >= shown,
        "triggers marked"
    );
    assert_eq!(
        section(&dom, "apart").matches("class=\"apart\"").count(),
        apart.len().min(newsgraph::report::TOP_APART)
    );
    assert!(section(&dom, "apart").contains("negated"));

    // Graph: a circle per entity, an arrowhead per edge.
    let graph = section(&dom, "graph");
    let nodes = attr(graph, "data-nodes");
    assert_eq!(nodes, linked.len().min(newsgraph::report::GRAPH_NODES));
    assert_eq!(graph.matches("<circle").count(), nodes);
    assert_eq!(graph.matches("<polygon").count(), attr(graph, "data-edges"));
    assert!(attr(graph, "data-edges") > 0);

    // The screenshot: a CI artifact, its path printed past the test harness's capture.
    let shot = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("report-corpus.png");
    let _ = std::fs::remove_file(&shot);
    headless(
        &wd,
        &wd.path("report.html"),
        &[
            &format!("--screenshot={}", shot.display()),
            "--window-size=1280,2000",
        ],
    );
    let png = std::fs::read(&shot).expect("screenshot written");
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 10_000,
        "a real picture"
    );
    writeln!(
        std::io::stderr(),
        "report screenshot ({}): {}",
        browser.display(),
        shot.display()
    )
    .unwrap();
}

#[test]
fn the_console_check_sees_console_errors() {
    // The browser test passes on "no console line"; this shows Chromium does log them.
    let wd = Workdir::new("report-console");
    let page = wd.write(
        "probe.html",
        "<!DOCTYPE html><title>t</title><script>console.error('probe-error')</script>",
    );
    let (_, log) = headless(&wd, &page, &["--dump-dom"]);
    assert!(
        console_lines(&log)
            .iter()
            .any(|l| l.contains("probe-error")),
        "{log}"
    );
}

#[test]
fn evidence_text_is_escaped() {
    let wd = Workdir::new("report-escape");
    let input = wd.write(
        "articles.jsonl",
        r#"{"id":"x<1>","date":"2023-05-01","text":"The United States imposed sanctions on Japan <img src=x onerror=alert(1)> & more."}"#,
    );
    let records = extract(&wd, &input, "facts.jsonl");
    assert_eq!(records[0]["relations"].as_array().unwrap().len(), 1);
    let html = report(&wd, "facts.jsonl", "report.html");
    assert!(
        !html.contains("<img"),
        "markup from the input is not markup"
    );
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt; &amp; more."));
    assert!(html.contains("<code>x&lt;1&gt;</code>"));
    assert!(
        html.contains("<mark>sanctions on</mark>")
            || html.contains("<mark>imposed sanctions on</mark>"),
        "{html}"
    );
}

#[test]
fn a_stats_document_gives_the_counts_and_says_evidence_is_unavailable() {
    let wd = Workdir::new("report-stats");
    let records = extract(&wd, &repo().join("corpus"), "facts.jsonl");
    let o = wd.run(&["stats", "-q", "facts.jsonl", "-o", "stats.json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let from_stats = report(&wd, "stats.json", "stats.html");
    let from_records = report(&wd, "facts.jsonl", "facts.html");
    assert!(from_stats.contains("Evidence is unavailable"));
    assert!(!from_records.contains("Evidence is unavailable"));
    // Regression: the stats page said its lines left out negated and not-asserted relations,
    // which a stats document does not tell apart.
    assert!(!from_stats.contains("are not in these lines"));
    assert!(from_records.contains("are not in these lines"));
    let articles = format!("<b id=\"articles\">{}</b>", records.len());
    assert!(from_stats.contains(&articles) && from_records.contains(&articles));
    // The same entity tables either way: they come from the same counts.
    let table = |h: &str| {
        let s = h.find("<section id=\"entities\"").unwrap();
        h[s..s + h[s..].find("</section>").unwrap()].to_string()
    };
    assert_eq!(table(&from_stats), table(&from_records));
    assert_eq!(
        from_stats.matches("class=\"triple\"").count(),
        newsgraph::report::TOP_TRIPLES
    );
}

#[test]
fn lines_that_are_not_article_records_are_counted_as_rejects() {
    let wd = Workdir::new("report-rejects");
    let records = extract(&wd, &repo().join("corpus"), "facts.jsonl");
    let mut text = wd.read("facts.jsonl");
    text.push_str("not json\n{\"id\": 7}\n");
    wd.write("mixed.jsonl", text);
    let o = wd.run(&["report", "mixed.jsonl", "-o", "report.html"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("2 bad records"), "{}", stderr(&o));
    let html = wd.read("report.html");
    assert!(html.contains("<b>2</b> rejects"), "rejects in the run line");
    assert!(html.contains(&format!("<b id=\"articles\">{}</b>", records.len())));
}
