"""Loads `newsgraph graph --format neo4j` output into a Kuzu database and prints its counts.

Usage: load_kuzu.py GRAPH_DIR DB_PATH

GRAPH_DIR holds nodes.csv and relationships.csv; DB_PATH is the Kuzu database to create (Kuzu
0.11 keeps a database in one file; it must not exist yet, so the counts are those of this
export). Prints `N entities M relations`, counted by Cypher queries on the loaded database.
Needs the pinned `kuzu` package (.ci/run installs it in .venv).

The tables are made from the files' headers, which follow `neo4j-admin database import`
(docs/graph.md), so a column added to the export is loaded without a change here:

- `name:type` columns become properties, the Neo4j type mapped to Kuzu's (`int` INT32, `long`
  INT64, `boolean` BOOLEAN, `date` DATE ...; `type[]` a list, split on `;`). A column without
  a type is a STRING. Empty cells are NULL, as they are absent properties in Neo4j.
- Kuzu has one table per node and no multiple labels. The label that every row of `:LABEL`
  carries (`Entity`) names the node table; each node's full label list goes into a `labels`
  STRING[] property, so Neo4j's `(n:Company)` is `WHERE list_contains(n.labels, 'Company')`.
  The `:ID` column is the primary key, under its name (`id`).
- Each relationship type (`:TYPE`, `BAN`, `SPY_ON` ...) becomes a rel table from the node table
  to itself, so `MATCH (a)-[r:BAN]->(b)` reads as in Neo4j and `MATCH (a)-[r]->(b)` matches
  every type. `:START_ID` and `:END_ID` are the endpoints; the other columns are properties.

Data goes in with Kuzu's `COPY ... FROM (LOAD WITH HEADERS (...) FROM 'file.csv')`: the CSV is
read by Kuzu itself, with the names and types this script read from the header. (A plain
`LOAD FROM` would guess: it reads `articles:int` as a typed column but keeps `id:ID` as a name.)
"""

import csv
import os
import sys

import kuzu

# Neo4j import types (Neo4j 5 operations manual, "Import") -> Kuzu types.
TYPES = {
    "int": "INT32",
    "long": "INT64",
    "short": "INT16",
    "byte": "INT8",
    "float": "FLOAT",
    "double": "DOUBLE",
    "boolean": "BOOLEAN",
    "string": "STRING",
    "char": "STRING",
    "date": "DATE",
    "localdatetime": "TIMESTAMP",
    "datetime": "TIMESTAMP_TZ",
    "duration": "INTERVAL",
}

SPECIAL = ("ID", "START_ID", "END_ID", "TYPE", "LABEL", "IGNORE")


class Column:
    """One header field: `name`, `name:type`, `name:type[]` or a special `:ID` ... column."""

    def __init__(self, index, field):
        name, _, ty = field.partition(":")
        # `:ID(Group)`, `:START_ID(Group)`: id spaces; one space per file here.
        special = ty.split("(")[0]
        self.index = index
        self.field = field
        self.var = f"c{index}"  # the name LOAD WITH HEADERS gives it
        self.special = special if special in SPECIAL else None
        self.name = name or ("id" if self.special == "ID" else "")
        self.is_list = ty.endswith("[]") and self.special is None
        base = ty[:-2] if self.is_list else ty
        if self.special is not None:
            self.kuzu = "STRING"
        elif base == "":
            self.kuzu = "STRING"
        elif base.lower() in TYPES:
            self.kuzu = TYPES[base.lower()]
        else:
            raise SystemExit(f"{field}: no Kuzu type for the Neo4j type {base}")

    def value(self):
        """The expression that gives this column's value in a COPY subquery."""
        if self.is_list:
            return f"CAST(string_split({self.var}, ';') AS {self.kuzu}[])"
        return self.var

    def ddl(self):
        return f"`{self.name}` {self.kuzu}[]" if self.is_list else f"`{self.name}` {self.kuzu}"


def header(path):
    with open(path, newline="", encoding="utf-8") as f:
        return [Column(i, field) for i, field in enumerate(next(csv.reader(f)))]


def special(columns, kind, path):
    found = [c for c in columns if c.special == kind]
    if len(found) != 1:
        raise SystemExit(f"{path}: want one :{kind} column, found {len(found)}")
    return found[0]


def literal(s):
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'"


def load_with_headers(columns, path):
    """`LOAD WITH HEADERS (c0 STRING, c1 INT32 ...) FROM 'path' (header=true)`.

    Lists are read as STRING and split in the RETURN. The dialect is given, RFC 4180 as the
    export writes it: Kuzu's sniffer (auto_detect) guesses it from the first rows, and on
    Reuters, whose first 751 nodes.csv rows hold no quoted cell, it guessed "no quoting" and
    failed on `"Foreign, Commonwealth and Development Office"`. Not parallel: Kuzu's parallel
    CSV reader refuses quoted fields that hold a line break, which a name may have."""
    names = ", ".join(f"{c.var} {'STRING' if c.is_list else c.kuzu}" for c in columns)
    options = "header=true, auto_detect=false, delim=',', quote='\"', escape='\"', parallel=false"
    return f"LOAD WITH HEADERS ({names}) FROM {literal(path)} ({options})"


def rows(conn, query):
    result = conn.execute(query)
    out = []
    while result.has_next():
        out.append(result.get_next())
    return out


def load(graph_dir, db_path):
    nodes_csv = os.path.abspath(os.path.join(graph_dir, "nodes.csv"))
    rels_csv = os.path.abspath(os.path.join(graph_dir, "relationships.csv"))
    if os.path.exists(db_path):
        raise SystemExit(f"{db_path}: exists; give a new path")
    conn = kuzu.Connection(kuzu.Database(db_path))

    # Nodes: the table is named after the label every node has.
    cols = header(nodes_csv)
    key = special(cols, "ID", nodes_csv)
    label = next((c for c in cols if c.special == "LABEL"), None)
    props = [c for c in cols if c.special in (None, "ID")]
    source = load_with_headers(cols, nodes_csv)
    table = "Node"
    if label is not None:
        label_sets = rows(conn, f"{source} RETURN DISTINCT {label.var}")
        common = set.intersection(*(set((s or "").split(";")) for (s,) in label_sets))
        common.discard("")
        if common:
            table = min(common)  # one label in this export; the first by name if several
    ddl = [c.ddl() for c in props]
    values = [c.value() for c in props]
    if label is not None:
        ddl.append("labels STRING[]")
        values.append(f"string_split({label.var}, ';')")
    conn.execute(
        f"CREATE NODE TABLE `{table}`({', '.join(ddl)}, PRIMARY KEY(`{key.name}`))"
    )
    conn.execute(f"COPY `{table}` FROM ({source} RETURN {', '.join(values)})")

    # Relationships: one rel table per :TYPE, between nodes of the one node table.
    cols = header(rels_csv)
    start, end, kind = (special(cols, k, rels_csv) for k in ("START_ID", "END_ID", "TYPE"))
    props = [c for c in cols if c.special is None]
    source = load_with_headers(cols, rels_csv)
    types = [t for (t,) in rows(conn, f"{source} RETURN DISTINCT {kind.var} ORDER BY {kind.var}")]
    ddl = "".join(f", {c.ddl()}" for c in props)
    values = "".join(f", {c.value()}" for c in props)
    for t in types:
        conn.execute(f"CREATE REL TABLE `{t}`(FROM `{table}` TO `{table}`{ddl})")
        conn.execute(
            f"COPY `{t}` FROM ({source} WHERE {kind.var} = {literal(t)} "
            f"RETURN {start.var}, {end.var}{values})"
        )

    [(n,)] = rows(conn, "MATCH (n) RETURN count(n)")
    [(m,)] = rows(conn, "MATCH ()-[r]->() RETURN count(r)")
    return n, m


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    n, m = load(sys.argv[1], sys.argv[2])
    print(f"{n} entities {m} relations")
