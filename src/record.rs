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
//!
//! The writer takes the pipeline's result (an [`Extraction`]) and the tables its ids refer to
//! ([`Names`]); it never calls back into the pipeline.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::article::Article;
use crate::dictionary::{Dictionary, Entity, EntityId};
use crate::extraction::{Extraction, Field, FoundRelation};
use crate::matcher::{Matcher, Mention};
use crate::relate::{Arg, ontology::Ontology};

/// The tables the ids of an [`Extraction`] refer to: entity ids, names and types (the
/// dictionary), the other readings of an ambiguous mention (the matcher), predicate ids and
/// event codes (the ontology). A `&Pipeline` converts into one.
#[derive(Clone, Copy)]
pub struct Names<'a> {
    pub dictionary: &'a Dictionary,
    pub matcher: &'a Matcher,
    pub ontology: &'a Ontology,
}

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
            for a in [rel.subject.agent, rel.object.agent].into_iter().flatten() {
                wanted[slot(r.field)].extend([a.start, a.end]);
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
    /// The official acting for the entity (`Arg::agent`).
    #[serde(skip_serializing_if = "Option::is_none")]
    agent: Option<SpanOut<'a>>,
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
    names: Names<'a>,
    article: &'a Article,
    offsets: &Offsets,
    ex: &'a Extraction,
    r: &FoundRelation,
) -> RelationOut<'a> {
    let dict = names.dictionary;
    let rel = &r.relation;
    let text = field_text(article, r.field);
    let predicate = names.ontology.predicate(rel.predicate);
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
        agent: a.agent.map(|g| span(g.start, g.end)),
    };
    let (cameo, plover) = crate::relate::event_codes(predicate, rel.modality);
    RelationOut {
        predicate: &predicate.id,
        cameo,
        plover,
        subject: &ex.entity(dict, rel.subject.entity).id,
        object: &ex.entity(dict, rel.object.entity).id,
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
///
/// Written by hand rather than derived: the record is most of the output (about as many bytes
/// as the input), its sentences and mentions are small objects by the dozen, and the derived
/// serializer, which escapes every key and goes through a formatter call per token, was a
/// seventh of the whole run on one thread. The bytes are those `serde_json` writes for the
/// derived structs kept in this module's tests (a test compares the two); the input's own
/// fields and the relations, a few per article, still go through `serde_json`.
///
/// `names` is a [`Names`], or a `&Pipeline`, which converts into one.
pub fn write_article<'a, N>(names: N, article: &Article, ex: &Extraction, out: &mut Vec<u8>)
where
    N: Into<Names<'a>>,
{
    // The body is compiled once, not once per type of `names`.
    article_record(names.into(), article, ex, out);
}

fn article_record(names: Names<'_>, article: &Article, ex: &Extraction, out: &mut Vec<u8>) {
    let dict = names.dictionary;
    let offsets = Offsets::new(article, ex);
    out.extend_from_slice(b"{\"id\":");
    write_str(out, &article.id);
    if let Some(title) = &article.title {
        out.extend_from_slice(b",\"title\":");
        write_str(out, title);
    }
    for key in ["date", "source", "url"] {
        if let Some(value) = article.fields.get(key) {
            out.extend_from_slice(b",\"");
            out.extend_from_slice(key.as_bytes());
            out.extend_from_slice(b"\":");
            write_json(out, value);
        }
    }
    let extra = Extra(&article.fields);
    if !extra.is_empty() {
        out.extend_from_slice(b",\"extra\":");
        write_json(out, &extra);
    }
    out.extend_from_slice(b",\"sentences\":");
    write_list(out, &ex.sentences, |out, s| {
        write_span_head(out, s.field, &offsets, s.range.start, s.range.end);
        out.push(b'}');
    });
    out.extend_from_slice(b",\"entities\":");
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
    write_list(out, order.iter().zip(&grouped), |out, (&e, idx)| {
        let entity: &Entity = ex.entity(dict, e);
        out.extend_from_slice(b"{\"id\":");
        write_str(out, &entity.id);
        out.extend_from_slice(b",\"type\":");
        write_str(out, entity.kind.as_str());
        out.extend_from_slice(b",\"name\":");
        write_str(out, &entity.name);
        out.extend_from_slice(b",\"country\":");
        write_opt_str(out, entity.country.as_deref());
        out.extend_from_slice(b",\"wikidata\":");
        write_opt_str(out, entity.wikidata.as_deref());
        if !entity.refs.is_empty() {
            out.extend_from_slice(b",\"refs\":");
            write_strs(out, entity.refs.iter().map(String::as_str));
        }
        out.extend_from_slice(b",\"mentions\":");
        write_list(out, idx, |out, &i| {
            let f = &ex.mentions[i];
            let m = &f.mention;
            let text = field_text(article, f.field);
            write_span_head(out, f.field, &offsets, m.start, m.end);
            out.extend_from_slice(b",\"text\":");
            write_str(out, &text[m.start..m.end]);
            out.extend_from_slice(b",\"form\":");
            write_str(out, m.form.as_str());
            out.extend_from_slice(b",\"sentence\":");
            write_uint(out, f.sentence as usize);
            if let Some(role) = m.role {
                out.extend_from_slice(b",\"role\":");
                write_str(out, role.as_str());
            }
            let mut alternatives = alternatives(names.matcher, text, m).peekable();
            if alternatives.peek().is_some() {
                out.extend_from_slice(b",\"alternatives\":");
                write_strs(out, alternatives.map(|a| dict.entity(a).id.as_str()));
            }
            if m.ambiguous {
                out.extend_from_slice(b",\"ambiguous\":true");
            }
            out.push(b'}');
        });
        out.push(b'}');
    });
    out.extend_from_slice(b",\"relations\":");
    write_list(out, &ex.relations, |out, r| {
        write_json(out, &relation_out(names, article, &offsets, ex, r));
    });
    out.extend_from_slice(b"}\n");
}

/// The other entities a mention's alias could name; none for a company found by its form.
fn alternatives<'a>(
    matcher: &'a Matcher,
    text: &'a str,
    m: &'a Mention,
) -> impl Iterator<Item = EntityId> + 'a {
    let from_dictionary = m.group != crate::open_world::NO_GROUP;
    from_dictionary
        .then(|| matcher.alternatives(text, m))
        .into_iter()
        .flatten()
}

/// `{"field":"text","start":1,"end":5`, the head of a sentence and of a mention.
fn write_span_head(out: &mut Vec<u8>, field: Field, offsets: &Offsets, start: usize, end: usize) {
    // The field's name needs no escape: one copy of the literal, not a scan of the name.
    out.extend_from_slice(match field {
        Field::Title => b"{\"field\":\"title\",\"start\":",
        Field::Text => b"{\"field\":\"text\",\"start\":",
    });
    write_uint(out, offsets.get(field, start));
    out.extend_from_slice(b",\"end\":");
    write_uint(out, offsets.get(field, end));
}

fn write_uint(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

fn write_json<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) {
    serde_json::to_writer(&mut *out, value).expect("serializing to memory cannot fail");
}

/// A JSON string, as `serde_json` writes it: most strings need no escape and are copied.
fn write_str(out: &mut Vec<u8>, s: &str) {
    if !needs_escape(s.as_bytes()) {
        out.push(b'"');
        out.extend_from_slice(s.as_bytes());
        out.push(b'"');
    } else {
        write_json(out, s);
    }
}

/// Does `s` hold a byte that JSON escapes (a control character, '"' or '\\')? Eight bytes at a
/// time: the byte-by-byte test was a sixth of writing a record.
fn needs_escape(s: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Some byte of `x` is below `n` (at most 0x80): exact as a yes or no, as in "Bit Twiddling
    // Hacks" (a borrow can only mark a byte above one that is really below).
    let below = |x: u64, n: u64| x.wrapping_sub(ONES * n) & !x & HIGH != 0;
    let mut chunks = s.chunks_exact(8);
    for c in &mut chunks {
        let x = u64::from_le_bytes(c.try_into().expect("8 bytes"));
        if below(x, 0x20) || below(x ^ (ONES * 0x22), 1) || below(x ^ (ONES * 0x5c), 1) {
            return true;
        }
    }
    chunks
        .remainder()
        .iter()
        .any(|&b| b < 0x20 || b == b'"' || b == b'\\')
}

fn write_opt_str(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => write_str(out, s),
        None => out.extend_from_slice(b"null"),
    }
}

fn write_strs<'a>(out: &mut Vec<u8>, strs: impl IntoIterator<Item = &'a str>) {
    write_list(out, strs, write_str);
}

/// A JSON array of `items`, each written by `write`.
fn write_list<T>(
    out: &mut Vec<u8>,
    items: impl IntoIterator<Item = T>,
    mut write: impl FnMut(&mut Vec<u8>, T),
) {
    out.push(b'[');
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        write(out, item);
    }
    out.push(b']');
}

/// Writes one JSON line per relation of the article; `names` as for [`write_article`].
pub fn write_relations<'a, N>(names: N, article: &Article, ex: &Extraction, out: &mut Vec<u8>)
where
    N: Into<Names<'a>>,
{
    let names = names.into();
    let dict = names.dictionary;
    let offsets = Offsets::new(article, ex);
    for r in &ex.relations {
        let subject = ex.entity(dict, r.relation.subject.entity);
        let object = ex.entity(dict, r.relation.object.entity);
        let line = RelationLine {
            article: &article.id,
            date: article.fields.get("date"),
            source: article.fields.get("source"),
            subject_name: &subject.name,
            subject_type: subject.kind.as_str(),
            object_name: &object.name,
            object_type: object.kind.as_str(),
            relation: relation_out(names, article, &offsets, ex, r),
        };
        serde_json::to_writer(&mut *out, &line).expect("serializing to memory cannot fail");
        out.push(b'\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Eight bytes at a time, a string needs an escape exactly when one of its bytes does.
    #[test]
    fn needs_escape_is_bytewise() {
        for b in 0..=255u8 {
            for len in 1..=17 {
                for at in 0..len {
                    let mut s = vec![b'a'; len];
                    s[at] = b;
                    let want = b < 0x20 || b == b'"' || b == b'\\';
                    assert_eq!(needs_escape(&s), want, "byte {b:#x} at {at} of {len}");
                }
            }
        }
        assert!(!needs_escape(b""));
        assert!(!needs_escape("Société Générale ~ \u{7f}".as_bytes()));
    }
    use crate::article::ArticleOptions;
    use crate::extraction::Found;
    use crate::input::{Raw, RawKind};
    // Only the tests run the pipeline, to have real extractions to write.
    use crate::pipeline::Pipeline;

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
        #[serde(skip_serializing_if = "std::ops::Not::not")]
        ambiguous: bool,
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

    /// The article record as `serde_json` derives it from the structs above: what
    /// [`write_article`] writes by hand.
    fn derived(names: Names<'_>, article: &Article, ex: &Extraction) -> Vec<u8> {
        let dict = names.dictionary;
        let offsets = Offsets::new(article, ex);
        let mut order: Vec<EntityId> = Vec::new();
        for f in &ex.mentions {
            if !order.contains(&f.mention.entity) {
                order.push(f.mention.entity);
            }
        }
        let mention = |f: &Found| {
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
                alternatives: alternatives(names.matcher, text, m)
                    .map(|a| dict.entity(a).id.as_str())
                    .collect(),
                ambiguous: m.ambiguous,
            }
        };
        let entities = order
            .iter()
            .map(|&e| {
                let entity = ex.entity(dict, e);
                EntityOut {
                    id: &entity.id,
                    kind: entity.kind.as_str(),
                    name: &entity.name,
                    country: entity.country.as_deref(),
                    wikidata: entity.wikidata.as_deref(),
                    refs: &entity.refs,
                    mentions: (ex.mentions.iter())
                        .filter(|f| f.mention.entity == e)
                        .map(mention)
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
            sentences: (ex.sentences.iter())
                .map(|s| SentenceOut {
                    field: s.field.as_str(),
                    start: offsets.get(s.field, s.range.start),
                    end: offsets.get(s.field, s.range.end),
                })
                .collect(),
            entities,
            relations: (ex.relations.iter())
                .map(|r| relation_out(names, article, &offsets, ex, r))
                .collect(),
        };
        let mut out = serde_json::to_vec(&record).unwrap();
        out.push(b'\n');
        out
    }

    /// The seed article, and lines with escapes, non-ASCII text, extra fields and no title.
    #[test]
    fn written_as_derived() {
        let pipeline = Pipeline::defaults();
        let seed = include_str!("../../shared/seed/article.jsonl");
        let lines = [
            seed.lines().next().unwrap(),
            r#"{"id":"q\"1","title":"Tab\there: \"Apple\" and Türkiye","text":"Türkiye’s ministry said the U.S. banned Huawei. The Korean government fined Korea Telecom.\nChina\u0001 spied on the US. Apple sued IBM and Intel.","source":{"n":[1,null,"x"]},"zz":true,"date":"2019"}"#,
            r#"{"id":7,"text":"Germany and France"}"#,
        ];
        let mut checked = 0;
        for line in lines {
            let raw = Raw {
                file: "t.jsonl".into(),
                line: 1,
                kind: RawKind::JsonLine,
                bytes: line.as_bytes().to_vec().into(),
                oversize: None,
            };
            let article = crate::article::parse(&raw, &ArticleOptions::default()).unwrap();
            let ex = pipeline.process(&article);
            checked += ex.mentions.len() + ex.relations.len();
            let mut written = Vec::new();
            write_article(&pipeline, &article, &ex, &mut written);
            assert_eq!(
                String::from_utf8(written).unwrap(),
                String::from_utf8(derived((&pipeline).into(), &article, &ex)).unwrap()
            );
        }
        assert!(
            checked > 20,
            "the lines have mentions and relations: {checked}"
        );
    }

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
