"""Proves the Spark job against one single-machine run (CI, and the README's acceptance run).

    python spark/check_job.py --binary target/release/newsgraph INPUT [--head N] [--fail-once]

Runs `newsgraph extract` and `newsgraph stats` once on INPUT (JSON lines, plain or gzip), then
the Spark job with spark-submit in local[2] (local[2,2]: two cores, a failed task retried
once) and checks, byte for byte: the job's records, concatenated in part order, equal the
single-machine records sorted by (id, bytes); its merged stats.json equals single-machine
`stats`; its rejects are the single-machine rejects, each with its file and line. With
--fail-once the same runs with one task failing on its first attempt, and the checks also
require that the fault really happened. Exits non-zero, saying what differs, on any mismatch.
spark-submit is looked up beside this Python (the .venv that .ci/run makes).
"""

import argparse
import glob
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def fail(msg):
    sys.exit(f"check_job: FAIL: {msg}")


def sort_key(line):
    return (json.loads(line)["id"].encode("utf-8"), line)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("input")
    p.add_argument("--binary", required=True)
    p.add_argument("--head", type=int, default=0, help="use the first N lines of INPUT")
    p.add_argument("--fail-once", action="store_true", help="also run with an injected fault")
    p.add_argument("--split-bytes", type=int, default=0,
                   help="spark.sql.files.maxPartitionBytes (default: input size / 6)")
    p.add_argument("--keep", help="keep the work folder here")
    a = p.parse_args()

    venv_bin = os.path.dirname(sys.executable)
    submit = os.path.join(venv_bin, "spark-submit")
    if not os.path.exists(submit):
        fail(f"no spark-submit at {submit}: install pyspark into this Python's venv "
             "(bash .ci/run does)")
    binary = os.path.abspath(a.binary)
    for path in (binary, a.input):
        if not os.path.exists(path):
            fail(f"{path}: not found")
    work = a.keep or tempfile.mkdtemp(prefix="newsgraph-spark-check-")
    os.makedirs(work, exist_ok=True)
    try:
        # Plain JSON lines, so Spark can split the file: several partitions even for a small
        # input, which is what the checks are about.
        opener = gzip.open if a.input.endswith(".gz") else open
        data = os.path.join(work, "input.jsonl")
        with opener(a.input, "rb") as src, open(data, "wb") as dst:
            for n, line in enumerate(src):
                if a.head and n >= a.head:
                    break
                dst.write(line)
        # A few rejects, at known lines, so the rejects output is checked too.
        with open(data, "ab") as dst:
            dst.write(b"not json\n\n{\"id\": \"no-text\"}\n")

        t = time.time()
        single = subprocess.run([binary, "extract", "--quiet", "--threads", "2",
                                 "--rejects", os.path.join(work, "single-rejects.jsonl"), data],
                                check=True, capture_output=True).stdout
        single_seconds = time.time() - t
        lines = single.decode("utf-8").splitlines(keepends=True)
        want_records = "".join(sorted(lines, key=sort_key)).encode("utf-8")
        want_stats = subprocess.run([binary, "stats", "--quiet"], input=single,
                                    check=True, capture_output=True).stdout
        want_rejects = open(os.path.join(work, "single-rejects.jsonl"), "rb").read()
        articles = len(lines)
        print(f"check_job: single machine: {articles} articles in {single_seconds:.1f} s "
              f"(2 threads)")

        split = a.split_bytes or max(4096, os.path.getsize(data) // 6)
        for fault in [False, True] if a.fail_once else [False]:
            out = os.path.join(work, "out-fault" if fault else "out")
            env = dict(os.environ, PYSPARK_PYTHON=sys.executable,
                       PATH=venv_bin + os.pathsep + os.environ.get("PATH", ""))
            cmd = [submit, "--master", "local[2,2]", "--conf", "spark.ui.enabled=false",
                   "--conf", f"spark.sql.files.maxPartitionBytes={split}",
                   os.path.join(HERE, "newsgraph_job.py"), data, "-o", out,
                   "--binary", binary]
            if fault:
                cmd += ["--fail-once-partition", "1"]
            t = time.time()
            run = subprocess.run(cmd, env=env, capture_output=True)
            log = run.stderr.decode("utf-8", "replace")
            with open(out + ".log", "w") as f:
                f.write(log)
            if run.returncode != 0:
                fail(f"spark-submit exited {run.returncode}; log: {out}.log\n{log[-3000:]}")
            label = "with an injected fault" if fault else "no fault"
            if fault and "injected fault: partition 1, attempt 0" not in log:
                fail("the injected fault did not happen")
            parts = sorted(glob.glob(os.path.join(out, "records", "part-*")))
            got = b"".join(open(x, "rb").read() for x in parts)
            if got != want_records:
                fail(f"{label}: records differ from single-machine extract sorted by id "
                     f"({len(got)} vs {len(want_records)} bytes); see {work}")
            if open(os.path.join(out, "stats.json"), "rb").read() != want_stats:
                fail(f"{label}: merged stats differ from single-machine stats; see {work}")
            rejects = [json.loads(x) for x in
                       b"".join(open(x, "rb").read() for x in
                                sorted(glob.glob(os.path.join(out, "rejects", "part-*"))))
                       .decode("utf-8").splitlines()]
            total = sum(1 for _ in open(data, "rb"))
            want_lines = [total - 2, total]
            if [r["line"] for r in rejects] != want_lines or \
                    "".join(r["record"] + "\n" for r in rejects).encode() != want_rejects or \
                    not all(r["file"].endswith("/input.jsonl") for r in rejects):
                fail(f"{label}: rejects {rejects} are not lines {want_lines} of input.jsonl")
            summary = json.load(open(os.path.join(out, "summary.json")))
            if summary["articles"] != articles or summary["rejects"] != 2:
                fail(f"{label}: summary {summary}")
            if summary["partitions"] < 2:
                fail(f"{label}: one partition only; the check needs several")
            print(f"check_job: spark local[2] {label}: {summary['partitions']} partitions, "
                  f"{articles} records and stats identical, rejects at lines {want_lines}, "
                  f"{time.time() - t:.1f} s wall, job {summary['seconds']} s, "
                  f"{summary['articles_per_second_per_core']} articles/s per core")
    finally:
        if not a.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
