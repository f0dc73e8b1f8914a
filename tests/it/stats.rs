//! `newsgraph stats`: totals against the extract output they count, exact merges (a property
//! test over random stories, and the sample corpus split in halves), deduplication, filters,
//! and the CSV and Markdown views.

use std::collections::{BTreeMap, BTreeSet};

use newsgraph::extracted::ArticleRecord;
use newsgraph::stats::{Options, Report, Stats};
use proptest::prelude::*;
use serde_json::{Value, json};

use crate::workdir::{Workdir, repo, stderr};

/// Extracts the sample corpus into `facts.jsonl` in the workdir; returns its lines.
fn extract_corpus(wd: &Workdir) -> Vec<String> {
    let corpus = repo().join("corpus");
    let out = wd.run(&[
        "extract",
        "-q",
        corpus.to_str().unwrap(),
        "-o",
        "facts.jsonl",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    wd.read("facts.jsonl").lines().map(String::from).collect()
}

fn run_ok(wd: &Workdir, args: &[&str]) -> Vec<u8> {
    let out = wd.run(args);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    out.stdout
}

fn report(bytes: &[u8]) -> Report {
    serde_json::from_slice(bytes).unwrap()
}

#[test]
fn totals_equal_the_counts_in_the_extract_output() {
    let wd = Workdir::new("stats-totals");
    let lines = extract_corpus(&wd);
    let records: Vec<Value> = lines
        .iter()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let (mut article_entities, mut mentions, mut relations, mut negated) = (0, 0, 0, 0);
    let mut entity_articles: BTreeMap<String, u64> = BTreeMap::new();
    let mut predicates: BTreeMap<String, u64> = BTreeMap::new();
    let mut sources: BTreeMap<String, u64> = BTreeMap::new();
    for r in &records {
        for e in r["entities"].as_array().unwrap() {
            article_entities += 1;
            mentions += e["mentions"].as_array().unwrap().len() as u64;
            *entity_articles
                .entry(e["id"].as_str().unwrap().into())
                .or_default() += 1;
        }
        for rel in r["relations"].as_array().unwrap() {
            relations += 1;
            negated += u64::from(rel["negated"].as_bool().unwrap());
            *predicates
                .entry(rel["predicate"].as_str().unwrap().into())
                .or_default() += 1;
        }
        if let Some(s) = r["source"].as_str() {
            *sources.entry(s.into()).or_default() += 1;
        }
    }
    let r = report(&run_ok(&wd, &["stats", "-q", "facts.jsonl"]));
    let t = &r.totals;
    assert_eq!(t.articles, records.len() as u64);
    assert_eq!(t.article_entities, article_entities);
    assert_eq!(t.mentions, mentions);
    assert_eq!(t.relations, relations);
    assert_eq!(t.negated, negated);
    assert_eq!(t.entities, entity_articles.len() as u64);
    assert!(
        t.relations > 50 && t.entities > 40,
        "the corpus has content: {t:?}"
    );
    let got: BTreeMap<String, u64> = r
        .entities
        .iter()
        .map(|e| (e.id.clone(), e.articles))
        .collect();
    assert_eq!(got, entity_articles);
    let got: BTreeMap<String, u64> = r
        .predicates
        .iter()
        .map(|p| (p.predicate.clone(), p.relations))
        .collect();
    assert_eq!(got, predicates);
    let got: BTreeMap<String, u64> = r
        .sources
        .iter()
        .map(|s| (s.source.clone(), s.articles))
        .collect();
    assert_eq!(got, sources);
    // Every dated article is in one day, one week and one month.
    let dated = t.articles - t.undated;
    for periods in [&r.days, &r.weeks, &r.months] {
        assert_eq!(periods.iter().map(|p| p.articles).sum::<u64>(), dated);
        assert_eq!(
            periods.iter().map(|p| p.relations).sum::<u64>(),
            r.days.iter().map(|p| p.relations).sum::<u64>()
        );
    }
    // The pairs and co-occurrence are consistent with the relations and entities.
    assert_eq!(r.pairs.iter().map(|p| p.relations).sum::<u64>(), relations);
    let expected_pairs: u64 = records
        .iter()
        .map(|r| {
            let n = r["entities"].as_array().unwrap().len() as u64;
            n * n.saturating_sub(1) / 2
        })
        .sum();
    assert_eq!(
        r.cooccurrence.iter().map(|c| c.articles).sum::<u64>(),
        expected_pairs
    );
}

#[test]
fn merge_of_two_halves_equals_the_whole_byte_for_byte() {
    let wd = Workdir::new("stats-merge");
    let lines = extract_corpus(&wd);
    let half = lines.len() / 2;
    wd.write("a.jsonl", lines[..half].join("\n") + "\n");
    wd.write("b.jsonl", lines[half..].join("\n") + "\n");
    for extra in [&[][..], &["--dedup"][..], &["--since", "2023-03-01"][..]] {
        let with = |args: &[&'static str]| -> Vec<&'static str> { [args, extra].concat() };
        let whole = run_ok(&wd, &with(&["stats", "-q", "facts.jsonl"]));
        wd.write("sa.json", run_ok(&wd, &with(&["stats", "-q", "a.jsonl"])));
        wd.write("sb.json", run_ok(&wd, &with(&["stats", "-q", "b.jsonl"])));
        let ab = run_ok(&wd, &["stats", "--merge", "sa.json", "sb.json"]);
        let ba = run_ok(&wd, &["stats", "--merge", "sb.json", "sa.json"]);
        assert_eq!(
            String::from_utf8(ab).unwrap(),
            String::from_utf8(whole.clone()).unwrap(),
            "{extra:?}"
        );
        assert_eq!(ba, whole, "{extra:?}");
        // Input order does not matter either: b then a, in one run.
        assert_eq!(
            run_ok(&wd, &with(&["stats", "-q", "b.jsonl", "a.jsonl"])),
            whole
        );
    }
}

#[test]
fn same_input_same_bytes_from_file_gzip_and_stdin() {
    let wd = Workdir::new("stats-bytes");
    extract_corpus(&wd);
    let file = run_ok(&wd, &["stats", "-q", "facts.jsonl"]);
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    std::io::Write::write_all(&mut gz, wd.read("facts.jsonl").as_bytes()).unwrap();
    wd.write("facts.jsonl.gz", gz.finish().unwrap());
    assert_eq!(run_ok(&wd, &["stats", "-q", "facts.jsonl.gz"]), file);
    let out = wd.run_with_stdin(&["stats", "-q"], wd.read("facts.jsonl").as_bytes());
    assert!(out.status.success());
    assert_eq!(out.stdout, file);
}

#[test]
fn top_cuts_the_lists_and_a_cut_document_does_not_merge() {
    let wd = Workdir::new("stats-top");
    extract_corpus(&wd);
    let full = report(&run_ok(&wd, &["stats", "-q", "facts.jsonl"]));
    let cut_bytes = run_ok(&wd, &["stats", "-q", "facts.jsonl", "--top", "3"]);
    let cut = report(&cut_bytes);
    assert!(full.complete && !cut.complete);
    assert_eq!(cut.entities, full.entities[..3]);
    assert_eq!(cut.pairs, full.pairs[..3]);
    assert_eq!(cut.totals, full.totals, "totals are never cut");
    assert_eq!(cut.months, full.months, "periods are never cut");
    wd.write("cut.json", cut_bytes);
    let out = wd.run(&["stats", "--merge", "cut.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("complete"), "{}", stderr(&out));
}

#[test]
fn merge_refuses_different_options() {
    let wd = Workdir::new("stats-options");
    extract_corpus(&wd);
    wd.write("plain.json", run_ok(&wd, &["stats", "-q", "facts.jsonl"]));
    wd.write(
        "dedup.json",
        run_ok(&wd, &["stats", "-q", "--dedup", "facts.jsonl"]),
    );
    let out = wd.run(&["stats", "--merge", "plain.json", "dedup.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("different options"),
        "{}",
        stderr(&out)
    );
}

/// A syndicated copy: same text evidence, different id, title, date and source.
fn syndicate(line: &str, id: &str, date: &str, source: &str) -> String {
    let mut v: Value = serde_json::from_str(line).unwrap();
    v["id"] = json!(id);
    v["date"] = json!(date);
    v["source"] = json!(source);
    v["title"] = json!("A different headline");
    v.to_string()
}

#[test]
fn dedup_folds_syndicated_copies_and_says_how_many() {
    let wd = Workdir::new("stats-dedup");
    let lines = extract_corpus(&wd);
    let mut with_copies = lines.clone();
    with_copies.push(syndicate(&lines[0], "copy-1", "2030-01-01", "Other Wire"));
    with_copies.push(syndicate(&lines[0], "copy-2", "2000-01-01", "Other Wire"));
    with_copies.push(syndicate(&lines[3], "copy-3", "2030-01-01", "Other Wire"));
    wd.write("copies.jsonl", with_copies.join("\n") + "\n");
    let plain = report(&run_ok(&wd, &["stats", "-q", "facts.jsonl"]));
    let folded = report(&run_ok(&wd, &["stats", "-q", "--dedup", "copies.jsonl"]));
    let counted = report(&run_ok(&wd, &["stats", "-q", "copies.jsonl"]));
    assert_eq!(folded.totals.duplicates_folded, 3);
    assert_eq!(folded.totals.articles, plain.totals.articles);
    assert_eq!(folded.totals.relations, plain.totals.relations);
    assert_eq!(counted.totals.articles, plain.totals.articles + 3);
    // The copy kept is the earliest: copy-2, dated 2000, from "Other Wire".
    let stories = folded.stories.as_ref().unwrap();
    assert!(
        stories
            .iter()
            .any(|s| s.story.id == "copy-2" && s.copies == 3)
    );
    assert!(folded.days.iter().any(|d| d.period == "2000-01-01"));
    assert!(folded.sources.iter().any(|s| s.source == "Other Wire"));
    // Without evidence in their text, two different articles are not duplicates.
    let bare = |id: &str| json!({"id": id, "date": "2023-01-01", "entities": [], "relations": []});
    wd.write("bare.jsonl", format!("{}\n{}\n", bare("x"), bare("y")));
    let r = report(&run_ok(&wd, &["stats", "-q", "--dedup", "bare.jsonl"]));
    assert_eq!((r.totals.articles, r.totals.duplicates_folded), (2, 0));
}

#[test]
fn since_and_until_keep_the_dated_articles_inside() {
    let wd = Workdir::new("stats-since");
    extract_corpus(&wd);
    let r = report(&run_ok(
        &wd,
        &[
            "stats",
            "-q",
            "facts.jsonl",
            "--since",
            "2023-03-01",
            "--until",
            "2023-06-30",
        ],
    ));
    let full = report(&run_ok(&wd, &["stats", "-q", "facts.jsonl"]));
    let inside: u64 = full
        .days
        .iter()
        .filter(|d| d.period.as_str() >= "2023-03-01" && d.period.as_str() <= "2023-06-30")
        .map(|d| d.articles)
        .sum();
    assert!(inside > 0);
    assert_eq!(r.totals.articles, inside);
    assert_eq!(r.totals.filtered_out, full.totals.articles - inside);
    assert_eq!(r.totals.undated, 0);
    let out = wd.run(&["stats", "facts.jsonl", "--since", "2023-02-30"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "an impossible day is a usage error"
    );
}

#[test]
fn csv_and_markdown_views() {
    let wd = Workdir::new("stats-views");
    extract_corpus(&wd);
    let full = report(&run_ok(&wd, &["stats", "-q", "facts.jsonl"]));
    // (--by, header, rows with no --top)
    let cases = [
        (
            "entity",
            "id,name,type,country,wikidata,articles,mentions,as_subject,as_object",
            full.entities.len(),
        ),
        (
            "predicate",
            "predicate,relations,negated,articles",
            full.predicates.len(),
        ),
        (
            "pair",
            "subject,object,relations,articles,predicates",
            full.pairs.len(),
        ),
        ("cooccurrence", "a,b,articles", full.cooccurrence.len()),
        ("day", "day,articles,mentions,relations", full.days.len()),
        ("week", "week,articles,mentions,relations", full.weeks.len()),
        (
            "month",
            "month,articles,mentions,relations",
            full.months.len(),
        ),
        (
            "source",
            "source,articles,mentions,relations",
            full.sources.len(),
        ),
        ("totals", "total,count", 10),
    ];
    for (by, header, rows) in cases {
        let csv = String::from_utf8(run_ok(
            &wd,
            &["stats", "-q", "facts.jsonl", "--format", "csv", "--by", by],
        ))
        .unwrap();
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        assert_eq!(
            reader
                .headers()
                .unwrap()
                .iter()
                .collect::<Vec<_>>()
                .join(","),
            header,
            "{by}"
        );
        assert_eq!(reader.records().filter(|r| r.is_ok()).count(), rows, "{by}");
    }
    let top = &full.entities[0];
    let csv = String::from_utf8(run_ok(
        &wd,
        &[
            "stats",
            "-q",
            "facts.jsonl",
            "--format",
            "csv",
            "--top",
            "1",
        ],
    ))
    .unwrap();
    assert_eq!(csv.lines().count(), 2);
    assert!(
        csv.lines()
            .nth(1)
            .unwrap()
            .starts_with(&format!("{},", top.id))
    );
    let md = String::from_utf8(run_ok(
        &wd,
        &["stats", "-q", "facts.jsonl", "--format", "md"],
    ))
    .unwrap();
    for section in [
        "## Totals",
        "## Entities",
        "## Predicates",
        "## Subject–object pairs",
        "## Months",
        "## Sources",
    ] {
        assert!(md.contains(section), "{section}");
    }
    assert!(md.contains(&format!("| {} | {} |", top.id, top.name)));
    let out = wd.run(&["stats", "facts.jsonl", "--by", "pair"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "--by with JSON is a usage error"
    );
}

#[test]
fn bad_records_are_reported_with_file_and_line() {
    let wd = Workdir::new("stats-bad");
    let lines = extract_corpus(&wd);
    let relation_line =
        r#"{"article": "a", "predicate": "ban", "subject": "USA", "object": "CHN"}"#;
    wd.write(
        "mixed.jsonl",
        format!("{}\nnot json\n{relation_line}\n", lines[0]),
    );
    let out = wd.run(&["stats", "mixed.jsonl"]);
    assert_eq!(out.status.code(), Some(0));
    let err = stderr(&out);
    assert!(
        err.contains("mixed.jsonl:2: not an extract article record"),
        "{err}"
    );
    assert!(err.contains("mixed.jsonl:3: a relation line"), "{err}");
    assert!(err.contains("1 records counted, 2 bad records"), "{err}");
    assert_eq!(report(&out.stdout).totals.articles, 1);
}

// The property: stats over any split of the records, merged in any order through their JSON
// documents, equal the stats over all records — byte for byte.

fn arb_record() -> impl Strategy<Value = Value> {
    let ids = ["A", "B", "C", "D", "E"];
    (
        0u8..6,
        prop::option::of(prop::sample::select(vec![
            "2023-01-02",
            "2023-01-09",
            "2023-02-28T10:00:00",
            "2024-12-30",
            "undated",
        ])),
        prop::option::of(prop::sample::select(vec!["S1", "S2"])),
        prop::collection::vec((0usize..5, 1usize..3, prop::bool::ANY), 0..4),
        prop::collection::vec(
            (0usize..5, 0usize..5, prop::sample::select(vec!["ban", "meet"]), prop::bool::ANY),
            0..4,
        ),
    )
        .prop_map(move |(id, date, source, ents, rels)| {
            let mut entities: BTreeMap<usize, Value> = BTreeMap::new();
            for (i, (e, n, title)) in ents.iter().enumerate() {
                let field = if *title { "title" } else { "text" };
                let mentions: Vec<Value> = (0..*n)
                    .map(|k| json!({"field": field, "start": 10 * i + k, "end": 10 * i + k + 1}))
                    .collect();
                entities.insert(*e, json!({"id": ids[*e], "type": "country", "name": format!("N{}", ids[*e]), "mentions": mentions}));
            }
            let present: BTreeSet<usize> = entities.keys().copied().collect();
            let relations: Vec<Value> = rels
                .iter()
                .filter(|(s, o, _, _)| present.contains(s) && present.contains(o))
                .map(|(s, o, p, neg)| {
                    let span = json!({"start": 0, "end": 5, "text": "xxxxx"});
                    json!({"predicate": p, "subject": ids[*s], "object": ids[*o], "negated": neg,
                           "modality": "asserted", "rule": "svo", "confidence": 0.7, "field": "text",
                           "sentence": span, "trigger": span})
                })
                .collect();
            let mut rec = json!({"id": format!("r{id}"), "sentences": [{"field": "text", "start": 0, "end": 50}],
                                 "entities": entities.into_values().collect::<Vec<_>>(), "relations": relations});
            if let Some(d) = date {
                rec["date"] = json!(d);
            }
            if let Some(s) = source {
                rec["source"] = json!(s);
            }
            rec
        })
}

fn stats_of(options: &Options, records: &[&Value]) -> Stats {
    let mut s = Stats::new(options.clone());
    for r in records {
        let rec: ArticleRecord = serde_json::from_value((*r).clone()).unwrap();
        s.add(&rec).unwrap();
    }
    s
}

fn through_json(s: &Stats) -> Stats {
    Stats::from_json(&s.report().to_json()).unwrap()
}

proptest! {
    // No regression files in the repository: a failure prints its minimal input.
    #![proptest_config(ProptestConfig {
        failure_persistence: None,
        ..ProptestConfig::with_cases(200)
    })]
    #[test]
    fn merge_of_any_split_in_any_order_equals_the_whole(
        records in prop::collection::vec(arb_record(), 0..14),
        sides in prop::collection::vec(prop::bool::ANY, 14),
        dedup in prop::bool::ANY,
        since in prop::option::of(prop::sample::select(vec!["2023-01-05", "2023-03-01"])),
    ) {
        let options = Options { dedup, since: since.and_then(newsgraph::extracted::Day::parse), until: None };
        let all: Vec<&Value> = records.iter().collect();
        let whole = stats_of(&options, &all).report().to_json();
        type Part<'a> = Vec<(usize, &'a Value)>;
        let (a, b): (Part, Part) =
            records.iter().enumerate().partition(|(i, _)| sides[*i]);
        let a: Vec<&Value> = a.into_iter().map(|(_, r)| r).collect();
        // The second part in reverse: order within a part does not matter either.
        let b: Vec<&Value> = b.into_iter().rev().map(|(_, r)| r).collect();
        let (sa, sb) = (stats_of(&options, &a), stats_of(&options, &b));
        let mut ab = through_json(&sa);
        ab.merge(through_json(&sb)).unwrap();
        let mut ba = through_json(&sb);
        ba.merge(through_json(&sa)).unwrap();
        prop_assert_eq!(&ab.report().to_json(), &whole);
        prop_assert_eq!(&ba.report().to_json(), &whole);
    }
}
