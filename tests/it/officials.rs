//! Officials act for their state: the release binary, with its built-in dictionaries, codes
//! "German Foreign Minister Oskar Fischer will visit Albania" as Germany → Albania and keeps
//! the person as the argument's `agent`; a former president is no party.

use serde_json::Value;

use crate::workdir::{Workdir, stdout_records};

const TEXT: &str = "German Foreign Minister Oskar Fischer will visit Albania. \
President Reagan urged Japan to open its markets. \
Former President Jimmy Carter criticized China. \
Kenzo Oshima, the United Nations Emergency Relief Coordinator, demanded that Iraq allow aid workers in. \
Toshiba's president met Soviet officials.";

#[test]
fn officials_act_for_their_state_with_the_person_as_agent() {
    let wd = Workdir::new("officials");
    let line = serde_json::json!({"id": "a", "text": TEXT}).to_string();
    wd.write("a.jsonl", format!("{line}\n"));
    let records = stdout_records(&wd.run(&["extract", "a.jsonl"]));
    let agent = |span: &Value| {
        let a = &span["agent"];
        if a.is_null() {
            return "-".to_string();
        }
        // The agent's offsets point at its text.
        let (start, end) = (a["start"].as_u64().unwrap(), a["end"].as_u64().unwrap());
        let chars: String = TEXT
            .chars()
            .skip(start as usize)
            .take((end - start) as usize)
            .collect();
        assert_eq!(chars, a["text"].as_str().unwrap());
        chars
    };
    let got = relation_lines(&records[0], agent);
    assert_eq!(
        got,
        [
            "DEU meet ALB | German Foreign Minister Oskar Fischer | -",
            "USA urge JPN | President Reagan | -",
            "igo:united-nations urge IRQ | Kenzo Oshima, the United Nations Emergency Relief Coordinator | -",
            "company:toshiba meet SUN | Toshiba's president | -",
        ],
        "{got:#?}"
    );
}

/// The fuzzer's first find: in a text that is not ASCII, the writer converts byte offsets to
/// characters only for the offsets it registered, and the agent's were not.
#[test]
fn agent_offsets_are_characters_in_non_ascii_text() {
    let wd = Workdir::new("officials-utf8");
    let text = "\u{201d}Last year, a U.S. official pressured ByteDance.";
    let line = serde_json::json!({"id": "a", "text": text}).to_string();
    wd.write("a.jsonl", format!("{line}\n"));
    let records = stdout_records(&wd.run(&["extract", "a.jsonl"]));
    let rel = &records[0]["relations"][0];
    let agent = &rel["subject_span"]["agent"];
    assert_eq!(agent["text"], "U.S. official", "{rel}");
    let start = agent["start"].as_u64().unwrap() as usize;
    let got: String = text.chars().skip(start).take(13).collect();
    assert_eq!(got, "U.S. official");
}

/// A surname after the full name in the same text is the same office holder; another
/// person of that surname ("Nancy Reagan") is not.
#[test]
fn a_later_surname_is_the_office_holder() {
    let wd = Workdir::new("officials-surname");
    let text = "Treasury Secretary James Baker arrived in Tokyo. \
Baker urged Japan to cut interest rates. Nancy Reagan criticized China. \
Mrs Baker visited Italy.";
    let line = serde_json::json!({"id": "a", "text": text, "date": "1987-03-02"}).to_string();
    wd.write("a.jsonl", format!("{line}\n"));
    let records = stdout_records(&wd.run(&["extract", "a.jsonl"]));
    let agent = |span: &Value| span["agent"]["text"].as_str().unwrap_or("-").to_string();
    let got = relation_lines(&records[0], agent);
    assert_eq!(got, ["USA urge JPN | Baker | -"], "{got:#?}");
}

/// "subject predicate object | subject's agent | object's agent" for each relation of a record.
fn relation_lines(record: &Value, agent: impl Fn(&Value) -> String) -> Vec<String> {
    record["relations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            format!(
                "{} {} {} | {} | {}",
                r["subject"].as_str().unwrap(),
                r["predicate"].as_str().unwrap(),
                r["object"].as_str().unwrap(),
                agent(&r["subject_span"]),
                agent(&r["object_span"]),
            )
        })
        .collect()
}
