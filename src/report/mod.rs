//! The HTML report: one self-contained page that shows a run to a person — the run in one
//! line, relations over time per predicate, the top entities by type, the top
//! subject → predicate → object triples with their evidence, and a small graph of the top
//! entities — built from extract output (everything) or from a saved stats document (counts
//! only: no sentences, so no evidence, and no split by modality).
//!
//! This module owns the view model ([`Page`]), its two builders ([`Collector`] over article
//! records, [`Page::from_stats`] over a stats [`Report`]) and rendering ([`Page::render`]).
//!
//! Why these libraries: charts are drawn by `plotters` with its SVG backend — a maintained,
//! widely used Rust charting crate that needs no JavaScript and no fonts at run time, so the
//! SVG goes inline into the page and the file opens offline in any browser. The page itself is
//! a `minijinja` template (templates/report.html, compiled into the binary): Jinja syntax a
//! reader knows, auto-escaping of every value for `.html` templates (entity names and evidence
//! sentences are untrusted text), and no build-time code generation. Only the SVG that
//! plotters made is inserted unescaped (`|safe`); plotters escapes the text it writes into it.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::extracted::{ArticleRecord, Day};
use crate::stats::{Options, Report, Stats};

mod graph;
mod timeline;

pub use graph::{EdgeRow, Graph};
use timeline::periods;
pub use timeline::{Series, Timeline, Unit};

/// Predicates drawn as their own line in the time series; the rest are summed as "other".
pub const TOP_PREDICATES: usize = 8;
/// Entities listed per type (country, company, agency, other).
pub const TOP_ENTITIES: usize = 10;
/// Triples listed, each with its evidence.
pub const TOP_TRIPLES: usize = 15;
/// Evidence sentences kept per triple: the earliest by (day, article id).
pub const EVIDENCE_PER_TRIPLE: usize = 3;
/// Entities in the graph.
pub const GRAPH_NODES: usize = 12;
/// Edges (subject → object) in the graph at most.
pub const GRAPH_EDGES: usize = 30;
/// Negated or not-asserted triples listed apart.
pub const TOP_APART: usize = 15;

/// The template, compiled into the binary so the command needs no files beside it.
const TEMPLATE: &str = include_str!("../../templates/report.html");

/// Colours for the top predicates, in rank order (a colour-blind-safe qualitative palette,
/// Okabe–Ito); "other" is grey. The same colour stands for the same predicate in the time
/// series, the graph and the tables.
const PALETTE: [(u8, u8, u8); 8] = [
    (0, 114, 178),
    (213, 94, 0),
    (0, 158, 115),
    (204, 121, 167),
    (230, 159, 0),
    (86, 180, 233),
    (120, 80, 40),
    (240, 228, 66),
];
const OTHER: (u8, u8, u8) = (150, 150, 150);

/// How a relation was stated. Only asserted relations are counted in the time series, the
/// top triples and the graph; the others are listed apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Stance {
    Asserted,
    Negated,
    NotAsserted,
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Evidence {
    day: Option<Day>,
    id: String,
    sentence: String,
    /// Byte range of the trigger in `sentence`, when it could be located.
    trigger: Option<(usize, usize)>,
    modality: String,
}

#[derive(Default)]
struct TripleAcc {
    count: u64,
    first: Option<Day>,
    last: Option<Day>,
    evidence: Vec<Evidence>,
}

/// (subject, predicate, object, stance).
type TripleKey = (String, String, String, Stance);

/// Collects what the page needs from article records, in one pass.
pub struct Collector {
    stats: Stats,
    rejects: u64,
    asserted_by_day: BTreeMap<Day, BTreeMap<String, u64>>,
    /// Asserted (subject, predicate, object) per day: what the busiest period was about.
    triples_by_day: BTreeMap<Day, BTreeMap<(String, String, String), u64>>,
    triples: HashMap<TripleKey, TripleAcc>,
}

impl Default for Collector {
    fn default() -> Self {
        Collector::new()
    }
}

impl Collector {
    pub fn new() -> Collector {
        Collector {
            stats: Stats::new(Options::default()),
            rejects: 0,
            asserted_by_day: BTreeMap::new(),
            triples_by_day: BTreeMap::new(),
            triples: HashMap::new(),
        }
    }

    /// Counts lines of the input that were not usable article records (the reader's bad
    /// records, and records [`Collector::add`] refused): the page's "rejects".
    pub fn add_rejects(&mut self, n: u64) {
        self.rejects += n;
    }

    /// Adds one article record; an error is a record the statistics refuse (nothing of it
    /// is counted).
    pub fn add(&mut self, rec: &ArticleRecord) -> Result<(), String> {
        self.stats.add(rec)?;
        let day = rec.date.as_ref().and_then(Day::of_value);
        for r in &rec.relations {
            let stance = if r.negated {
                Stance::Negated
            } else if r.modality != "asserted" {
                Stance::NotAsserted
            } else {
                Stance::Asserted
            };
            if let (Stance::Asserted, Some(d)) = (stance, day) {
                *self
                    .asserted_by_day
                    .entry(d)
                    .or_default()
                    .entry(r.predicate.clone())
                    .or_default() += 1;
                *self
                    .triples_by_day
                    .entry(d)
                    .or_default()
                    .entry((r.subject.clone(), r.predicate.clone(), r.object.clone()))
                    .or_default() += 1;
            }
            let acc = self
                .triples
                .entry((
                    r.subject.clone(),
                    r.predicate.clone(),
                    r.object.clone(),
                    stance,
                ))
                .or_default();
            acc.count += 1;
            if let Some(d) = day {
                acc.first = Some(acc.first.map_or(d, |f| f.min(d)));
                acc.last = Some(acc.last.map_or(d, |l| l.max(d)));
            }
            let ev = Evidence {
                day,
                id: rec.id.clone(),
                trigger: locate_trigger(
                    &r.sentence.text,
                    r.trigger.start.saturating_sub(r.sentence.start),
                    &r.trigger.text,
                ),
                sentence: r.sentence.text.clone(),
                modality: r.modality.clone(),
            };
            // Keep the earliest few, undated last, so the choice does not depend on input
            // order; one sentence per article, so the evidence shows different stories.
            if acc.evidence.iter().any(|e| e.id == ev.id) {
                continue;
            }
            acc.evidence.push(ev);
            acc.evidence.sort_by(|a, b| {
                (a.day.is_none(), a.day, &a.id).cmp(&(b.day.is_none(), b.day, &b.id))
            });
            acc.evidence.truncate(EVIDENCE_PER_TRIPLE);
        }
        Ok(())
    }

    /// The page for everything added.
    pub fn finish(self, source: &str) -> Page {
        let report = self.stats.report();
        let names = Names::of(&report);
        let asserted: u64 = self
            .triples
            .iter()
            .filter(|(k, _)| k.3 == Stance::Asserted)
            .map(|(_, a)| a.count)
            .sum();
        let not_asserted: u64 = self
            .triples
            .iter()
            .filter(|(k, _)| k.3 == Stance::NotAsserted)
            .map(|(_, a)| a.count)
            .sum();
        let mut page = Page::base(&report, source, Some(self.rejects));
        page.summary.asserted = Some(asserted);
        page.summary.not_asserted = Some(not_asserted);

        // Predicate ranks by asserted relations: they pick the lines and the colours.
        let mut by_predicate: BTreeMap<&str, u64> = BTreeMap::new();
        for ((_, p, _, s), a) in &self.triples {
            if *s == Stance::Asserted {
                *by_predicate.entry(p).or_default() += a.count;
            }
        }
        let ranked = rank(by_predicate.into_iter().map(|(p, c)| (p.to_string(), c)));
        let colours = Colours::new(&ranked);

        // Time series: asserted relations per period and line.
        let days: Vec<Day> = self.asserted_by_day.keys().copied().collect();
        let (unit, periods) = periods(&days);
        let mut lines: Vec<Series> = colours
            .top
            .iter()
            .map(|p| Series::new(p, colours.of(p), periods.len()))
            .collect();
        if ranked.len() > colours.top.len() {
            lines.push(Series::new("other", OTHER, periods.len()));
        }
        let index: HashMap<&str, usize> = periods
            .iter()
            .enumerate()
            .map(|(i, p)| (p.as_str(), i))
            .collect();
        for (day, preds) in &self.asserted_by_day {
            let i = index[unit.key(*day).as_str()];
            for (p, c) in preds {
                let line = colours
                    .top
                    .iter()
                    .position(|t| t == p)
                    .unwrap_or(lines.len() - 1);
                lines[line].values[i] += c;
            }
        }
        page.timeline = Timeline::new(unit, periods, lines, "asserted relations");
        if let Some(peak) = page.timeline.peak.clone() {
            let mut in_peak: BTreeMap<&(String, String, String), u64> = BTreeMap::new();
            for (day, triples) in &self.triples_by_day {
                if unit.key(*day) == peak {
                    for (t, c) in triples {
                        *in_peak.entry(t).or_default() += c;
                    }
                }
            }
            let mut v: Vec<_> = in_peak.into_iter().collect();
            v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
            page.timeline.peak_triples = v
                .into_iter()
                .take(3)
                .map(|((s, p, o), c)| format!("{} {p} {} ({c})", names.name(s), names.name(o)))
                .collect();
        }

        // Triples: asserted in the main table, the rest apart.
        let mut rows: Vec<(&TripleKey, &TripleAcc)> = self.triples.iter().collect();
        rows.sort_by(|a, b| b.1.count.cmp(&a.1.count).then_with(|| a.0.cmp(b.0)));
        let row = |k: &TripleKey, a: &TripleAcc| TripleRow {
            subject: names.name(&k.0),
            predicate: k.1.clone(),
            object: names.name(&k.2),
            colour: css(colours.of(&k.1)),
            count: a.count,
            first: a.first.map(|d| d.to_string()),
            last: a.last.map(|d| d.to_string()),
            stance: match k.3 {
                Stance::Asserted => "asserted",
                Stance::Negated => "negated",
                Stance::NotAsserted => "not asserted",
            },
            evidence: a.evidence.iter().map(EvidenceRow::of).collect(),
        };
        page.triples = rows
            .iter()
            .filter(|(k, _)| k.3 == Stance::Asserted)
            .take(TOP_TRIPLES)
            .map(|(k, a)| row(k, a))
            .collect();
        page.apart = rows
            .iter()
            .filter(|(k, _)| k.3 != Stance::Asserted)
            .take(TOP_APART)
            .map(|(k, a)| row(k, a))
            .collect();
        page.evidence_available = true;

        // Graph: asserted (subject, object, predicate) counts.
        let edges = self
            .triples
            .iter()
            .filter(|(k, _)| k.3 == Stance::Asserted)
            .map(|(k, a)| (k.0.clone(), k.2.clone(), k.1.clone(), a.count));
        page.graph = Graph::new(edges, &names, &colours);
        page.legend = legend(&colours, ranked.len());
        page
    }
}

/// Finds the trigger in its sentence: at its character offset when the text there matches,
/// else its first occurrence; `None` when it is not there (the page then marks nothing).
fn locate_trigger(sentence: &str, char_offset: u64, trigger: &str) -> Option<(usize, usize)> {
    if trigger.is_empty() {
        return None;
    }
    let at = sentence
        .char_indices()
        .nth(char_offset as usize)
        .map(|(b, _)| b);
    if let Some(b) = at
        && sentence[b..].starts_with(trigger)
    {
        return Some((b, b + trigger.len()));
    }
    sentence.find(trigger).map(|b| (b, b + trigger.len()))
}

/// Entity id → display name and type.
struct Names(HashMap<String, (String, String)>);

impl Names {
    fn of(report: &Report) -> Names {
        Names(
            report
                .entities
                .iter()
                .map(|e| (e.id.clone(), (e.name.clone(), e.kind.clone())))
                .collect(),
        )
    }
    fn name(&self, id: &str) -> String {
        self.0
            .get(id)
            .map_or_else(|| id.to_string(), |n| n.0.clone())
    }
}

/// Ranks (key, count) by count descending, then key.
fn rank(items: impl Iterator<Item = (String, u64)>) -> Vec<(String, u64)> {
    let mut v: Vec<_> = items.filter(|(_, c)| *c > 0).collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v
}

struct Colours {
    top: Vec<String>,
}

impl Colours {
    fn new(ranked: &[(String, u64)]) -> Colours {
        Colours {
            top: ranked
                .iter()
                .take(TOP_PREDICATES)
                .map(|(p, _)| p.clone())
                .collect(),
        }
    }
    fn of(&self, predicate: &str) -> (u8, u8, u8) {
        self.top
            .iter()
            .position(|p| p == predicate)
            .map_or(OTHER, |i| PALETTE[i % PALETTE.len()])
    }
}

fn css(c: (u8, u8, u8)) -> String {
    format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
}

fn legend(colours: &Colours, predicates: usize) -> Vec<LegendItem> {
    let mut v: Vec<LegendItem> = colours
        .top
        .iter()
        .map(|p| LegendItem {
            name: p.clone(),
            colour: css(colours.of(p)),
        })
        .collect();
    if predicates > colours.top.len() {
        v.push(LegendItem {
            name: "other".into(),
            colour: css(OTHER),
        });
    }
    v
}

/// The run in one line.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Summary {
    pub articles: u64,
    pub entities: u64,
    pub relations: u64,
    /// Asserted, negated and not-asserted relations: only extract output tells modality.
    pub asserted: Option<u64>,
    pub negated: u64,
    pub not_asserted: Option<u64>,
    /// Input lines that were not article records; unknown for a stats document.
    pub rejects: Option<u64>,
    pub first_day: Option<String>,
    pub last_day: Option<String>,
    pub undated: u64,
}

#[derive(Clone, Debug, Serialize)]
pub struct EntityGroup {
    pub kind: String,
    pub total: usize,
    pub rows: Vec<EntityRowView>,
}

#[derive(Clone, Debug, Serialize)]
pub struct EntityRowView {
    pub id: String,
    pub name: String,
    pub articles: u64,
    pub mentions: u64,
    pub as_subject: u64,
    pub as_object: u64,
}

#[derive(Clone, Debug, Serialize)]
pub struct TripleRow {
    pub subject: String,
    pub predicate: String,
    pub object: String,
    pub colour: String,
    pub count: u64,
    pub first: Option<String>,
    pub last: Option<String>,
    pub stance: &'static str,
    pub evidence: Vec<EvidenceRow>,
}

/// A sentence cut around its trigger, so the template can mark it without building HTML.
#[derive(Clone, Debug, Serialize)]
pub struct EvidenceRow {
    pub id: String,
    pub day: Option<String>,
    pub modality: String,
    pub before: String,
    pub trigger: String,
    pub after: String,
}

impl EvidenceRow {
    fn of(e: &Evidence) -> EvidenceRow {
        let (before, trigger, after) = match e.trigger {
            Some((a, b)) => (&e.sentence[..a], &e.sentence[a..b], &e.sentence[b..]),
            None => (e.sentence.as_str(), "", ""),
        };
        EvidenceRow {
            id: e.id.clone(),
            day: e.day.map(|d| d.to_string()),
            modality: e.modality.clone(),
            before: before.into(),
            trigger: trigger.into(),
            after: after.into(),
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct LegendItem {
    pub name: String,
    pub colour: String,
}

/// Everything the page shows; the template turns it into HTML.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Page {
    /// What the page was made from ("extract output" or "a stats document").
    pub source: String,
    pub summary: Summary,
    pub timeline: Timeline,
    pub entity_groups: Vec<EntityGroup>,
    pub triples: Vec<TripleRow>,
    pub apart: Vec<TripleRow>,
    pub graph: Graph,
    pub legend: Vec<LegendItem>,
    /// False for a stats document: it holds counts, not sentences.
    pub evidence_available: bool,
    pub version: String,
}

impl Page {
    /// What both builders share: the summary and the entity tables.
    fn base(report: &Report, source: &str, rejects: Option<u64>) -> Page {
        let t = &report.totals;
        let mut groups: Vec<EntityGroup> = Vec::new();
        for kind in ["country", "company", "agency"] {
            groups.push(entity_group(report, kind, |k| k == kind));
        }
        let other = entity_group(report, "other", |k| {
            !["country", "company", "agency"].contains(&k)
        });
        if other.total > 0 {
            groups.push(other);
        }
        Page {
            source: source.into(),
            summary: Summary {
                articles: t.articles,
                entities: t.entities,
                relations: t.relations,
                asserted: None,
                negated: t.negated,
                not_asserted: None,
                rejects,
                first_day: report.days.first().map(|d| d.period.clone()),
                last_day: report.days.last().map(|d| d.period.clone()),
                undated: t.undated,
            },
            entity_groups: groups,
            version: env!("CARGO_PKG_VERSION").into(),
            ..Page::default()
        }
    }

    /// The page for a saved stats document: counts only. The time series is one line (the
    /// document counts relations per period, not per predicate), triples come from the
    /// (subject, object) pairs without dates, and there is no evidence.
    pub fn from_stats(report: &Report, source: &str) -> Page {
        let names = Names::of(report);
        let mut page = Page::base(report, source, None);
        let ranked = rank(
            report
                .predicates
                .iter()
                .map(|p| (p.predicate.clone(), p.relations)),
        );
        let colours = Colours::new(&ranked);
        let days: Vec<Day> = report
            .days
            .iter()
            .filter_map(|d| Day::parse(&d.period))
            .collect();
        let (unit, periods) = periods(&days);
        let rows = match unit {
            Unit::Day => &report.days,
            Unit::Week => &report.weeks,
            Unit::Month => &report.months,
        };
        let mut line = Series::new("all relations", OTHER, periods.len());
        let index: HashMap<&str, usize> = periods
            .iter()
            .enumerate()
            .map(|(i, p)| (p.as_str(), i))
            .collect();
        for r in rows {
            if let Some(&i) = index.get(r.period.as_str()) {
                line.values[i] = r.relations;
            }
        }
        page.timeline = Timeline::new(
            unit,
            periods,
            vec![line],
            "all relations (a stats document does not split them by predicate or modality)",
        );
        let mut triples: Vec<(String, String, String, u64)> = report
            .pairs
            .iter()
            .flat_map(|p| {
                p.predicates
                    .iter()
                    .map(|(pred, c)| (p.subject.clone(), p.object.clone(), pred.clone(), *c))
            })
            .collect();
        triples.sort_by(|a, b| b.3.cmp(&a.3).then_with(|| a.cmp(b)));
        page.triples = triples
            .iter()
            .take(TOP_TRIPLES)
            .map(|(s, o, p, c)| TripleRow {
                subject: names.name(s),
                predicate: p.clone(),
                object: names.name(o),
                colour: css(colours.of(p)),
                count: *c,
                first: None,
                last: None,
                stance: "any",
                evidence: Vec::new(),
            })
            .collect();
        page.graph = Graph::new(triples.into_iter(), &names, &colours);
        page.legend = legend(&colours, ranked.len());
        page.evidence_available = false;
        page
    }

    /// The HTML page.
    pub fn render(&self) -> Result<String, minijinja::Error> {
        let mut env = minijinja::Environment::new();
        env.add_template("report.html", TEMPLATE)?;
        env.get_template("report.html")?
            .render(minijinja::value::Serde(self))
    }
}

fn entity_group(report: &Report, name: &str, keep: impl Fn(&str) -> bool) -> EntityGroup {
    let all: Vec<_> = report.entities.iter().filter(|e| keep(&e.kind)).collect();
    EntityGroup {
        kind: name.into(),
        total: all.len(),
        rows: all
            .iter()
            .take(TOP_ENTITIES)
            .map(|e| EntityRowView {
                id: e.id.clone(),
                name: e.name.clone(),
                articles: e.articles,
                mentions: e.mentions,
                as_subject: e.as_subject,
                as_object: e.as_object,
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_trigger_is_found_by_character_offset_then_by_text() {
        for (sentence, offset, trigger, want) in [
            ("Japan bans chips.", 6, "bans", Some((6, 10))),
            // Character offsets after a multi-byte character.
            ("Ça: Japan bans chips.", 10, "bans", Some((11, 15))),
            // A wrong offset falls back to the first occurrence.
            ("Japan bans chips.", 0, "bans", Some((6, 10))),
            ("Japan bans chips.", 6, "sues", None),
            ("Japan bans chips.", 6, "", None),
        ] {
            assert_eq!(
                locate_trigger(sentence, offset, trigger),
                want,
                "{sentence}"
            );
        }
    }
}
