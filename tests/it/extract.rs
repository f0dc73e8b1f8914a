//! `newsgraph extract`: inputs, dictionaries, matching and relations as a user sees them.

use serde_json::Value;

use crate::workdir::{Workdir, seed_path, stderr, stdout_records};

/// Entity names of a record.
fn names(record: &Value) -> Vec<String> {
    record["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap().to_string())
        .collect()
}

fn entity<'a>(record: &'a Value, id: &str) -> &'a Value {
    record["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == id)
        .unwrap_or_else(|| panic!("no entity {id}"))
}

/// (subject, predicate, object) of each relation.
fn triples(record: &Value) -> Vec<(String, String, String)> {
    record["relations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["subject"].as_str().unwrap().to_string(),
                r["predicate"].as_str().unwrap().to_string(),
                r["object"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn seed_article_entities() {
    let wd = Workdir::new("seed");
    let seed = seed_path();
    let out = wd.run(&["extract", seed.to_str().unwrap()]);
    let records = stdout_records(&out);
    assert_eq!(records.len(), 1);
    let r = &records[0];
    let found = names(r);
    for want in [
        "Huawei", "China", "Russia", "Germany", "Japan", "Italy", "ZTE", "Foxconn", "AT&T",
        "Verizon",
    ] {
        assert!(
            found.iter().any(|n| n.contains(want)),
            "{want} not in {found:?}"
        );
    }
    let usa = entity(r, "USA");
    let texts: Vec<&str> = usa["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["text"].as_str().unwrap())
        .collect();
    assert!(texts.contains(&"US"), "{texts:?}");
    assert!(texts.contains(&"U.S."), "{texts:?}");
    // "The US government": a mention of the United States in a government role.
    let text = seed_text();
    let gov = text.find("The US government").unwrap();
    let gov_chars = text[..gov].chars().count() + 4;
    assert!(
        usa["mentions"].as_array().unwrap().iter().any(|m| {
            m["field"] == "text" && m["start"] == gov_chars && m["role"] == "government"
        })
    );
    // "us" is never the United States, whatever entity.
    for e in r["entities"].as_array().unwrap() {
        for m in e["mentions"].as_array().unwrap() {
            assert_ne!(m["text"], "us", "{e}");
        }
    }
}

fn seed_text() -> String {
    let line = std::fs::read_to_string(seed_path()).unwrap();
    let v: Value = serde_json::from_str(&line).unwrap();
    v["text"].as_str().unwrap().to_string()
}

#[test]
fn seed_article_relations() {
    let wd = Workdir::new("seed-rel");
    let seed = seed_path();
    let records = stdout_records(&wd.run(&["extract", seed.to_str().unwrap()]));
    let r = &records[0];
    let t = triples(r);
    let has = |s: &str, p: &str, o: &str| t.iter().any(|x| x.0 == s && x.1 == p && x.2 == o);
    assert!(has("CHN", "spy_on", "USA"), "{t:?}");
    assert!(has("RUS", "spy_on", "USA"), "{t:?}");
    // "China and Russia spying on the President's iPhone": both are subjects of one sentence.
    let spying: Vec<&Value> = r["relations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|x| x["trigger"]["text"] == "spying on")
        .collect();
    let subjects: Vec<&str> = spying
        .iter()
        .map(|x| x["subject"].as_str().unwrap())
        .collect();
    assert_eq!(subjects, ["CHN", "RUS"]);
    // "China is using IT hardware … to spy on the U.S."
    assert!(r["relations"].as_array().unwrap().iter().any(|x| {
        x["trigger"]["text"] == "spy on"
            && x["subject"] == "CHN"
            && x["object"] == "USA"
            && x["object_span"]["text"] == "U.S."
    }));
    for c in ["DEU", "JPN", "ITA"] {
        assert!(has("USA", "meet", c), "{t:?}");
    }
    let pressure = r["relations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["predicate"] == "pressure")
        .expect("a pressure relation");
    assert_eq!(pressure["subject"], "USA");
    assert_eq!(pressure["object_span"]["text"], "Huawei");
    assert_eq!(pressure["modality"], "attempted");
}

#[test]
fn folder_of_text_and_jsonl_files() {
    let wd = Workdir::new("folder");
    wd.write("in/b/second.txt", "Germany met France.");
    wd.write("in/a.txt", "Japan sued China.");
    wd.write(
        "in/c.jsonl",
        "{\"id\":\"j1\",\"text\":\"Italy banned Russia.\"}\n",
    );
    wd.write("in/notes.md", "Italy banned Russia.");
    let records = stdout_records(&wd.run(&["extract", "in"]));
    let ids: Vec<&str> = records.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["a.txt", "b/second.txt", "j1"]);
    assert_eq!(
        triples(&records[0]),
        [("JPN".into(), "sue".into(), "CHN".into())]
    );
}

#[test]
fn gzip_and_zstd_are_recognised_by_their_bytes() {
    use std::io::Write;
    let wd = Workdir::new("compressed");
    let line = b"{\"id\":\"z\",\"text\":\"China sanctioned Japan.\"}\n";
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(line).unwrap();
    wd.write("news-gzip", gz.finish().unwrap());
    wd.write("news-zstd", zstd::encode_all(&line[..], 3).unwrap());
    let records = stdout_records(&wd.run(&["extract", "news-gzip", "news-zstd"]));
    assert_eq!(records.len(), 2);
    for r in &records {
        assert_eq!(
            triples(r),
            [("CHN".into(), "sanction".into(), "JPN".into())]
        );
    }
}

#[test]
fn stdin_field_names_and_carried_fields() {
    let wd = Workdir::new("stdin");
    let input = "{\"uuid\":7,\"body\":\"Russia accused Germany.\",\"title\":\"Russia Accuses Germany\",\"date\":\"2020-01-02\",\"lang\":\"en\"}\n";
    let out = wd.run_with_stdin(
        &["extract", "--text-field", "body", "--id-field", "uuid", "-"],
        input.as_bytes(),
    );
    let records = stdout_records(&out);
    let r = &records[0];
    assert_eq!(r["id"], "7");
    assert_eq!(r["date"], "2020-01-02");
    assert_eq!(r["extra"]["lang"], "en");
    assert!(r.get("body").is_none() && r["extra"].get("body").is_none());
    let russia = entity(r, "RUS");
    let fields: Vec<&str> = russia["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["title", "text"]);
    assert_eq!(r["title"], "Russia Accuses Germany");
}

#[test]
fn emit_relations_carries_article_fields() {
    let wd = Workdir::new("emit");
    wd.write(
        "a.jsonl",
        "{\"id\":\"a\",\"date\":\"2021-05-01\",\"source\":\"Wire\",\"text\":\"China and Russia met Japan.\"}\n",
    );
    let records = stdout_records(&wd.run(&["extract", "--emit", "relations", "a.jsonl"]));
    assert_eq!(records.len(), 2);
    for r in &records {
        assert_eq!(r["article"], "a");
        assert_eq!(r["date"], "2021-05-01");
        assert_eq!(r["source"], "Wire");
        assert_eq!(r["predicate"], "meet");
        assert_eq!(r["object_name"], "Japan");
    }
}

#[test]
fn user_dictionary_in_three_lines() {
    let wd = Workdir::new("userdict");
    wd.write(
        "mine.tsv",
        "# my companies\nid\ttype\tname\taliases\tcountry\nacme\tcompany\tAcme Rockets\tAcme\tUSA\n",
    );
    wd.write(
        "a.jsonl",
        "{\"id\":\"a\",\"text\":\"Acme sued Japan. Acme Rockets grew.\"}\n",
    );
    let records = stdout_records(&wd.run(&["extract", "--dict", "mine.tsv", "a.jsonl"]));
    let acme = entity(&records[0], "acme");
    assert_eq!(acme["mentions"].as_array().unwrap().len(), 2);
    assert_eq!(
        triples(&records[0])[0],
        ("acme".into(), "sue".into(), "JPN".into())
    );
    // Without the built-ins only the user's entities are found.
    let only = stdout_records(&wd.run(&[
        "extract",
        "--no-default-dict",
        "--dict",
        "mine.tsv",
        "a.jsonl",
    ]));
    assert_eq!(names(&only[0]), ["Acme Rockets"]);
}

#[test]
fn dictionary_error_names_file_line_column_and_reads_nothing() {
    let wd = Workdir::new("dicterr");
    wd.write("bad.tsv", "id\ttype\tname\nacme\tfirm\tAcme\n");
    wd.write("a.jsonl", "{\"id\":\"a\",\"text\":\"Acme\"}\n");
    let out = wd.run(&["extract", "--dict", "bad.tsv", "a.jsonl"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(
        stderr(&out).contains("bad.tsv:2:6: unknown type \"firm\""),
        "{}",
        stderr(&out)
    );
}

#[test]
fn output_file_appears_whole() {
    let wd = Workdir::new("output");
    wd.write("a.jsonl", "{\"id\":\"a\",\"text\":\"China met Japan.\"}\n");
    let out = wd.run(&["extract", "a.jsonl", "-o", "out.jsonl"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    assert_eq!(wd.read("out.jsonl").lines().count(), 1);
    let leftovers: Vec<_> = std::fs::read_dir(&wd.dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    // The summary line goes to stderr.
    assert!(stderr(&out).contains("1 articles"), "{}", stderr(&out));
}

#[test]
fn help_lists_exit_codes() {
    let wd = Workdir::new("help");
    let out = wd.run(&["extract", "--help"]);
    let help = String::from_utf8(out.stdout).unwrap();
    assert!(help.contains("EXIT STATUS"), "{help}");
    assert!(help.contains("--threads"), "{help}");
}
