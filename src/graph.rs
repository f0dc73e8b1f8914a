//! Knowledge-graph export: entities as nodes, relations aggregated into edges, written for the
//! tools people load graphs with (Neo4j's bulk importer, RDF stores, networkx and Gephi).
//!
//! A node is an entity (id, name, type, country, Wikidata QID, and how many articles and
//! mentions it has). An edge is every relation with the same (subject, predicate, object,
//! negated), with its count, the number of articles, and the first and last day it was
//! reported. The per-relation evidence (article, sentence and trigger offsets, the sentence
//! text, rule, modality, confidence) goes to a separate file, [`Evidence`] lines, so a big
//! graph stays loadable. The formats and the RDF vocabulary are documented in docs/graph.md.
//! Everything is written in sorted order, so the same input gives the same bytes.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};

use serde::Serialize;

use crate::extracted::{ArticleRecord, Day, EntityInfo, RelationRecord, SpanRecord};

/// Wikidata's entity namespace: a node with a QID is this IRI followed by the QID.
pub const WIKIDATA: &str = "http://www.wikidata.org/entity/";
/// The project's IRIs for entities without a (unique) QID.
pub const ENTITY_NS: &str = "urn:newsgraph:entity:";
/// The project's IRIs for aggregated relations (edges).
pub const RELATION_NS: &str = "urn:newsgraph:relation:";
/// Predicates from the relation table (`ban`, `spy_on` …).
pub const PREDICATE_NS: &str = "urn:newsgraph:predicate:";
/// Classes and properties of the export (docs/graph.md).
pub const VOCAB_NS: &str = "urn:newsgraph:vocab:";

const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
const RDFS_LABEL: &str = "http://www.w3.org/2000/01/rdf-schema#label";
const XSD: &str = "http://www.w3.org/2001/XMLSchema#";

/// An entity node.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Node {
    pub id: String,
    /// Name, type, country and Wikidata QID.
    #[serde(flatten)]
    pub info: EntityInfo,
    pub articles: u64,
    pub mentions: u64,
}

/// What identifies an edge.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct EdgeKey {
    pub subject: String,
    pub predicate: String,
    pub object: String,
    pub negated: bool,
}

impl EdgeKey {
    /// The edge a relation belongs to.
    pub fn of(r: &RelationRecord) -> EdgeKey {
        EdgeKey {
            subject: r.subject.clone(),
            predicate: r.predicate.clone(),
            object: r.object.clone(),
            negated: r.negated,
        }
    }

    /// `subject|predicate|object`, with `|negated` for a negated edge: the edge id in every
    /// format and in the evidence file.
    pub fn id(&self) -> String {
        let mut s = format!("{}|{}|{}", self.subject, self.predicate, self.object);
        if self.negated {
            s.push_str("|negated");
        }
        s
    }
}

/// An aggregated relation.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Edge {
    pub count: u64,
    pub articles: u64,
    pub first: Option<Day>,
    pub last: Option<Day>,
}

/// The graph, built one record at a time.
#[derive(Clone, Debug, Default)]
pub struct Graph {
    nodes: BTreeMap<String, Node>,
    edges: BTreeMap<EdgeKey, Edge>,
}

/// One relation as evidence for its edge: a line of `evidence.jsonl`.
#[derive(Debug, Serialize)]
pub struct Evidence<'a> {
    pub edge: String,
    pub subject: &'a str,
    pub predicate: &'a str,
    pub object: &'a str,
    pub negated: bool,
    pub article: &'a str,
    pub date: Option<Day>,
    pub field: &'a str,
    pub sentence: &'a SpanRecord,
    pub trigger: &'a SpanRecord,
    pub modality: &'a str,
    pub rule: &'a str,
    pub confidence: f64,
}

impl Graph {
    pub fn new() -> Graph {
        Graph::default()
    }

    pub fn nodes(&self) -> impl Iterator<Item = &Node> {
        self.nodes.values()
    }

    pub fn edges(&self) -> impl Iterator<Item = (&EdgeKey, &Edge)> {
        self.edges.iter()
    }

    /// Adds one article record. An `Err` says why the record is inconsistent (a relation
    /// naming an entity it does not list); nothing of it is added then.
    pub fn add(&mut self, rec: &ArticleRecord) -> Result<(), String> {
        rec.check_relations()?;
        for e in &rec.entities {
            let info = e.info();
            let n = (self.nodes.entry(e.id.clone())).or_insert_with(|| Node {
                id: e.id.clone(),
                info: info.clone(),
                articles: 0,
                mentions: 0,
            });
            n.info.settle(info);
            n.articles += 1;
            n.mentions += e.mentions.len() as u64;
        }
        let day = rec.date.as_ref().and_then(Day::of_value);
        let mut seen = BTreeSet::new();
        for r in &rec.relations {
            let key = EdgeKey::of(r);
            let edge = self.edges.entry(key.clone()).or_default();
            edge.count += 1;
            if seen.insert(key) {
                edge.articles += 1;
            }
            if let Some(d) = day {
                edge.first = Some(edge.first.map_or(d, |f| f.min(d)));
                edge.last = Some(edge.last.map_or(d, |l| l.max(d)));
            }
        }
        Ok(())
    }

    /// The evidence lines of one record, in its relation order.
    pub fn evidence(rec: &ArticleRecord) -> impl Iterator<Item = Evidence<'_>> {
        let day = rec.date.as_ref().and_then(Day::of_value);
        rec.relations.iter().map(move |r| Evidence {
            edge: EdgeKey::of(r).id(),
            subject: &r.subject,
            predicate: &r.predicate,
            object: &r.object,
            negated: r.negated,
            article: &rec.id,
            date: day,
            field: &r.field,
            sentence: &r.sentence,
            trigger: &r.trigger,
            modality: &r.modality,
            rule: &r.rule,
            confidence: r.confidence,
        })
    }

    /// `nodes.jsonl` and `edges.jsonl`.
    pub fn write_jsonl<W: Write>(&self, mut nodes: W, mut edges: W) -> io::Result<()> {
        for n in self.nodes.values() {
            serde_json::to_writer(&mut nodes, n)?;
            nodes.write_all(b"\n")?;
        }
        #[derive(Serialize)]
        struct EdgeLine<'a> {
            id: String,
            subject: &'a str,
            predicate: &'a str,
            object: &'a str,
            negated: bool,
            count: u64,
            articles: u64,
            first_date: Option<Day>,
            last_date: Option<Day>,
        }
        for (k, e) in &self.edges {
            let line = EdgeLine {
                id: k.id(),
                subject: &k.subject,
                predicate: &k.predicate,
                object: &k.object,
                negated: k.negated,
                count: e.count,
                articles: e.articles,
                first_date: e.first,
                last_date: e.last,
            };
            serde_json::to_writer(&mut edges, &line)?;
            edges.write_all(b"\n")?;
        }
        nodes.flush()?;
        edges.flush()
    }

    /// `nodes.csv` and `relationships.csv` with the headers of `neo4j-admin database import`.
    pub fn write_neo4j<W: Write>(&self, nodes: W, relationships: W) -> io::Result<()> {
        let mut w = csv::Writer::from_writer(nodes);
        w.write_record([
            "id:ID",
            "name",
            "type",
            "country",
            "wikidata",
            "articles:int",
            "mentions:int",
            ":LABEL",
        ])?;
        for n in self.nodes.values() {
            w.write_record([
                n.id.as_str(),
                &n.info.name,
                &n.info.kind,
                n.info.country.as_deref().unwrap_or(""),
                n.info.wikidata.as_deref().unwrap_or(""),
                &n.articles.to_string(),
                &n.mentions.to_string(),
                &format!("Entity;{}", class_name(&n.info.kind)),
            ])?;
        }
        w.flush()?;
        let mut w = csv::Writer::from_writer(relationships);
        w.write_record([
            ":START_ID",
            ":END_ID",
            ":TYPE",
            "id",
            "predicate",
            "negated:boolean",
            "count:int",
            "articles:int",
            "first_date:date",
            "last_date:date",
        ])?;
        let day = |d: Option<Day>| d.map(|d| d.to_string()).unwrap_or_default();
        for (k, e) in &self.edges {
            w.write_record([
                k.subject.as_str(),
                &k.object,
                &relationship_type(&k.predicate),
                &k.id(),
                &k.predicate,
                if k.negated { "true" } else { "false" },
                &e.count.to_string(),
                &e.articles.to_string(),
                &day(e.first),
                &day(e.last),
            ])?;
        }
        w.flush()
    }

    /// The node IRIs: Wikidata's for a QID that only one node has, the project's otherwise.
    fn iris(&self) -> BTreeMap<&str, String> {
        let mut qid_users: BTreeMap<&str, usize> = BTreeMap::new();
        for n in self.nodes.values() {
            if let Some(q) = n.info.wikidata.as_deref().filter(|q| is_qid(q)) {
                *qid_users.entry(q).or_default() += 1;
            }
        }
        self.nodes
            .values()
            .map(|n| {
                let iri = match n.info.wikidata.as_deref() {
                    Some(q) if qid_users.get(q) == Some(&1) => format!("{WIKIDATA}{q}"),
                    _ => format!("{ENTITY_NS}{}", pct(&n.id)),
                };
                (n.id.as_str(), iri)
            })
            .collect()
    }

    /// `graph.nt`: N-Triples, with the vocabulary of docs/graph.md.
    pub fn write_ntriples<W: Write>(&self, mut out: W) -> io::Result<()> {
        let iris = self.iris();
        let v = |term: &str| format!("<{VOCAB_NS}{term}>");
        let rdf_type = format!("<{RDF}type>");
        let typed = |s: &str, ty: &str| format!("\"{}\"^^<{XSD}{ty}>", escape_nt(s));
        for n in self.nodes.values() {
            let s = format!("<{}>", iris[n.id.as_str()]);
            writeln!(out, "{s} {rdf_type} {} .", v("Entity"))?;
            writeln!(out, "{s} {rdf_type} {} .", v(class_name(&n.info.kind)))?;
            writeln!(out, "{s} {} \"{}\" .", v("id"), escape_nt(&n.id))?;
            writeln!(out, "{s} <{RDFS_LABEL}> \"{}\" .", escape_nt(&n.info.name))?;
            if let Some(c) = &n.info.country {
                writeln!(out, "{s} {} \"{}\" .", v("country"), escape_nt(c))?;
            }
            if let Some(q) = &n.info.wikidata {
                writeln!(out, "{s} {} \"{}\" .", v("wikidata"), escape_nt(q))?;
            }
            let articles = typed(&n.articles.to_string(), "integer");
            writeln!(out, "{s} {} {articles} .", v("articles"))?;
            let mentions = typed(&n.mentions.to_string(), "integer");
            writeln!(out, "{s} {} {mentions} .", v("mentions"))?;
        }
        for (k, e) in &self.edges {
            let subj = format!("<{}>", iris[k.subject.as_str()]);
            let obj = format!("<{}>", iris[k.object.as_str()]);
            let pred = format!("<{PREDICATE_NS}{}>", pct(&k.predicate));
            if !k.negated {
                // The plain triple, for queries that do not care about counts or dates. A
                // negated relation ("did not ban") is a report that it did not happen: only
                // its relation node below says so.
                writeln!(out, "{subj} {pred} {obj} .")?;
            }
            let r = format!(
                "<{RELATION_NS}{}:{}:{}{}>",
                pct(&k.subject),
                pct(&k.predicate),
                pct(&k.object),
                if k.negated { ":negated" } else { "" }
            );
            writeln!(out, "{r} {rdf_type} {} .", v("Relation"))?;
            writeln!(out, "{r} <{RDF}subject> {subj} .")?;
            writeln!(out, "{r} <{RDF}predicate> {pred} .")?;
            writeln!(out, "{r} <{RDF}object> {obj} .")?;
            let negated = typed(if k.negated { "true" } else { "false" }, "boolean");
            writeln!(out, "{r} {} {negated} .", v("negated"))?;
            writeln!(
                out,
                "{r} {} {} .",
                v("count"),
                typed(&e.count.to_string(), "integer")
            )?;
            writeln!(
                out,
                "{r} {} {} .",
                v("articles"),
                typed(&e.articles.to_string(), "integer")
            )?;
            if let (Some(first), Some(last)) = (e.first, e.last) {
                let (first, last) = (first.to_string(), last.to_string());
                writeln!(out, "{r} {} {} .", v("firstDate"), typed(&first, "date"))?;
                writeln!(out, "{r} {} {} .", v("lastDate"), typed(&last, "date"))?;
            }
        }
        out.flush()
    }

    /// `graph.graphml`: a directed GraphML graph, with `label` (nodes and edges) and `weight`
    /// (edges) where Gephi looks for them.
    pub fn write_graphml<W: Write>(&self, mut out: W) -> io::Result<()> {
        writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
        writeln!(
            out,
            r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#
        )?;
        let node_keys = [
            ("label", "string"),
            ("type", "string"),
            ("country", "string"),
            ("wikidata", "string"),
            ("articles", "int"),
            ("mentions", "int"),
        ];
        let edge_keys = [
            ("label", "string"),
            ("predicate", "string"),
            ("negated", "boolean"),
            ("weight", "double"),
            ("count", "int"),
            ("articles", "int"),
            ("first_date", "string"),
            ("last_date", "string"),
        ];
        for (name, ty) in node_keys {
            writeln!(
                out,
                r#"  <key id="n_{name}" for="node" attr.name="{name}" attr.type="{ty}"/>"#
            )?;
        }
        for (name, ty) in edge_keys {
            writeln!(
                out,
                r#"  <key id="e_{name}" for="edge" attr.name="{name}" attr.type="{ty}"/>"#
            )?;
        }
        writeln!(out, r#"  <graph id="newsgraph" edgedefault="directed">"#)?;
        let data = |out: &mut W, key: &str, value: &str| -> io::Result<()> {
            writeln!(
                out,
                r#"      <data key="{key}">{}</data>"#,
                escape_xml(value)
            )
        };
        for n in self.nodes.values() {
            writeln!(out, r#"    <node id="{}">"#, escape_xml(&n.id))?;
            data(&mut out, "n_label", &n.info.name)?;
            data(&mut out, "n_type", &n.info.kind)?;
            if let Some(c) = &n.info.country {
                data(&mut out, "n_country", c)?;
            }
            if let Some(q) = &n.info.wikidata {
                data(&mut out, "n_wikidata", q)?;
            }
            data(&mut out, "n_articles", &n.articles.to_string())?;
            data(&mut out, "n_mentions", &n.mentions.to_string())?;
            writeln!(out, "    </node>")?;
        }
        for (k, e) in &self.edges {
            writeln!(
                out,
                r#"    <edge id="{}" source="{}" target="{}">"#,
                escape_xml(&k.id()),
                escape_xml(&k.subject),
                escape_xml(&k.object)
            )?;
            let label = if k.negated {
                format!("not {}", k.predicate)
            } else {
                k.predicate.clone()
            };
            data(&mut out, "e_label", &label)?;
            data(&mut out, "e_predicate", &k.predicate)?;
            data(
                &mut out,
                "e_negated",
                if k.negated { "true" } else { "false" },
            )?;
            data(&mut out, "e_weight", &format!("{}.0", e.count))?;
            data(&mut out, "e_count", &e.count.to_string())?;
            data(&mut out, "e_articles", &e.articles.to_string())?;
            if let (Some(first), Some(last)) = (e.first, e.last) {
                data(&mut out, "e_first_date", &first.to_string())?;
                data(&mut out, "e_last_date", &last.to_string())?;
            }
            writeln!(out, "    </edge>")?;
        }
        writeln!(out, "  </graph>")?;
        writeln!(out, "</graphml>")?;
        out.flush()
    }
}

/// `country` → `Country`: the RDF class and Neo4j label of an entity type.
fn class_name(kind: &str) -> &str {
    match kind {
        "country" => "Country",
        "company" => "Company",
        "agency" => "Agency",
        // A type from a user's dictionary that this version does not know.
        _ => "Other",
    }
}

/// `spy_on` → `SPY_ON`: Neo4j's convention for relationship types.
fn relationship_type(predicate: &str) -> String {
    predicate.to_uppercase()
}

fn is_qid(q: &str) -> bool {
    q.len() > 1 && q.starts_with('Q') && q[1..].bytes().all(|b| b.is_ascii_digit())
}

/// Percent-encodes all but RFC 3986's unreserved characters, so any id is a valid IRI part.
fn pct(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// An N-Triples string literal's body (ECHAR and UCHAR escapes for what must be escaped).
fn escape_nt(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str(&format!("\\u{:04X}", c as u32));
            }
            c => out.push(c),
        }
    }
    out
}

/// XML text and attribute escaping; characters XML 1.0 cannot hold become U+FFFD.
fn escape_xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        // (input, percent-encoded, N-Triples, XML)
        let cases = [
            ("USA", "USA", "USA", "USA"),
            ("cik:732712", "cik%3A732712", "cik:732712", "cik:732712"),
            (
                "A \"B\" & <C>",
                "A%20%22B%22%20%26%20%3CC%3E",
                "A \\\"B\\\" & <C>",
                "A &quot;B&quot; &amp; &lt;C&gt;",
            ),
            (
                "Société\n",
                "Soci%C3%A9t%C3%A9%0A",
                "Société\\n",
                "Société\n",
            ),
            ("a\u{1}b", "a%01b", "a\\u0001b", "a\u{fffd}b"),
        ];
        for (s, p, nt, xml) in cases {
            assert_eq!(pct(s), p, "{s:?}");
            assert_eq!(escape_nt(s), nt, "{s:?}");
            assert_eq!(escape_xml(s), xml, "{s:?}");
        }
    }

    #[test]
    fn qids() {
        for (q, ok) in [("Q30", true), ("Q", false), ("q30", false), ("Q3a", false)] {
            assert_eq!(is_qid(q), ok, "{q}");
        }
    }
}
