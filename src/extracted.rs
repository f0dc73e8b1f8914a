//! Reading `newsgraph extract` output back: the article records of docs/output.md, as the
//! statistics ([`crate::stats`]) and the graph export ([`crate::graph`]) consume them.
//!
//! Only the fields those consumers use are read; every other field is ignored, so a record
//! written by a later version with more fields still reads. A line that is not an article
//! record (malformed JSON, a `--emit relations` line, a missing field) is a [`BadRecord`] with
//! file and line, counted and reported by the caller, never silently dropped. Dates are taken
//! as the contract gives them ("any", as the input had them): a string starting with a valid
//! `YYYY-MM-DD` is a [`Day`]; anything else is undated.
//!
//! What both consumers read the same way is here too, once: an entity's dictionary data
//! ([`EntityInfo`], the smallest winning where inputs disagree) and the check that a record's
//! relations name only its own entities ([`ArticleRecord::check_relations`]).

use std::collections::BTreeSet;
use std::fmt;

use serde::Deserialize;
use serde_json::Value;

use crate::input::{InputError, Raw};

/// The largest extract record read whole (bytes). Extract records carry evidence sentences, so
/// they are larger than the articles; anything over this is reported, not held in memory.
pub const RECORD_LIMIT: usize = 256 << 20;

/// An article record of `newsgraph extract --emit articles`.
#[derive(Clone, Debug, Deserialize)]
pub struct ArticleRecord {
    pub id: String,
    #[serde(default)]
    pub date: Option<Value>,
    #[serde(default)]
    pub source: Option<Value>,
    #[serde(default)]
    pub sentences: Vec<SentenceRef>,
    pub entities: Vec<EntityRecord>,
    pub relations: Vec<RelationRecord>,
}

impl ArticleRecord {
    /// An `Err` says why the record is inconsistent: a relation names an entity the record
    /// does not list. Statistics and the graph count nothing of such a record.
    pub fn check_relations(&self) -> Result<(), String> {
        if self.relations.is_empty() {
            return Ok(());
        }
        let ids: BTreeSet<&str> = self.entities.iter().map(|e| e.id.as_str()).collect();
        for r in &self.relations {
            for end in [&r.subject, &r.object] {
                if !ids.contains(end.as_str()) {
                    return Err(format!(
                        "relation {} names {end:?}, which is not among the record's entities",
                        r.predicate
                    ));
                }
            }
        }
        Ok(())
    }
}

/// A sentence: which field, and its character offsets.
#[derive(Clone, Debug, Deserialize)]
pub struct SentenceRef {
    pub field: String,
    pub start: u64,
    pub end: u64,
}

#[derive(Clone, Debug, Deserialize)]
pub struct EntityRecord {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub name: String,
    #[serde(default)]
    pub country: Option<String>,
    #[serde(default)]
    pub wikidata: Option<String>,
    pub mentions: Vec<MentionRecord>,
}

impl EntityRecord {
    /// The entity's dictionary data, as this record gives it.
    pub fn info(&self) -> EntityInfo {
        let EntityRecord {
            name,
            kind,
            country,
            wikidata,
            ..
        } = self;
        EntityInfo {
            name: name.clone(),
            kind: kind.clone(),
            country: country.clone(),
            wikidata: wikidata.clone(),
        }
    }
}

/// An entity's dictionary data, as records give it: what statistics and the graph show of an
/// entity besides its id.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct EntityInfo {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub country: Option<String>,
    pub wikidata: Option<String>,
}

impl EntityInfo {
    /// Keeps the smaller of the two. Records made with different dictionaries may disagree
    /// about an entity; the smallest data wins, so the result does not depend on the order of
    /// the inputs.
    pub fn settle(&mut self, other: EntityInfo) {
        if other < *self {
            *self = other;
        }
    }
}

#[derive(Clone, Debug, Deserialize)]
pub struct MentionRecord {
    pub field: String,
    pub start: u64,
    pub end: u64,
}

#[derive(Clone, Debug, Deserialize)]
pub struct RelationRecord {
    pub predicate: String,
    pub subject: String,
    pub object: String,
    pub negated: bool,
    pub modality: String,
    pub rule: String,
    pub confidence: f64,
    pub field: String,
    pub sentence: SpanRecord,
    pub trigger: SpanRecord,
}

/// A span with its text, as relations carry them.
#[derive(Clone, Debug, Deserialize, serde::Serialize)]
pub struct SpanRecord {
    pub start: u64,
    pub end: u64,
    pub text: String,
}

/// A line that is not an article record, with where it was.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadRecord {
    pub file: String,
    pub line: u64,
    pub reason: String,
}

impl fmt::Display for BadRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.reason)
    }
}

/// What reading one input item gives.
#[derive(Debug)]
pub enum Item {
    Record(Box<ArticleRecord>),
    Bad(BadRecord),
    /// A file that could not be opened or read to its end.
    Unreadable(InputError),
}

/// Reads one raw item from [`crate::input::Reader`] as an article record.
pub fn parse(item: Result<Raw, InputError>) -> Item {
    let raw = match item {
        Ok(raw) => raw,
        Err(e) => return Item::Unreadable(e),
    };
    let bad = |reason: String| {
        Item::Bad(BadRecord {
            file: raw.file.to_string(),
            line: raw.line,
            reason,
        })
    };
    if let Some(len) = raw.oversize {
        return bad(format!(
            "record of {len} bytes is over the {RECORD_LIMIT}-byte limit"
        ));
    }
    match serde_json::from_slice::<ArticleRecord>(&raw.bytes) {
        Ok(r) => Item::Record(Box::new(r)),
        Err(e) => {
            // Say what the line is when it is the other extract shape: a common mix-up.
            let relation_line = serde_json::from_slice::<Value>(&raw.bytes)
                .ok()
                .is_some_and(|v| v.get("article").is_some() && v.get("predicate").is_some());
            if relation_line {
                bad(
                    "a relation line (extract --emit relations); this reads article records \
                     (extract's default --emit articles)"
                        .into(),
                )
            } else {
                bad(format!("not an extract article record: {e}"))
            }
        }
    }
}

/// A calendar day, validated.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Day {
    /// Parses exactly `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Option<Day> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let digits = |r: std::ops::Range<usize>| -> Option<u32> {
            let part = &s[r];
            if part.bytes().all(|c| c.is_ascii_digit()) {
                part.parse().ok()
            } else {
                None
            }
        };
        let (year, month, day) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
        let year = year as i32;
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Day { year, month, day })
    }

    /// The day of a record's `date` value: a string whose first ten characters are a valid
    /// `YYYY-MM-DD` followed by nothing, `T` or a space (ISO 8601 date-times, SQL timestamps).
    pub fn of_value(v: &Value) -> Option<Day> {
        let s = v.as_str()?;
        let head = s.get(..10)?;
        match s.as_bytes().get(10) {
            None | Some(b'T') | Some(b' ') => Day::parse(head),
            _ => None,
        }
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146097 + doe - 719468
    }

    fn from_days_since_epoch(z: i64) -> Day {
        // Howard Hinnant's civil_from_days.
        let z = z + 719468;
        let era = z.div_euclid(146097);
        let doe = z - era * 146097;
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Day { year, month, day }
    }

    /// The ISO 8601 week, `2023-W02`: weeks start on Monday and belong to the year of their
    /// Thursday, so 2021-01-03 is in 2020-W53.
    pub fn iso_week(self) -> String {
        let days = self.days_since_epoch();
        let weekday = (days + 3).rem_euclid(7); // 1970-01-01 was a Thursday; Monday = 0
        let thursday = days - weekday + 3;
        let year = Day::from_days_since_epoch(thursday).year;
        let jan1 = Day {
            year,
            month: 1,
            day: 1,
        }
        .days_since_epoch();
        format!("{year:04}-W{:02}", (thursday - jan1) / 7 + 1)
    }

    /// `2023-01`.
    pub fn month_key(self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }
}

// A day reads and writes as its `YYYY-MM-DD` string, in the stats file.
impl serde::Serialize for Day {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Day {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Day, D::Error> {
        let s = String::deserialize(d)?;
        Day::parse(&s)
            .ok_or_else(|| serde::de::Error::custom(format!("{s:?} is not a YYYY-MM-DD day")))
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A record's `source` as a string key: a string as it is, any other JSON value as its JSON
/// text; `None` when absent or null.
pub fn source_key(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn days_and_weeks() {
        // (date value, day, ISO week, month)
        type Case = (Value, Option<(&'static str, &'static str, &'static str)>);
        let cases: &[Case] = &[
            (
                json!("2023-01-12"),
                Some(("2023-01-12", "2023-W02", "2023-01")),
            ),
            (
                json!("1987-02-26T15:01:01"),
                Some(("1987-02-26", "1987-W09", "1987-02")),
            ),
            (
                json!("2021-01-03 10:00"),
                Some(("2021-01-03", "2020-W53", "2021-01")),
            ),
            (
                json!("2018-12-31"),
                Some(("2018-12-31", "2019-W01", "2018-12")),
            ),
            (
                json!("2024-02-29"),
                Some(("2024-02-29", "2024-W09", "2024-02")),
            ),
            (json!("2023-02-29"), None),
            (json!("2023-13-01"), None),
            (json!("2023-1-5"), None),
            (json!("2023-01-123"), None),
            (json!("26 Feb 1987"), None),
            (json!(20230112), None),
            (json!(null), None),
        ];
        for (v, want) in cases {
            let got = Day::of_value(v).map(|d| (d.to_string(), d.iso_week(), d.month_key()));
            let want = want.map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()));
            assert_eq!(got, want, "{v}");
        }
    }

    #[test]
    fn civil_round_trip() {
        for z in [-800_000i64, -1, 0, 1, 59, 60, 10_000, 19_000, 2_000_000] {
            let d = Day::from_days_since_epoch(z);
            assert_eq!(d.days_since_epoch(), z, "{d}");
        }
    }
}
