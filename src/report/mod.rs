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
pub use timeline::{BURST_G2, BURST_MIN, Burst, Counts, Role, Row, Series, Timeline, Unit};

/// Predicates with a panel of their own in the time series, by total count (asserted or
/// not); the rest are summed as "other", but for those that stand out somewhere.
pub const TOP_PREDICATES: usize = 12;
/// Predicates beyond the top ones that get a panel because they stand out in some period
/// (a [`Burst`]), the strongest first: a rare predicate's spike is news too.
pub const STANDS_OUT_PANELS: usize = 4;
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

/// Colours for the eight top predicates, in rank order (a colour-blind-safe qualitative
/// palette, Okabe–Ito); the rest are grey. The same colour stands for the same predicate in the time
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

/// How a relation was stated. The time series counts all, the asserted apart from the rest;
/// the top triples and the graph count only asserted relations; the others are listed apart.
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
    /// Relations per day and predicate, by stance.
    by_day: BTreeMap<Day, BTreeMap<String, Counts>>,
    /// (subject, predicate, object) per day, by stance: what a busy period was about.
    triples_by_day: BTreeMap<Day, BTreeMap<(String, String, String), Counts>>,
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
            by_day: BTreeMap::new(),
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
            if let Some(d) = day {
                self.by_day
                    .entry(d)
                    .or_default()
                    .entry(r.predicate.clone())
                    .or_default()
                    .add_stance(stance, 1);
                self.triples_by_day
                    .entry(d)
                    .or_default()
                    .entry((r.subject.clone(), r.predicate.clone(), r.object.clone()))
                    .or_default()
                    .add_stance(stance, 1);
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

    /// The time series: a panel per top predicate and per predicate that stands out, then
    /// "other"; every relation counted, asserted apart from the rest.
    fn timeline(&self, colours: &Colours, names: &Names) -> Timeline {
        let days: Vec<Day> = self.by_day.keys().copied().collect();
        let (unit, periods) = periods(&days);
        let n = periods.len();
        let index: HashMap<&str, usize> = periods
            .iter()
            .enumerate()
            .map(|(i, p)| (p.key.as_str(), i))
            .collect();
        let mut per: BTreeMap<&str, Vec<Counts>> = BTreeMap::new();
        for (day, preds) in &self.by_day {
            let i = index[unit.key(*day).as_str()];
            for (p, c) in preds {
                per.entry(p).or_insert_with(|| vec![Counts::default(); n])[i].add(c);
            }
        }
        let none = vec![Counts::default(); n];
        let values = |p: &str| per.get(p).unwrap_or(&none).clone();
        let all = Series::sum(n, per.values().map(Vec::as_slice));
        // Panels by the predicates' counts in the series: all their dated relations.
        let ranked = rank(
            per.iter()
                .map(|(p, v)| (p.to_string(), v.iter().map(Counts::all).sum())),
        );
        let mut shown: Vec<Series> = ranked
            .iter()
            .take(TOP_PREDICATES)
            .map(|(p, _)| Series::new(p, colours.of(p), Role::Top, values(p)))
            .collect();
        let mut standing: Vec<(f64, &str)> = ranked
            .iter()
            .skip(TOP_PREDICATES)
            .filter_map(|(p, _)| {
                let b = timeline::burst(per.get(p.as_str())?, &all, &periods)?;
                Some((b.score, p.as_str()))
            })
            .collect();
        standing.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
        for (_, p) in standing.into_iter().take(STANDS_OUT_PANELS) {
            shown.push(Series::new(p, colours.of(p), Role::StandsOut, values(p)));
        }
        if ranked.len() > shown.len() {
            let rest = Series::sum(
                n,
                per.iter()
                    .filter(|(p, _)| !shown.iter().any(|s| s.name == **p))
                    .map(|(_, v)| v.as_slice()),
            );
            shown.push(Series::new("other", OTHER, Role::Other, rest));
        }
        let mut timeline = Timeline::new(unit, periods, all, shown, true, "all relations");
        if let Some(peak) = timeline.peak.clone() {
            timeline.peak_triples = self.period_triples(unit, &peak.key, None, names);
        }
        for s in &mut timeline.series {
            if let Some(b) = &mut s.burst {
                b.triples = self.period_triples(unit, &b.period.key, Some(&s.name), names);
            }
        }
        timeline
    }

    /// The three most frequent triples in a period (of one predicate, or of all):
    /// "United States sanction Japan (3; 1 negated or not asserted)".
    fn period_triples(
        &self,
        unit: Unit,
        period: &str,
        predicate: Option<&str>,
        names: &Names,
    ) -> Vec<String> {
        let mut in_period: BTreeMap<&(String, String, String), Counts> = BTreeMap::new();
        for (day, triples) in &self.triples_by_day {
            if unit.key(*day) != period {
                continue;
            }
            for (t, c) in triples {
                if predicate.is_none_or(|p| p == t.1) {
                    in_period.entry(t).or_default().add(c);
                }
            }
        }
        let mut v: Vec<_> = in_period.into_iter().collect();
        v.sort_by(|a, b| b.1.all().cmp(&a.1.all()).then_with(|| a.0.cmp(b.0)));
        v.into_iter()
            .take(3)
            .map(|((s, p, o), c)| {
                let apart = match c.apart() {
                    0 => String::new(),
                    k => format!("; {k} negated or not asserted"),
                };
                format!(
                    "{} {p} {} ({}{apart})",
                    names.name(s),
                    names.name(o),
                    c.all()
                )
            })
            .collect()
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

        // Predicate ranks by all their relations, asserted or not: they pick the panels of
        // the time series and the colours.
        let mut by_predicate: BTreeMap<&str, u64> = BTreeMap::new();
        for ((_, p, _, _), a) in &self.triples {
            *by_predicate.entry(p).or_default() += a.count;
        }
        let ranked = rank(by_predicate.into_iter().map(|(p, c)| (p.to_string(), c)));
        let colours = Colours::new(&ranked);
        page.timeline = self.timeline(&colours, &names);
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
        page.graph = Graph::new(edges, "asserted relations", &names, &colours);
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

/// A hover target over a chart: a box in percent of the picture, so it scales with it, and
/// the numbers it stands for, which the browser shows as a tooltip. The page places these
/// over the SVG; plotters has no way to give its elements a `<title>`.
#[derive(Clone, Debug, Serialize)]
pub struct Hit {
    pub style: String,
    pub title: String,
}

impl Hit {
    /// A box between two corners, in pixels of a picture of `size`.
    fn new(a: (i32, i32), b: (i32, i32), size: (u32, u32), title: String) -> Hit {
        let pc = |v: i32, of: u32| v as f64 * 100.0 / of as f64;
        let (x0, x1) = (a.0.min(b.0), a.0.max(b.0));
        let (y0, y1) = (a.1.min(b.1), a.1.max(b.1));
        Hit {
            style: format!(
                "left:{:.2}%;top:{:.2}%;width:{:.2}%;height:{:.2}%",
                pc(x0, size.0),
                pc(y0, size.1),
                pc(x1 - x0, size.0),
                pc(y1 - y0, size.1)
            ),
            title,
        }
    }
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
                .take(PALETTE.len())
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
        let mut all = vec![Counts::default(); periods.len()];
        let index: HashMap<&str, usize> = periods
            .iter()
            .enumerate()
            .map(|(i, p)| (p.key.as_str(), i))
            .collect();
        for r in rows {
            if let Some(&i) = index.get(r.period.as_str()) {
                all[i].unknown = r.relations;
            }
        }
        page.timeline = Timeline::new(
            unit,
            periods,
            all,
            Vec::new(),
            false,
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
        page.graph = Graph::new(triples.into_iter(), "relations", &names, &colours);
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
