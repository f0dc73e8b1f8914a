//! Names read in context (src/homonyms.rs) through the release binary and its built-in
//! dictionaries: a country name used as a person's name or a US state is no country mention;
//! the same names used for the countries still are; an unsure one says `"ambiguous": true`,
//! and a relation through it has a lower confidence. One article per line of the table.

use serde_json::Value;

use crate::workdir::{Workdir, stdout_records};

/// The text, and its mentions as `text=ID`, with `?` when marked ambiguous.
const CASES: &[(&str, &[&str])] = &[
    ("Jordan scored 30 points for the Chicago Bulls.", &[]),
    ("Georgia voters went to the polls in Atlanta.", &[]),
    ("Chad Smith, the band's drummer, left the tour.", &[]),
    ("Paris Hilton arrived at the party.", &[]),
    ("Israel Kamakawiwo'ole recorded the song.", &[]),
    (
        "Boeing is based in Seattle, Washington.",
        &["Boeing=cik:12927"],
    ),
    ("Jordan and Israel signed.", &["Jordan=JOR", "Israel=ISR"]),
    (
        "Georgia's parliament in Tbilisi met.",
        &["Georgia=GEO", "Tbilisi=GEO"],
    ),
    ("King Hussein of Jordan arrived.", &["Jordan=JOR"]),
    ("Washington said it would act.", &["Washington=USA"]),
    ("Chad's government protested.", &["Chad=TCD"]),
    ("Israel scored two goals in the final.", &["Israel=ISR?"]),
];

fn mentions(record: &Value) -> Vec<String> {
    let mut out: Vec<(u64, String)> = Vec::new();
    for e in record["entities"].as_array().unwrap() {
        for m in e["mentions"].as_array().unwrap() {
            let mark = match m.get("ambiguous") {
                Some(Value::Bool(true)) => "?",
                None => "",
                other => panic!("\"ambiguous\" is true or absent, not {other:?}"),
            };
            out.push((
                m["start"].as_u64().unwrap(),
                format!(
                    "{}={}{mark}",
                    m["text"].as_str().unwrap(),
                    e["id"].as_str().unwrap()
                ),
            ));
        }
    }
    out.sort();
    out.into_iter().map(|(_, s)| s).collect()
}

#[test]
fn names_used_for_people_and_us_states_are_not_countries() {
    let wd = Workdir::new("homonyms");
    let lines: String = (CASES.iter().enumerate())
        .map(|(i, (text, _))| {
            format!(
                "{}\n",
                serde_json::json!({"id": i.to_string(), "text": text})
            )
        })
        .collect();
    wd.write("a.jsonl", lines);
    let records = stdout_records(&wd.run(&["extract", "a.jsonl"]));
    assert_eq!(records.len(), CASES.len());
    let mut failed = Vec::new();
    for (record, (text, want)) in records.iter().zip(CASES) {
        let got = mentions(record);
        if got != *want {
            failed.push(format!("{text:?}: got {got:?}, want {want:?}"));
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

#[test]
fn a_relation_through_an_ambiguous_mention_is_less_sure() {
    let wd = Workdir::new("homonyms-confidence");
    let unsure = "Israel scored two goals in the match, and Israel accused Syria of cheating.";
    let sure = "Israel accused Syria of cheating.";
    let lines: String = [unsure, sure]
        .iter()
        .map(|t| format!("{}\n", serde_json::json!({"id": "x", "text": t})))
        .collect();
    wd.write("a.jsonl", lines);
    let records = stdout_records(&wd.run(&["extract", "a.jsonl"]));
    let confidence = |r: &Value| {
        let rel = &r["relations"][0];
        assert_eq!(
            (
                rel["subject"].as_str(),
                rel["predicate"].as_str(),
                rel["object"].as_str()
            ),
            (Some("ISR"), Some("accuse"), Some("SYR"))
        );
        rel["confidence"].as_f64().unwrap()
    };
    assert_eq!(confidence(&records[0]), 0.72);
    assert_eq!(confidence(&records[1]), 0.9);
}
