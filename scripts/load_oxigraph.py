"""Loads `newsgraph graph --format ntriples` output into an Oxigraph store and prints its counts.

Usage: load_oxigraph.py GRAPH_NT DB_DIR

GRAPH_NT is the export's graph.nt; DB_DIR is the on-disk Oxigraph store to create (it must not
exist yet, so the counts are those of this file). The triples go into the default graph with
Oxigraph's bulk loader, strictly (an invalid IRI or literal is an error, not skipped). Prints
`T triples N entities M relations`: the store's size, then two SPARQL counts, the distinct
`ng:Entity` nodes and the `ng:Relation` nodes (aggregated relations, negated ones included),
with the vocabulary of docs/graph.md. Needs the pinned `pyoxigraph` package (.ci/run installs
it in .venv).

Query the store afterwards from Python:

    store = pyoxigraph.Store.read_only(DB_DIR)
    for row in store.query("SELECT ...")
"""

import os
import sys

import pyoxigraph

COUNT = """
PREFIX ng: <urn:newsgraph:vocab:>
SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a ng:%s }
"""


def count(store, cls):
    [row] = store.query(COUNT % cls)
    return int(row["n"].value)


def load(nt_path, db_dir):
    if os.path.exists(db_dir):
        raise SystemExit(f"{db_dir}: exists; give a new path")
    store = pyoxigraph.Store(db_dir)
    store.bulk_load(path=nt_path, format=pyoxigraph.RdfFormat.N_TRIPLES)
    store.flush()
    return len(store), count(store, "Entity"), count(store, "Relation")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    triples, entities, relations = load(sys.argv[1], sys.argv[2])
    print(f"{triples} triples {entities} entities {relations} relations")
