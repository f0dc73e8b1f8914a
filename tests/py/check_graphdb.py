"""Queries the graph databases that scripts/load_kuzu.py and scripts/load_oxigraph.py filled.

Usage: check_graphdb.py KUZU_DB OXIGRAPH_DIR

Prints one JSON object: the top (subject, predicate, object) by relations, asked in Cypher of
Kuzu and in SPARQL of Oxigraph (negated and asserted relations together, as `newsgraph stats`
counts its pairs' predicates; ties broken by subject, predicate, object), and SPARQL counts of
the N-Triples vocabulary (docs/graph.md). The Rust test tests/it/graph.rs compares them with
the export and with `newsgraph stats`. The queries are the ones docs/graph.md shows.
"""

import json
import sys

import kuzu
import pyoxigraph

TOP_CYPHER = """
MATCH (s:Entity)-[r]->(o:Entity)
RETURN s.id AS subject, r.predicate AS predicate, o.id AS object,
       CAST(sum(r.count) AS INT64) AS relations
ORDER BY relations DESC, subject, predicate, object
LIMIT 1
"""

PREFIXES = """
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX ng: <urn:newsgraph:vocab:>
"""

TOP_SPARQL = PREFIXES + """
SELECT ?subject (STRAFTER(STR(?p), "urn:newsgraph:predicate:") AS ?predicate) ?object
       (SUM(?count) AS ?relations)
WHERE {
  ?r a ng:Relation ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; ng:count ?count .
  ?s ng:id ?subject . ?o ng:id ?object .
}
GROUP BY ?subject ?p ?object
ORDER BY DESC(?relations) ?subject ?predicate ?object
LIMIT 1
"""

# One value each; a sum over a UNION would meet unbound ?count and give no value.
COUNTS_SPARQL = {
    "entities": "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a ng:Entity }",
    "relations": "SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE { ?r a ng:Relation }",
    "relation_count_sum": "SELECT (SUM(?c) AS ?n) WHERE { ?r a ng:Relation ; ng:count ?c }",
    # The plain `<s> ng-predicate:x <o>` triples: one per edge that is not negated.
    "facts": """SELECT (COUNT(*) AS ?n)
        WHERE { ?s ?p ?o . FILTER(STRSTARTS(STR(?p), "urn:newsgraph:predicate:")) }""",
}


def kuzu_top(db_path):
    conn = kuzu.Connection(kuzu.Database(db_path, read_only=True))
    result = conn.execute(TOP_CYPHER)
    row = result.get_next()
    return dict(zip(result.get_column_names(), row))


def oxigraph(db_dir):
    store = pyoxigraph.Store.read_only(db_dir)
    [top] = store.query(TOP_SPARQL)
    out = {
        "top": {
            "subject": top["subject"].value,
            "predicate": top["predicate"].value,
            "object": top["object"].value,
            "relations": int(top["relations"].value),
        }
    }
    for name, query in COUNTS_SPARQL.items():
        [row] = store.query(PREFIXES + query)
        out[name] = int(row["n"].value)
    return out


if __name__ == "__main__":
    kuzu_db, oxigraph_dir = sys.argv[1], sys.argv[2]
    print(json.dumps({"kuzu": {"top": kuzu_top(kuzu_db)}, "oxigraph": oxigraph(oxigraph_dir)}))
