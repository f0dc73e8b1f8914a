//! Scoring against gold data: entity mentions and relations, precision, recall and F1.
//!
//! The gold format is that of `../shared/eval` (see its README): one JSON object per article
//! with `text`, `entities` (code point spans, `name`, `type`, `iso3`, `wikidata`) and
//! `relations` (`subject` and `object` entity names, `predicate`, optional `plover`, `negated`,
//! `evidence`). The scorer runs the pipeline on each gold article and matches:
//!
//! - a **mention** when the span is the same and the entity is the same: the same QID when both
//!   have one, else for a country the same ISO alpha-3 code, else the gold name is the system
//!   entity's name or one of its aliases; a national body named by a phrase ("Israeli army",
//!   "Serb forces") is the country its leading words name, since newsgraph reports the state
//!   with a role there;
//! - a **relation** when subject and object are the same entities (as above), the predicate is
//!   the same (compared as PLOVER categories when the gold gives one), the negation agrees, and
//!   the system's trigger lies inside the gold evidence. Each gold relation matches at most one
//!   system relation.
//!
//! Counts are partial results that add up, so several gold files combine into one score.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::article::Article;
use crate::dictionary::{Entity, EntityId, EntityType};
use crate::pipeline::{Extraction, Field, Pipeline};

/// One gold article.
#[derive(Clone, Debug, Deserialize)]
pub struct GoldArticle {
    pub id: String,
    #[serde(default)]
    pub title: Option<String>,
    pub text: String,
    #[serde(default)]
    pub entities: Vec<GoldEntity>,
    #[serde(default)]
    pub relations: Vec<GoldRelation>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct GoldEntity {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub name: String,
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub iso3: Option<String>,
    #[serde(default)]
    pub wikidata: Option<String>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct GoldRelation {
    pub subject: String,
    pub predicate: String,
    #[serde(default)]
    pub plover: Option<String>,
    pub object: String,
    #[serde(default)]
    pub negated: bool,
    #[serde(default)]
    pub evidence: String,
}

/// True positives, false positives, false negatives. Adds up across articles and files.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub tp: u64,
    pub fp: u64,
    pub fn_: u64,
}

impl Counts {
    pub fn add(&mut self, o: Counts) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }

    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }

    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: u64, b: u64) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// One scoring error, for `--errors`.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct ScoreError {
    pub article: String,
    /// "missed entity", "spurious entity", "missed relation", "spurious relation".
    pub kind: &'static str,
    pub detail: String,
}

/// The score of one or more gold files.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Report {
    pub articles: u64,
    pub entities: Counts,
    pub relations: Counts,
    /// Relation counts per gold predicate (or PLOVER category) and per system predicate for
    /// false positives.
    pub per_predicate: std::collections::BTreeMap<String, Counts>,
    /// For each confidence threshold, (system relations at or above it, of which correct).
    pub at_confidence: std::collections::BTreeMap<String, (u64, u64)>,
    pub errors: Vec<ScoreError>,
}

impl Report {
    pub fn merge(&mut self, o: Report) {
        self.articles += o.articles;
        self.entities.add(o.entities);
        self.relations.add(o.relations);
        for (k, v) in o.per_predicate {
            self.per_predicate.entry(k).or_default().add(v);
        }
        for (k, (n, c)) in o.at_confidence {
            let e = self.at_confidence.entry(k).or_default();
            e.0 += n;
            e.1 += c;
        }
        self.errors.extend(o.errors);
    }
}

/// Thresholds at which precision is reported, to show that confidence orders relations.
pub const THRESHOLDS: &[f32] = &[0.0, 0.5, 0.6, 0.7, 0.8, 0.9];

/// Scores gold articles with a pipeline.
pub struct Scorer<'a> {
    pipeline: &'a Pipeline,
    /// Label relations by PLOVER category (the gold set gives categories) rather than by
    /// predicate id, in per-predicate counts.
    pub plover_labels: bool,
    /// Normalised alias text → entities claiming it, to match gold names.
    aliases: HashMap<String, Vec<EntityId>>,
}

/// A PLOVER category by its 2021 name, so that 2016 gold and 2021 codes score alike: DEMAND
/// became REQUEST; DISAPPROVE and INVESTIGATE became modes of ACCUSE; FIGHT became ASSAULT.
fn plover_key(s: &str) -> String {
    let up = s.to_ascii_uppercase();
    match up.as_str() {
        "DEMAND" => "REQUEST".into(),
        "DISAPPROVE" | "INVESTIGATE" => "ACCUSE".into(),
        "FIGHT" => "ASSAULT".into(),
        _ => up,
    }
}

fn normalise(s: &str) -> String {
    let lower = s.to_lowercase().replace('’', "'");
    let trimmed = lower.strip_prefix("the ").unwrap_or(&lower);
    trimmed
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == ' ')
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

impl<'a> Scorer<'a> {
    pub fn new(pipeline: &'a Pipeline) -> Scorer<'a> {
        let mut aliases: HashMap<String, Vec<EntityId>> = HashMap::new();
        let dict = pipeline.dictionary();
        for g in dict.groups() {
            let list = aliases.entry(normalise(&g.text)).or_default();
            for c in &g.claims {
                if !list.contains(&c.entity) {
                    list.push(c.entity);
                }
            }
        }
        Scorer {
            pipeline,
            plover_labels: false,
            aliases,
        }
    }

    fn same(&self, e: &Entity, gold: &GoldEntity, id: EntityId) -> bool {
        if let (Some(g), Some(s)) = (&gold.wikidata, &e.wikidata) {
            return g == s;
        }
        if gold.kind == "country"
            && let Some(iso3) = &gold.iso3
        {
            return e.kind == EntityType::Country && e.country.as_deref() == Some(iso3.as_str());
        }
        let name = normalise(&gold.name);
        if name == normalise(&e.name) || self.aliases.get(&name).is_some_and(|l| l.contains(&id)) {
            return true;
        }
        // A national body named by a phrase ("Israeli army", "Serb forces", "US Congress"):
        // newsgraph reports the country, with a role. Its leading words name the country.
        if gold.kind == "agency" && e.kind == EntityType::Country {
            let words: Vec<&str> = name.split(' ').collect();
            return (1..words.len()).any(|n| {
                self.aliases
                    .get(&words[..n].join(" "))
                    .is_some_and(|l| l.contains(&id))
            });
        }
        false
    }

    /// Scores one gold article.
    pub fn score(&self, gold: &GoldArticle) -> Report {
        let article = Article {
            id: gold.id.clone(),
            title: gold.title.clone(),
            text: gold.text.clone(),
            ..Article::default()
        };
        let ex = self.pipeline.process(&article);
        let mut report = Report {
            articles: 1,
            ..Report::default()
        };
        self.score_entities(gold, &ex, &mut report);
        self.score_relations(gold, &ex, &mut report);
        report
    }

    fn score_entities(&self, gold: &GoldArticle, ex: &Extraction, report: &mut Report) {
        let dict = self.pipeline.dictionary();
        let chars = CharIndex::new(&gold.text);
        let system: Vec<(usize, usize, EntityId)> = ex
            .mentions
            .iter()
            .filter(|m| m.field == Field::Text)
            .map(|m| {
                (
                    chars.of(m.mention.start),
                    chars.of(m.mention.end),
                    m.mention.entity,
                )
            })
            .collect();
        let mut used = vec![false; system.len()];
        for g in &gold.entities {
            let hit = system.iter().enumerate().position(|(i, &(s, e, id))| {
                !used[i] && s == g.start && e == g.end && self.same(ex.entity(dict, id), g, id)
            });
            match hit {
                Some(i) => {
                    used[i] = true;
                    report.entities.tp += 1;
                }
                None => {
                    report.entities.fn_ += 1;
                    report.errors.push(ScoreError {
                        article: gold.id.clone(),
                        kind: "missed entity",
                        detail: format!("{:?} {}..{} = {}", g.text, g.start, g.end, g.name),
                    });
                }
            }
        }
        for (i, &(s, e, id)) in system.iter().enumerate() {
            if !used[i] {
                report.entities.fp += 1;
                let text: String = gold.text.chars().skip(s).take(e - s).collect();
                report.errors.push(ScoreError {
                    article: gold.id.clone(),
                    kind: "spurious entity",
                    detail: format!("{text:?} {s}..{e} = {}", ex.entity(dict, id).name),
                });
            }
        }
    }

    fn score_relations(&self, gold: &GoldArticle, ex: &Extraction, report: &mut Report) {
        let dict = self.pipeline.dictionary();
        let ontology = self.pipeline.ontology();
        let system: Vec<_> = ex
            .relations
            .iter()
            .filter(|r| r.field == Field::Text)
            .collect();
        let mut correct = vec![false; system.len()];
        let find_gold_entity = |name: &str| -> GoldEntity {
            gold.entities
                .iter()
                .find(|e| e.name == name)
                .cloned()
                .unwrap_or_else(|| GoldEntity {
                    start: 0,
                    end: 0,
                    text: name.into(),
                    name: name.into(),
                    kind: String::new(),
                    iso3: None,
                    wikidata: None,
                })
        };
        for g in &gold.relations {
            let (subject, object) = (find_gold_entity(&g.subject), find_gold_entity(&g.object));
            let key = g.plover.as_deref().map(plover_key);
            let label = key.clone().unwrap_or_else(|| g.predicate.clone());
            let evidence = gold.text.find(&g.evidence).map(|b| b..b + g.evidence.len());
            let hit = system.iter().enumerate().position(|(i, r)| {
                let rel = &r.relation;
                let p = ontology.predicate(rel.predicate);
                let plover = crate::relate::event_codes(p, rel.modality).1;
                let same_predicate = match &key {
                    Some(k) => plover.map(plover_key).as_deref() == Some(k),
                    None => p.id == g.predicate,
                };
                !correct[i]
                    && same_predicate
                    && rel.negated == g.negated
                    && self.same(
                        ex.entity(dict, rel.subject.entity),
                        &subject,
                        rel.subject.entity,
                    )
                    && self.same(
                        ex.entity(dict, rel.object.entity),
                        &object,
                        rel.object.entity,
                    )
                    && evidence
                        .as_ref()
                        .is_none_or(|ev| ev.start <= rel.trigger.start && rel.trigger.end <= ev.end)
            });
            let c = report.per_predicate.entry(label.clone()).or_default();
            match hit {
                Some(i) => {
                    correct[i] = true;
                    c.tp += 1;
                    report.relations.tp += 1;
                }
                None => {
                    c.fn_ += 1;
                    report.relations.fn_ += 1;
                    report.errors.push(ScoreError {
                        article: gold.id.clone(),
                        kind: "missed relation",
                        detail: format!(
                            "{} {label} {}{} — {:?}",
                            g.subject,
                            g.object,
                            if g.negated { " (negated)" } else { "" },
                            g.evidence
                        ),
                    });
                }
            }
        }
        for (i, r) in system.iter().enumerate() {
            let rel = &r.relation;
            let p = ontology.predicate(rel.predicate);
            for &t in THRESHOLDS {
                if rel.confidence >= t {
                    let e = report.at_confidence.entry(format!("{t:.1}")).or_default();
                    e.0 += 1;
                    e.1 += correct[i] as u64;
                }
            }
            if correct[i] {
                continue;
            }
            report.relations.fp += 1;
            let label = if self.plover_labels {
                crate::relate::event_codes(p, rel.modality)
                    .1
                    .map(plover_key)
                    .unwrap_or(p.id.clone())
            } else {
                p.id.clone()
            };
            report.per_predicate.entry(label).or_default().fp += 1;
            let sentence = &ex.sentences[r.sentence as usize].range;
            report.errors.push(ScoreError {
                article: gold.id.clone(),
                kind: "spurious relation",
                detail: format!(
                    "{} {} {}{} [{} {:.2}] — {:?}",
                    ex.entity(dict, rel.subject.entity).name,
                    p.id,
                    ex.entity(dict, rel.object.entity).name,
                    if rel.negated { " (negated)" } else { "" },
                    rel.rule,
                    rel.confidence,
                    &gold.text[sentence.clone()]
                ),
            });
        }
    }
}

/// Byte → code point offsets of one text.
struct CharIndex {
    starts: Vec<usize>,
}

impl CharIndex {
    fn new(text: &str) -> CharIndex {
        let mut starts: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        starts.push(text.len());
        CharIndex { starts }
    }

    fn of(&self, byte: usize) -> usize {
        self.starts.binary_search(&byte).unwrap_or_else(|i| i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plover_2016_and_2021_names_score_alike() {
        for (a, b) in [
            ("DEMAND", "REQUEST"),
            ("DISAPPROVE", "ACCUSE"),
            ("INVESTIGATE", "ACCUSE"),
            ("FIGHT", "ASSAULT"),
            ("sanction", "SANCTION"),
        ] {
            assert_eq!(plover_key(a), plover_key(b), "{a} {b}");
        }
        assert_ne!(plover_key("REJECT"), plover_key("ACCUSE"));
    }

    #[test]
    fn counts_and_scores() {
        let c = Counts {
            tp: 8,
            fp: 2,
            fn_: 8,
        };
        assert_eq!(c.precision(), 0.8);
        assert_eq!(c.recall(), 0.5);
        assert!((c.f1() - 0.6153846).abs() < 1e-6);
        assert_eq!(Counts::default().f1(), 0.0);
    }

    #[test]
    fn a_perfect_and_an_empty_article() {
        let p = Pipeline::defaults();
        let s = Scorer::new(&p);
        let gold: GoldArticle = serde_json::from_str(
            r#"{"id":"t","text":"China sued Japan. Hello.","entities":[
                {"start":0,"end":5,"text":"China","name":"China","type":"country","iso3":"CHN"},
                {"start":11,"end":16,"text":"Japan","name":"Japan","type":"country","iso3":"JPN"}],
              "relations":[{"subject":"China","predicate":"sue","object":"Japan","negated":false,
                "evidence":"China sued Japan"}]}"#,
        )
        .unwrap();
        let r = s.score(&gold);
        assert_eq!(
            r.entities,
            Counts {
                tp: 2,
                fp: 0,
                fn_: 0
            }
        );
        assert_eq!(
            r.relations,
            Counts {
                tp: 1,
                fp: 0,
                fn_: 0
            }
        );
        let wrong: GoldArticle = serde_json::from_str(
            r#"{"id":"w","text":"China sued Japan.","entities":[],
              "relations":[{"subject":"Japan","predicate":"sue","object":"China","evidence":"China sued Japan"}]}"#,
        )
        .unwrap();
        let r = s.score(&wrong);
        assert_eq!(
            r.entities,
            Counts {
                tp: 0,
                fp: 2,
                fn_: 0
            }
        );
        assert_eq!(
            r.relations,
            Counts {
                tp: 0,
                fp: 1,
                fn_: 1
            }
        );
        assert_eq!(r.errors.len(), 4);
    }
}
