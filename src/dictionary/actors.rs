//! PETRARCH/TABARI actor dictionaries read as they are (`Phoenix.Countries.actors.txt`,
//! `PETR.Validate.actors.txt`): a record is a primary phrase, `+` synonyms and bracketed CAMEO
//! codes, on its line or on lines of their own that begin with white space, each code with an
//! optional date restriction (`[USAGOV 810120-890120]`, `[GBRGOV >970502]`, `[ONO <911226]`).
//! Phrases join words with `_` or spaces; `#` and `;` start comments, and `<!-- … -->` blocks
//! are comments too. The codes decide what a record is for newsgraph (the table is in
//! `dictionaries/README.md`, "PETRARCH actor files"):
//!
//! - a state's code dated (`[JPNGOV 821126-871106]`): a person of that country, in office on
//!   those dates (the `people` column with terms);
//! - a country's bare code (`[AFG]`): names of the country;
//! - a state's code undated (`[ISRMIL]`, `[USAGOV]`): a metonym of the country, which acts;
//! - `MNC…` or a country's `BUS`: a company; `IGO…`: an international agency;
//! - anything else (opposition, rebels, civilians, NGOs, a person only ever `ELI`, codes of no
//!   known country, `[---]`): not a newsgraph actor, counted as skipped.
//!
//! The result is entries like a TSV file's ([`ReadLine`]s), merged by the builder in the same way.
//! Errors (a `+` synonym before any record, an unclosed `[`) and warnings (an unreadable date,
//! taken as no limit) name the file and line.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::dates::Term;
use super::error::{Error, Warning};
use super::format::{Draft, Origin, ReadEntry};
use super::{CasePolicy, Entity, EntityType, Form};
use crate::hash::str_hash;

/// Whether a dictionary file is a PETRARCH/TABARI actor file: named `*.actors.txt` or
/// `*.actors`, or its first line that is not blank or a comment has no tab (a newsgraph
/// dictionary's header always has: it names at least three columns).
pub(super) fn is_actor_file(name: &str, text: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".actors.txt") || lower.ends_with(".actors") {
        return true;
    }
    let mut in_block = false;
    for line in text.lines() {
        let line = line.trim_start_matches('\u{feff}').trim();
        if in_block {
            in_block = !line.contains("-->");
            continue;
        }
        if line.starts_with("<!--") {
            in_block = !line.contains("-->");
            continue;
        }
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        return !line.contains('\t');
    }
    false
}

/// What reading an actor file gave, for `dict check`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ActorCounts {
    /// Records (primary phrases) read.
    pub records: usize,
    /// Of these: names of countries, people with terms of office, state bodies read as
    /// metonyms, companies, agencies, and records that are no newsgraph actor.
    pub countries: usize,
    pub people: usize,
    pub metonyms: usize,
    pub companies: usize,
    pub agencies: usize,
    pub skipped: usize,
}

/// One record while reading: its phrases and codes, with the line it starts on.
struct Record {
    line: usize,
    phrases: Vec<String>,
    /// Code, restriction (None: no limit), line.
    codes: Vec<(String, Option<Term>)>,
}

/// The sectors of a state: its government, military, police, judiciary, legislature, spies.
const STATE_SECTORS: &[&str] = &["GOV", "MIL", "COP", "JUD", "LEG", "SPY"];

/// PETRARCH's country codes that are not newsgraph's ids.
const COUNTRY_CODES: &[(&str, &str)] = &[
    ("USR", "SUN"),
    ("KSV", "XKX"),
    ("TMP", "TLS"),
    ("FRY", "YUG"),
    ("SCG", "SRB"),
];

/// The country ids of the built-in dictionary (`countries.tsv`), read once.
fn country_ids() -> &'static HashMap<&'static str, ()> {
    static IDS: OnceLock<HashMap<&'static str, ()>> = OnceLock::new();
    IDS.get_or_init(|| {
        let text = super::builtin::DEFAULT_FILES[0].1;
        text.lines()
            .filter(|l| !l.starts_with('#'))
            .skip(1)
            .filter_map(|l| l.split('\t').next())
            .map(|id| (id, ()))
            .collect()
    })
}

/// The newsgraph country id of a code's first three letters, if they name a country.
fn country_of(code: &str) -> Option<&'static str> {
    let c3 = code.get(..3)?;
    if let Some(&(_, id)) = COUNTRY_CODES.iter().find(|(p, _)| *p == c3) {
        return Some(id);
    }
    country_ids().get_key_value(c3).map(|(k, _)| *k)
}

/// Words kept in lower case when a phrase in capitals is written as a name, so that the case
/// policy also accepts them capitalised ("president Reagan" matches "President Reagan"; a
/// capitalised "Of" would not match "Bank of Tokyo").
const LOWER_WORDS: &[&str] = &[
    "of",
    "the",
    "and",
    "for",
    "de",
    "del",
    "la",
    "le",
    "du",
    "des",
    "on",
    "in",
    "to",
    "at",
    "president",
    "prime",
    "minister",
    "foreign",
    "chancellor",
    "king",
    "queen",
    "premier",
    "secretary",
    "general",
    "former",
    "leader",
    "chairman",
    "vice",
    "state",
    "defense",
    "defence",
    "finance",
    "gov.",
    "governor",
    "senator",
    "sen.",
    "party",
];

/// A phrase (`RONALD_REAGAN_`, `PRESIDENT HOSNI MURBARAK`) as a name: words apart, each
/// capitalised unless it is in [`LOWER_WORDS`] or holds a dot or a digit (`U.S.`, `A.`); words
/// written in mixed case are kept.
fn phrase_text(phrase: &str) -> String {
    let mut out = String::new();
    for w in phrase.split(['_', ' ']).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        let lower = w.to_lowercase();
        if w.chars().any(|c| c.is_lowercase()) || w.contains('.') || w.contains(char::is_numeric) {
            if LOWER_WORDS.contains(&lower.as_str()) {
                out.push_str(&lower);
            } else {
                out.push_str(w);
            }
        } else if LOWER_WORDS.contains(&lower.as_str()) {
            out.push_str(&lower);
        } else {
            // Capitalise each part of a hyphened word ("AL-QAEDA": "Al-Qaeda").
            let mut start = true;
            for c in lower.chars() {
                if start {
                    out.extend(c.to_uppercase());
                } else {
                    out.push(c);
                }
                start = !c.is_alphanumeric();
            }
        }
    }
    // A phrase of lower-case words only ("THE_PRESIDENT") would match them in running text:
    // its first word is capitalised.
    if !out.chars().any(char::is_uppercase) {
        let mut c = out.chars();
        if let Some(first) = c.next() {
            out = first.to_uppercase().chain(c).collect();
        }
    }
    out
}

/// Reads an actor file into entries, in the order their ids first appear; `counts` says what
/// the records were, `warnings` gets what loads but is likely wrong.
pub(super) fn read_actor_file(
    name: &str,
    file_index: usize,
    text: &str,
    counts: &mut ActorCounts,
    warnings: &mut Vec<Warning>,
) -> Result<Vec<ReadEntry>, Error> {
    let records = records(name, text, warnings)?;
    // Entries by id, in order of first appearance.
    let mut order: Vec<ReadEntry> = Vec::new();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    for r in &records {
        counts.records += 1;
        let names: Vec<String> = r
            .phrases
            .iter()
            .map(|p| phrase_text(p))
            .filter(|t| t.chars().any(char::is_alphanumeric))
            .collect();
        let Some(kind) = classify(r) else {
            counts.skipped += 1;
            continue;
        };
        if names.is_empty() {
            counts.skipped += 1;
            continue;
        }
        let (id, entity_kind, country, form) = match &kind {
            Kind::Person(c, _) => {
                counts.people += 1;
                (c.to_string(), EntityType::Country, Some(c), Form::Person)
            }
            Kind::CountryName(c) => {
                counts.countries += 1;
                (c.to_string(), EntityType::Country, Some(c), Form::Name)
            }
            Kind::Metonym(c) => {
                counts.metonyms += 1;
                (c.to_string(), EntityType::Country, Some(c), Form::Metonym)
            }
            Kind::Company(c) => {
                counts.companies += 1;
                (slug(&names[0]), EntityType::Company, c.as_ref(), Form::Name)
            }
            Kind::Agency => {
                counts.agencies += 1;
                (
                    slug(&names[0]),
                    EntityType::Agency,
                    Some(&"INT"),
                    Form::Name,
                )
            }
        };
        let k = *by_id.entry(id.clone()).or_insert_with(|| {
            let own_name = !matches!(entity_kind, EntityType::Country);
            order.push(ReadEntry {
                draft: Draft {
                    entity: Entity {
                        id: id.clone(),
                        kind: entity_kind,
                        name: if own_name || form == Form::Name {
                            names[0].clone()
                        } else {
                            id.clone()
                        },
                        country: country.map(|c| c.to_string()),
                        wikidata: None,
                        refs: Vec::new(),
                        case: CasePolicy::Auto,
                    },
                    names: Vec::new(),
                    terms: Vec::new(),
                    origin: Origin {
                        file_index,
                        line: r.line,
                        column: 1,
                    },
                },
                id_hash: str_hash(&id),
                kind_column: 1,
                case_given: false,
                // A country's entry extends the built-in country: its name stays.
                name_given: own_name,
            });
            order.len() - 1
        });
        let draft = &mut order[k].draft;
        if form == Form::Name && draft.names.is_empty() {
            draft.entity.name = names[0].clone();
        }
        for n in names {
            if draft.names.iter().any(|(m, _)| *m == n) {
                continue;
            }
            if let Kind::Person(_, terms) = &kind
                && !terms.is_empty()
            {
                {
                    draft
                        .terms
                        .push((draft.names.len() as u32, terms.clone().into_boxed_slice()));
                }
            }
            draft.names.push((n, form));
        }
    }
    Ok(order)
}

/// An id for an actor with no country code: `petrarch:` and its name's words in lower case.
fn slug(name: &str) -> String {
    let words: Vec<String> = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    format!("petrarch:{}", words.join("-"))
}

/// What a record is for newsgraph.
enum Kind {
    /// A person of a country, with terms of office (empty: any day).
    Person(&'static str, Vec<Term>),
    CountryName(&'static str),
    Metonym(&'static str),
    Company(Option<&'static str>),
    Agency,
}

/// The table of `dictionaries/README.md`, first rule that applies.
fn classify(r: &Record) -> Option<Kind> {
    let state = |code: &str| {
        country_of(code)
            .filter(|_| code.len() >= 6 && STATE_SECTORS.contains(&&code[3..6]) && code.len() <= 9)
    };
    let dated = r.codes.iter().any(|(_, t)| t.is_some());
    if dated {
        // A person: the terms of the first dated country's state codes.
        if let Some(c) = r
            .codes
            .iter()
            .find_map(|(code, t)| t.and_then(|_| state(code)))
        {
            let mut terms = Vec::new();
            for (code, t) in &r.codes {
                if state(code) == Some(c) {
                    match t {
                        Some(t) => terms.push(*t),
                        // An undated state code of the same country: any day.
                        None => {
                            terms.clear();
                            return Some(Kind::Person(c, terms));
                        }
                    }
                }
            }
            return Some(Kind::Person(c, terms));
        }
    }
    for (code, _) in &r.codes {
        if code.len() == 3
            && let Some(c) = country_of(code)
        {
            return Some(Kind::CountryName(c));
        }
    }
    for (code, t) in &r.codes {
        if let (Some(c), None) = (state(code), t) {
            return Some(Kind::Metonym(c));
        }
    }
    for (code, _) in &r.codes {
        if let Some(rest) = code.strip_prefix("MNC") {
            return Some(Kind::Company(country_of(rest)));
        }
        if code.len() >= 6
            && &code[3..6] == "BUS"
            && let Some(c) = country_of(code)
        {
            return Some(Kind::Company(Some(c)));
        }
        if code.starts_with("IGO") {
            return Some(Kind::Agency);
        }
    }
    None
}

/// The records of an actor file, or the first error.
fn records(name: &str, text: &str, warnings: &mut Vec<Warning>) -> Result<Vec<Record>, Error> {
    let err = |line: usize, message: String| Error {
        file: name.to_string(),
        line,
        column: 0,
        message,
    };
    let mut out: Vec<Record> = Vec::new();
    let mut in_block = false;
    for (i, raw) in text.lines().enumerate() {
        let line_no = i + 1;
        let mut line = raw.trim_start_matches('\u{feff}');
        // `<!-- … -->` blocks, which may span lines.
        if in_block {
            match line.find("-->") {
                Some(at) => {
                    in_block = false;
                    line = &line[at + 3..];
                }
                None => continue,
            }
        }
        if let Some(at) = line.find("<!--") {
            match line[at..].find("-->") {
                Some(end) if line[at + end + 3..].trim().is_empty() => line = &line[..at],
                Some(_) => line = &line[..at],
                None => {
                    in_block = true;
                    line = &line[..at];
                }
            }
        }
        let line = line.split(['#', ';']).next().unwrap_or("");
        if line.trim().is_empty() {
            continue;
        }
        let indented = line.starts_with([' ', '\t']);
        // The codes on the line, and the phrase before them.
        let mut codes = Vec::new();
        let mut rest = line;
        let mut phrase = String::new();
        while let Some(open) = rest.find('[') {
            phrase.push_str(&rest[..open]);
            let Some(close) = rest[open..].find(']') else {
                return Err(err(line_no, "'[' without ']'".into()));
            };
            let inside = rest[open + 1..open + close].trim();
            rest = &rest[open + close + 1..];
            let (code, restriction) = match inside.split_once(char::is_whitespace) {
                Some((c, r)) => (c, r.trim()),
                None => (inside, ""),
            };
            let code = code.to_ascii_uppercase();
            let term = if restriction.is_empty() {
                None
            } else {
                match Term::parse_petrarch(restriction) {
                    Some(t) => Some(t),
                    None => {
                        warnings.push(Warning {
                            file: name.to_string(),
                            line: line_no,
                            column: 0,
                            message: format!(
                                "date restriction {restriction:?} of [{code}] is not <DATE, \
                                 >DATE or DATE-DATE (YYMMDD or YYYYMMDD): taken as no limit"
                            ),
                        });
                        None
                    }
                }
            };
            codes.push((code, term));
        }
        phrase.push_str(rest);
        let phrase = phrase.trim();
        if let Some(synonym) = phrase.strip_prefix('+') {
            let Some(r) = out.last_mut() else {
                return Err(err(
                    line_no,
                    format!("synonym {phrase:?} before any record"),
                ));
            };
            r.phrases.push(synonym.trim().to_string());
            r.codes.extend(codes);
        } else if indented && phrase.is_empty() {
            let Some(r) = out.last_mut() else {
                return Err(err(line_no, "code before any record".into()));
            };
            r.codes.extend(codes);
        } else if !phrase.is_empty() {
            out.push(Record {
                line: line_no,
                phrases: vec![phrase.to_string()],
                codes,
            });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dictionary::{Day, DictionaryBuilder, Form};

    const FILE: &str = "<!-- A TEST -->\n\
<!--\n# a block\n-->\n\
AFGHANISTAN_  [AFG]\n\
+AFGHAN_\n\
RONALD_REAGAN_  # CountryInfo.txt\n\
+PRESIDENT_REAGAN\n\
\t[USAELI 19290101-810120]\n\
\t[USAGOV 810120-890120]\n\
\t[USAELI]\n\
ISRAELI_TROOPS [ISRMIL]\n\
HAMAS [PSEREBHMS]\n\
ASIAN_DEVELOPMENT_BANK [IGOBUSADB]\n\
TOYOTA_MOTOR [MNCJPN]\n\
BOROMIR  [---]\n\
GOLLUM\n\
\t[HOBGOV 19950601 - 19990815]\n";

    #[test]
    fn records_become_entries_by_the_code_table() {
        let mut b = DictionaryBuilder::new();
        b.add_str("v.actors.txt", FILE).unwrap();
        let counts = b.actor_counts()[0].1.clone();
        assert_eq!(
            counts,
            ActorCounts {
                records: 8,
                countries: 1,
                people: 1,
                metonyms: 1,
                companies: 1,
                agencies: 1,
                skipped: 3,
            }
        );
        let d = b.build();
        let names: Vec<(String, &str, Form)> = d
            .groups()
            .iter()
            .map(|g| {
                let c = g.claims[0];
                (g.text.clone(), d.entity(c.entity).id.as_str(), c.form)
            })
            .collect();
        assert_eq!(
            names,
            [
                ("Afghanistan".to_string(), "AFG", Form::Name),
                ("Afghan".into(), "AFG", Form::Name),
                ("Ronald Reagan".into(), "USA", Form::Person),
                ("president Reagan".into(), "USA", Form::Person),
                ("Israeli Troops".into(), "ISR", Form::Metonym),
                (
                    "Asian Development Bank".into(),
                    "petrarch:asian-development-bank",
                    Form::Name
                ),
                ("Toyota Motor".into(), "petrarch:toyota-motor", Form::Name),
            ]
        );
        let reagan = d.groups()[2].claims[0];
        let terms = d.office(reagan.office);
        assert_eq!(terms.len(), 1);
        assert!(terms[0].contains(Day(19870302)) && !terms[0].contains(Day(19930101)));
        assert_eq!(
            d.entity(d.find("petrarch:toyota-motor").unwrap())
                .country
                .as_deref(),
            Some("JPN")
        );
    }

    #[test]
    fn detected_by_name_or_content() {
        assert!(is_actor_file("x.actors.txt", "id\ttype\tname\n"));
        assert!(is_actor_file(
            "x.txt",
            "<!-- c -->\n# c\nAFGHANISTAN [AFG]\n"
        ));
        assert!(!is_actor_file("x.tsv", "# c\nid\ttype\tname\n"));
    }

    #[test]
    fn errors_and_warnings_name_file_and_line() {
        let cases: &[(&str, &str)] = &[
            (
                "# c\n+AFGHAN\n",
                "a.actors.txt:2: synonym \"+AFGHAN\" before any record",
            ),
            ("AFGHANISTAN [AFG\n", "a.actors.txt:1: '[' without ']'"),
            ("\t[AFG]\n", "a.actors.txt:1: code before any record"),
        ];
        for (text, want) in cases {
            let e = DictionaryBuilder::new()
                .add_str("a.actors.txt", text)
                .map(|_| ())
                .unwrap_err();
            assert_eq!(e.to_string(), *want, "{text:?}");
        }
        let mut b = DictionaryBuilder::new();
        b.add_str(
            "a.actors.txt",
            "X_Y\n\t[USAGOV 8101-890120]\nAFGHANISTAN [AFG]\n",
        )
        .unwrap();
        let d = b.build();
        let w: Vec<String> = d.warnings().iter().map(|w| w.to_string()).collect();
        assert_eq!(
            w,
            [
                "a.actors.txt:2: date restriction \"8101-890120\" of [USAGOV] is not <DATE, >DATE \
              or DATE-DATE (YYMMDD or YYYYMMDD): taken as no limit"
            ]
        );
    }
}
