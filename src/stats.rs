//! Statistics across stories: counts over extract output that merge exactly, and their
//! presentation as JSON, CSV or Markdown.
//!
//! The unit of counting is a [`Story`]: what one article contributes (its day, source, entity
//! mention counts and relations). [`Stats`] adds stories into full counts — never truncated —
//! so two [`Stats`] over any split of the input merge into exactly the statistics of the whole,
//! in any order (the xsv model: statistics as partial results). `--top` is a presentation
//! option: it cuts the rendered lists, and a cut JSON document says `"complete": false` and is
//! refused by [`Stats::merge`]. The file format is docs/stats.md; its version is [`VERSION`].
//!
//! Duplicate stories (`dedup`): syndicated copies carry the same text, which extract output
//! does not include, so a story is identified by a [`Fingerprint`] of its text evidence — the
//! text's sentence spans, its mentions (entity and offsets) and relations (predicate, ends,
//! negation, modality, sentence and trigger offsets). Same text gives the same fingerprint
//! (extraction depends only on the article), whatever the id, title, date or source. A story
//! with no mention in its text has too little evidence to match anything safely: it is a
//! duplicate only of a record with the same id, date and source. Of each set of copies the
//! one kept is the first by (day, source, id), so the choice does not depend on input order;
//! to merge exactly, a deduplicated stats file carries its stories (one small entry per
//! distinct story) and the aggregates are recomputed from them.
//!
//! This file holds the counts that merge ([`Stats`]) and the document they are written as and
//! read back from ([`Report`]); [`Fingerprint`] (`stats/fingerprint.rs`) identifies a story
//! for `dedup`; the CSV and Markdown views of one table ([`Table`]) are in `stats/tables.rs`.

mod fingerprint;
mod tables;

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::extracted::{ArticleRecord, Day, EntityInfo, source_key};

pub use fingerprint::Fingerprint;
pub use tables::Table;

/// The `format` field of every stats document.
pub const FORMAT: &str = "newsgraph-stats";
/// The version of the stats document this code writes and reads (docs/stats.md).
pub const VERSION: u64 = 1;

/// What is counted: these must be equal for two stats to merge.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Options {
    /// Fold syndicated copies (see the module docs).
    pub dedup: bool,
    /// Count only articles dated on or after this day (undated articles are left out when
    /// either bound is set).
    pub since: Option<Day>,
    /// Count only articles dated on or before this day.
    pub until: Option<Day>,
}

/// A relation as counted: (predicate, subject, object, negated).
pub type RelationKey = (String, String, String, bool);

/// What one article contributes to the counts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Story {
    pub id: String,
    pub day: Option<Day>,
    pub source: Option<String>,
    /// Entity id → mentions in the article (title and text).
    pub entities: BTreeMap<String, u64>,
    /// The article's relations, sorted.
    pub relations: Vec<RelationKey>,
}

impl Story {
    /// The order that picks which copy of a duplicate is kept: dated before undated, earliest
    /// day, then source, id and content, so the choice never depends on input order.
    fn rank(&self) -> impl Ord + '_ {
        (
            self.day.is_none(),
            self.day,
            self.source.is_none(),
            &self.source,
            &self.id,
            &self.entities,
            &self.relations,
        )
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct EntityCount {
    mentions: u64,
    articles: u64,
    as_subject: u64,
    as_object: u64,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct PredicateCount {
    relations: u64,
    negated: u64,
    articles: u64,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct PairCount {
    relations: u64,
    articles: u64,
    predicates: BTreeMap<String, u64>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Tally {
    articles: u64,
    mentions: u64,
    relations: u64,
}

impl Tally {
    fn add(&mut self, o: Tally) {
        self.articles += o.articles;
        self.mentions += o.mentions;
        self.relations += o.relations;
    }
}

/// Full counts: every field adds.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Counts {
    articles: u64,
    article_entities: u64,
    mentions: u64,
    relations: u64,
    negated: u64,
    undated: u64,
    unsourced: u64,
    entities: BTreeMap<String, EntityCount>,
    predicates: BTreeMap<String, PredicateCount>,
    pairs: BTreeMap<(String, String), PairCount>,
    cooccurrence: BTreeMap<(String, String), u64>,
    days: BTreeMap<Day, Tally>,
    sources: BTreeMap<String, Tally>,
}

impl Counts {
    fn add_story(&mut self, s: &Story) {
        let mentions: u64 = s.entities.values().sum();
        let tally = Tally {
            articles: 1,
            mentions,
            relations: s.relations.len() as u64,
        };
        self.articles += 1;
        self.article_entities += s.entities.len() as u64;
        self.mentions += mentions;
        match s.day {
            Some(d) => self.days.entry(d).or_default().add(tally),
            None => self.undated += 1,
        }
        match &s.source {
            Some(src) => self.sources.entry(src.clone()).or_default().add(tally),
            None => self.unsourced += 1,
        }
        for (id, &m) in &s.entities {
            let c = self.entities.entry(id.clone()).or_default();
            c.mentions += m;
            c.articles += 1;
        }
        let mut predicates = BTreeSet::new();
        let mut pairs = BTreeSet::new();
        for (p, subj, obj, negated) in &s.relations {
            self.relations += 1;
            self.negated += u64::from(*negated);
            let pc = self.predicates.entry(p.clone()).or_default();
            pc.relations += 1;
            pc.negated += u64::from(*negated);
            if predicates.insert(p) {
                pc.articles += 1;
            }
            self.entities.entry(subj.clone()).or_default().as_subject += 1;
            self.entities.entry(obj.clone()).or_default().as_object += 1;
            let key = (subj.clone(), obj.clone());
            let pair = self.pairs.entry(key.clone()).or_default();
            pair.relations += 1;
            *pair.predicates.entry(p.clone()).or_default() += 1;
            if pairs.insert(key) {
                pair.articles += 1;
            }
        }
        // Entities are sorted (a BTreeMap), so each pair comes out as (a, b) with a < b.
        let ids: Vec<&String> = s.entities.keys().collect();
        for (i, a) in ids.iter().enumerate() {
            for b in &ids[i + 1..] {
                *self
                    .cooccurrence
                    .entry(((*a).clone(), (*b).clone()))
                    .or_default() += 1;
            }
        }
    }

    fn merge(&mut self, o: &Counts) {
        self.articles += o.articles;
        self.article_entities += o.article_entities;
        self.mentions += o.mentions;
        self.relations += o.relations;
        self.negated += o.negated;
        self.undated += o.undated;
        self.unsourced += o.unsourced;
        for (k, v) in &o.entities {
            let c = self.entities.entry(k.clone()).or_default();
            c.mentions += v.mentions;
            c.articles += v.articles;
            c.as_subject += v.as_subject;
            c.as_object += v.as_object;
        }
        for (k, v) in &o.predicates {
            let c = self.predicates.entry(k.clone()).or_default();
            c.relations += v.relations;
            c.negated += v.negated;
            c.articles += v.articles;
        }
        for (k, v) in &o.pairs {
            let c = self.pairs.entry(k.clone()).or_default();
            c.relations += v.relations;
            c.articles += v.articles;
            for (p, n) in &v.predicates {
                *c.predicates.entry(p.clone()).or_default() += n;
            }
        }
        for (k, v) in &o.cooccurrence {
            *self.cooccurrence.entry(k.clone()).or_default() += v;
        }
        for (k, v) in &o.days {
            self.days.entry(*k).or_default().add(*v);
        }
        for (k, v) in &o.sources {
            self.sources.entry(k.clone()).or_default().add(*v);
        }
    }
}

/// Statistics over a set of stories: build with [`Stats::add`], combine with
/// [`Stats::merge`], write with [`Stats::report`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stats {
    options: Options,
    info: BTreeMap<String, EntityInfo>,
    /// Without dedup: the counts themselves.
    counts: Counts,
    /// With dedup: each distinct story, its number of copies and the copy kept.
    stories: BTreeMap<Fingerprint, (u64, Story)>,
    filtered_out: u64,
}

/// Why two stats cannot merge, or a document cannot be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatsError(String);

impl std::fmt::Display for StatsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for StatsError {}

impl Stats {
    pub fn new(options: Options) -> Stats {
        Stats {
            options,
            info: BTreeMap::new(),
            counts: Counts::default(),
            stories: BTreeMap::new(),
            filtered_out: 0,
        }
    }

    pub fn options(&self) -> &Options {
        &self.options
    }

    /// Counts one article record. An `Err` says why the record is inconsistent (a relation
    /// naming an entity the record does not list); nothing of it is counted then.
    pub fn add(&mut self, rec: &ArticleRecord) -> Result<(), String> {
        rec.check_relations()?;
        let mut entities = BTreeMap::new();
        for e in &rec.entities {
            *entities.entry(e.id.clone()).or_insert(0) += e.mentions.len() as u64;
        }
        let mut relations = Vec::with_capacity(rec.relations.len());
        for r in &rec.relations {
            relations.push((
                r.predicate.clone(),
                r.subject.clone(),
                r.object.clone(),
                r.negated,
            ));
        }
        relations.sort_unstable();
        let day = rec.date.as_ref().and_then(Day::of_value);
        let opts = &self.options;
        if opts.since.is_some() || opts.until.is_some() {
            let inside = day.is_some_and(|d| {
                opts.since.is_none_or(|s| d >= s) && opts.until.is_none_or(|u| d <= u)
            });
            if !inside {
                self.filtered_out += 1;
                return Ok(());
            }
        }
        for e in &rec.entities {
            self.note_entity(&e.id, e.info());
        }
        let story = Story {
            id: rec.id.clone(),
            day,
            source: source_key(rec.source.as_ref()),
            entities,
            relations,
        };
        if self.options.dedup {
            self.add_copies(Fingerprint::of(rec), 1, story);
        } else {
            self.counts.add_story(&story);
        }
        Ok(())
    }

    /// Records an entity's dictionary data; where inputs disagree, see [`EntityInfo::settle`].
    fn note_entity(&mut self, id: &str, info: EntityInfo) {
        match self.info.get_mut(id) {
            Some(old) => old.settle(info),
            None => {
                self.info.insert(id.to_string(), info);
            }
        }
    }

    fn add_copies(&mut self, fp: Fingerprint, copies: u64, story: Story) {
        match self.stories.get_mut(&fp) {
            Some((n, kept)) => {
                *n += copies;
                if story.rank() < kept.rank() {
                    *kept = story;
                }
            }
            None => {
                self.stories.insert(fp, (copies, story));
            }
        }
    }

    /// Adds `other` into `self`: the result equals the stats of both inputs together.
    pub fn merge(&mut self, other: Stats) -> Result<(), StatsError> {
        if self.options != other.options {
            return Err(StatsError(format!(
                "cannot merge stats made with different options ({} and {})",
                describe(&self.options),
                describe(&other.options)
            )));
        }
        for (id, info) in other.info {
            self.note_entity(&id, info);
        }
        self.counts.merge(&other.counts);
        for (fp, (n, story)) in other.stories {
            self.add_copies(fp, n, story);
        }
        self.filtered_out += other.filtered_out;
        Ok(())
    }

    /// The counts over all stories (with dedup: over the copies kept).
    fn totals(&self) -> std::borrow::Cow<'_, Counts> {
        if !self.options.dedup {
            return std::borrow::Cow::Borrowed(&self.counts);
        }
        let mut c = self.counts.clone();
        for (_, story) in self.stories.values() {
            c.add_story(story);
        }
        std::borrow::Cow::Owned(c)
    }

    /// The complete document (docs/stats.md), lists in rank order.
    pub fn report(&self) -> Report {
        let c = self.totals();
        let info = |id: &str| {
            self.info.get(id).cloned().unwrap_or(EntityInfo {
                name: id.to_string(),
                kind: String::new(),
                country: None,
                wikidata: None,
            })
        };
        // Lists rank most first; ties stay in key order (see `ranked`).
        let entities = ranked(
            &c.entities,
            |id, n| {
                let i = info(id);
                EntityRow {
                    id: id.clone(),
                    name: i.name,
                    kind: i.kind,
                    country: i.country,
                    wikidata: i.wikidata,
                    mentions: n.mentions,
                    articles: n.articles,
                    as_subject: n.as_subject,
                    as_object: n.as_object,
                }
            },
            |e| (e.articles, e.mentions),
        );
        let predicates = ranked(
            &c.predicates,
            |p, n| PredicateRow {
                predicate: p.clone(),
                relations: n.relations,
                negated: n.negated,
                articles: n.articles,
            },
            |p| p.relations,
        );
        let pairs = ranked(
            &c.pairs,
            |(s, o), n| PairRow {
                subject: s.clone(),
                object: o.clone(),
                relations: n.relations,
                articles: n.articles,
                predicates: n.predicates.clone(),
            },
            |p| (p.relations, p.articles),
        );
        let cooccurrence = ranked(
            &c.cooccurrence,
            |(a, b), &articles| CooccurrenceRow {
                a: a.clone(),
                b: b.clone(),
                articles,
            },
            |c| c.articles,
        );
        let period = |key: String, t: &Tally| PeriodRow {
            period: key,
            articles: t.articles,
            mentions: t.mentions,
            relations: t.relations,
        };
        let days = c
            .days
            .iter()
            .map(|(d, t)| period(d.to_string(), t))
            .collect();
        let mut weeks: BTreeMap<String, Tally> = BTreeMap::new();
        let mut months: BTreeMap<String, Tally> = BTreeMap::new();
        for (d, t) in &c.days {
            weeks.entry(d.iso_week()).or_default().add(*t);
            months.entry(d.month_key()).or_default().add(*t);
        }
        let sources = ranked(
            &c.sources,
            |s, t| SourceRow {
                source: s.clone(),
                articles: t.articles,
                mentions: t.mentions,
                relations: t.relations,
            },
            |s| s.articles,
        );
        let stories = self.options.dedup.then(|| {
            self.stories
                .iter()
                .map(|(fp, (copies, s))| StoryRow {
                    fingerprint: fp.to_string(),
                    copies: *copies,
                    story: s.clone(),
                })
                .collect()
        });
        Report {
            format: FORMAT.to_string(),
            version: VERSION,
            complete: true,
            options: self.options.clone(),
            totals: Totals {
                articles: c.articles,
                entities: c.entities.len() as u64,
                article_entities: c.article_entities,
                mentions: c.mentions,
                relations: c.relations,
                negated: c.negated,
                undated: c.undated,
                unsourced: c.unsourced,
                duplicates_folded: self.stories.values().map(|(n, _)| n - 1).sum(),
                filtered_out: self.filtered_out,
            },
            entities,
            predicates,
            pairs,
            cooccurrence,
            days,
            weeks: weeks.iter().map(|(k, t)| period(k.clone(), t)).collect(),
            months: months.iter().map(|(k, t)| period(k.clone(), t)).collect(),
            sources,
            stories,
        }
    }

    /// Reads a complete stats document back (the input of `--merge`).
    pub fn from_report(r: Report) -> Result<Stats, StatsError> {
        if r.format != FORMAT || r.version != VERSION {
            return Err(StatsError(format!(
                "not a {FORMAT} version {VERSION} document (format {:?}, version {})",
                r.format, r.version
            )));
        }
        if !r.complete {
            return Err(StatsError(
                "this document was cut by --top (\"complete\": false); only complete stats merge"
                    .into(),
            ));
        }
        let mut s = Stats::new(r.options);
        s.filtered_out = r.totals.filtered_out;
        for e in &r.entities {
            s.note_entity(
                &e.id,
                EntityInfo {
                    name: e.name.clone(),
                    kind: e.kind.clone(),
                    country: e.country.clone(),
                    wikidata: e.wikidata.clone(),
                },
            );
        }
        if s.options.dedup {
            // The aggregates of a deduplicated document are derived from its stories.
            let stories = r.stories.ok_or_else(|| {
                StatsError("a dedup document without its \"stories\" cannot merge".into())
            })?;
            for row in stories {
                let fp = u128::from_str_radix(&row.fingerprint, 16)
                    .map_err(|_| StatsError(format!("bad fingerprint {:?}", row.fingerprint)))?;
                if row.copies == 0 {
                    return Err(StatsError("a story with 0 copies".into()));
                }
                s.add_copies(Fingerprint(fp), row.copies, row.story);
            }
            return Ok(s);
        }
        let t = &r.totals;
        let c = &mut s.counts;
        c.articles = t.articles;
        c.article_entities = t.article_entities;
        c.mentions = t.mentions;
        c.relations = t.relations;
        c.negated = t.negated;
        c.undated = t.undated;
        c.unsourced = t.unsourced;
        for e in r.entities {
            c.entities.insert(
                e.id,
                EntityCount {
                    mentions: e.mentions,
                    articles: e.articles,
                    as_subject: e.as_subject,
                    as_object: e.as_object,
                },
            );
        }
        for p in r.predicates {
            c.predicates.insert(
                p.predicate,
                PredicateCount {
                    relations: p.relations,
                    negated: p.negated,
                    articles: p.articles,
                },
            );
        }
        for p in r.pairs {
            c.pairs.insert(
                (p.subject, p.object),
                PairCount {
                    relations: p.relations,
                    articles: p.articles,
                    predicates: p.predicates,
                },
            );
        }
        for p in r.cooccurrence {
            c.cooccurrence.insert((p.a, p.b), p.articles);
        }
        for d in r.days {
            let day = Day::parse(&d.period)
                .ok_or_else(|| StatsError(format!("bad day {:?}", d.period)))?;
            c.days.insert(
                day,
                Tally {
                    articles: d.articles,
                    mentions: d.mentions,
                    relations: d.relations,
                },
            );
        }
        for src in r.sources {
            c.sources.insert(
                src.source,
                Tally {
                    articles: src.articles,
                    mentions: src.mentions,
                    relations: src.relations,
                },
            );
        }
        Ok(s)
    }

    /// Reads a stats document from its JSON text.
    pub fn from_json(text: &str) -> Result<Stats, StatsError> {
        let r: Report = serde_json::from_str(text)
            .map_err(|e| StatsError(format!("not a stats document: {e}")))?;
        Stats::from_report(r)
    }
}

fn describe(o: &Options) -> String {
    let day = |d: Option<Day>| d.map_or("-".to_string(), |d| d.to_string());
    format!(
        "dedup {}, since {}, until {}",
        o.dedup,
        day(o.since),
        day(o.until)
    )
}

/// The rows of `counts`, most first by `rank`. The sort is stable, so equal ranks keep the
/// map's key order (id, predicate, subject and object, source): every ranked list of the
/// document breaks ties by its key, so the order never depends on the input's.
fn ranked<K, V, R, O: Ord>(
    counts: &BTreeMap<K, V>,
    row: impl Fn(&K, &V) -> R,
    rank: impl Fn(&R) -> O,
) -> Vec<R> {
    let mut rows: Vec<R> = counts.iter().map(|(k, v)| row(k, v)).collect();
    rows.sort_by_key(|r| std::cmp::Reverse(rank(r)));
    rows
}

/// The stats document (docs/stats.md): what `newsgraph stats` writes as JSON and `--merge`
/// reads. Lists are in rank order (most first; ties by key), periods in time order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Always [`FORMAT`].
    pub format: String,
    /// Always [`VERSION`].
    pub version: u64,
    /// False when `--top` cut the lists; such a document does not merge.
    pub complete: bool,
    pub options: Options,
    pub totals: Totals,
    pub entities: Vec<EntityRow>,
    pub predicates: Vec<PredicateRow>,
    pub pairs: Vec<PairRow>,
    pub cooccurrence: Vec<CooccurrenceRow>,
    pub days: Vec<PeriodRow>,
    pub weeks: Vec<PeriodRow>,
    pub months: Vec<PeriodRow>,
    pub sources: Vec<SourceRow>,
    /// With dedup only: every distinct story, by fingerprint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stories: Option<Vec<StoryRow>>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Totals {
    pub articles: u64,
    pub entities: u64,
    pub article_entities: u64,
    pub mentions: u64,
    pub relations: u64,
    pub negated: u64,
    pub undated: u64,
    pub unsourced: u64,
    pub duplicates_folded: u64,
    pub filtered_out: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityRow {
    pub id: String,
    pub name: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub country: Option<String>,
    pub wikidata: Option<String>,
    pub mentions: u64,
    pub articles: u64,
    pub as_subject: u64,
    pub as_object: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PredicateRow {
    pub predicate: String,
    pub relations: u64,
    pub negated: u64,
    pub articles: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PairRow {
    pub subject: String,
    pub object: String,
    pub relations: u64,
    pub articles: u64,
    pub predicates: BTreeMap<String, u64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CooccurrenceRow {
    pub a: String,
    pub b: String,
    pub articles: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodRow {
    pub period: String,
    pub articles: u64,
    pub mentions: u64,
    pub relations: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceRow {
    pub source: String,
    pub articles: u64,
    pub mentions: u64,
    pub relations: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoryRow {
    pub fingerprint: String,
    pub copies: u64,
    #[serde(flatten)]
    pub story: Story,
}

impl Report {
    /// Keeps the first `n` rows of the ranked lists (entities, predicates, pairs,
    /// co-occurrence, sources; periods are kept whole) and marks the document incomplete.
    pub fn truncate(&mut self, n: usize) {
        let longest = [
            self.entities.len(),
            self.predicates.len(),
            self.pairs.len(),
            self.cooccurrence.len(),
            self.sources.len(),
        ];
        if longest.iter().all(|&len| len <= n) {
            return; // nothing to cut: the document stays complete, and mergeable
        }
        self.entities.truncate(n);
        self.predicates.truncate(n);
        self.pairs.truncate(n);
        self.cooccurrence.truncate(n);
        self.sources.truncate(n);
        // The stories are merge state, of no use in a cut document.
        self.stories = None;
        self.complete = false;
    }

    /// The document as JSON text, two-space indented, ending in a newline.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("stats serialize");
        s.push('\n');
        s
    }
}
