//! `extract --verbs FILE`: a PETRARCH/TABARI verb dictionary as it is, its codes mapped to
//! PLOVER; `--no-default-relations` leaves the built-in table out.

use serde_json::Value;

use crate::workdir::{Workdir, repo, stderr, stdout_records};

/// A verb block with a verb of its own code, a pattern, and a code outside the crosswalk.
const VERBS: &str = "\
<!-- a user's verb dictionary -->
&ARMS
+MISSILE
+ROCKET

--- SCOLD   [111]  ---
SCOLD  # criticize or denounce
UPBRAID {UPBRAIDS UPBRAIDED UPBRAIDING} [223]  # a WEIS code, outside the crosswalk
- * &ARMS (TO +)   [1951]  # a leaf the crosswalk lacks: the line of 195
- SAID * +          [112]  # words before the verb: skipped
";

fn relations(out: &std::process::Output) -> Vec<(String, String, String, String, String)> {
    let records = stdout_records(out);
    let field = |r: &Value, k: &str| r[k].as_str().unwrap_or("-").to_string();
    records[0]["relations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                field(r, "subject"),
                field(r, "predicate"),
                field(r, "object"),
                field(r, "cameo"),
                field(r, "plover"),
            )
        })
        .collect()
}

#[test]
fn a_verb_dictionary_as_it_is() {
    let wd = Workdir::new("verbs");
    wd.write("my.verbs", VERBS);
    wd.write(
        "a.jsonl",
        "{\"id\":\"a\",\"text\":\"Germany scolded France. Japan upbraided Canada. Peru banned Chile.\"}\n",
    );
    let rels = relations(&wd.run(&["extract", "--verbs", "my.verbs", "a.jsonl"]));
    let has = |s: &str, p: &str, o: &str, cameo: &str, plover: &str| {
        rels.contains(&(s.into(), p.into(), o.into(), cameo.into(), plover.into()))
    };
    // A verb alone: the crosswalk's line, named after CAMEO's description.
    assert!(
        has("DEU", "criticize", "FRA", "111", "DISAPPROVE"),
        "{rels:?}"
    );
    // A code outside the crosswalk passes through.
    assert!(has("JPN", "cameo:223", "CAN", "223", "-"), "{rels:?}");
    // The built-in table is still there.
    assert!(
        rels.iter().any(|r| r.0 == "PER" && r.1 == "ban"),
        "{rels:?}"
    );
    let without = relations(&wd.run(&[
        "extract",
        "--no-default-relations",
        "--verbs",
        "my.verbs",
        "a.jsonl",
    ]));
    assert!(without.iter().all(|r| r.0 != "PER"), "{without:?}");
    // Without the table, "scold" is no longer newsgraph's criticize but CAMEO's own 111.
    assert!(
        without.contains(&(
            "DEU".into(),
            "criticize_or_denounce".into(),
            "FRA".into(),
            "111".into(),
            "ACCUSE".into()
        )),
        "{without:?}"
    );
}

#[test]
fn a_pattern_refines_its_block() {
    let wd = Workdir::new("verbs-pattern");
    wd.write("my.verbs", VERBS);
    wd.write(
        "a.jsonl",
        "{\"id\":\"a\",\"text\":\"Germany scolded rockets to France.\"}\n",
    );
    let rels = relations(&wd.run(&[
        "extract",
        "--no-default-relations",
        "--verbs",
        "my.verbs",
        "a.jsonl",
    ]));
    assert_eq!(
        rels,
        [(
            "DEU".into(),
            "cameo:1951".into(),
            "FRA".into(),
            "1951".into(),
            "ASSAULT".into()
        )]
    );
}

#[test]
fn errors_name_file_and_line() {
    let wd = Workdir::new("verbs-error");
    wd.write("bad.verbs", "--- SCOLD [111] ---\nSCOLD\n- * TALKS\n");
    wd.write("a.jsonl", "{\"id\":\"a\",\"text\":\"x\"}\n");
    let out = wd.run(&["extract", "--verbs", "bad.verbs", "a.jsonl"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("bad.verbs:3:1: a pattern needs its [code]"),
        "{}",
        stderr(&out)
    );
}

/// PETRARCH2's validation dictionary (`<!-- -->` comments, WEIS codes, nested synonym sets,
/// codes such as `[+++]`) loads as it is.
#[test]
fn petrarch_validation_verbs_load() {
    let wd = Workdir::new("verbs-petr");
    let path = repo().join("../shared/sources/petrarch2/PETR.Validate.verbs.txt");
    wd.write(
        "a.jsonl",
        "{\"id\":\"a\",\"text\":\"Germany met France.\"}\n",
    );
    let out = wd.run(&["extract", "--verbs", path.to_str().unwrap(), "a.jsonl"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("triggers from"), "{}", stderr(&out));
}
