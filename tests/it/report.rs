//! `newsgraph report`: the page of the sample corpus opened in a real browser (headless
//! Chromium: sections and chart elements with the right counts, no console error, no network
//! request, a screenshot), its numbers against the extract output, escaping, the time series
//! of a rare predicate's spike, and the page of a stats document.

use std::collections::{BTreeMap, BTreeSet};
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
            "--disable-quic",
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

/// The requests the page made, from Chromium's net log (`--log-net-log=FILE`): every request
/// job's URL that the page asked for — its initiator is the file's opaque origin ("null") or
/// its network isolation key is the file:// site. Chromium makes requests of its own even
/// with the background-networking flags (a network-time query, the updater, the account
/// list); those have no origin ("not an origin") and are not tied to the page's site.
fn page_requests(netlog: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(netlog).expect("chromium wrote its net log");
    // A log cut short (Chromium killed) lacks its closing brackets; close it to read it.
    let log: Value = serde_json::from_str(&text)
        .or_else(|_| serde_json::from_str(&format!("{}]}}", text.trim_end().trim_end_matches(','))))
        .expect("the net log is JSON");
    let start = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
        .as_u64()
        .expect("the net log names its event types");
    let events = log["events"].as_array().expect("the net log has events");
    assert!(!events.is_empty(), "the net log recorded nothing");
    events
        .iter()
        .filter(|e| e["type"].as_u64() == Some(start))
        .filter_map(|e| {
            let p = &e["params"];
            let url = p["url"].as_str()?;
            let by_page = p["initiator"]
                .as_str()
                .is_some_and(|i| i == "null" || i.starts_with("file://"))
                || p["network_isolation_key"]
                    .as_str()
                    .is_some_and(|k| k.contains("file://"));
            by_page.then(|| url.to_string())
        })
        .collect()
}

/// The text of an HTML fragment: tags dropped, whitespace collapsed.
fn text_of(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The cells (th or td) of the table row that starts at `at` in `html`, as text.
fn row_cells(html: &str, at: usize) -> Vec<String> {
    let end = html[at..].find("</tr>").expect("the row ends") + at;
    html[at..end]
        .split("</t")
        .filter_map(|c| c.rfind("<t").map(|i| &c[i..]))
        .map(text_of)
        .collect()
}

/// The timeline table's header (series names, after the period and "all" columns) and its
/// totals row, by series name.
fn timeline_table(timeline: &str) -> (Vec<String>, BTreeMap<String, String>) {
    let table = timeline
        .find("id=\"timeline-table\"")
        .expect("the numbers behind the chart");
    let header = row_cells(timeline, table + timeline[table..].find("<tr").unwrap());
    let totals_at = table + timeline[table..].find("<tr><th>total</th>").unwrap();
    let totals = row_cells(timeline, totals_at);
    assert_eq!(header.len(), totals.len());
    let names: Vec<String> = header[2..].to_vec();
    let by_name = header[1..].iter().cloned().zip(totals[1..].iter().cloned());
    (names, by_name.collect())
}

/// A count as the timeline table shows it: all relations, and in brackets those negated or
/// not asserted when there are any.
fn shown(all: u64, apart: u64) -> String {
    if apart > 0 {
        format!("{all} ({apart})")
    } else {
        all.to_string()
    }
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
    // Dated relations per predicate: (all, negated or not asserted).
    let mut dated: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    for r in &records {
        let has_day = newsgraph::extracted::Day::of_value(&r["date"]).is_some();
        for rel in r["relations"].as_array().unwrap() {
            let key = (
                rel["subject"].as_str().unwrap().to_string(),
                rel["predicate"].as_str().unwrap().to_string(),
                rel["object"].as_str().unwrap().to_string(),
            );
            if has_day {
                let d = dated.entry(key.1.clone()).or_default();
                d.0 += 1;
                if rel["negated"].as_bool().unwrap() || rel["modality"] != "asserted" {
                    d.1 += 1;
                }
            }
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

    let netlog = wd.path("netlog.json");
    let (dom, log) = headless(
        &wd,
        &wd.path("report.html"),
        &["--dump-dom", &format!("--log-net-log={}", netlog.display())],
    );
    let console = console_lines(&log);
    assert!(console.is_empty(), "console messages: {console:#?}");
    let requests = page_requests(&netlog);
    assert!(requests.is_empty(), "the page made requests: {requests:#?}");

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

    // Time series: a panel per top predicate by all its dated relations (asserted or not),
    // then those that stand out, then "other"; each counts every relation and shows the
    // negated and not-asserted ones apart.
    let timeline = section(&dom, "timeline");
    let (names, totals) = timeline_table(timeline);
    assert_eq!(attr(timeline, "data-series"), names.len());
    let mut ranked: Vec<(&String, &(u64, u64))> = dated.iter().collect();
    ranked.sort_by(|a, b| b.1.0.cmp(&a.1.0).then_with(|| a.0.cmp(b.0)));
    let top = ranked.len().min(newsgraph::report::TOP_PREDICATES);
    let want: Vec<&String> = ranked[..top].iter().map(|r| r.0).collect();
    assert_eq!(names[..top].iter().collect::<Vec<_>>(), want);
    let standing = section(&dom, "timeline")
        .split("class=\"burst\"")
        .skip(1)
        .count();
    for name in &names[top..] {
        if name != "other" {
            assert!(
                timeline.contains(&format!("<b>{name}</b> in <b>")),
                "{name} has a panel beyond the top only because it stands out"
            );
        }
    }
    let other = names.last().is_some_and(|n| n == "other");
    assert_eq!(other, names.len() - usize::from(other) < ranked.len());
    assert!(names.len() - top - usize::from(other) <= standing);
    let mut rest = (0, 0);
    for (p, (all, apart)) in &dated {
        match totals.get(p) {
            Some(cell) => assert_eq!(*cell, shown(*all, *apart), "{p}"),
            None => {
                rest.0 += all;
                rest.1 += apart;
            }
        }
    }
    if other {
        assert_eq!(totals["other"], shown(rest.0, rest.1));
    }
    let every = dated.values().fold((0, 0), |a, d| (a.0 + d.0, a.1 + d.1));
    assert_eq!(totals["all"], shown(every.0, every.1));
    assert!(every.1 > 0, "the corpus has dated relations apart");
    assert!(
        timeline.contains("id=\"peak\""),
        "the busiest period is named"
    );
    // Each panel is a chart with its caption; a hover target per panel and period, whose
    // numbers add up to the panel's.
    let chart =
        text_of(&timeline[timeline.find("<svg").unwrap()..timeline.find("</svg>").unwrap()]);
    for name in &names {
        assert!(chart.contains(&format!("{name}: ")), "a panel for {name}");
    }
    let periods = attr(timeline, "data-periods");
    assert_eq!(
        timeline.matches("class=\"hit\"").count(),
        (names.len() + 1) * periods
    );
    let first = &names[0];
    let hovered: u64 = timeline
        .split(&format!("title=\"{first}, "))
        .skip(1)
        .map(|t| {
            let n = &t[t.find(": ").unwrap() + 2..];
            n[..n.find(' ').unwrap()].parse::<u64>().unwrap()
        })
        .sum();
    assert_eq!(hovered, dated[first].0, "hover numbers of {first}");

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

    // Graph: a circle per entity, an arrowhead per edge, a hover target on each, and a row
    // per edge in the table with its predicates.
    let graph = section(&dom, "graph");
    let nodes = attr(graph, "data-nodes");
    let edges = attr(graph, "data-edges");
    assert_eq!(nodes, linked.len().min(newsgraph::report::GRAPH_NODES));
    assert_eq!(graph.matches("<circle").count(), nodes);
    assert_eq!(graph.matches("<polygon").count(), edges);
    assert!(edges > 0);
    assert_eq!(graph.matches("class=\"hit\"").count(), nodes + edges);
    assert_eq!(graph.matches(" asserted relations: ").count(), edges);
    assert_eq!(graph.matches("class=\"edge\"").count(), edges);

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
fn the_network_check_sees_the_requests_a_page_makes() {
    // The browser test passes on "no request by the page"; this shows the net log reading
    // does see a page's requests (to a closed local port: nothing leaves the machine).
    let wd = Workdir::new("report-network");
    let page = wd.write(
        "probe.html",
        "<!DOCTYPE html><title>t</title><img src=\"http://127.0.0.1:9/probe.png\">\
         <link rel=\"stylesheet\" href=\"https://127.0.0.1:9/probe.css\">",
    );
    let netlog = wd.path("netlog.json");
    headless(
        &wd,
        &page,
        &["--dump-dom", &format!("--log-net-log={}", netlog.display())],
    );
    let requests = page_requests(&netlog);
    for url in [
        "http://127.0.0.1:9/probe.png",
        "https://127.0.0.1:9/probe.css",
    ] {
        assert!(requests.iter().any(|r| r == url), "{url} in {requests:#?}");
    }
}

/// An extract-output record: one relation between the United States and Japan.
fn record(id: &str, date: &str, predicate: &str, negated: bool, modality: &str) -> String {
    let entity = |id: &str, name: &str| {
        serde_json::json!({"id": id, "type": "country", "name": name,
            "mentions": [{"field": "text", "start": 0, "end": 2}]})
    };
    serde_json::json!({
        "id": id, "date": date,
        "entities": [entity("USA", "United States"), entity("JPN", "Japan")],
        "relations": [{
            "predicate": predicate, "subject": "USA", "object": "JPN",
            "negated": negated, "modality": modality, "rule": "test", "confidence": 0.9,
            "field": "text",
            "sentence": {"start": 0, "end": 12, "text": "US x Japan."},
            "trigger": {"start": 3, "end": 4, "text": "x"}
        }]
    })
    .to_string()
}

#[test]
fn a_rare_predicate_that_spikes_gets_its_own_panel_with_its_relations_apart_shown() {
    // The Reuters case: "sanction" is rare over the year (beyond the top predicates) but
    // most of it falls in one week, and most of it is planned or reported, not asserted.
    // It must get a panel, be named as standing out in that week, and count every relation
    // with the not-asserted ones apart; a rare predicate spread thin stays in "other".
    let wd = Workdir::new("report-spike");
    let common = [
        "accuse",
        "agree",
        "aid",
        "attack",
        "criticize",
        "meet",
        "pressure",
        "protest",
        "reject",
        "supply",
        "support",
        "urge",
    ];
    assert_eq!(common.len(), newsgraph::report::TOP_PREDICATES);
    // Mondays of 20 weeks from 2024-01-01.
    let mondays: Vec<String> = (0..20)
        .map(|w| {
            let mut day = 1 + 7 * w;
            let mut month = 1;
            for len in [31, 29, 31, 30, 31] {
                if day <= len {
                    break;
                }
                day -= len;
                month += 1;
            }
            format!("2024-{month:02}-{day:02}")
        })
        .collect();
    let mut lines = Vec::new();
    for (w, date) in mondays.iter().enumerate() {
        for p in common {
            lines.push(record(&format!("{p}-{w}"), date, p, false, "asserted"));
        }
        if w % 3 == 0 {
            lines.push(record(
                &format!("warn-{w}"),
                date,
                "warn",
                false,
                "asserted",
            ));
        }
    }
    for (i, (negated, modality)) in [
        (false, "asserted"),
        (false, "asserted"),
        (false, "planned"),
        (false, "reported"),
        (true, "asserted"),
    ]
    .into_iter()
    .enumerate()
    {
        lines.push(record(
            &format!("sanction-{i}"),
            &mondays[12],
            "sanction",
            negated,
            modality,
        ));
    }
    wd.write("facts.jsonl", lines.join("\n") + "\n");
    let html = report(&wd, "facts.jsonl", "report.html");
    let timeline = section(&html, "timeline");
    let (names, totals) = timeline_table(timeline);
    let mut want: Vec<&str> = common.to_vec();
    want.extend(["sanction", "other"]);
    assert_eq!(names, want);
    assert_eq!(totals["sanction"], "5 (3)");
    assert_eq!(totals["other"], "7");
    assert_eq!(totals["meet"], "20");
    let week = "2024-W13";
    assert!(
        timeline.contains(&format!(
            "<b>sanction</b> in <b>{week}</b> (from {}): 5 relations",
            mondays[12]
        )),
        "{timeline}"
    );
    assert!(timeline.contains(&format!(
        "title=\"sanction, week of {} ({week}): 5 relations: 2 asserted, 2 not asserted, 1 negated; stands out",
        mondays[12]
    )));
    // Its peak is labelled in its panel.
    assert!(text_of(timeline).contains(&format!("5 · {}", mondays[12])));
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
    // which a stats document does not tell apart; it must not claim any split by modality.
    assert!(!from_stats.contains("id=\"timeline-key\""));
    assert!(from_stats.contains("asserted or not: not recorded"));
    assert!(from_records.contains("id=\"timeline-key\""));
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
