//! The output contract: real output validates against the shipped JSON Schemas, and every
//! offset slices to its text with Python's code point semantics.

use serde_json::Value;

use crate::workdir::{Workdir, repo, seed_path, stdout_records};

fn validator(name: &str) -> jsonschema::Validator {
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(repo().join("schema").join(name)).unwrap())
            .unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

fn assert_valid(v: &jsonschema::Validator, record: &Value) {
    let errors: Vec<String> = v.iter_errors(record).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}\n{record}");
}

/// Python's `s[start:end]`: by code points.
fn slice(s: &str, start: u64, end: u64) -> String {
    s.chars()
        .skip(start as usize)
        .take((end - start) as usize)
        .collect()
}

/// Checks every span of an article record against the input article.
fn check_offsets(input: &Value, record: &Value) {
    let field = |name: &str| input[name].as_str().unwrap_or("").to_string();
    let (title, text) = (field("title"), field("text"));
    let of = |f: &Value| if f == "title" { &title } else { &text };
    for e in record["entities"].as_array().unwrap() {
        for m in e["mentions"].as_array().unwrap() {
            let s = slice(
                of(&m["field"]),
                m["start"].as_u64().unwrap(),
                m["end"].as_u64().unwrap(),
            );
            assert_eq!(s, m["text"].as_str().unwrap(), "{m}");
        }
    }
    for r in record["relations"].as_array().unwrap() {
        let t = of(&r["field"]);
        for key in ["sentence", "trigger", "subject_span", "object_span"] {
            let span = &r[key];
            let s = slice(
                t,
                span["start"].as_u64().unwrap(),
                span["end"].as_u64().unwrap(),
            );
            assert_eq!(s, span["text"].as_str().unwrap(), "{key} of {r}");
        }
    }
    for s in record["sentences"].as_array().unwrap() {
        let t = of(&s["field"]);
        let piece = slice(t, s["start"].as_u64().unwrap(), s["end"].as_u64().unwrap());
        assert!(!piece.is_empty() && piece.trim() == piece, "{piece:?}");
    }
}

fn inputs_of(paths: &[std::path::PathBuf]) -> Vec<Value> {
    paths
        .iter()
        .flat_map(|p| {
            std::fs::read_to_string(p)
                .unwrap()
                .lines()
                .map(|l| serde_json::from_str::<Value>(l).unwrap())
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn corpus_and_seed_validate_and_offsets_slice() {
    let wd = Workdir::new("schema");
    let inputs = [repo().join("corpus/articles.jsonl"), seed_path()];
    let args: Vec<&str> = ["extract"]
        .into_iter()
        .chain(inputs.iter().map(|p| p.to_str().unwrap()))
        .collect();
    let records = stdout_records(&wd.run(&args));
    let articles = inputs_of(&inputs);
    assert_eq!(records.len(), articles.len());
    let v = validator("article.schema.json");
    let mut relations = 0;
    for (input, record) in articles.iter().zip(&records) {
        assert_eq!(input["id"], record["id"]);
        assert_valid(&v, record);
        check_offsets(input, record);
        relations += record["relations"].as_array().unwrap().len();
    }
    assert!(relations > 20, "only {relations} relations in the corpus");
    let mut rel_args = args.clone();
    rel_args.insert(1, "--emit");
    rel_args.insert(2, "relations");
    let lines = stdout_records(&wd.run(&rel_args));
    assert_eq!(lines.len(), relations);
    let v = validator("relation.schema.json");
    for l in &lines {
        assert_valid(&v, l);
    }
}

#[test]
fn accents_emoji_and_curly_quotes_keep_exact_offsets() {
    let wd = Workdir::new("unicode");
    let article = serde_json::json!({
        "id": "u1",
        "title": "Zürich 🚀 “Huawei’s” résumé — China",
        "text": "Société Générale’s 🇺🇸 desk in São Paulo said “the U.S. banned Huawei’s gear”. \
                 北京 and Москва watched as 😀😀 Germany sanctioned Russia. Ünïcödé Japan.",
    });
    wd.write("u.jsonl", format!("{article}\n"));
    let records = stdout_records(&wd.run(&["extract", "u.jsonl"]));
    let r = &records[0];
    assert_valid(&validator("article.schema.json"), r);
    check_offsets(&article, r);
    let ids: Vec<&str> = r["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    for want in ["CHN", "USA", "DEU", "RUS", "JPN"] {
        assert!(ids.contains(&want), "{want} not in {ids:?}");
    }
    let preds: Vec<(&str, &str, &str)> = r["relations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            (
                x["subject"].as_str().unwrap(),
                x["predicate"].as_str().unwrap(),
                x["object"].as_str().unwrap(),
            )
        })
        .collect();
    assert!(preds.contains(&("DEU", "sanction", "RUS")), "{preds:?}");
}

/// The schemas describe the relation twice (inside an article record, and as a line of its
/// own); the two descriptions must not drift apart.
#[test]
fn relation_schemas_agree() {
    let read = |n: &str| -> Value {
        serde_json::from_str(&std::fs::read_to_string(repo().join("schema").join(n)).unwrap())
            .unwrap()
    };
    let article = read("article.schema.json");
    let line = read("relation.schema.json");
    let inner = article["$defs"]["relation"]["properties"]
        .as_object()
        .unwrap();
    for (k, v) in inner {
        assert_eq!(&line["properties"][k], v, "property {k}");
    }
    for r in article["$defs"]["relation"]["required"].as_array().unwrap() {
        assert!(line["required"].as_array().unwrap().contains(r), "{r}");
    }
}
