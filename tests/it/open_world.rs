//! Companies that no dictionary lists, found by the form of their names, as `extract`, `stats`
//! and `graph` show them.

use serde_json::Value;

use crate::workdir::{Workdir, stderr, stdout_records};

const ARTICLE: &str = r#"{"id":"ow1","title":"PENNZOIL CO SUES TEXACO INC","text":"Pennzoil Co <PZL> said it sued Gulfex Inc. Pennzoil said Gulfex had agreed to sell its assets. The company said the ruling was final."}
"#;

fn entity<'a>(record: &'a Value, id: &str) -> Option<&'a Value> {
    record["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == id)
}

#[test]
fn names_by_their_form_become_companies_with_stable_ids() {
    let wd = Workdir::new("open-world");
    wd.write("a.jsonl", ARTICLE);
    let out = wd.run(&["extract", "a.jsonl"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let r = &stdout_records(&out)[0];
    let pennzoil = entity(r, "name:pennzoil").expect("Pennzoil Co found by its form");
    assert_eq!(pennzoil["type"], "company");
    assert_eq!(pennzoil["name"], "Pennzoil Co");
    assert_eq!(pennzoil["wikidata"], Value::Null);
    let mentions: Vec<(&str, &str)> = pennzoil["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["text"].as_str().unwrap(), m["form"].as_str().unwrap()))
        .collect();
    // The full name, then the short form later in the article; the headline is not evidence.
    assert_eq!(
        mentions,
        [("Pennzoil Co", "pattern"), ("Pennzoil", "pattern")]
    );
    assert!(entity(r, "name:gulfex").is_some(), "{r}");
    // A relation through a company found by its form: Pennzoil sued Gulfex.
    let sue = r["relations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["predicate"] == "sue")
        .unwrap_or_else(|| panic!("no sue relation in {r}"));
    assert_eq!(sue["subject"], "name:pennzoil");
    assert_eq!(sue["object"], "name:gulfex");
    assert!(sue["confidence"].as_f64().unwrap() < 0.9, "{sue}");

    // --no-open-world: neither company.
    let out = wd.run(&["extract", "--no-open-world", "a.jsonl"]);
    let r = &stdout_records(&out)[0];
    assert!(entity(r, "name:pennzoil").is_none(), "{r}");
    assert!(entity(r, "name:gulfex").is_none(), "{r}");
}

#[test]
fn one_id_across_articles_in_stats_and_graph() {
    let wd = Workdir::new("open-world-stats");
    wd.write(
        "a.jsonl",
        concat!(
            r#"{"id":"1","date":"1987-03-02","text":"Pennzoil Co sued Gulfex Inc in Houston."}"#,
            "\n",
            r#"{"id":"2","date":"1987-03-03","text":"Pennzoil Corp said it would sue Gulfex Inc again."}"#,
            "\n",
        ),
    );
    let out = wd.run(&["extract", "a.jsonl", "-o", "facts.jsonl"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = wd.run(&["stats", "facts.jsonl", "--format", "csv", "--by", "entity"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let csv = String::from_utf8(out.stdout).unwrap();
    let row = csv
        .lines()
        .find(|l| l.contains("name:pennzoil"))
        .unwrap_or_else(|| panic!("no name:pennzoil row in {csv}"));
    // Two articles, one entity: "Pennzoil Co" and "Pennzoil Corp" are the same company.
    assert!(row.contains(",2,") || row.ends_with(",2"), "{row}");
    let out = wd.run(&["graph", "facts.jsonl", "--format", "jsonl", "-o", "g"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let nodes = wd.read("g/nodes.jsonl");
    assert_eq!(nodes.matches("\"name:pennzoil\"").count(), 1, "{nodes}");
}
