//! Dates: the release binary, with its built-in dictionaries, lets an office holder named
//! alone stand for the state only on the article's dates inside the person's terms of office
//! (Phoenix's `[JPNGOV 821126-871106]`), resolves renamed states by date ("Moscow" in 1987 is
//! the Soviet Union), reads terms of office in a user's dictionary, and explains the decision.

use crate::workdir::{Workdir, stderr, stdout_records};

/// The mentions of an extract record as "text=ID", in entity order.
fn mentions(record: &serde_json::Value) -> Vec<String> {
    let mut out = Vec::new();
    for e in record["entities"].as_array().unwrap() {
        for m in e["mentions"].as_array().unwrap() {
            out.push(format!(
                "{}={}",
                m["text"].as_str().unwrap(),
                e["id"].as_str().unwrap()
            ));
        }
    }
    out.sort();
    out
}

#[test]
fn office_holders_act_only_in_office_and_states_by_date() {
    // (text, date or null, mentions)
    let cases: &[(&str, Option<&str>, &[&str])] = &[
        // Nakasone: prime minister 1982-11-26 .. 1987-11-06.
        (
            "Yasuhiro Nakasone arrived.",
            Some("1987-03-02"),
            &["Yasuhiro Nakasone=JPN"],
        ),
        ("Yasuhiro Nakasone arrived.", Some("1995-06-01"), &[]),
        // Takeshita: 1987-11-06 .. 1989-06-02; in 1985 not yet.
        ("Noboru Takeshita arrived.", Some("1985-05-01"), &[]),
        (
            "Noboru Takeshita arrived.",
            Some("1988-05-01"),
            &["Noboru Takeshita=JPN"],
        ),
        // Thatcher: 1979-05-04 .. 1990-11-28; Reuters' own date format.
        (
            "Margaret Thatcher arrived.",
            Some("2-MAR-1987 10:01:02.00"),
            &["Margaret Thatcher=GBR"],
        ),
        ("Margaret Thatcher arrived.", Some("1995-01-10"), &[]),
        // Reagan: 1981-01-20 .. 1989-01-20, titled forms alike.
        (
            "President Reagan spoke.",
            Some("1987-02-26T15:01:01"),
            &["President Reagan=USA"],
        ),
        ("Ronald Reagan spoke.", Some("1993-04-01"), &[]),
        ("President Reagan spoke.", Some("1979-01-01"), &[]),
        // No date: every term counts.
        ("Ronald Reagan spoke.", None, &["Ronald Reagan=USA"]),
        // Names, demonyms and capitals have no dates; renamed states do.
        (
            "Japanese officials in Tokyo.",
            Some("1995-06-01"),
            &["Japanese=JPN", "Tokyo=JPN"],
        ),
        (
            "Moscow and the Kremlin said.",
            Some("1987-03-02"),
            &["Moscow=SUN", "the Kremlin=SUN"],
        ),
        (
            "Moscow and the Kremlin said.",
            Some("1995-03-02"),
            &["Moscow=RUS", "the Kremlin=RUS"],
        ),
        ("Prague said.", Some("1987-03-02"), &["Prague=CSK"]),
        ("Prague said.", Some("1995-03-02"), &["Prague=CZE"]),
    ];
    let wd = Workdir::new("dates");
    let mut lines = String::new();
    for (i, (text, date, _)) in cases.iter().enumerate() {
        let mut a = serde_json::json!({"id": i.to_string(), "text": text});
        if let Some(d) = date {
            a["date"] = serde_json::json!(d);
        }
        lines += &format!("{a}\n");
    }
    wd.write("a.jsonl", lines);
    let records = stdout_records(&wd.run(&["extract", "a.jsonl"]));
    assert_eq!(records.len(), cases.len());
    for ((text, date, want), record) in cases.iter().zip(&records) {
        assert_eq!(mentions(record), *want, "{text:?} on {date:?}");
    }
}

#[test]
fn a_users_people_with_terms_of_office() {
    let wd = Workdir::new("dates-user");
    wd.write(
        "people.tsv",
        "id\ttype\tname\tpeople\n\
         XLA\tcountry\tLaputa\tQueen Mab[2001-01-01..2004-12-31, 2010-01-01..]|Lord Munodi\n",
    );
    let lines: String = [("2003-05-05", 1), ("2007-05-05", 0), ("2012-05-05", 1)]
        .iter()
        .enumerate()
        .map(|(i, (d, _))| {
            format!("{}\n", serde_json::json!({"id": i.to_string(), "date": d, "text": "Queen Mab and Lord Munodi met."}))
        })
        .collect();
    wd.write("a.jsonl", lines);
    let out = wd.run(&[
        "extract",
        "--no-default-dict",
        "--dict",
        "people.tsv",
        "a.jsonl",
    ]);
    let records = stdout_records(&out);
    let got: Vec<Vec<String>> = records.iter().map(mentions).collect();
    assert_eq!(
        got,
        [
            vec!["Lord Munodi=XLA", "Queen Mab=XLA"],
            vec!["Lord Munodi=XLA"],
            vec!["Lord Munodi=XLA", "Queen Mab=XLA"],
        ]
    );
    // A bad term is an error at file:line:column.
    wd.write(
        "bad.tsv",
        "id\ttype\tname\tpeople\nXLA\tcountry\tLaputa\tQueen Mab[2001-01-01..04-12-31]\n",
    );
    let out = wd.run(&["dict", "check", "bad.tsv"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("bad.tsv:2:30: date \"04-12-31\" is not YYYY-MM-DD"),
        "{text}{}",
        stderr(&out)
    );
}

#[test]
fn explain_shows_the_dates_decision() {
    let wd = Workdir::new("dates-explain");
    let run = |date: &str| {
        let out = wd.run(&[
            "dict",
            "explain",
            "--date",
            date,
            "Margaret Thatcher flew to Moscow",
        ]);
        assert!(out.status.success(), "{}", stderr(&out));
        String::from_utf8(out.stdout).unwrap()
    };
    let in_1987 = run("1987-03-02");
    assert!(
        in_1987.contains(
            "\"Margaret Thatcher\" -> GBR (country, person), in office 1979-05-04..1990-11-28 on 1987-03-02"
        ),
        "{in_1987}"
    );
    assert!(
        in_1987.contains("\"Moscow\" -> SUN (country, metonym), SUN before 1991-12-26 (was RUS)"),
        "{in_1987}"
    );
    let in_1995 = run("1995-01-10");
    assert!(
        in_1995.contains("\"Margaret Thatcher\" -> GBR: out of office on 1995-01-10: no mention"),
        "{in_1995}"
    );
    assert!(
        in_1995.contains("\"Moscow\" -> RUS (country, metonym)\n"),
        "{in_1995}"
    );
    let bad = wd.run(&["dict", "explain", "--date", "someday", "Moscow"]);
    assert!(!bad.status.success());
}
