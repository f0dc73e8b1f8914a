//! PETRARCH/TABARI actor files read as they are: `dict check` reads PETRARCH2's validation
//! actor file and counts its records; the Phoenix files load with `--dict`, and an office
//! holder from them acts for the state in office only; a broken file is an error at its line.

use crate::workdir::{Workdir, repo, stderr, stdout_records};

fn petrarch(name: &str) -> String {
    repo()
        .join("../shared/sources/petrarch2")
        .join(name)
        .display()
        .to_string()
}

#[test]
fn dict_check_reads_petrarchs_validation_actors() {
    let wd = Workdir::new("actors-check");
    let out = wd.run(&["dict", "check", &petrarch("PETR.Validate.actors.txt")]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}{}", stderr(&out));
    assert!(
        text.contains(
            "PETRARCH actor file: 129 entries (records): 38 country names, 0 people with terms \
             of office, 5 state bodies as metonyms, 0 companies, 3 agencies; 83 skipped"
        ),
        "{text}"
    );
}

#[test]
fn phoenix_files_load_with_dict_and_people_keep_their_terms() {
    let wd = Workdir::new("actors-phoenix");
    let lines: String = ["1987-03-02", "1995-06-01"]
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let a = serde_json::json!({"id": i.to_string(), "date": d,
                "text": "Yasuhiro Nakasone spoke to Kiichi Miyazawa."});
            format!("{a}\n")
        })
        .collect();
    wd.write("a.jsonl", lines);
    let mut args = vec!["extract".to_string(), "--no-default-dict".to_string()];
    for f in [
        "Phoenix.Countries.actors.txt",
        "Phoenix.International.actors.txt",
        "Phoenix.MilNonState.actors.txt",
    ] {
        args.push("--dict".into());
        args.push(petrarch(f));
    }
    args.push("a.jsonl".into());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let records = stdout_records(&wd.run(&args));
    let people = |r: &serde_json::Value| -> Vec<String> {
        let mut out = Vec::new();
        for e in r["entities"].as_array().unwrap() {
            for m in e["mentions"].as_array().unwrap() {
                out.push(format!(
                    "{}={}",
                    m["text"].as_str().unwrap(),
                    e["id"].as_str().unwrap()
                ));
            }
        }
        out
    };
    // Nakasone was prime minister 1982-1987 ([JPNGOV 821126-871106]); Miyazawa 1991-1993.
    assert_eq!(people(&records[0]), ["Yasuhiro Nakasone=JPN"]);
    assert_eq!(people(&records[1]), Vec::<String>::new());
}

#[test]
fn a_broken_actor_file_is_an_error_at_its_line() {
    let wd = Workdir::new("actors-broken");
    wd.write(
        "mine.actors.txt",
        "# mine\nLAPUTA [XLA]\n+BALNIBARBI [XLA\n",
    );
    let out = wd.run(&["dict", "check", "mine.actors.txt"]);
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("mine.actors.txt:3: '[' without ']'"),
        "{text}"
    );
}
