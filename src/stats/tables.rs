//! The CSV and Markdown views of a stats document: one table (`--by`) as header and rows,
//! written as CSV, or as Markdown sections.

use std::fmt::Write as _;
use std::io;

use super::{PeriodRow, Report};

/// Columns that hold counts, right-aligned in Markdown.
const NUMERIC: &[&str] = &[
    "count",
    "articles",
    "mentions",
    "relations",
    "negated",
    "as_subject",
    "as_object",
];

/// Which table to show (`--by`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Table {
    Totals,
    Entity,
    Predicate,
    Pair,
    Cooccurrence,
    Day,
    Week,
    Month,
    Source,
}

impl Table {
    /// Every table, in the order Markdown shows them.
    pub const ALL: [Table; 9] = [
        Table::Totals,
        Table::Entity,
        Table::Predicate,
        Table::Pair,
        Table::Cooccurrence,
        Table::Day,
        Table::Week,
        Table::Month,
        Table::Source,
    ];

    /// The table's name on the command line (`--by pair`).
    pub fn name(self) -> &'static str {
        self.names().0
    }

    /// The table's heading in Markdown.
    pub fn title(self) -> &'static str {
        self.names().1
    }

    fn names(self) -> (&'static str, &'static str) {
        match self {
            Table::Totals => ("totals", "Totals"),
            Table::Entity => ("entity", "Entities"),
            Table::Predicate => ("predicate", "Predicates"),
            Table::Pair => ("pair", "Subject–object pairs"),
            Table::Cooccurrence => ("cooccurrence", "Co-occurrence in articles"),
            Table::Day => ("day", "Days"),
            Table::Week => ("week", "Weeks"),
            Table::Month => ("month", "Months"),
            Table::Source => ("source", "Sources"),
        }
    }
}

/// Reads a table's [`Table::name`].
impl std::str::FromStr for Table {
    type Err = String;

    fn from_str(s: &str) -> Result<Table, String> {
        Table::ALL
            .into_iter()
            .find(|t| t.name() == s)
            .ok_or_else(|| format!("no table {s:?}"))
    }
}

impl Report {
    /// A table as header and rows of cells, at most `top` rows for ranked lists.
    pub fn table(&self, table: Table, top: Option<usize>) -> (Vec<&'static str>, Vec<Vec<String>>) {
        let n = top.unwrap_or(usize::MAX);
        let opt = |o: &Option<String>| o.clone().unwrap_or_default();
        let period = |rows: &[PeriodRow], name: &'static str| {
            (
                vec![name, "articles", "mentions", "relations"],
                rows.iter()
                    .map(|p| {
                        vec![
                            p.period.clone(),
                            p.articles.to_string(),
                            p.mentions.to_string(),
                            p.relations.to_string(),
                        ]
                    })
                    .collect(),
            )
        };
        match table {
            Table::Totals => {
                let t = &self.totals;
                let rows = [
                    ("articles", t.articles),
                    ("entities", t.entities),
                    ("article_entities", t.article_entities),
                    ("mentions", t.mentions),
                    ("relations", t.relations),
                    ("negated", t.negated),
                    ("undated", t.undated),
                    ("unsourced", t.unsourced),
                    ("duplicates_folded", t.duplicates_folded),
                    ("filtered_out", t.filtered_out),
                ];
                (
                    vec!["total", "count"],
                    rows.iter()
                        .map(|(k, v)| vec![k.to_string(), v.to_string()])
                        .collect(),
                )
            }
            Table::Entity => (
                vec![
                    "id",
                    "name",
                    "type",
                    "country",
                    "wikidata",
                    "articles",
                    "mentions",
                    "as_subject",
                    "as_object",
                ],
                self.entities
                    .iter()
                    .take(n)
                    .map(|e| {
                        vec![
                            e.id.clone(),
                            e.name.clone(),
                            e.kind.clone(),
                            opt(&e.country),
                            opt(&e.wikidata),
                            e.articles.to_string(),
                            e.mentions.to_string(),
                            e.as_subject.to_string(),
                            e.as_object.to_string(),
                        ]
                    })
                    .collect(),
            ),
            Table::Predicate => (
                vec!["predicate", "relations", "negated", "articles"],
                self.predicates
                    .iter()
                    .take(n)
                    .map(|p| {
                        vec![
                            p.predicate.clone(),
                            p.relations.to_string(),
                            p.negated.to_string(),
                            p.articles.to_string(),
                        ]
                    })
                    .collect(),
            ),
            Table::Pair => (
                vec!["subject", "object", "relations", "articles", "predicates"],
                self.pairs
                    .iter()
                    .take(n)
                    .map(|p| {
                        let preds = p
                            .predicates
                            .iter()
                            .map(|(k, v)| format!("{k}:{v}"))
                            .collect::<Vec<_>>()
                            .join(" ");
                        vec![
                            p.subject.clone(),
                            p.object.clone(),
                            p.relations.to_string(),
                            p.articles.to_string(),
                            preds,
                        ]
                    })
                    .collect(),
            ),
            Table::Cooccurrence => (
                vec!["a", "b", "articles"],
                self.cooccurrence
                    .iter()
                    .take(n)
                    .map(|c| vec![c.a.clone(), c.b.clone(), c.articles.to_string()])
                    .collect(),
            ),
            Table::Day => period(&self.days, "day"),
            Table::Week => period(&self.weeks, "week"),
            Table::Month => period(&self.months, "month"),
            Table::Source => (
                vec!["source", "articles", "mentions", "relations"],
                self.sources
                    .iter()
                    .take(n)
                    .map(|s| {
                        vec![
                            s.source.clone(),
                            s.articles.to_string(),
                            s.mentions.to_string(),
                            s.relations.to_string(),
                        ]
                    })
                    .collect(),
            ),
        }
    }

    /// One table as CSV (RFC 4180 quoting), with a header line.
    pub fn write_csv<W: io::Write>(
        &self,
        table: Table,
        top: Option<usize>,
        out: W,
    ) -> io::Result<()> {
        let (header, rows) = self.table(table, top);
        let mut w = csv::Writer::from_writer(out);
        w.write_record(&header)?;
        for r in rows {
            w.write_record(&r)?;
        }
        w.flush()
    }

    /// Markdown: the given table, or (`None`) the totals and every list but days and weeks.
    pub fn markdown(&self, table: Option<Table>, top: Option<usize>) -> String {
        let mut s = String::new();
        for t in Table::ALL {
            let shown = match table {
                Some(only) => only == t,
                None => !matches!(t, Table::Day | Table::Week),
            };
            if !shown {
                continue;
            }
            let (header, rows) = self.table(t, top);
            if !s.is_empty() {
                s.push('\n');
            }
            let _ = writeln!(s, "## {}\n", t.title());
            let cell = |c: &str| c.replace('\\', "\\\\").replace('|', "\\|");
            let _ = writeln!(s, "| {} |", header.join(" | "));
            let _ = writeln!(
                s,
                "|{}",
                header
                    .iter()
                    .map(|h| if NUMERIC.contains(h) {
                        " ---: |"
                    } else {
                        " --- |"
                    })
                    .collect::<String>()
            );
            for r in rows {
                let cells: Vec<String> = r.iter().map(|c| cell(c)).collect();
                let _ = writeln!(s, "| {} |", cells.join(" | "));
            }
        }
        s
    }
}
