//! `newsgraph graph`: node and edge counts against the extract output, the Neo4j import
//! tool's header rules, the real readers (rdflib, networkx) through tests/py, and two graph
//! databases (Kuzu, Oxigraph) filled by scripts/load_kuzu.py and scripts/load_oxigraph.py.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use serde_json::Value;

use crate::workdir::{Workdir, repo, run_python, stderr};

/// What the extract output says the graph must hold.
struct Expected {
    nodes: usize,
    edges: usize,
    relations: usize,
}

/// Extracts the sample corpus into `facts.jsonl`; counts distinct entities and distinct
/// (subject, predicate, object, negated).
fn extract_corpus(wd: &Workdir) -> Expected {
    let corpus = repo().join("corpus");
    let out = wd.run(&[
        "extract",
        "-q",
        corpus.to_str().unwrap(),
        "-o",
        "facts.jsonl",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut nodes = BTreeSet::new();
    let mut edges = BTreeSet::new();
    let mut relations = 0;
    for line in wd.read("facts.jsonl").lines() {
        let r: Value = serde_json::from_str(line).unwrap();
        for e in r["entities"].as_array().unwrap() {
            nodes.insert(e["id"].as_str().unwrap().to_string());
        }
        for rel in r["relations"].as_array().unwrap() {
            relations += 1;
            edges.insert((
                rel["subject"].to_string(),
                rel["predicate"].to_string(),
                rel["object"].to_string(),
                rel["negated"].as_bool().unwrap(),
            ));
        }
    }
    assert!(
        nodes.len() > 40 && edges.len() > 40,
        "the corpus has content"
    );
    Expected {
        nodes: nodes.len(),
        edges: edges.len(),
        relations,
    }
}

fn export(wd: &Workdir, format: &str) -> PathBuf {
    let dir = format!("g-{format}");
    let out = wd.run(&["graph", "-q", "facts.jsonl", "--format", format, "-o", &dir]);
    assert!(out.status.success(), "{format}: {}", stderr(&out));
    wd.path(&dir)
}

#[test]
fn jsonl_counts_match_the_extract_output() {
    let wd = Workdir::new("graph-jsonl");
    let want = extract_corpus(&wd);
    let dir = export(&wd, "jsonl");
    let read = |name: &str| -> Vec<Value> {
        std::fs::read_to_string(dir.join(name))
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    };
    let (nodes, edges, evidence) = (
        read("nodes.jsonl"),
        read("edges.jsonl"),
        read("evidence.jsonl"),
    );
    assert_eq!(nodes.len(), want.nodes);
    assert_eq!(edges.len(), want.edges);
    assert_eq!(
        evidence.len(),
        want.relations,
        "one evidence line per relation"
    );
    let total: u64 = edges.iter().map(|e| e["count"].as_u64().unwrap()).sum();
    assert_eq!(
        total as usize, want.relations,
        "edge counts add up to the relations"
    );
    // Each edge's count is its number of evidence lines, and its dates bound theirs.
    let mut by_edge: BTreeMap<&str, Vec<&Value>> = BTreeMap::new();
    for e in &evidence {
        by_edge
            .entry(e["edge"].as_str().unwrap())
            .or_default()
            .push(e);
    }
    for e in &edges {
        let ev = &by_edge[e["id"].as_str().unwrap()];
        assert_eq!(ev.len() as u64, e["count"].as_u64().unwrap());
        let dates: BTreeSet<&str> = ev.iter().filter_map(|x| x["date"].as_str()).collect();
        assert_eq!(e["first_date"].as_str(), dates.first().copied());
        assert_eq!(e["last_date"].as_str(), dates.last().copied());
        let articles: BTreeSet<&str> = ev.iter().map(|x| x["article"].as_str().unwrap()).collect();
        assert_eq!(articles.len() as u64, e["articles"].as_u64().unwrap());
    }
}

#[test]
fn same_input_same_bytes() {
    let wd = Workdir::new("graph-bytes");
    extract_corpus(&wd);
    for format in ["neo4j", "ntriples", "graphml", "jsonl"] {
        let a = export(&wd, format);
        let snapshot: Vec<(PathBuf, Vec<u8>)> = std::fs::read_dir(&a)
            .unwrap()
            .map(|e| {
                let p = e.unwrap().path();
                let bytes = std::fs::read(&p).unwrap();
                (p, bytes)
            })
            .collect();
        export(&wd, format);
        for (p, bytes) in snapshot {
            assert_eq!(std::fs::read(&p).unwrap(), bytes, "{}", p.display());
        }
    }
}

/// The header rules of `neo4j-admin database import` (Neo4j 5 operations manual, "Import"):
/// a header field is `name`, `name:type` or a special `:ID`/`:LABEL`/`:START_ID`/`:END_ID`/
/// `:TYPE` (an `:ID` may carry a name, `id:ID`); types are the importer's; a node file has
/// one `:ID`; a relationship file has one each of `:START_ID`, `:END_ID`, `:TYPE`.
fn check_header(header: &csv::StringRecord, kind: &str) -> BTreeMap<String, usize> {
    const TYPES: &[&str] = &[
        "int",
        "long",
        "float",
        "double",
        "boolean",
        "byte",
        "short",
        "char",
        "string",
        "point",
        "date",
        "localtime",
        "time",
        "localdatetime",
        "datetime",
        "duration",
    ];
    let mut special = BTreeMap::new();
    let mut names = BTreeSet::new();
    for (i, field) in header.iter().enumerate() {
        let (name, ty) = field.split_once(':').unwrap_or((field, ""));
        match ty {
            "ID" | "START_ID" | "END_ID" | "TYPE" | "LABEL" => {
                assert!(
                    special.insert(ty.to_string(), i).is_none(),
                    "{kind}: two :{ty}"
                );
                assert!(
                    ty == "ID" || name.is_empty(),
                    "{kind}: {field} takes no name"
                );
            }
            "" => assert!(!name.is_empty(), "{kind}: empty header field"),
            t => {
                let base = t.strip_suffix("[]").unwrap_or(t);
                assert!(TYPES.contains(&base), "{kind}: unknown type in {field}");
            }
        }
        if !name.is_empty() {
            assert!(
                names.insert(name.to_string()),
                "{kind}: property {name} twice"
            );
        }
    }
    let need: &[&str] = match kind {
        "nodes" => &["ID"],
        _ => &["START_ID", "END_ID", "TYPE"],
    };
    for n in need {
        assert!(special.contains_key(*n), "{kind}: no :{n}");
    }
    special
}

#[test]
fn neo4j_csv_follows_the_import_tool_header_rules() {
    let wd = Workdir::new("graph-neo4j");
    let want = extract_corpus(&wd);
    let dir = export(&wd, "neo4j");
    let mut nodes = csv::Reader::from_path(dir.join("nodes.csv")).unwrap();
    let header = nodes.headers().unwrap().clone();
    let special = check_header(&header, "nodes");
    let typed: Vec<(usize, &str)> = header
        .iter()
        .enumerate()
        .filter_map(|(i, f)| f.split_once(':').map(|(_, t)| (i, t)))
        .collect();
    let mut ids = BTreeSet::new();
    for row in nodes.records() {
        let row = row.unwrap();
        assert_eq!(row.len(), header.len());
        assert!(ids.insert(row[special["ID"]].to_string()), "ids are unique");
        let labels: Vec<&str> = row[special["LABEL"]].split(';').collect();
        assert!(labels.contains(&"Entity"), "{labels:?}");
        for &(i, t) in &typed {
            if t == "int" {
                row[i].parse::<i64>().unwrap();
            }
        }
    }
    assert_eq!(ids.len(), want.nodes);
    let mut rels = csv::Reader::from_path(dir.join("relationships.csv")).unwrap();
    let header = rels.headers().unwrap().clone();
    let special = check_header(&header, "relationships");
    let mut count = 0;
    for row in rels.records() {
        let row = row.unwrap();
        count += 1;
        assert_eq!(row.len(), header.len());
        assert!(
            ids.contains(&row[special["START_ID"]]),
            "start id is a node"
        );
        assert!(ids.contains(&row[special["END_ID"]]), "end id is a node");
        let ty = &row[special["TYPE"]];
        assert!(
            !ty.is_empty() && ty.chars().all(|c| c.is_ascii_uppercase() || c == '_'),
            "{ty}"
        );
        for (i, field) in header.iter().enumerate() {
            match field.split_once(':').map(|(_, t)| t) {
                Some("boolean") => assert!(["true", "false"].contains(&&row[i])),
                Some("int") => drop(row[i].parse::<i64>().unwrap()),
                Some("date") => assert!(
                    row[i].is_empty() || newsgraph::extracted::Day::parse(&row[i]).is_some()
                ),
                _ => {}
            }
        }
    }
    assert_eq!(count, want.edges);
}

#[test]
fn rdflib_and_networkx_load_the_exports_with_the_expected_counts() {
    let wd = Workdir::new("graph-readers");
    let want = extract_corpus(&wd);
    let nt = export(&wd, "ntriples").join("graph.nt");
    let graphml = export(&wd, "graphml").join("graph.graphml");
    let seen: Value =
        serde_json::from_str(&run_python("tests/py/check_graph.py", &[&nt, &graphml])).unwrap();
    let rdf = &seen["rdf"];
    assert_eq!(rdf["entities"], want.nodes, "{seen}");
    assert_eq!(rdf["relations"], want.edges, "{seen}");
    assert_eq!(rdf["relation_count_sum"], want.relations, "{seen}");
    assert!(
        rdf["wikidata_entities"].as_u64().unwrap() > 10,
        "QIDs become Wikidata IRIs: {seen}"
    );
    let g = &seen["graphml"];
    assert_eq!(g["directed"], true);
    assert_eq!(g["nodes"], want.nodes, "{seen}");
    assert_eq!(g["edges"], want.edges, "{seen}");
    assert_eq!(g["edge_count_sum"], want.relations, "{seen}");
    assert_eq!(g["labelled_nodes"], want.nodes, "{seen}");
}

/// The top (subject, predicate, object) of a stats document: its pairs' predicate counts
/// (negated relations included), most relations first, then by subject, predicate, object.
fn stats_top_triple(stats: &Value) -> Value {
    let mut triples = Vec::new();
    for pair in stats["pairs"].as_array().unwrap() {
        for (predicate, n) in pair["predicates"].as_object().unwrap() {
            triples.push((
                std::cmp::Reverse(n.as_u64().unwrap()),
                pair["subject"].as_str().unwrap(),
                predicate.as_str(),
                pair["object"].as_str().unwrap(),
            ));
        }
    }
    let (std::cmp::Reverse(n), subject, predicate, object) = triples.into_iter().min().unwrap();
    serde_json::json!({"subject": subject, "predicate": predicate, "object": object, "relations": n})
}

#[test]
fn kuzu_and_oxigraph_load_the_exports_and_answer_as_stats_does() {
    let wd = Workdir::new("graph-databases");
    let want = extract_corpus(&wd);
    let neo4j = export(&wd, "neo4j");
    let nt = export(&wd, "ntriples").join("graph.nt");
    let rows = |name: &str| {
        let mut r = csv::Reader::from_path(neo4j.join(name)).unwrap();
        r.records().map(|row| row.unwrap()).collect::<Vec<_>>()
    };
    let (nodes, rels) = (rows("nodes.csv"), rows("relationships.csv"));
    assert_eq!((nodes.len(), rels.len()), (want.nodes, want.edges));

    let (kuzu_db, oxigraph_db) = (wd.path("kuzu.db"), wd.path("oxigraph"));
    let loaded = run_python("scripts/load_kuzu.py", &[&neo4j, &kuzu_db]);
    assert_eq!(
        loaded,
        format!("{} entities {} relations\n", nodes.len(), rels.len())
    );
    let triples = std::fs::read_to_string(&nt).unwrap().lines().count();
    let loaded = run_python("scripts/load_oxigraph.py", &[&nt, &oxigraph_db]);
    assert_eq!(
        loaded,
        format!(
            "{triples} triples {} entities {} relations\n",
            want.nodes, want.edges
        )
    );

    let seen: Value = serde_json::from_str(&run_python(
        "tests/py/check_graphdb.py",
        &[&kuzu_db, &oxigraph_db],
    ))
    .unwrap();
    let out = wd.run(&["stats", "-q", "facts.jsonl"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let top = stats_top_triple(&serde_json::from_slice(&out.stdout).unwrap());
    assert_eq!(seen["kuzu"]["top"], top, "Cypher against stats");
    assert_eq!(seen["oxigraph"]["top"], top, "SPARQL against stats");
    let ox = &seen["oxigraph"];
    assert_eq!(ox["entities"], want.nodes, "{seen}");
    assert_eq!(ox["relations"], want.edges, "{seen}");
    assert_eq!(ox["relation_count_sum"], want.relations, "{seen}");
    let header = csv::Reader::from_path(neo4j.join("relationships.csv"))
        .unwrap()
        .headers()
        .unwrap()
        .clone();
    let negated = header.iter().position(|f| f == "negated:boolean").unwrap();
    let asserted = rels.iter().filter(|r| &r[negated] == "false").count();
    assert_eq!(
        ox["facts"], asserted,
        "one plain triple per edge not negated"
    );
}

/// Kuzu's CSV sniffer guesses the dialect from the first rows: on Reuters, whose nodes.csv
/// has no quoted cell in its first 751 rows, it chose "no quotes" and the load failed at
/// `"Foreign, Commonwealth and Development Office"`. The loader states RFC 4180 (and reads
/// without parallelism, which a quoted line break needs).
#[test]
fn kuzu_loader_reads_quoted_cells_after_many_plain_rows() {
    let wd = Workdir::new("graph-kuzu-quoting");
    let mut nodes =
        String::from("id:ID,name,type,country,wikidata,articles:int,mentions:int,:LABEL\n");
    for i in 0..1000 {
        nodes.push_str(&format!("n{i:04},Name {i},company,,,1,1,Entity;Company\n"));
    }
    nodes.push_str("x,\"Foreign, \"\"Commonwealth\"\"\nOffice\",agency,GBR,,3,3,Entity;Agency\n");
    wd.write("g/nodes.csv", nodes);
    wd.write(
        "g/relationships.csv",
        ":START_ID,:END_ID,:TYPE,id,predicate,negated:boolean,count:int,articles:int,first_date:date,last_date:date\n\
         n0000,x,MEET,n0000|meet|x,meet,false,1,1,,\n",
    );
    let loaded = run_python(
        "scripts/load_kuzu.py",
        &[&wd.path("g"), &wd.path("kuzu.db")],
    );
    assert_eq!(loaded, "1001 entities 1 relations\n");
}
