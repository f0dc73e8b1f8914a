//! The output format, written down once: what `newsgraph extract` writes per article (or per
//! relation), and the one place where byte spans become character offsets.
//!
//! Inside the pipeline every span is a byte range of the original text. Here, at serialization,
//! each becomes a Unicode code point offset, so that Python's `text[start:end]` (or
//! `title[start:end]`, as `field` says) is exactly the mention. The format is documented field
//! by field in `docs/output.md` and as JSON Schemas in `schema/`; tests validate real output
//! against them.
//!
//! An article record (`--emit articles`, the default), on one line:
//!
//! ```json
//! {"id":"seed-huawei","date":"2018-11-23","source":"Example",
//!  "sentences":[{"field":"title","start":0,"end":80}, …],
//!  "entities":[{"id":"USA","type":"country","name":"United States","country":"USA",
//!    "wikidata":"Q30","mentions":[{"field":"text","start":41,"end":45,"text":"U.S.",
//!    "form":"name","sentence":1}]}, …],
//!  "relations":[{"predicate":"spy_on","subject":"CHN","object":"USA","negated":false,
//!    "modality":"asserted","rule":"svo","confidence":0.9, …}]}
//! ```

use serde::Serialize;
use serde_json::{Map, Value};

use crate::article::Article;
use crate::dictionary::{Entity, EntityId};
use crate::pipeline::{Extraction, Field, FoundRelation, Pipeline};
use crate::relate::Arg;

/// Maps byte offsets of one text to character offsets. Built from the offsets needed, in one
/// pass over the text; ASCII text maps to itself.
struct CharOffsets {
    ascii: bool,
    bytes: Vec<usize>,
    chars: Vec<usize>,
}

impl CharOffsets {
    fn new(text: &str, mut wanted: Vec<usize>) -> CharOffsets {
        if text.is_ascii() {
            return CharOffsets {
                ascii: true,
                bytes: Vec::new(),
                chars: Vec::new(),
            };
        }
        wanted.sort_unstable();
        wanted.dedup();
        let mut chars = Vec::with_capacity(wanted.len());
        let mut count = 0;
        let mut pos = 0;
        for &w in &wanted {
            count += text[pos..w].chars().count();
            pos = w;
            chars.push(count);
        }
        CharOffsets {
            ascii: false,
            bytes: wanted,
            chars,
        }
    }

    fn get(&self, byte: usize) -> usize {
        if self.ascii {
            return byte;
        }
        let i = self
            .bytes
            .binary_search(&byte)
            .expect("every offset was registered");
        self.chars[i]
    }
}

/// Character offsets for both fields of an article.
struct Offsets {
    title: CharOffsets,
    text: CharOffsets,
}

impl Offsets {
    fn new(article: &Article, ex: &Extraction) -> Offsets {
        let title = article.title.as_deref().unwrap_or("");
        if title.is_ascii() && article.text.is_ascii() {
            // Byte offsets are character offsets: nothing to collect.
            return Offsets {
                title: CharOffsets::new(title, Vec::new()),
                text: CharOffsets::new(&article.text, Vec::new()),
            };
        }
        let mut wanted = [Vec::new(), Vec::new()];
        let slot = |f: Field| (f == Field::Text) as usize;
        for s in &ex.sentences {
            wanted[slot(s.field)].extend([s.range.start, s.range.end]);
        }
        for m in &ex.mentions {
            wanted[slot(m.field)].extend([m.mention.start, m.mention.end]);
        }
        for r in &ex.relations {
            let rel = &r.relation;
            wanted[slot(r.field)].extend([
                rel.trigger.start,
                rel.trigger.end,
                rel.subject.start,
                rel.subject.end,
                rel.object.start,
                rel.object.end,
            ]);
            if let Some(i) = &rel.intermediary {
                wanted[slot(r.field)].extend([i.start, i.end]);
            }
        }
        let [title_wanted, text_wanted] = wanted;
        Offsets {
            title: CharOffsets::new(title, title_wanted),
            text: CharOffsets::new(&article.text, text_wanted),
        }
    }

    fn get(&self, field: Field, byte: usize) -> usize {
        match field {
            Field::Title => self.title.get(byte),
            Field::Text => self.text.get(byte),
        }
    }
}

fn field_text(article: &Article, field: Field) -> &str {
    match field {
        Field::Title => article.title.as_deref().unwrap_or(""),
        Field::Text => &article.text,
    }
}

#[derive(Serialize)]
struct SentenceOut {
    field: &'static str,
    start: usize,
    end: usize,
}

#[derive(Serialize)]
struct MentionOut<'a> {
    field: &'static str,
    start: usize,
    end: usize,
    text: &'a str,
    form: &'static str,
    sentence: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    role: Option<&'static str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    alternatives: Vec<&'a str>,
}

#[derive(Serialize)]
struct EntityOut<'a> {
    id: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    name: &'a str,
    country: Option<&'a str>,
    wikidata: Option<&'a str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    refs: &'a [String],
    mentions: Vec<MentionOut<'a>>,
}

#[derive(Serialize)]
struct SpanOut<'a> {
    start: usize,
    end: usize,
    text: &'a str,
}

#[derive(Serialize)]
struct ArgOut<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    coreference: bool,
}

#[derive(Serialize)]
struct RelationOut<'a> {
    predicate: &'a str,
    cameo: Option<&'a str>,
    plover: Option<&'a str>,
    subject: &'a str,
    object: &'a str,
    negated: bool,
    modality: &'static str,
    rule: &'static str,
    confidence: f32,
    field: &'static str,
    sentence: SpanOut<'a>,
    trigger: SpanOut<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    intermediary: Option<SpanOut<'a>>,
    subject_span: ArgOut<'a>,
    object_span: ArgOut<'a>,
}

#[derive(Serialize)]
struct ArticleOut<'a> {
    id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<&'a Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a Value>,
    #[serde(skip_serializing_if = "Extra::is_empty")]
    extra: Extra<'a>,
    sentences: Vec<SentenceOut>,
    entities: Vec<EntityOut<'a>>,
    relations: Vec<RelationOut<'a>>,
}

/// The input fields other than `date`, `source` and `url` (and id, title and text, which the
/// article has taken out), in input order: the article's map, filtered as it is written.
struct Extra<'a>(&'a Map<String, Value>);

impl Extra<'_> {
    fn entries(&self) -> impl Iterator<Item = (&String, &Value)> {
        self.0
            .iter()
            .filter(|(k, _)| !matches!(k.as_str(), "date" | "source" | "url"))
    }

    fn is_empty(&self) -> bool {
        self.entries().next().is_none()
    }
}

impl Serialize for Extra<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.entries())
    }
}

/// One line of `--emit relations`: a relation with its article's id, date and source, and the
/// names and types of its two entities.
#[derive(Serialize)]
struct RelationLine<'a> {
    article: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<&'a Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a Value>,
    subject_name: &'a str,
    subject_type: &'static str,
    object_name: &'a str,
    object_type: &'static str,
    #[serde(flatten)]
    relation: RelationOut<'a>,
}

fn relation_out<'a>(
    pipeline: &'a Pipeline,
    article: &'a Article,
    offsets: &Offsets,
    ex: &Extraction,
    r: &FoundRelation,
) -> RelationOut<'a> {
    let dict = pipeline.dictionary();
    let rel = &r.relation;
    let text = field_text(article, r.field);
    let predicate = pipeline.ontology().predicate(rel.predicate);
    let sentence = &ex.sentences[r.sentence as usize].range;
    let span = |start: usize, end: usize| SpanOut {
        start: offsets.get(r.field, start),
        end: offsets.get(r.field, end),
        text: &text[start..end],
    };
    let arg = |a: &Arg| ArgOut {
        start: offsets.get(r.field, a.start),
        end: offsets.get(r.field, a.end),
        text: &text[a.start..a.end],
        coreference: a.coreference,
    };
    let (cameo, plover) = crate::relate::event_codes(predicate, rel.modality);
    RelationOut {
        predicate: &predicate.id,
        cameo,
        plover,
        subject: &dict.entity(rel.subject.entity).id,
        object: &dict.entity(rel.object.entity).id,
        negated: rel.negated,
        modality: rel.modality.as_str(),
        rule: rel.rule,
        confidence: rel.confidence,
        field: r.field.as_str(),
        sentence: span(sentence.start, sentence.end),
        trigger: span(rel.trigger.start, rel.trigger.end),
        intermediary: rel.intermediary.as_ref().map(|i| span(i.start, i.end)),
        subject_span: arg(&rel.subject),
        object_span: arg(&rel.object),
    }
}

/// Writes the article record, one JSON line.
pub fn write_article(pipeline: &Pipeline, article: &Article, ex: &Extraction, out: &mut Vec<u8>) {
    let dict = pipeline.dictionary();
    let offsets = Offsets::new(article, ex);
    // Entities in order of first mention; each with its mentions in text order.
    let mut order: Vec<EntityId> = Vec::new();
    let mut grouped: Vec<Vec<usize>> = Vec::new();
    for (i, f) in ex.mentions.iter().enumerate() {
        match order.iter().position(|&e| e == f.mention.entity) {
            Some(k) => grouped[k].push(i),
            None => {
                order.push(f.mention.entity);
                grouped.push(vec![i]);
            }
        }
    }
    let entities = order
        .iter()
        .zip(&grouped)
        .map(|(&e, idx)| {
            let entity: &Entity = dict.entity(e);
            EntityOut {
                id: &entity.id,
                kind: entity.kind.as_str(),
                name: &entity.name,
                country: entity.country.as_deref(),
                wikidata: entity.wikidata.as_deref(),
                refs: &entity.refs,
                mentions: idx
                    .iter()
                    .map(|&i| {
                        let f = &ex.mentions[i];
                        let m = &f.mention;
                        let text = field_text(article, f.field);
                        MentionOut {
                            field: f.field.as_str(),
                            start: offsets.get(f.field, m.start),
                            end: offsets.get(f.field, m.end),
                            text: &text[m.start..m.end],
                            form: m.form.as_str(),
                            sentence: f.sentence,
                            role: m.role.map(|r| r.as_str()),
                            alternatives: pipeline
                                .matcher()
                                .alternatives(text, m)
                                .map(|a| dict.entity(a).id.as_str())
                                .collect(),
                        }
                    })
                    .collect(),
            }
        })
        .collect();
    let record = ArticleOut {
        id: &article.id,
        title: article.title.as_deref(),
        date: article.fields.get("date"),
        source: article.fields.get("source"),
        url: article.fields.get("url"),
        extra: Extra(&article.fields),
        sentences: ex
            .sentences
            .iter()
            .map(|s| SentenceOut {
                field: s.field.as_str(),
                start: offsets.get(s.field, s.range.start),
                end: offsets.get(s.field, s.range.end),
            })
            .collect(),
        entities,
        relations: ex
            .relations
            .iter()
            .map(|r| relation_out(pipeline, article, &offsets, ex, r))
            .collect(),
    };
    serde_json::to_writer(&mut *out, &record).expect("serializing to memory cannot fail");
    out.push(b'\n');
}

/// Writes one JSON line per relation of the article.
pub fn write_relations(pipeline: &Pipeline, article: &Article, ex: &Extraction, out: &mut Vec<u8>) {
    let dict = pipeline.dictionary();
    let offsets = Offsets::new(article, ex);
    for r in &ex.relations {
        let subject = dict.entity(r.relation.subject.entity);
        let object = dict.entity(r.relation.object.entity);
        let line = RelationLine {
            article: &article.id,
            date: article.fields.get("date"),
            source: article.fields.get("source"),
            subject_name: &subject.name,
            subject_type: subject.kind.as_str(),
            object_name: &object.name,
            object_type: object.kind.as_str(),
            relation: relation_out(pipeline, article, &offsets, ex, r),
        };
        serde_json::to_writer(&mut *out, &line).expect("serializing to memory cannot fail");
        out.push(b'\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets_count_code_points() {
        let text = "é “US” 🚀 US";
        let byte = text.rfind("US").unwrap();
        let o = CharOffsets::new(text, vec![byte, byte + 2, 0, text.len()]);
        let chars: Vec<char> = text.chars().collect();
        let (s, e) = (o.get(byte), o.get(byte + 2));
        assert_eq!(chars[s..e].iter().collect::<String>(), "US");
        assert_eq!(o.get(text.len()), chars.len());
    }
}
