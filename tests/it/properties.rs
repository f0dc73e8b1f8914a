//! Properties over arbitrary Unicode text and arbitrary small dictionaries, checked with
//! proptest against the library: nothing panics; every mention's code point offsets slice to
//! its text (Python's `text[start:end]`); the output bytes are the same for any thread count
//! and any batch size; an article's record does not change when other articles share its
//! batch.

use std::ops::ControlFlow;
use std::path::PathBuf;

use newsgraph::article::{Article, ArticleOptions};
use newsgraph::dictionary::DictionaryBuilder;
use newsgraph::input::Reader;
use newsgraph::pipeline::{Emit, Options, Pipeline};
use newsgraph::record;
use newsgraph::relate::ontology::Ontology;
use proptest::prelude::*;

use crate::workdir::Workdir;

/// An alias: short words of letters that include non-ASCII ones and capitals, sometimes with a
/// dot or an apostrophe, so that case policies, boundaries and multi-byte offsets all meet.
fn alias() -> impl Strategy<Value = String> {
    prop::string::string_regex("[A-Za-zÉéÜüß]{1,5}( [A-Zé][a-zé.]{0,4}){0,2}\\.?").unwrap()
}

/// A dictionary of up to 6 entities as TSV text, and the names in it.
fn dictionary() -> impl Strategy<Value = (String, Vec<String>)> {
    prop::collection::vec(
        (
            alias(),
            prop::collection::vec(alias(), 0..3),
            0..3usize,
            0..3usize,
        ),
        1..6,
    )
    .prop_map(|entries| {
        let mut tsv = String::from("id\ttype\tname\taliases\tcase\n");
        let mut names = Vec::new();
        for (i, (name, aliases, kind, case)) in entries.into_iter().enumerate() {
            let kind = ["country", "company", "agency"][kind];
            let case = ["auto", "exact", "ignore"][case];
            let aliases: Vec<String> = aliases.into_iter().filter(|a| !a.contains('|')).collect();
            tsv.push_str(&format!(
                "e{i}\t{kind}\t{name}\t{}\t{case}\n",
                aliases.join("|")
            ));
            names.push(name);
            names.extend(aliases);
        }
        (tsv, names)
    })
}

/// Text made of dictionary names, trigger words, punctuation and arbitrary Unicode.
fn text(names: Vec<String>) -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => prop::sample::select(names),
        2 => prop::sample::select(vec![
            " banned ", " met ", " sanctions ", " said ", ". ", "! ", " and ", "'s ", "’s ",
            " U.S. ", " the government of ", "\n", " ", ", ", "\u{a0}", "\u{301}",
        ])
        .prop_map(String::from),
        1 => any::<String>(),
        1 => prop::string::string_regex("[\\p{L}\\p{M}\\p{N}\\p{P}\\p{Z}]{0,8}").unwrap(),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

fn pipeline_and_text() -> impl Strategy<Value = (String, String, String)> {
    dictionary().prop_flat_map(|(tsv, names)| {
        let t = text(names.clone());
        let title = text(names);
        (Just(tsv), title, t)
    })
}

fn pipeline(tsv: &str) -> Pipeline {
    let mut b = DictionaryBuilder::new();
    b.add_str("prop.tsv", tsv)
        .expect("generated dictionaries are valid");
    Pipeline::new(b.build(), Ontology::defaults(), Options::default())
}

/// The article record of `article`, as JSON.
fn record_of(p: &Pipeline, article: &Article) -> serde_json::Value {
    let ex = p.process(article);
    let mut out = Vec::new();
    record::write_article(p, article, &ex, &mut out);
    serde_json::from_slice(&out).expect("the record is JSON")
}

/// Python's `s[start:end]`: code points.
fn py_slice(s: &str, start: u64, end: u64) -> String {
    s.chars()
        .skip(start as usize)
        .take((end - start) as usize)
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn offsets_slice_to_the_mention_text((tsv, title, text) in pipeline_and_text()) {
        let p = pipeline(&tsv);
        let article = Article {
            id: "a".into(),
            title: Some(title.clone()),
            text: text.clone(),
            ..Article::default()
        };
        // Byte spans inside the pipeline are on char boundaries and inside their field.
        let ex = p.process(&article);
        for f in &ex.mentions {
            let field = if f.field.as_str() == "title" { &title } else { &text };
            prop_assert!(field.get(f.mention.start..f.mention.end).is_some());
            prop_assert!((f.sentence as usize) < ex.sentences.len());
        }
        let rec = record_of(&p, &article);
        for e in rec["entities"].as_array().unwrap() {
            for m in e["mentions"].as_array().unwrap() {
                let field = if m["field"] == "title" { &title } else { &text };
                let (s, e) = (m["start"].as_u64().unwrap(), m["end"].as_u64().unwrap());
                prop_assert!(s < e);
                prop_assert_eq!(py_slice(field, s, e), m["text"].as_str().unwrap());
            }
        }
        for s in rec["sentences"].as_array().unwrap() {
            let field = if s["field"] == "title" { &title } else { &text };
            let (a, b) = (s["start"].as_u64().unwrap(), s["end"].as_u64().unwrap());
            prop_assert!(a <= b && b as usize <= field.chars().count());
        }
        for r in rec["relations"].as_array().unwrap() {
            let field = if r["field"] == "title" { &title } else { &text };
            let sent = &r["sentence"];
            let (a, b) = (sent["start"].as_u64().unwrap(), sent["end"].as_u64().unwrap());
            prop_assert_eq!(py_slice(field, a, b), sent["text"].as_str().unwrap());
        }
    }

    /// An article's record alone equals its record with other articles processed before it by
    /// the same pipeline (no state leaks from one article into the next).
    #[test]
    fn neighbours_do_not_change_an_article(
        (tsv, title, text) in pipeline_and_text(),
        others in prop::collection::vec(any::<String>(), 0..4),
    ) {
        let p = pipeline(&tsv);
        let article = Article { id: "a".into(), title: Some(title), text, ..Article::default() };
        let alone = record_of(&p, &article);
        for (i, o) in others.iter().enumerate() {
            let _ = record_of(&p, &Article { id: format!("o{i}"), text: o.clone(), ..Article::default() });
        }
        prop_assert_eq!(alone, record_of(&p, &article));
    }
}

/// Runs the pipeline over `input` on a pool of `threads` with batches of `batch` records.
fn run(p: &Pipeline, input: &PathBuf, threads: usize, batch: usize) -> Vec<u8> {
    let opts = ArticleOptions::default();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap();
    let mut out = Vec::new();
    pool.install(|| {
        let reader = Reader::new(std::slice::from_ref(input), opts.record_limit());
        p.run_with_batch(reader, &opts, Emit::Articles, &mut out, batch, |_| {
            ControlFlow::Continue(())
        })
        .unwrap()
    });
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// The same bytes for 1 or 3 threads and batches of 1, 2, 7 or 512 records; and each
    /// article's line is its record alone, whatever else the batch holds.
    #[test]
    fn threads_and_batches_do_not_change_the_output(
        (tsv, articles) in dictionary().prop_flat_map(|(tsv, names)| {
            (Just(tsv), prop::collection::vec(text(names), 1..12))
        }),
    ) {
        let p = pipeline(&tsv);
        let wd = Workdir::new("prop-batches");
        let mut input = String::new();
        for (i, t) in articles.iter().enumerate() {
            let line = serde_json::json!({"id": format!("a{i}"), "text": t});
            input.push_str(&line.to_string());
            input.push('\n');
        }
        let path = wd.write("in.jsonl", &input);
        let want = run(&p, &path, 1, 512);
        for (threads, batch) in [(1, 1), (3, 1), (3, 2), (1, 7), (3, 512)] {
            prop_assert!(run(&p, &path, threads, batch) == want, "{} threads, batch {}", threads, batch);
        }
        let lines: Vec<&[u8]> = want.split(|&b| b == b'\n').filter(|l| !l.is_empty()).collect();
        prop_assert_eq!(lines.len(), articles.len());
        for (i, t) in articles.iter().enumerate() {
            let alone = record_of(&p, &Article { id: format!("a{i}"), text: t.clone(), ..Article::default() });
            let in_batch: serde_json::Value = serde_json::from_slice(lines[i]).unwrap();
            prop_assert_eq!(alone, in_batch);
        }
    }
}
