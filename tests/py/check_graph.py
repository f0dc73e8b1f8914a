"""Loads newsgraph's graph exports with the readers people use, and prints what they saw.

Usage: check_graph.py GRAPH.nt GRAPH.graphml

Prints one JSON object: node and edge counts as rdflib and networkx read them, plus a few
attribute checks. The Rust test tests/it/graph.rs runs this with the Python of the venv that
.ci/run makes (rdflib and networkx from the package registry) and compares the counts with the
extract output. Any parse error raises, so the script exits non-zero.
"""

import json
import sys

import networkx
import rdflib
from rdflib.namespace import RDF

NG = rdflib.Namespace("urn:newsgraph:vocab:")


def rdf_counts(path):
    g = rdflib.Graph()
    g.parse(path, format="nt")
    entities = set(g.subjects(RDF.type, NG.Entity))
    relations = set(g.subjects(RDF.type, NG.Relation))
    # Every relation node points at entity nodes, and its count is a positive integer.
    for r in relations:
        assert g.value(r, RDF.subject) in entities, r
        assert g.value(r, RDF.object) in entities, r
        assert int(g.value(r, NG["count"]).toPython()) >= 1, r
    wikidata = sum(1 for e in entities if str(e).startswith("http://www.wikidata.org/entity/Q"))
    return {
        "triples": len(g),
        "entities": len(entities),
        "relations": len(relations),
        "relation_count_sum": sum(int(g.value(r, NG["count"]).toPython()) for r in relations),
        "wikidata_entities": wikidata,
    }


def graphml_counts(path):
    g = networkx.read_graphml(path)
    counts = [d["count"] for _, _, d in g.edges(data=True)]
    assert all(isinstance(c, int) for c in counts), "count must read as int"
    assert all(isinstance(d["negated"], bool) for _, _, d in g.edges(data=True))
    return {
        "directed": g.is_directed(),
        "nodes": g.number_of_nodes(),
        "edges": g.number_of_edges(),
        "edge_count_sum": sum(counts),
        "labelled_nodes": sum(1 for _, d in g.nodes(data=True) if d.get("label")),
    }


if __name__ == "__main__":
    nt, graphml = sys.argv[1], sys.argv[2]
    print(json.dumps({"rdf": rdf_counts(nt), "graphml": graphml_counts(graphml)}, sort_keys=True))
