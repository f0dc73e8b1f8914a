#!/usr/bin/env python3
"""newsgraph against its peers and against the limit, in one run on one machine.

In the spirit of ripgrep's benchsuite: the same corpus and the same dictionary go through

  newsgraph       `newsgraph extract` (release build), all cores, and with --threads 1;
  limit           examples/bare_scan.rs: read, decompress, parse the JSON, run one
                  aho-corasick automaton of the same aliases, count matches; all cores,
                  and on 1 and 2 threads: how far the machine itself scales a scan that
                  shares nothing, the reference for the 2-threads target;
  spaCy           spacy.blank("en") + an EntityRuler of the aliases as phrase patterns
                  (attribute LOWER), nlp.pipe;
  FlashText       KeywordProcessor (case-insensitive), extract_keywords;
  pyahocorasick   an Automaton of the lowercased aliases over the lowercased text.

twice: with the built-in dictionaries' aliases (names, aliases, demonyms, metonyms, people columns of
dictionaries/*.tsv) and with a 100,000-entry dictionary (the built-ins plus generated company
names, used as `--no-default-dict --dict FOLDER`). Each is timed best of --runs, with its peak
memory (the child's maximum resident set), and the targets of the performance issue are checked:
newsgraph >= 50x spaCy and >= 10x FlashText, >= 40% of the limit, 2 threads >= 1.8x 1 thread,
and peak memory for 1 GB of input within 20% of that for 100 MB.

Timing rules, so that no number flatters newsgraph: newsgraph and the limit are timed end to
end (process start to exit: loading the dictionary and building the automaton included); the
Python peers are timed in-process over the scan only (reading and parsing the corpus, matching;
building their pattern tables is reported apart as "setup"). The Python peers run in one
process each, as they are normally used; the table also gives newsgraph on one thread for a
per-core comparison.

Everything it makes goes under target/ (gitignored): a virtual environment with the peers
(target/benchsuite-venv), the corpora (the Reuters-21578 stories repeated with changed ids) and
the dictionaries (target/benchsuite/). It needs python3 with venv, cargo, and the corpus at
../shared/corpora/reuters21578/articles.jsonl.gz (or --corpus).

    python3 scripts/benchsuite.py                  # everything, writes docs/benchmarks.md
    python3 scripts/benchsuite.py --quick          # one run each, smaller corpus, no 1 GB run
    python3 scripts/benchsuite.py --python-api .venv/bin/python   # adds the Python package
    python3 scripts/benchsuite.py --python-api .venv/bin/python --python-only --mb 20

With --python-api PYTHON (an interpreter with the package installed: `pip install .`, or
.venv/bin/python after .ci/run), `newsgraph.extract` is timed too, on 2 threads, against the
CLI's --threads 2, in articles per second (target: at least half the CLI's). It runs in that
interpreter over the corpus already read into dicts (reading them is the caller's part, as for
any iterable), timed from making the Extractor (dictionaries loaded) to the last record decoded
by json.loads, so it pays what the CLI pays and the decoding the CLI leaves to its reader.
--python-only runs that comparison alone (a minute, not the suite's twelve).
"""

import argparse
import gzip
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / "target" / "benchsuite-venv"
WORK = ROOT / "target" / "benchsuite"
PEER_PACKAGES = ["spacy==3.8.18", "flashtext==2.7", "pyahocorasick==2.3.1"]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "reuters21578" / "articles.jsonl.gz"
BIG_ENTRIES = 100_000
MB = 1_000_000


# ---------------------------------------------------------------------------------------------
# The peers, run in the virtual environment as `benchsuite.py --run-peer NAME PATTERNS CORPUS`.
# Each prints one JSON line: articles, bytes, matches, setup_s, scan_s.


def read_articles(corpus):
    """Yields (title + newline + text) per JSON line; counts bytes as read."""
    with open(corpus, "rb") as f:
        for line in f:
            obj = json.loads(line)
            yield len(line), (obj.get("title") or "") + "\n" + (obj.get("text") or "")


def run_peer(name, patterns_path, corpus):
    aliases = [a for a in Path(patterns_path).read_text(encoding="utf-8").split("\n") if a]
    t0 = time.perf_counter()
    if name == "spacy":
        import spacy

        nlp = spacy.blank("en")
        ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
        ruler.add_patterns([{"label": "ENT", "pattern": a} for a in aliases])

        def scan():
            n_articles = n_bytes = n = 0
            sizes = []

            def texts():
                for size, text in read_articles(corpus):
                    sizes.append(size)
                    yield text

            for doc in nlp.pipe(texts(), batch_size=256):
                n += len(doc.ents)
                n_articles += 1
            n_bytes = sum(sizes)
            return n_articles, n_bytes, n

    elif name == "flashtext":
        from flashtext import KeywordProcessor

        kp = KeywordProcessor(case_sensitive=False)
        kp.add_keywords_from_list(aliases)

        def scan():
            n_articles = n_bytes = n = 0
            for size, text in read_articles(corpus):
                n += len(kp.extract_keywords(text))
                n_articles += 1
                n_bytes += size
            return n_articles, n_bytes, n

    elif name == "pyahocorasick":
        import ahocorasick

        automaton = ahocorasick.Automaton()
        for i, a in enumerate(aliases):
            automaton.add_word(a.lower(), i)
        automaton.make_automaton()

        def scan():
            n_articles = n_bytes = n = 0
            for size, text in read_articles(corpus):
                n += sum(1 for _ in automaton.iter(text.lower()))
                n_articles += 1
                n_bytes += size
            return n_articles, n_bytes, n

    else:
        raise SystemExit(f"unknown peer {name}")
    t1 = time.perf_counter()
    articles, size, matches = scan()
    t2 = time.perf_counter()
    print(
        json.dumps(
            {
                "articles": articles,
                "bytes": size,
                "matches": matches,
                "setup_s": t1 - t0,
                "scan_s": t2 - t1,
                "peak_mb": peak_rss_mb(os.getpid()),
            }
        )
    )


def run_python_api(corpus, threads):
    """`newsgraph.extract` over the corpus (read into dicts first, untimed): one JSON line of
    articles, setup_s (the Extractor: loading the dictionaries) and scan_s (extracting and
    decoding every record)."""
    import newsgraph

    with open(corpus, "rb") as f:
        articles = [json.loads(line) for line in f]
    t0 = time.perf_counter()
    extractor = newsgraph.Extractor(threads=int(threads))
    t1 = time.perf_counter()
    records = extractor.extract(articles)
    n = relations = 0
    for r in records:
        n += 1
        relations += len(r["relations"])
    t2 = time.perf_counter()
    # The answer is checked: a run that stops finding things must not look faster.
    if n + len(records.rejects) != len(articles) or not relations:
        raise SystemExit(f"newsgraph.extract gave {n} records, {relations} relations for {len(articles)} articles")
    print(json.dumps({"articles": n, "relations": relations, "setup_s": t1 - t0, "scan_s": t2 - t1}))


def measure_python_api(python, corpus, threads):
    cmd = [python, __file__, "--run-python-api", str(corpus), str(threads)]
    _, rss, out, _ = run_measured(cmd, capture=True)
    r = json.loads(out.strip().splitlines()[-1])
    return {
        "time_s": r["setup_s"] + r["scan_s"],
        "setup_s": r["setup_s"],
        "rss_mb": rss,
        "bytes": corpus.stat().st_size,
        "articles": r["articles"],
        "matches": f"{r['relations']} relations",
    }


def python_only(python, newsgraph, corpus, runs):
    """The Python package against the CLI on 2 threads, best of `runs` each, interleaved."""
    size = corpus.stat().st_size
    with open(corpus, "rb") as f:
        articles = sum(1 for _ in f)
    cli, api = [], []
    for k in range(runs):
        log(f"   run {k + 1}: newsgraph extract --threads 2, newsgraph.extract(threads=2)")
        cli.append(measure_newsgraph(newsgraph, [], corpus, 2, size, articles))
        api.append(measure_python_api(python, corpus, 2))
    cli, api = best_of(cli), best_of(api)
    ratio = cli["time_s"] / api["time_s"]
    lines = [
        f"Corpus: {corpus.name} ({size / MB:.0f} MB, {articles:,} articles), best of {runs}.",
        "",
        "| tool | time (s) | start-up (s) | articles/s | peak memory (MB) | spread |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
        f"| newsgraph extract --threads 2 | {cli['time_s']:.2f} | | {articles / cli['time_s']:,.0f} | {cli['rss_mb']:.0f} | {cli['spread']:.0%} |",
        f"| newsgraph.extract, threads=2 (Python) | {api['time_s']:.2f} | {api['setup_s']:.2f} | {articles / api['time_s']:,.0f} | {api['rss_mb']:.0f} | {api['spread']:.0%} |",
        "",
        f"Python ÷ CLI, articles/s: {ratio:.0%} (target: at least 50%: {'holds' if ratio >= 0.5 else '**missed**'}).",
    ]
    print("\n".join(lines))
    return 0 if ratio >= 0.5 else 1


# ---------------------------------------------------------------------------------------------
# Preparing: builds, the virtual environment, dictionaries, corpora.


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def cargo_build():
    log("== cargo build --release (newsgraph, examples/bare_scan)")
    subprocess.run(
        ["cargo", "build", "--release", "--bin", "newsgraph", "--example", "bare_scan"],
        cwd=ROOT,
        check=True,
    )
    meta = subprocess.run(
        ["cargo", "metadata", "--format-version", "1", "--no-deps"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    target = Path(json.loads(meta.stdout)["target_directory"]) / "release"
    return target / "newsgraph", target / "examples" / "bare_scan"


def ensure_venv():
    python = VENV / "bin" / "python"
    probe = "import spacy, flashtext, ahocorasick"
    if python.exists() and subprocess.run([python, "-c", probe]).returncode == 0:
        return python
    log(f"== python peers into {VENV}: {' '.join(PEER_PACKAGES)}")
    subprocess.run([sys.executable, "-m", "venv", VENV], check=True)
    subprocess.run([python, "-m", "pip", "install", "--quiet", *PEER_PACKAGES], check=True)
    return python


def read_tsv(path):
    """Rows of a dictionary file as dicts (comments and blank lines skipped)."""
    header = None
    rows = []
    for line in Path(path).read_text(encoding="utf-8").split("\n"):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if header is None:
            header = cells
            continue
        rows.append(dict(zip(header, cells)))
    return rows


def aliases_of(row):
    """Every text newsgraph matches for an entry: name, aliases, demonyms, metonyms, people."""
    out = [row["name"]]
    for col in ("aliases", "demonyms", "metonyms", "people"):
        out += [a.strip() for a in row.get(col, "").split("|") if a.strip()]
    return out


def patterns_file(path, aliases):
    """One alias per line, deduplicated; non-ASCII aliases also in capitals, as the matcher's
    automaton has them (its ASCII case folding misses "TÜRKIYE")."""
    seen = set()
    lines = []
    for a in aliases:
        for form in (a, a.upper() if not a.isascii() else a):
            if form not in seen:
                seen.add(form)
                lines.append(form)
    Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


def synthetic_name(i):
    """A pronounceable, unique two-word company name for entry i ("Tavorin Quelmar")."""
    onsets = ["b", "k", "m", "r", "t", "v", "z", "qu", "d", "l", "p", "s", "n", "h", "f", "g"]
    nuclei = ["a", "e", "i", "o", "u", "ai", "ou", "ei"]

    def word(n, syllables):
        w = ""
        for _ in range(syllables):
            w += onsets[n % 16] + nuclei[(n // 16) % 8]
            n //= 128
        return (w + "n").capitalize()

    return f"{word(i, 3)} {word((i * 2654435761) % (1 << 21), 3)}"


def dictionaries():
    """(label, newsgraph dictionary arguments, patterns file, entries, aliases) for both sizes."""
    WORK.mkdir(parents=True, exist_ok=True)
    builtin_files = sorted((ROOT / "dictionaries").glob("*.tsv"))
    # The entity dictionaries: not the relation table nor the company-name grammar.
    builtin_files = [f for f in builtin_files if f.name not in ("relations.tsv", "company_names.tsv")]
    rows = [r for f in builtin_files for r in read_tsv(f)]
    builtin_aliases = [a for r in rows for a in aliases_of(r)]
    small = WORK / "aliases-builtin.txt"
    n_small = patterns_file(small, builtin_aliases)

    big_dir = WORK / "dict-100k"
    big_dir.mkdir(exist_ok=True)
    for f in builtin_files:
        (big_dir / f.name).write_bytes(f.read_bytes())
    extra = BIG_ENTRIES - len(rows)
    synthetic = ["id\ttype\tname\taliases\tcountry"]
    big_aliases = list(builtin_aliases)
    for i in range(extra):
        name = synthetic_name(i)
        synthetic.append(f"syn:{i}\tcompany\t{name} Holdings\t{name}\t")
        big_aliases += [f"{name} Holdings", name]
    (big_dir / "zz-synthetic.tsv").write_text("\n".join(synthetic) + "\n", encoding="utf-8")
    big = WORK / "aliases-100k.txt"
    n_big = patterns_file(big, big_aliases)
    return [
        ("built-in", [], small, len(rows), n_small),
        ("100,000 entries", ["--no-default-dict", "--dict", str(big_dir)], big, BIG_ENTRIES, n_big),
    ]


def repeated_corpus(source, target_bytes, name):
    """The source corpus repeated (ids changed: reuters-1~2 …) to at least target_bytes, plain
    JSON lines under target/benchsuite. Reused when already there."""
    path = WORK / name
    if path.exists() and path.stat().st_size >= target_bytes:
        return path
    log(f"== writing {path} ({target_bytes // MB} MB)")
    with gzip.open(source, "rb") if str(source).endswith(".gz") else open(source, "rb") as f:
        lines = f.read().splitlines()
    written = 0
    tmp = path.with_suffix(".tmp")
    with open(tmp, "wb") as out:
        k = 0
        while written < target_bytes:
            for line in lines:
                obj = json.loads(line)
                if k:
                    obj["id"] = f"{obj['id']}~{k + 1}"
                data = json.dumps(obj, ensure_ascii=False).encode("utf-8") + b"\n"
                out.write(data)
                written += len(data)
            k += 1
    tmp.rename(path)
    return path


# ---------------------------------------------------------------------------------------------
# Measuring.


def peak_rss_mb(pid):
    """The high-water resident set of a running process (VmHWM), in MB; 0 if gone."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def run_measured(cmd, capture=False):
    """Runs cmd; returns (wall seconds, peak RSS in MB, stdout text, stderr text).

    Peak memory is the child's VmHWM, polled every 5 ms: the child's own rusage would not do,
    since a child spawned from this (large) Python process starts with this process's high-water
    mark. VmHWM only grows, so polling misses at most the last few milliseconds."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out if capture else subprocess.DEVNULL, stderr=err)
        peak = 0.0
        while True:
            peak = max(peak, peak_rss_mb(proc.pid))
            pid, status = os.waitpid(proc.pid, os.WNOHANG)
            if pid:
                break
            time.sleep(0.005)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(map(str, cmd))} failed ({proc.returncode}):\n{stderr}")
    return wall, peak, stdout, stderr


def best_of(results):
    """Best (least time) of several runs; also their spread, to report noise."""
    times = [r["time_s"] for r in results]
    best = min(results, key=lambda r: r["time_s"])
    best["spread"] = (max(times) - min(times)) / min(times) if len(times) > 1 else 0.0
    best["rss_mb"] = max(r["rss_mb"] for r in results)
    return best


def measure_newsgraph(binary, dict_args, corpus, threads, size, articles):
    cmd = [binary, "extract", *dict_args, str(corpus)]
    if threads:
        cmd += ["--threads", str(threads)]
    wall, rss, _, err = run_measured(cmd)
    summary = err.strip().splitlines()[-1] if err.strip() else ""
    mentions = summary.split("(")[1].split(" mentions")[0] if " mentions" in summary else "?"
    relations = summary.split("), ")[1].split(" relations")[0] if " relations" in summary else "?"
    return {
        "time_s": wall,
        "setup_s": None,
        "rss_mb": rss,
        "bytes": size,
        "articles": articles,
        "matches": f"{mentions} mentions, {relations} relations",
    }


def measure_limit(binary, patterns, corpus, threads=None):
    cmd = [binary, "--patterns", str(patterns), str(corpus)]
    if threads:
        cmd += ["--threads", str(threads)]
    wall, rss, out, _ = run_measured(cmd, capture=True)
    fields = dict(kv.split("=") for kv in out.split())
    return {
        "time_s": wall,
        "setup_s": None,
        "rss_mb": rss,
        "bytes": int(fields["bytes"]),
        "articles": int(fields["articles"]),
        "matches": f"{int(fields['matches'])} raw matches",
    }


def measure_peer(python, name, patterns, corpus):
    cmd = [python, __file__, "--run-peer", name, str(patterns), str(corpus)]
    _, rss, out, _ = run_measured(cmd, capture=True)
    r = json.loads(out.strip().splitlines()[-1])
    return {
        "time_s": r["scan_s"],
        "setup_s": r["setup_s"],
        "rss_mb": max(rss, r["peak_mb"]),
        "bytes": r["bytes"],
        "articles": r["articles"],
        "matches": f"{r['matches']} matches",
    }


def machine():
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return f"{os.cpu_count()} cores ({model}){mem}, {platform.system()} {platform.release()}"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--run-peer", nargs=3, metavar=("NAME", "PATTERNS", "CORPUS"), help=argparse.SUPPRESS)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="JSON lines, plain or gzip")
    ap.add_argument("--mb", type=int, default=100, help="size of the timed corpus, MB (default 100)")
    # Five: on a shared VM one tool's runs spread by up to a fifth, and the best of three often
    # still held a slow run (every tool gets the same number of runs; spaCy one).
    ap.add_argument("--runs", type=int, default=5, help="timed runs per tool, best kept (default 5)")
    ap.add_argument("--peers", default="spacy,flashtext,pyahocorasick", help="Python peers to run")
    ap.add_argument("--no-memory", action="store_true", help="skip the 100 MB / 1 GB memory runs")
    ap.add_argument("--quick", action="store_true", help="--runs 1 --mb 20 --no-memory")
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md", help="Markdown report")
    ap.add_argument("--python-api", type=Path, metavar="PYTHON", help="also time newsgraph.extract in this interpreter")
    ap.add_argument("--python-only", action="store_true", help="only the Python package against the CLI")
    ap.add_argument("--run-python-api", nargs=2, metavar=("CORPUS", "THREADS"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.run_peer:
        run_peer(*args.run_peer)
        return 0
    if args.run_python_api:
        run_python_api(*args.run_python_api)
        return 0
    if args.quick:
        args.runs, args.mb, args.no_memory = 1, 20, True
    if not args.corpus.exists():
        raise SystemExit(f"{args.corpus}: no such corpus (give --corpus FILE)")
    if args.python_only and not args.python_api:
        raise SystemExit("--python-only needs --python-api PYTHON")

    newsgraph, bare_scan = cargo_build()
    if args.python_only:
        WORK.mkdir(parents=True, exist_ok=True)
        corpus = repeated_corpus(args.corpus, args.mb * MB, f"corpus-{args.mb}mb.jsonl")
        return python_only(args.python_api, newsgraph, corpus, args.runs)
    python = ensure_venv()
    dicts = dictionaries()
    corpus = repeated_corpus(args.corpus, args.mb * MB, f"corpus-{args.mb}mb.jsonl")
    size = corpus.stat().st_size
    with open(corpus, "rb") as f:
        articles = sum(1 for _ in f)
    peers = [p for p in args.peers.split(",") if p]
    log(f"== timed corpus: {corpus} ({size / MB:.0f} MB, {articles} articles), best of {args.runs}")

    sections = []
    verdicts = []
    # Not targets: what the machine itself gives, to read the targets against.
    references = []
    for label, dict_args, patterns, entries, n_aliases in dicts:
        log(f"== dictionary: {label} ({entries} entries, {n_aliases} aliases)")
        # Runs are interleaved (every tool once, then again …) so that a burst of load from
        # elsewhere spreads over all tools instead of sinking one.
        tools = [
            ("newsgraph extract (all cores)", lambda: measure_newsgraph(newsgraph, dict_args, corpus, None, size, articles)),
            ("newsgraph extract --threads 1", lambda: measure_newsgraph(newsgraph, dict_args, corpus, 1, size, articles)),
            ("newsgraph extract --threads 2", lambda: measure_newsgraph(newsgraph, dict_args, corpus, 2, size, articles)),
            ("limit: bare scan (all cores)", lambda: measure_limit(bare_scan, patterns, corpus)),
            # The limit on one and two threads: how far this machine itself scales a scan that
            # shares nothing (the reference for the 2-threads target).
            ("limit: bare scan --threads 1", lambda: measure_limit(bare_scan, patterns, corpus, 1)),
            ("limit: bare scan --threads 2", lambda: measure_limit(bare_scan, patterns, corpus, 2)),
        ]
        for p in peers:
            tools.append((f"{p} (1 process)", lambda p=p: measure_peer(python, p, patterns, corpus)))
        if args.python_api and not dict_args:
            tools.append(("newsgraph.extract, threads=2 (Python)", lambda: measure_python_api(args.python_api, corpus, 2)))
        results = {name: [] for name, _ in tools}
        for k in range(args.runs):
            for name, measure in tools:
                # spaCy is run once: its spread is far below the margins measured.
                if k > 0 and name.startswith("spacy"):
                    continue
                log(f"   run {k + 1}: {name}")
                results[name].append(measure())
        rows = [(name, best_of(results[name])) for name, _ in tools]
        # Start-up (dictionary loading, automaton building), timed on an empty input, so that
        # throughput after start-up can be given too.
        empty = WORK / "empty.jsonl"
        empty.write_bytes(b"")
        # Each with its own number of threads: loading runs partly in parallel.
        startup = {}
        for name, threads in ((rows[0][0], None), (rows[1][0], 1), (rows[2][0], 2)):
            startup[name] = min(
                measure_newsgraph(newsgraph, dict_args, empty, threads, 0, 0)["time_s"] for _ in range(args.runs)
            )
        for name, threads in ((rows[3][0], None), (rows[4][0], 1), (rows[5][0], 2)):
            startup[name] = min(measure_limit(bare_scan, patterns, empty, threads)["time_s"] for _ in range(args.runs))
        for name, r in rows:
            if name in startup:
                r["setup_s"] = startup[name]
                r["steady_mbps"] = r["bytes"] / MB / max(r["time_s"] - startup[name], 1e-9)
            else:
                r["steady_mbps"] = r["bytes"] / MB / r["time_s"]
        ng, ng1, ng2, limit, limit1, limit2 = (r for _, r in rows[:6])
        for name, r in rows:
            r["mbps"] = r["bytes"] / MB / r["time_s"]
            r["aps"] = r["articles"] / r["time_s"]
            log(f"   {name}: {r['time_s']:.2f}s {r['mbps']:.1f} MB/s {r['rss_mb']:.0f} MB ({r['matches']})")
        base = ng["mbps"]
        table = [
            "| tool | time (s) | start-up (s) | MB/s | MB/s after start-up | articles/s | peak memory (MB) | newsgraph ÷ tool | found |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
        ]
        for name, r in rows:
            setup = f"{r['setup_s']:.2f}"
            table.append(
                f"| {name} | {r['time_s']:.2f} | {setup} | {r['mbps']:.1f} | {r['steady_mbps']:.1f} | {r['aps']:,.0f} | "
                f"{r['rss_mb']:.0f} | {base / r['mbps']:.2f}× | {r['matches']} |"
            )
        if "newsgraph.extract, threads=2 (Python)" in dict(rows):
            got = ng2["time_s"] / dict(rows)["newsgraph.extract, threads=2 (Python)"]["time_s"]
            verdicts.append(("newsgraph.extract from Python ≥ 50% of the CLI's articles/s (2 threads)", f"{got:.0%}", got >= 0.5))
        noise = max(r["spread"] for _, r in rows)
        sections.append(
            f"### Dictionary: {label} ({entries:,} entries, {n_aliases:,} aliases)\n\n"
            + "\n".join(table)
            + f"\n\nLargest spread between runs of one tool: {noise:.0%}.\n"
        )
        by = dict(rows)
        checks = [
            (f"newsgraph ≥ 50× spaCy ({label})", "spacy (1 process)", 50.0),
            (f"newsgraph ≥ 10× FlashText ({label})", "flashtext (1 process)", 10.0),
        ]
        for what, peer, want in checks:
            if peer in by:
                got = base / by[peer]["mbps"]
                verdicts.append((what, f"{got:.0f}×", got >= want))
        got = base / limit["mbps"]
        steady = ng["steady_mbps"] / limit["steady_mbps"]
        verdicts.append(
            (f"newsgraph ≥ 40% of the limit ({label})", f"{got:.0%} ({steady:.0%} after start-up)", got >= 0.40)
        )
        got = ng2["mbps"] / ng1["mbps"]
        steady = ng2["steady_mbps"] / ng1["steady_mbps"]
        verdicts.append(
            (f"2 threads ≥ 1.8× 1 thread ({label})", f"{got:.2f}× ({steady:.2f}× after start-up)", got >= 1.8)
        )
        got = limit2["mbps"] / limit1["mbps"]
        steady = limit2["steady_mbps"] / limit1["steady_mbps"]
        references.append(
            (f"the limit, 2 threads ÷ 1 thread ({label})", f"{got:.2f}× ({steady:.2f}× after start-up)")
        )

    memory = ""
    if not args.no_memory:
        label, dict_args = dicts[0][0], dicts[0][1]
        c100 = repeated_corpus(args.corpus, 100 * MB, "corpus-100mb.jsonl")
        c1g = repeated_corpus(args.corpus, 1000 * MB, "corpus-1gb.jsonl")
        rss = {}
        for name, c in (("100 MB", c100), ("1 GB", c1g)):
            log(f"== memory: newsgraph on {name}")
            with open(c, "rb") as f:
                n = sum(1 for _ in f)
            rss[name] = measure_newsgraph(newsgraph, dict_args, c, None, c.stat().st_size, n)
            r = rss[name]
            r["mbps"] = r["bytes"] / MB / r["time_s"]
        ratio = rss["1 GB"]["rss_mb"] / rss["100 MB"]["rss_mb"]
        memory = (
            "### Memory as the corpus grows (newsgraph, built-in dictionaries, all cores)\n\n"
            "| input | time (s) | MB/s | peak memory (MB) |\n| --- | ---: | ---: | ---: |\n"
            + "".join(
                f"| {k} | {v['time_s']:.1f} | {v['mbps']:.1f} | {v['rss_mb']:.0f} |\n" for k, v in rss.items()
            )
            + f"\n1 GB ÷ 100 MB peak memory: {ratio:.2f}.\n"
        )
        verdicts.append(("peak memory, 1 GB within 20% of 100 MB", f"{ratio:.2f}×", abs(ratio - 1) <= 0.20))

    lines = [
        "# Benchmarks",
        "",
        "Measured by `python3 scripts/benchsuite.py` (see its docstring for the method). Rerun it to",
        "check them on your machine; on a shared or busy machine, expect the spread noted below.",
        "",
        f"Machine: {machine()}. Corpus: the Reuters-21578 stories (`{args.corpus.name}`) repeated with",
        f"changed ids to {size / MB:.0f} MB of plain JSON lines ({articles:,} articles); best of {args.runs}",
        "(spaCy: one run). newsgraph and the limit are timed end to end, dictionary loading included;",
        "the Python peers over their scan only (reading, JSON, matching), their setup apart.",
        "\"Start-up\" for newsgraph and the limit is a run on an empty input (loading the dictionary,",
        "building the automaton); \"after start-up\" divides by the time less that.",
        "\"newsgraph ÷ tool\" is newsgraph's throughput on all cores over the tool's. Counts differ",
        "by design: newsgraph keeps whole-word, case-checked, non-overlapping mentions; the limit and",
        "pyahocorasick count every raw overlapping hit; spaCy and FlashText their own word matches.",
        "",
        *sections,
        memory,
        "### Targets",
        "",
        "| target | measured | holds |",
        "| --- | ---: | --- |",
        *[f"| {w} | {g} | {'yes' if ok else '**no**'} |" for w, g, ok in verdicts],
        "",
        "For reference (not targets): the limit, a scan that shares nothing between threads, on",
        "this machine:",
        "",
        *[f"- {w}: {g}" for w, g in references],
        "",
    ]
    report = "\n".join(lines)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report, encoding="utf-8")
    print(report)
    log(f"== written to {args.out}")
    return 0 if all(ok for _, _, ok in verdicts) else 1


if __name__ == "__main__":
    sys.exit(main())
