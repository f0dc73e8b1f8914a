#!/usr/bin/env python3
"""Copy the event-data sources of the built-in relation table into dictionaries/, unchanged.

Usage:  python3 scripts/gen_verbs.py [SOURCES_DIR] [--out DIR]

newsgraph compiles in PETRARCH2's CAMEO verb dictionary (petrarch2/CAMEO.2.0.txt, MIT) and the
PLOVER project's CAMEO to PLOVER crosswalk (plover/CAMEO2PLOVER-2021.txt, CC BY-SA 4.0) as they
are, and reads them at start-up with the same Rust reader as `extract --verbs`
(src/relate/tabari.rs, src/relate/crosswalk.rs). Which CAMEO verbs the built-in table uses is
curated data, dictionaries/cameo-default.txt, not generated. This script copies the two files
byte for byte and prints their SHA-256, so a change upstream is a visible diff here.
Python 3 standard library only.
"""

import argparse
import hashlib
import os
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
FILES = [("petrarch2", "CAMEO.2.0.txt"), ("plover", "CAMEO2PLOVER-2021.txt")]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("sources", nargs="?", default=os.path.join(ROOT, "..", "shared", "sources"))
    ap.add_argument("--out", default=os.path.join(ROOT, "dictionaries"))
    a = ap.parse_args()
    for folder, name in FILES:
        src = os.path.join(a.sources, folder, name)
        dst = os.path.join(a.out, name)
        shutil.copyfile(src, dst)
        with open(dst, "rb") as f:
            print("%s  %s" % (hashlib.sha256(f.read()).hexdigest(), name))


if __name__ == "__main__":
    main()
