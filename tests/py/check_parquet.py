"""Reads newsgraph's Parquet output with DuckDB and holds it to the JSON lines of the same run.

Usage: check_parquet.py RELATIONS.parquet RELATIONS.jsonl ARTICLES.parquet ARTICLES.jsonl

Prints one JSON object: the counts DuckDB sees (relation rows, article rows, entities and
mentions summed over the nested lists, row groups) and how many rows it compared field by field
with the JSON lines. The Rust test tests/it/parquet.rs runs this with the Python of the venv
that .ci/run makes (duckdb from the package registry) and compares the counts with its own
reading of the JSON. A difference in any field raises, so the script exits non-zero.
"""

import datetime
import json
import sys

import duckdb

# The flat relation columns: (column, path into the JSON relation line). Kept beside the
# writer's table in src/parquet.rs; a column missing here or there fails the comparison.
RELATION_COLUMNS = [
    ("article", ["article"]),
    ("date", ["date"]),
    ("source", ["source"]),
    ("subject", ["subject"]),
    ("subject_name", ["subject_name"]),
    ("subject_type", ["subject_type"]),
    ("predicate", ["predicate"]),
    ("cameo", ["cameo"]),
    ("plover", ["plover"]),
    ("object", ["object"]),
    ("object_name", ["object_name"]),
    ("object_type", ["object_type"]),
    ("modality", ["modality"]),
    ("negated", ["negated"]),
    ("confidence", ["confidence"]),
    ("rule", ["rule"]),
    ("field", ["field"]),
    ("sentence", ["sentence", "text"]),
    ("sentence_start", ["sentence", "start"]),
    ("sentence_end", ["sentence", "end"]),
    ("trigger", ["trigger", "text"]),
    ("trigger_start", ["trigger", "start"]),
    ("trigger_end", ["trigger", "end"]),
    ("subject_text", ["subject_span", "text"]),
    ("subject_start", ["subject_span", "start"]),
    ("subject_end", ["subject_span", "end"]),
    ("subject_coreference", ["subject_span", "coreference"]),
    ("subject_agent", ["subject_span", "agent", "text"]),
    ("subject_agent_start", ["subject_span", "agent", "start"]),
    ("subject_agent_end", ["subject_span", "agent", "end"]),
    ("object_text", ["object_span", "text"]),
    ("object_start", ["object_span", "start"]),
    ("object_end", ["object_span", "end"]),
    ("object_coreference", ["object_span", "coreference"]),
    ("object_agent", ["object_span", "agent", "text"]),
    ("object_agent_start", ["object_span", "agent", "start"]),
    ("object_agent_end", ["object_span", "agent", "end"]),
    ("intermediary", ["intermediary", "text"]),
    ("intermediary_start", ["intermediary", "start"]),
    ("intermediary_end", ["intermediary", "end"]),
]


def at(record, path):
    for name in path:
        if not isinstance(record, dict) or name not in record:
            return None
        record = record[name]
    return record


def day(date):
    """The `day` column the writer derives: ISO or Reuters' 26-FEB-1987 15:01:11.79."""
    if not isinstance(date, str):
        return None
    for fmt, n in (("%Y-%m-%d", 10), ("%d-%b-%Y", None)):
        try:
            text = date[:n] if n else date.split(" ")[0]
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            pass
    return None


def lines(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def rows(con, path):
    cur = con.execute(f"SELECT * FROM read_parquet('{path}')")
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]


def without_nulls(value):
    """The JSON leaves optional fields out; DuckDB gives them as None."""
    if isinstance(value, dict):
        return {k: without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [without_nulls(v) for v in value]
    return value


def check_relations(con, parquet, jsonl):
    want = lines(jsonl)
    got = rows(con, parquet)
    assert len(got) == len(want), (len(got), len(want))
    columns = [c for c, _ in RELATION_COLUMNS] + ["day"]
    for i, (g, w) in enumerate(zip(got, want)):
        assert sorted(g) == sorted(columns), sorted(set(g) ^ set(columns))
        for column, path in RELATION_COLUMNS:
            expected = at(w, path)
            if column.endswith("_coreference"):
                expected = bool(expected)
            assert g[column] == expected, (i, column, g[column], expected)
        assert g["day"] == day(w.get("date")), (i, g["day"], w.get("date"))
    return len(got)


def check_articles(con, parquet, jsonl):
    want = lines(jsonl)
    got = rows(con, parquet)
    assert len(got) == len(want), (len(got), len(want))
    for i, (g, w) in enumerate(zip(got, want)):
        assert g.pop("day") == day(w.get("date")), (i, w.get("date"))
        w.pop("extra", None)
        assert without_nulls(g) == without_nulls(w), (i, w["id"])
    return len(got)


def main():
    rel_parquet, rel_jsonl, art_parquet, art_jsonl = sys.argv[1:5]
    con = duckdb.connect()
    one = lambda sql: con.execute(sql).fetchone()[0]
    art = f"read_parquet('{art_parquet}')"
    rel = f"read_parquet('{rel_parquet}')"
    seen = {
        "relations": one(f"SELECT count(*) FROM {rel}"),
        "articles": one(f"SELECT count(*) FROM {art}"),
        "entities": one(f"SELECT coalesce(sum(len(entities)), 0) FROM {art}"),
        "mentions": one(
            f"SELECT coalesce(sum(len(e.mentions)), 0) FROM (SELECT unnest(entities) AS e FROM {art})"
        ),
        "article_relations": one(f"SELECT coalesce(sum(len(relations)), 0) FROM {art}"),
        "sanctions": one(f"SELECT count(*) FROM {rel} WHERE predicate = 'sanction'"),
        "day_type": one(f"SELECT typeof(day) FROM {rel} LIMIT 1"),
        "relation_row_groups": one(
            f"SELECT count(DISTINCT row_group_id) FROM parquet_metadata('{rel_parquet}')"
        ),
        "article_row_groups": one(
            f"SELECT count(DISTINCT row_group_id) FROM parquet_metadata('{art_parquet}')"
        ),
        "compared_relations": check_relations(con, rel_parquet, rel_jsonl),
        "compared_articles": check_articles(con, art_parquet, art_jsonl),
    }
    print(json.dumps(seen))


if __name__ == "__main__":
    main()
