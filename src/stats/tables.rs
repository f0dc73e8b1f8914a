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
        let period = |rows: &[PeriodRow], name: &'static str| {
            (
                vec![name, "articles", "mentions", "relations"],
                first(rows, usize::MAX, |p| {
                    row([&p.period], [p.articles, p.mentions, p.relations])
                }),
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
                    first(&rows, usize::MAX, |&(k, v)| row([k], [v])),
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
                first(&self.entities, n, |e| {
                    let text = [
                        &e.id,
                        &e.name,
                        &e.kind,
                        e.country.as_deref().unwrap_or(""),
                        e.wikidata.as_deref().unwrap_or(""),
                    ];
                    row(text, [e.articles, e.mentions, e.as_subject, e.as_object])
                }),
            ),
            Table::Predicate => (
                vec!["predicate", "relations", "negated", "articles"],
                first(&self.predicates, n, |p| {
                    row([&p.predicate], [p.relations, p.negated, p.articles])
                }),
            ),
            Table::Pair => (
                vec!["subject", "object", "relations", "articles", "predicates"],
                first(&self.pairs, n, |p| {
                    let preds = p
                        .predicates
                        .iter()
                        .map(|(k, v)| format!("{k}:{v}"))
                        .collect::<Vec<_>>()
                        .join(" ");
                    let mut cells = row([&p.subject, &p.object], [p.relations, p.articles]);
                    cells.push(preds);
                    cells
                }),
            ),
            Table::Cooccurrence => (
                vec!["a", "b", "articles"],
                first(&self.cooccurrence, n, |c| row([&c.a, &c.b], [c.articles])),
            ),
            Table::Day => period(&self.days, "day"),
            Table::Week => period(&self.weeks, "week"),
            Table::Month => period(&self.months, "month"),
            Table::Source => (
                vec!["source", "articles", "mentions", "relations"],
                first(&self.sources, n, |s| {
                    row([&s.source], [s.articles, s.mentions, s.relations])
                }),
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

/// The cells of the first `n` rows.
fn first<R>(rows: &[R], n: usize, cells: impl Fn(&R) -> Vec<String>) -> Vec<Vec<String>> {
    rows.iter().take(n).map(cells).collect()
}

/// One row's cells: its text columns, then its counts.
fn row<const T: usize, const C: usize>(text: [&str; T], counts: [u64; C]) -> Vec<String> {
    let mut cells = Vec::with_capacity(T + C);
    cells.extend(text.map(str::to_string));
    cells.extend(counts.map(|c| c.to_string()));
    cells
}
