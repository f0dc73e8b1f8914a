"""newsgraph on Spark: the same binary, dictionaries and output on a cluster.

Run with spark-submit (README, "Scale out"). The job ships the `newsgraph` binary and the
user's dictionaries to the executors with SparkContext.addFile (nothing is installed on the
workers), feeds every partition's JSON lines to `newsgraph extract --quiet` on standard input,
and writes:

  OUT/records/    the article records (docs/output.md), globally sorted by (id, record bytes):
                  JSON lines part files (concatenated in name order they are one sorted file),
                  or Parquet with --format parquet; --partition-by-date splits by day
  OUT/rejects/    one JSON line per rejected input line, from every partition:
                  {"file", "line", "reason", "record"}; "line" is the 1-based line (row, for
                  Parquet) of the original input file
  OUT/stats.json  `newsgraph stats` of each partition's records, merged by `stats --merge`:
                  byte for byte the statistics of one single-machine run
  OUT/summary.json  articles, records, rejects, seconds, articles/s per executor core

Why the records equal a single-machine run: an article's record depends only on that article
(ARCHITECTURE.md, invariant 2), each input line reaches the binary as the same bytes, and the
final sort does not depend on the partitioning. Why a retried task changes nothing: a task's
output is a pure function of its partition, and Spark keeps only the output of the attempt that
succeeded. `--fail-once-partition N` proves it: partition N fails on its first
attempt (TaskContext.attemptNumber() == 0), after its first 10 records.

Line numbers: every input line carries its file and its split's start offset
(input_file_name, input_file_block_start); a first pass counts the lines of each split, so a
line's number in its file is the lines of the splits before it plus its index in its split.
"""

import argparse
import hashlib
import json
import json.decoder
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time

from pyspark import SparkFiles, StorageLevel, TaskContext
from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.sql.types import StringType, StructField, StructType


def parse_args(argv):
    p = argparse.ArgumentParser(prog="newsgraph_job.py", description=__doc__.split("\n\n")[0])
    p.add_argument("inputs", nargs="+", help="input paths or globs, any Hadoop URI")
    p.add_argument("--output", "-o", required=True, help="output folder (Hadoop URI)")
    p.add_argument("--binary", required=True,
                   help="the newsgraph binary (Linux x86-64 build) to ship to the executors")
    p.add_argument("--dict", action="append", default=[],
                   help="a user dictionary file to ship and pass as --dict (repeatable)")
    p.add_argument("--relations", action="append", default=[],
                   help="a relation table to ship and pass as --relations (repeatable)")
    p.add_argument("--no-default-dict", action="store_true")
    p.add_argument("--no-metonyms", action="store_true")
    p.add_argument("--input-format", choices=["json", "parquet"], default="json",
                   help="json: JSON lines, plain or compressed (by extension); parquet")
    p.add_argument("--format", choices=["json", "parquet"], default="json",
                   help="records as JSON lines (default) or Parquet")
    p.add_argument("--partition-by-date", action="store_true",
                   help="split the records into day=YYYY-MM-DD folders (day=undated)")
    p.add_argument("--id-field", default="id")
    p.add_argument("--text-field", default="text")
    p.add_argument("--title-field", default="title")
    p.add_argument("--max-article-bytes", type=int, default=8 << 20)
    p.add_argument("--fail-once-partition", type=int, default=None, metavar="N",
                   help="fault injection: partition N fails on its first attempt")
    return p.parse_args(argv)


def extract_args(a):
    """The flags every executor passes to `newsgraph extract`, with shipped files by name."""
    args = ["--id-field", a.id_field, "--text-field", a.text_field,
            "--title-field", a.title_field, "--max-article-bytes", str(a.max_article_bytes)]
    for d in a.dict:
        args += ["--dict", ("shipped", os.path.basename(d))]
    for r in a.relations:
        args += ["--relations", ("shipped", os.path.basename(r))]
    if a.no_default_dict:
        args.append("--no-default-dict")
    if a.no_metonyms:
        args.append("--no-metonyms")
    return args


def local_binary(name):
    """The shipped binary on this executor. Spark marks fetched files executable; the chmod
    covers stores that do not."""
    path = SparkFiles.get(name)
    if not os.access(path, os.X_OK):
        os.chmod(path, 0o755)
    return path


def resolve(args):
    return [SparkFiles.get(x[1]) if isinstance(x, tuple) else x for x in args]


def process_partition(index, rows, binary, xargs, threads, max_bytes, fail_once, offsets):
    """One partition: its lines through `newsgraph extract` and its records through
    `newsgraph stats`. Yields ("r", id, record), ("x", file, line, reason, text) for rejects
    and one ("s", stats document)."""
    ctx = TaskContext.get()
    fail = fail_once is not None and index == fail_once and ctx.attemptNumber() == 0
    exe = local_binary(binary)
    work = tempfile.mkdtemp(prefix="newsgraph-")
    try:
        rejects_path = os.path.join(work, "rejects.jsonl")
        err_path = os.path.join(work, "extract.err")
        cut = 2 * max_bytes + (64 << 10)
        positions = []  # (file, line) of the n-th line fed, for rejects
        # To tell rejects apart we need each line's bytes; a digest (of the first `cut` bytes,
        # all a reject copy keeps) and the length keep memory small.
        digests = []
        with open(err_path, "wb") as err:
            extract = subprocess.Popen(
                [exe, "extract", "--quiet", "--threads", str(threads),
                 "--rejects", rejects_path] + resolve(xargs),
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=err)
            stats = subprocess.Popen([exe, "stats", "--quiet"], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)

            def feed():
                seen = {}
                try:
                    for value, file, start in rows:
                        n = seen.get((file, start), 0)
                        seen[(file, start)] = n + 1
                        positions.append((file, offsets[(file, start)] + n + 1))
                        value = bytes(value)
                        digests.append((len(value), digest(value[:cut])))
                        extract.stdin.write(value + b"\n")
                finally:
                    extract.stdin.close()

            feeder = threading.Thread(target=feed, daemon=True)
            feeder.start()
            produced = 0
            for line in extract.stdout:
                stats.stdin.write(line)
                record = line.rstrip(b"\n").decode("utf-8")
                yield ("r", record_id(record), record)
                produced += 1
                if fail and produced >= 10:
                    extract.kill()
                    stats.kill()
                    raise RuntimeError(
                        f"injected fault: partition {index}, attempt {ctx.attemptNumber()}")
            feeder.join()
            if extract.wait() != 0:
                raise RuntimeError(
                    f"newsgraph extract exited {extract.returncode}: "
                    + open(err_path, "rb").read().decode("utf-8", "replace")[-2000:])
            stats.stdin.close()
            doc = stats.stdout.read().decode("utf-8")
            if stats.wait() != 0:
                raise RuntimeError(f"newsgraph stats exited {stats.returncode}")
        if fail:  # a partition with fewer than 10 records still fails once
            raise RuntimeError(f"injected fault: partition {index}, attempt 0")
        # Reasons: stderr says "newsgraph: -:N: reason" for the first 100 rejects of the
        # process (N is the line of its standard input, i.e. our n-th line).
        reasons = {}
        for msg in open(err_path, "rb").read().decode("utf-8", "replace").splitlines():
            if msg.startswith("newsgraph: -:"):
                num, _, reason = msg[len("newsgraph: -:"):].partition(": ")
                if num.isdigit():
                    reasons[int(num)] = reason
        # The rejects file holds the rejected lines verbatim, in input order (an oversized
        # line only its first 2 x max + 64 KiB bytes). Equal bytes get the same verdict, so
        # walking both in order pairs each reject with its line.
        with open(rejects_path, "rb") as f:
            copies = [r[:-1] if r.endswith(b"\n") else r for r in f]
        k = 0
        for n, (length, d) in enumerate(digests):
            if k == len(copies):
                break
            c = copies[k]
            if (length == len(c) or (len(c) == cut and length > cut)) and d == digest(c):
                file, line = positions[n]
                yield ("x", file, line, reasons.get(n + 1), c.decode("utf-8", "replace"))
                k += 1
        if k != len(copies):
            raise RuntimeError(f"partition {index}: {len(copies) - k} rejects not located")
        yield ("s", doc)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def record_id(record):
    """The record's id. record.rs writes it first, so only that string is decoded."""
    if record.startswith('{"id":"'):
        return json.decoder.scanstring(record, 7)[0]
    return json.loads(record)["id"]


def digest(b):
    return hashlib.blake2b(b, digest_size=16).digest()


def day_of(record):
    """The stats rule for a day (docs/stats.md, "Dates and sources"): a string starting with
    a valid YYYY-MM-DD followed by nothing, T or a space."""
    import datetime
    d = json.loads(record).get("date")
    if isinstance(d, str) and len(d) >= 10 and (len(d) == 10 or d[10] in "T "):
        try:
            datetime.date.fromisoformat(d[:10])
            return d[:10]
        except ValueError:
            pass
    return "undated"


def main(argv):
    a = parse_args(argv)
    started = time.time()
    spark = SparkSession.builder.appName("newsgraph").getOrCreate()
    sc = spark.sparkContext
    sc.addFile(a.binary)
    for f in a.dict + a.relations:
        sc.addFile(f)
    binary = os.path.basename(a.binary)
    xargs = extract_args(a)
    threads = int(sc.getConf().get("spark.task.cpus", "1"))

    # Raw bytes: a text column cast to binary keeps the line's bytes as read (no decoding),
    # so the binary sees exactly what a single-machine run reads.
    if a.input_format == "json":
        df = spark.read.option("lineSep", "\n").text(a.inputs).select(
            F.col("value").cast("binary").alias("value"))
    else:
        df = spark.read.parquet(*a.inputs)
        df = df.select(F.to_json(F.struct(*[F.col(c) for c in df.columns]))
                       .cast("binary").alias("value"))
    df = df.select("value", F.input_file_name().alias("file"),
                   F.input_file_block_start().alias("start"))
    # Pass 1: lines per split, so each line gets its number in its file.
    counts = sorted((r["file"], r["start"], r["count"])
                    for r in df.groupBy("file", "start").count().collect())
    offsets, before = {}, {}
    for file, start, count in counts:
        offsets[(file, start)] = before.get(file, 0)
        before[file] = before.get(file, 0) + count
    input_lines = sum(before.values())
    offsets_b = sc.broadcast(offsets)

    rows = df.rdd.map(lambda r: (r["value"], r["file"], r["start"]))
    fail_once, max_bytes = a.fail_once_partition, a.max_article_bytes
    tagged = rows.mapPartitionsWithIndex(
        lambda i, it: process_partition(i, it, binary, xargs, threads, max_bytes, fail_once,
                                        offsets_b.value))
    # Three outputs read the extraction: keep it (spilling to disk, never recomputing it just
    # because memory ran short).
    tagged = tagged.persist(StorageLevel.MEMORY_AND_DISK)
    partitions = tagged.getNumPartitions()

    # Statistics: every partition's document, merged by the binary on the driver.
    docs = tagged.filter(lambda t: t[0] == "s").map(lambda t: t[1]).collect()
    work = tempfile.mkdtemp(prefix="newsgraph-stats-")
    try:
        paths = []
        for i, doc in enumerate(docs):
            paths.append(os.path.join(work, f"part-{i:05}.json"))
            with open(paths[-1], "w", encoding="utf-8") as f:
                f.write(doc)
        merged = os.path.join(work, "stats.json")
        local = SparkFiles.get(binary)
        if not os.access(local, os.X_OK):
            os.chmod(local, 0o755)
        subprocess.run([local, "stats", "--quiet", "--merge", *paths, "-o", merged], check=True)
        stats_doc = open(merged, encoding="utf-8").read()
    finally:
        shutil.rmtree(work, ignore_errors=True)

    records = tagged.filter(lambda t: t[0] == "r").map(lambda t: (t[1], t[2]))
    rec_df = spark.createDataFrame(records, "id string, value string")
    if a.partition_by_date:
        rec_df = rec_df.withColumn("day", F.udf(day_of)(F.col("value")))
    # Spark compares strings by their UTF-8 bytes: the order of `sort` in the C locale.
    rec_df = rec_df.orderBy("id", "value")
    out = a.output.rstrip("/")
    if a.format == "json":
        w = rec_df.drop("id").write.mode("overwrite")
    else:
        # Columns named and nested as in docs/output.md; Spark infers their types from the
        # records (a field the contract types "any" gets the widest type seen).
        schema = spark.read.json(records.map(lambda t: t[1])).schema
        if not schema.fields:  # no records: an empty table still needs a column
            schema = StructType([StructField("id", StringType())])
        parsed = rec_df.select(F.from_json("value", schema).alias("r"),
                               *(["day"] if a.partition_by_date else []))
        w = parsed.select("r.*", *(["day"] if a.partition_by_date else [])).write.mode("overwrite")
    if a.partition_by_date:
        w = w.partitionBy("day")
    (w.text if a.format == "json" else w.parquet)(out + "/records")
    n_records = records.count()

    rejects = tagged.filter(lambda t: t[0] == "x").map(
        lambda t: (t[1], t[2], json.dumps(
            {"file": t[1], "line": t[2], "reason": t[3], "record": t[4]}, ensure_ascii=False)))
    rej_df = spark.createDataFrame(rejects, "file string, line long, value string")
    (rej_df.orderBy("file", "line").select("value").coalesce(1)
     .write.mode("overwrite").text(out + "/rejects"))
    n_rejects = rejects.count()

    seconds = time.time() - started
    cores = sc.defaultParallelism
    summary = {
        "input_lines": input_lines, "articles": n_records, "records": n_records,
        "rejects": n_rejects, "partitions": partitions, "executor_cores": cores,
        "seconds": round(seconds, 2),
        "articles_per_second_per_core": round(n_records / seconds / cores, 1),
    }
    small = [(out + "/stats.json", stats_doc),
             (out + "/summary.json", json.dumps(summary, indent=2) + "\n")]
    for path, text in small:
        write_small(spark, path, text)
    tagged.unpersist()
    print("newsgraph: " + json.dumps(summary), file=sys.stderr)
    spark.stop()


def write_small(spark, path, text):
    """Writes one small file to any Hadoop URI through the JVM's FileSystem."""
    jvm = spark.sparkContext._jvm
    hpath = jvm.org.apache.hadoop.fs.Path(path)
    fs = hpath.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())
    stream = fs.create(hpath, True)
    try:
        stream.write(bytearray(text.encode("utf-8")))
    finally:
        stream.close()


if __name__ == "__main__":
    main(sys.argv[1:])
