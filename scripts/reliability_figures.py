#!/usr/bin/env python3
"""The measured column of docs/reliability.md: every hostile input, fault and dictionary abuse of
issue #9 run against the release binary, with its exit status, wall time and peak memory.

Each case is generated here (under target/reliability/, gitignored; the biggest are streamed)
and run with GNU time (`/usr/bin/time -f '%e %M'`: seconds and the child's maximum resident
set). The tests in tests/it/ assert the outcomes and the memory bounds; this script only
measures, so the figures in the document come from one command:

    cargo build --release && python3 scripts/reliability_figures.py

It prints a Markdown table: case, exit status, seconds, peak MB.
"""

import gzip
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "target" / "reliability"
BIN = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target")) / "release" / "newsgraph"
GOOD = b'{"id":"good","text":"China met Japan."}\n'


def write(name, data):
    p = WORK / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(data)
    return name


def measure(label, args, feed=None, shell=None):
    """Runs `newsgraph extract ARGS` (or the `shell` command) under GNU time in WORK; `feed`
    writes its standard input from here. Prints and returns the row's standard error."""
    timing = WORK / ".time"
    if shell is not None:
        cmd = ["/usr/bin/time", "-o", str(timing), "-f", "%e %M", "sh", "-c", shell]
    else:
        cmd = ["/usr/bin/time", "-o", str(timing), "-f", "%e %M", str(BIN), "extract"] + args
    p = subprocess.Popen(
        cmd,
        cwd=WORK,
        stdin=subprocess.PIPE if feed else subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    if feed:
        try:
            feed(p.stdin)
        except BrokenPipeError:
            pass
        p.stdin.close()
    err = p.stderr.read().decode(errors="replace")
    code = p.wait()
    # GNU time writes "Command exited with non-zero status N" before the figures.
    secs, kb = timing.read_text().split("\n")[-2].split()
    assert "panicked" not in err, f"{label}: {err}"
    print(f"| {label} | {code} | {float(secs):.2f} | {int(kb) / 1024:.0f} |", flush=True)
    return err


def articles(n, text="China met Japan, story {i}."):
    return "".join(json.dumps({"id": str(i), "text": text.format(i=i)}) + "\n" for i in range(n)).encode()


def corpus(n):
    """corpus/articles.jsonl repeated with new ids."""
    arts = [json.loads(l) for l in (ROOT / "corpus" / "articles.jsonl").read_text().splitlines()]
    out = []
    for i in range(n):
        a = dict(arts[i % len(arts)])
        a["id"] = f"{a['id']}-{i}"
        out.append(json.dumps(a))
    return ("\n".join(out) + "\n").encode()


def zstd(data, level=3):
    return subprocess.run(["zstd", f"-{level}", "-c", "-q"], input=data, stdout=subprocess.PIPE, check=True).stdout


def hostile():
    write("good.jsonl", GOOD)
    rng = random.Random(0x5EED)
    measure("empty run (start-up, built-in dictionaries)", [write("empty.jsonl", b"")])
    measure("binary file named .jsonl, 1 MB", [write("binary.jsonl", rng.randbytes(1 << 20)), "good.jsonl"])
    b = bytearray(rng.randbytes(4096))
    b[10] = 0
    measure("binary file named .txt", [write("photo.txt", bytes(b)), "good.jsonl"])
    small = {
        "blank.jsonl": b"\n\n  \r\n\t\n",
        "no-final-newline.jsonl": b'{"id":"a","text":"x"}\n{"id":"b","text":"y"}',
        "crlf.jsonl": b'{"id":"a","text":"x"}\r\n{"id":"b","text":"y"}\r\n',
        "bom.jsonl": b'\xef\xbb\xbf{"id":"a","text":"x"}\n',
        "nul.jsonl": b'{"id":"a","text":"x\0y"}\n\0\0\n{"id":"b","text":"China\\u0000Japan"}\n',
        "bad-utf8.jsonl": b'{"id":"a","text":"Chi\xc3\x28na"}\n',
        "surrogates.jsonl": b'{"id":"a","text":"\\ud800"}\n{"id":"b","text":"\\udc00\\ud800"}\n',
        "duplicate-ids.jsonl": b'{"id":"a","text":"China"}\n{"id":"a","text":"Japan"}\n',
    }
    measure("small hostile files, all in one run", [write(k, v) for k, v in small.items()] + ["good.jsonl"])
    nested = b"[" * 10_000 + b"]" * 10_000 + b"\n" + b'{"id":"x","text":"t","deep":' + b"[" * 10_000 + b"\n"
    measure("JSON nested 10,000 deep", [write("nested.jsonl", nested), "good.jsonl"])

    def line_200mb(w):
        chunk = b"a" * (1 << 20)
        w.write(b'{"id":"huge","text":"')
        for _ in range(200_000_000 // len(chunk)):
            w.write(chunk)
        w.write(b'"}\n' + GOOD)

    measure("one line of 200 MB (standard input)", ["--rejects", "rejects.jsonl"], feed=line_200mb)
    prose = "the quick brown fox jumps over the lazy dog, again and again; "
    text = (prose * (10_000_000 // len(prose) + 1))[:10_000_000]
    write("big.jsonl", json.dumps({"id": "big", "text": text}).encode() + b"\n" + GOOD)
    measure("article of 10 million characters (reject)", ["big.jsonl"])
    measure("article of 10 million characters, --max-article-bytes 20000000", ["big.jsonl", "--max-article-bytes", "20000000"])
    names = ["China", "Japan", "Germany", "France", "Russia", "Iran", "Canada", "Brazil", "India", "Mexico"]
    t = " ".join(names[i % 10] for i in range(100_000))
    measure("100,000 entity names in a row", [write("names.jsonl", json.dumps({"id": "n", "text": t}).encode() + b"\n")])
    clauses = ["China banned Huawei", "Japan sanctioned Russia", "France met Germany", "Iran pressured Canada"]
    long = " and ".join(clauses[i % 4] for i in range(50_000))
    measure("run-on sentence of 50,000 clauses with relations", [write("run-on.jsonl", json.dumps({"id": "l", "text": long + "."}).encode() + b"\n")])
    plain = articles(50_000)
    gz = gzip.compress(plain, 9)
    zs = zstd(plain)
    measure("truncated gzip (half of 50,000 articles)", [write("cut.jsonl.gz", gz[: len(gz) // 2]), "good.jsonl"])
    measure("truncated zstd (half of 50,000 articles)", [write("cut.jsonl.zst", zs[: len(zs) // 2]), "good.jsonl"])
    for name, block, z in [
        ("gzip bomb: 4 GiB of zeros", b"\0" * (1 << 20), False),
        ("gzip bomb: 4 GiB of blank lines", b"\n" * (1 << 20), False),
        ("gzip bomb: 4 GiB of `{}` lines", b"{}\n" * (1 << 18), False),
        ("zstd bomb: 4 GiB of zeros", b"\0" * (1 << 20), True),
    ]:
        member = zstd(block, 19) if z else gzip.compress(block, 9)
        f = write("bomb.jsonl" + (".zst" if z else ".gz"), member * 4096)
        measure(f"{name} ({len(member) * 4096 / 1e6:.1f} MB)", [f, "good.jsonl", "--rejects", "rejects.jsonl"])


def faults():
    write("a.jsonl", articles(50_000))
    measure("standard output to /dev/full", [], shell=f"exec '{BIN}' extract a.jsonl > /dev/full")
    measure("-o FILE, write fails part-way (ulimit -f 64)", [], shell=f"trap '' XFSZ; ulimit -f 64; exec '{BIN}' extract a.jsonl -o out.jsonl")
    measure("closed pipe (| head -1)", [], shell=f"'{BIN}' extract a.jsonl | head -1 > /dev/null")
    if not (WORK / "dangling.jsonl").is_symlink():
        os.symlink("nowhere.jsonl", WORK / "dangling.jsonl")
    measure("unreadable inputs (/proc/self/mem, dangling link, missing file)", ["/proc/self/mem", "a.jsonl", "dangling.jsonl", "missing.jsonl"])


def resume():
    n = 100_000
    write("corpus.jsonl", corpus(n))
    measure(f"-o, {n:,} articles (corpus/ repeated), 2 threads", ["corpus.jsonl", "-o", "plain.jsonl", "-j", "2"])
    measure("-o --resume, the same, uninterrupted", ["corpus.jsonl", "-o", "res.jsonl", "-j", "2", "--resume"])
    # Killed after its first checkpoint, then resumed.
    p = subprocess.Popen([str(BIN), "extract", "corpus.jsonl", "-o", "k.jsonl", "-j", "2", "--resume"], cwd=WORK, stderr=subprocess.DEVNULL)
    ck = WORK / ".k.jsonl.checkpoint"
    while not ck.exists():
        time.sleep(0.002)
    time.sleep(1.0)
    p.send_signal(signal.SIGKILL)
    p.wait()
    items = json.loads(ck.read_text())["progress"]["items"]
    measure(f"-o --resume after kill -9 (checkpoint at {items:,} records)", ["corpus.jsonl", "-o", "k.jsonl", "-j", "2", "--resume"])
    same = (WORK / "k.jsonl").read_bytes() == (WORK / "plain.jsonl").read_bytes()
    print(f"resumed output identical to the uninterrupted one: {same}", file=sys.stderr)
    for f in ["corpus.jsonl", "plain.jsonl", "res.jsonl", "k.jsonl"]:
        (WORK / f).unlink()


def dictionaries():
    h = "id\ttype\tname\taliases\n"
    write("good.jsonl", GOOD)
    cases = [
        ("dictionary: empty and whitespace list items", h + "acme\tcompany\tAcme\tAcme Co||   |ACME|\n"),
        ("dictionary: one-letter alias", h + "acme\tcompany\tAcme\tA\n"),
        ("dictionary: 10,000-character alias", h + "acme\tcompany\tAcme\t" + "The " * 2500 + "\n"),
        ("dictionary: one alias repeated a million times in one entry (13 MB)", h + "acme\tcompany\tAcme\t" + "|".join(["Acme Rockets"] * 1_000_000) + "\n"),
        ("dictionary: a million entities claiming one alias (21 MB)", h + "".join(f"e{i}\tcompany\tAcme\t\n" for i in range(1_000_000))),
        ("dictionary: an id used a million times", h + "acme\tcompany\tAcme\t\n" * 1_000_000),
    ]
    for label, text in cases:
        f = write("d.tsv", text.encode())
        measure(label, ["good.jsonl", "--no-default-dict", "--dict", f])


def main():
    if not BIN.exists():
        sys.exit(f"{BIN}: build it first (cargo build --release)")
    WORK.mkdir(parents=True, exist_ok=True)
    print("| case | exit | seconds | peak MB |")
    print("| --- | ---: | ---: | ---: |")
    hostile()
    faults()
    resume()
    dictionaries()


if __name__ == "__main__":
    main()
