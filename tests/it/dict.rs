//! `newsgraph dict`: check and explain, run as a user would.

use crate::workdir::Workdir;

fn stdout(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn check_builtins_counts_meet_the_issue() {
    let wd = Workdir::new("dict-check-builtin");
    let o = wd.run(&["dict", "check"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = stdout(&o);
    // Columns: type, entities, with QID, aliases, demonyms, metonyms, people.
    let row = |kind: &str| -> Vec<usize> {
        let line = out
            .lines()
            .find(|l| l.split_whitespace().next() == Some(kind))
            .unwrap_or_else(|| panic!("no {kind} row in:\n{out}"));
        line.split_whitespace()
            .skip(1)
            .map(|n| n.parse().unwrap())
            .collect()
    };
    let countries = row("country");
    // ISO 3166-1 has 249 entries (Taiwan and Palestine among them); Kosovo makes 250.
    assert_eq!(countries[0], 250);
    assert_eq!(countries[1], 250, "every country has a QID");
    assert!(countries[3] > 250, "demonyms");
    assert!(countries[4] > 200, "metonyms");
    assert!(countries[5] > 5000, "people in government");
    assert!(row("agency")[0] >= 500);
    assert!(row("company")[0] >= 5000);
    // The intended shared aliases are reported with their alternatives.
    assert!(
        out.contains("\"Korea\": KOR (country, name) first; alternatives: PRK (country, name)"),
        "{out}"
    );
    assert!(out.contains("\"Apple\" (Q312, case auto): the word \"apple\""));
}

#[test]
fn check_user_file_reports_duplicates_shared_aliases_and_common_words() {
    let wd = Workdir::new("dict-check-user");
    wd.write(
        "a.tsv",
        "id\ttype\tname\taliases\tcountry\twikidata\n\
         acme\tcompany\tAcme Rockets\tAcme|Rocket\tUSA\tQ1\n\
         bolt\tcompany\tBolt Motors\tAcme\t\t\n",
    );
    wd.write(
        "b.tsv",
        "id\ttype\tname\taliases\nacme\tcompany\tAcme Rockets\tAcme Co\n",
    );
    let o = wd.run(&["dict", "check", "a.tsv", "b.tsv"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = stdout(&o);
    assert!(
        out.contains("a.tsv: ok") && out.contains("b.tsv: ok"),
        "{out}"
    );
    assert!(out.contains("ids defined in several files: 1"), "{out}");
    assert!(out.contains("acme: defined in a.tsv, b.tsv"), "{out}");
    assert!(
        out.contains("\"Acme\": acme (company, name) first; alternatives: bolt (company, name)"),
        "{out}"
    );
    assert!(
        out.contains("\"Rocket\" (acme, case auto): the word \"rocket\""),
        "{out}"
    );
    // Two companies, one with a QID; name forms: acme 4 (Acme Rockets, Acme, Rocket, Acme Co),
    // bolt 2 (Bolt Motors, Acme).
    assert!(
        out.lines().any(|l| l.split_whitespace().collect::<Vec<_>>()
            == ["company", "2", "1", "6", "0", "0", "0"]),
        "{out}"
    );
}

#[test]
fn check_reports_errors_with_file_line_column() {
    let wd = Workdir::new("dict-check-error");
    wd.write("bad.tsv", "id\ttype\tname\nx\tfirm\tX\n");
    let o = wd.run(&["dict", "check", "bad.tsv"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stdout(&o).contains(
            "error: bad.tsv:2:3: unknown type \"firm\" (expected country, company or agency)"
        ),
        "{}",
        stdout(&o)
    );
}

#[test]
fn explain_shows_candidates_decisions_and_alternatives() {
    let wd = Workdir::new("dict-explain");
    let o = wd.run(&["dict", "explain", "Bank of China and Korea; fine china"]);
    assert!(o.status.success());
    let out = stdout(&o);
    assert!(
        out.contains(
            "\"China\" at 1:9 (chars 8..13): alias \"China\" — overlapped by a longer match"
        ),
        "{out}"
    );
    assert!(
        out.contains(
            "\"china\" at 1:31 (chars 30..35): alias \"China\" — case policy rejects this spelling"
        ),
        "{out}"
    );
    assert!(out.contains("alt PRK \"North Korea\""), "{out}");
    assert!(
        out.contains("  \"Korea\" -> KOR (country, name), ambiguous: alternatives PRK"),
        "{out}"
    );
    assert!(out.contains("mentions: 2"), "{out}");
}

#[test]
fn explain_with_a_user_dictionary() {
    let wd = Workdir::new("dict-explain-user");
    wd.write(
        "my.tsv",
        "id\ttype\tname\taliases\tcountry\nacme\tcompany\tAcme Rockets\tAcme\tUSA\n",
    );
    let o = wd.run(&[
        "dict",
        "explain",
        "--dict",
        "my.tsv",
        "Acme said; ACME; acme",
    ]);
    assert!(o.status.success());
    let out = stdout(&o);
    assert!(out.contains("  \"Acme\" -> acme (company, name)"), "{out}");
    assert!(out.contains("  \"ACME\" -> acme (company, name)"), "{out}");
    assert!(
        out.contains("\"acme\" at 1:18 (chars 17..21): alias \"Acme\" — case policy rejects"),
        "{out}"
    );
}
