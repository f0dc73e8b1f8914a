#!/usr/bin/env python3
"""Generate newsgraph's default dictionaries (dictionaries/*.tsv) from the source data.

Usage:  python3 scripts/gen_dictionaries.py [SOURCES_DIR] [--out DIR]

SOURCES_DIR defaults to ../shared/sources relative to the repository root; it must hold
dr5hn-countries/, mledoze-countries/, petrarch2/, sec-company-tickers/ and us-federal-agencies/
(each with its SOURCE.md). Curated additions and decisions are data in scripts/curated/.
Python 3 standard library only. The output is deterministic: entries are sorted by id and
every list keeps a fixed order, so running the script twice gives identical bytes.
After writing, the files are checked (column counts, unique ids, alias sanity, no alias shared
by two entities of one file, seed entities present) and a summary is printed; a failed check
exits with status 1.
"""

import argparse
import csv
import json
import os
import re
import sys
import unicodedata
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CURATED = os.path.join(HERE, "curated")

COLUMNS = {
    "countries": ["id", "type", "name", "aliases", "country", "wikidata", "demonyms", "metonyms", "people",
                  "refs"],
    "agencies": ["id", "type", "name", "aliases", "country", "wikidata", "metonyms", "refs"],
    "companies": ["id", "type", "name", "aliases", "country", "wikidata", "refs"],
}

# --------------------------------------------------------------------------------------------
# small helpers


def clean(s):
    """Collapse whitespace; remove characters a dictionary field cannot hold."""
    s = (s or "").replace("\t", " ").replace("|", " ")
    return re.sub(r"\s+", " ", s).strip()


def fold(s):
    """ASCII-fold letters with diacritics (Bogotá -> Bogota); other characters unchanged."""
    out = unicodedata.normalize("NFKD", s)
    return "".join(c for c in out if not unicodedata.combining(c))


def slug(s):
    s = fold(s).lower().replace("&", " and ").replace("'", "").replace("’", "")
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


def is_latin(s):
    for c in s:
        if c.isalpha() and "LATIN" not in unicodedata.name(c, ""):
            return False
    return True


def key(s):
    """Collision key: what the matcher would treat as the same surface form."""
    return clean(s).casefold()


def covers(kept, form):
    """Does the alias `kept`, under case auto, already match the text `form`? (As the matcher:
    the same, capitalised at some word starts as in a title-cased headline, or all in capitals.)
    "UN refugee agency" covers "UN Refugee Agency"; not the other way round."""
    if form == kept.upper():
        return True
    if len(form) != len(kept):
        return False
    word_start = True
    for k, f in zip(kept, form):
        if k != f and not (word_start and k.islower() and k.upper() == f):
            return False
        word_start = not k.isalnum()
    return True


def uniq(seq):
    seen, out = set(), []
    for x in seq:
        x = clean(x)
        if x and x not in seen:
            seen.add(x)
            out.append(x)
    return out


def read_tsv(path):
    """Read a curated TSV: '#' comments, a header line, then rows (as dicts)."""
    rows, header = [], None
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = cells
                continue
            cells += [""] * (len(header) - len(cells))
            row = {h: c.strip() for h, c in zip(header, cells)}
            row["_line"] = n
            rows.append(row)
    return rows


def split_list(s):
    return [clean(x) for x in (s or "").split("|") if clean(x)]


def read_words(path):
    with open(path, encoding="utf-8") as f:
        return {w.strip().lower() for w in f if w.strip() and not w.startswith("#")}


def entity(id_, type_, name, **kw):
    e = {"id": id_, "type": type_, "name": clean(name), "aliases": [], "country": "",
         "wikidata": "", "demonyms": [], "metonyms": [], "refs": [], "rank": (9,), "trusted": set()}
    e.update(kw)
    return e


def apostrophe_variants(forms):
    """Add the typographic-apostrophe spelling of forms written with ' (People's -> People’s)."""
    out = []
    for f in forms:
        out.append(f)
        if "'" in f:
            out.append(f.replace("'", "’"))
    return out


def fold_variants(forms):
    out = []
    for f in forms:
        out.append(f)
        g = fold(f)
        if g != f:
            out.append(g)
    return out


# --------------------------------------------------------------------------------------------
# name casing for upper-case source names (SEC registrants, PETRARCH phrases)

SMALL = {"of", "and", "the", "for", "in", "on", "at", "to", "de", "du", "la", "le", "del", "des",
         "di", "da", "von", "van", "y", "e", "et", "a", "an", "or", "by", "with"}
COMMON3 = set("""one two six ten new old big top air oil gas sun sea sky red bio art car lab net web app
age ice key max pro all now way bay ace aim arc ark box can cup day dot eye fan fit fly fox fun gem hub
ink jet joy law leg med men mix nut oak ore owl pay pet pod ray rig row san sub tax tea tin toy via war
win zen zip bar bed bee bet bit bow bus cab cat cow cry cut dog dry due ear eat egg end era fat fee few
fig fin fix fur gap get god gum gun guy hat hen her him hip his hit hot how hut ill inn jam jaw job jug
kid kit lap lay led let lid lie lip log lot low mad map mat may mud mug nap nor not oar odd off oil one
our out owe own pad pan pen pie pig pin pit pop pot put rat raw rib rid rim rod rot rub rug run sad saw
say see set sew she shy sin sip sit ski sly son soy spa spy sum tab tag tan tap tar the tie tip toe ton
too tow try tub two use van vat vet vow wax web wet who why wig wit yes yet you zoo mid gold rock
sri rio dow""".split())
VOWELS = set("aeiouy")
FIXED_CASE = {"co": "Co", "inc": "Inc", "corp": "Corp", "ltd": "Ltd", "llc": "LLC", "com": "Com",
              "plc": "plc", "bancorp": "Bancorp", "bhd": "Bhd", "tbk": "Tbk"}


def tc_word(w, first):
    if not w:
        return w
    lw = w.lower()
    letters = [c for c in lw if c.isalpha()]
    if not letters:
        return w
    if any(c.isdigit() for c in w):
        return w.upper()
    if lw in FIXED_CASE:
        return FIXED_CASE[lw]
    if len(letters) == 1:
        return w.upper() if first or lw not in SMALL else lw
    if lw in SMALL and not first:
        return lw
    if not (set(letters) & VOWELS):
        return w.upper()
    if len(letters) <= 3 and lw not in COMMON3 and lw not in SMALL:
        return w.upper()
    if lw.startswith("mc") and len(lw) > 3:
        return "Mc" + lw[2:].capitalize()
    if "'" in w:
        parts = lw.split("'")
        out = [parts[0].capitalize()]
        for p in parts[1:]:
            out.append(p if sum(c.isalpha() for c in p) <= 1 else p.capitalize())  # "DILLARD'S," -> "Dillard's,"
        return "'".join(out)
    return lw.capitalize()


def smart_title(s):
    """Title-case an ALL-CAPS name, keeping acronyms (IBM, LTC, AT&T, S&P) in capitals."""
    tokens = s.split(" ")
    out = []
    for i, tok in enumerate(tokens):
        if "&" in tok and sum(c.isalpha() for c in tok) <= 4:
            out.append(tok.upper())
            continue
        # initials such as J.P. or U.S.
        if re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]?\.?", tok):
            out.append(tok.upper())
            continue
        pieces = re.split(r"([-/&.])", tok)
        res, first = [], (i == 0)
        for p in pieces:
            if p in "-/&.":
                res.append(p)
            else:
                res.append(tc_word(p, first))
                first = first and p == ""
        out.append("".join(res))
    return " ".join(out)


def has_lower(s):
    return any(c.islower() for c in s)


# --------------------------------------------------------------------------------------------
# company-name cleaning (SEC registrant names and PETRARCH MNC phrases)

US_STATES = set("""AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH
NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC PR""".split())
TAG_COUNTRY = {"CAN": "CAN", "UK": "GBR", "ENG": "GBR", "NEW": "", "ADR": "", "FI": "", "BM": "BMU"}

SUFFIXES = [
    ("andco", r",?\s+&\s+(?:Co\.?|Company)$"),
    ("inc", r",?\s+(?:Inc\.?|Incorporated)$"),
    ("corp", r",?\s+(?:Corp\.?|Corporation)$"),
    ("co", r",?\s+(?:Co\.?|Company)$"),
    ("ltd", r",?\s+(?:Ltd\.?|Limited)$"),
    ("plc", r",?\s+(?:plc|p\.l\.c\.)$"),
    ("other", r",?\s+(?:N\.\s?V\.?|NV|S\.A\.B\.? de C\.V\.?|SAB de CV|S\.A\.?|SA|S\.p\.A\.?|SpA|AG|SE|AB|ASA|A/S|"
              r"Oyj|Tbk|Bhd|Berhad|KGaA|Aktiengesellschaft|L\.?L\.?C\.?|L\.P\.?|LP|Ltda\.?|GmbH|S\.A\.S\.?|"
              r"Limited Partnership|de C\.V\.?)$"),
    ("hold", r",?\s+(?:Holdings?|Group)$"),
]
SUFFIX_VARIANTS = {
    "inc": [" Inc", " Inc.", ", Inc.", " Incorporated"],
    "corp": [" Corp", " Corp.", " Corporation"],
    "co": [" Co.", " Company"],
    "andco": [" & Co.", " & Company"],
    "ltd": [" Ltd", " Ltd.", " Limited"],
    "plc": [" plc", " PLC"],
}


LEGAL_WORDS = {"inc", "corp", "co", "ltd", "plc", "corporation", "company", "limited", "incorporated",
               "holdings", "holding", "group", "sa", "ag", "nv", "se", "llc", "lp", "spa", "ab", "asa"}


def strip_tags(raw):
    """Remove SEC state/role tags: 'QUALCOMM INC/DE' -> ('QUALCOMM INC', ['DE'])."""
    s, tags = raw.strip(), []
    while True:
        m = re.search(r"\s*/\s*([A-Za-z. ]{1,12}?)\s*/?\s*$", s)
        if not m or m.start() == 0:
            break
        tags.append(m.group(1).strip().upper().replace(".", ""))
        s = s[:m.start()].rstrip(" ,")
    return s, tags


def company_forms(raw, common_words):
    """Return (name, forms, country) for a registrant or PETRARCH name."""
    s, tags = strip_tags(raw)
    s = clean(s).rstrip(",")
    country = ""
    for t in tags:
        if t in US_STATES:
            country = "USA"
        elif t in TAG_COUNTRY and TAG_COUNTRY[t]:
            country = TAG_COUNTRY[t]
    core = [t for t in s.split() if re.sub(r"[^a-z]", "", t.lower()) not in LEGAL_WORDS]
    if not has_lower(" ".join(core)):
        s = smart_title(s)  # an ALL-CAPS registrant name, possibly with a mixed-case suffix
    levels = [s]
    families = []
    cur = s
    while True:
        for fam, pat in SUFFIXES:
            m = re.search(pat, cur, flags=re.I)
            if not m or m.start() == 0:
                continue
            rest = cur[:m.start()].rstrip(" ,")
            if not rest or re.search(r"\s(?:and|&|of|the|for)$", rest, re.I):
                continue  # "New York and Company" is not "New York and"
            if fam == "hold":
                toks = rest.split()
                if len(toks) == 1 and (len(rest) <= 4 or rest.lower() in common_words):
                    continue
            families.append(fam)
            cur = rest
            levels.append(cur)
            break
        else:
            break
    base = levels[-1]
    forms = [base] + levels[1:-1][::-1]
    if families:
        fam = families[0]
        stem = levels[1]
        for v in SUFFIX_VARIANTS.get(fam, []):
            forms.append(stem + v)
        forms.append(levels[0])
    if base.lower().startswith("the ") and len(base.split()) >= 3:
        forms.append(base[4:])
    forms = uniq(forms)
    return base, forms, country


# --------------------------------------------------------------------------------------------
# PETRARCH2 / Phoenix actor-dictionary parser


def parse_phoenix(path):
    """Records of a Phoenix .actors file: primary phrase, '+' synonyms, codes with date flags."""
    recs, cur, section = [], None, ""
    with open(path, encoding="utf-8", errors="replace") as f:
        for n, raw in enumerate(f, 1):
            line = raw.rstrip("\n")
            if line.startswith("#"):
                if line.startswith("####"):
                    section = line.strip("# ").strip()
                continue
            comment = ""
            if "#" in line:
                line, comment = line.split("#", 1)
            if ";" in line and not line.lstrip().startswith("["):
                line = line.split(";", 1)[0]
            if not line.strip():
                continue
            codes = re.findall(r"\[([^\]]*)\]", line)
            text = re.sub(r"\[[^\]]*\]", "", line)
            if line[0] in " \t":
                if cur is not None:
                    cur["codes"] += codes
                    cur["comment"] += " " + comment
                continue
            if text.startswith("+"):
                if cur is not None:
                    cur["alts"].append(text[1:].strip())
                    cur["codes"] += codes
                continue
            if line.startswith("Source:"):
                continue
            cur = {"name": text.strip(), "alts": [], "codes": codes, "comment": comment,
                   "line": n, "section": section, "where": (os.path.basename(path), n)}
            recs.append(cur)
    for r in recs:
        r["codes"] = [c.strip() for c in r["codes"] if c.strip()]
        r["dated"] = any(" " in c for c in r["codes"])
        r["base_codes"] = [c.split()[0] for c in r["codes"]]
    return recs


def phrase_key(p):
    return re.sub(r"[\s_]+", " ", p).strip().upper()


def phrase_text(p):
    return clean(re.sub(r"_+", " ", p))


# --------------------------------------------------------------------------------------------
# countries


def build_countries(src):
    dr = {}
    with open(os.path.join(src, "dr5hn-countries", "countries.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            dr[r["iso2"]] = r
    with open(os.path.join(src, "mledoze-countries", "countries.json"), encoding="utf-8") as f:
        ml = {c["cca2"]: c for c in json.load(f)}
    cur = defaultdict(list)
    for r in read_tsv(os.path.join(CURATED, "countries.tsv")):
        cur[r["id"]].append(r)

    ents = {}
    demonym_claims = defaultdict(list)
    for iso2 in sorted(set(dr) | set(ml)):
        d, m = dr.get(iso2, {}), ml.get(iso2, {})
        iso3 = d.get("iso3") or m.get("cca3")
        if iso3 == "UNK":
            iso3 = "XKX"
        name = (m.get("name", {}).get("common") if m else None) or d.get("name")
        aliases = []
        if m:
            aliases.append(m["name"]["official"])
            for a in m.get("altSpellings", []):
                if len(a) <= 2 or "," in a or "(" in a or not is_latin(a) or not a[0].isupper():
                    continue
                if is_english_word(a):
                    continue  # "Island" (Iceland in Icelandic) is the English word island
                aliases.append(a)
        dn = d.get("name", "")
        if dn and "(" not in dn and "," not in dn and "S.A.R." not in dn:
            aliases.append(dn)
        dems = []
        if m:
            for g in ("m", "f"):
                dems += re.split(r",\s*", m.get("demonyms", {}).get("eng", {}).get(g, "") or "")
        for x in re.split(r",\s*|\s+or\s+", d.get("nationality", "")):
            dems.append(x)
        caps = list(m.get("capital", [])) if m else []
        if d.get("capital"):
            caps.append(d["capital"])
        e = entity(iso3, "country", name, country=iso3, wikidata=d.get("wikiDataId", ""))
        e["aliases"] = aliases
        e["demonyms"] = dems
        e["metonyms"] = caps
        refs = ["iso2:" + iso2, "iso3:" + iso3]
        num = (m.get("ccn3") if m else "") or d.get("numeric_code", "")
        if num:
            refs.append("iso-numeric:" + num)
        e["refs"] = refs
        un = bool(m.get("unMember")) if m else False
        indep = bool(m.get("independent")) if m else False
        e["rank"] = (0 if un else 1 if indep else 2,)
        e["sources"] = ("dr5hn" if d else "") + ("+mledoze" if m else "")
        ents[iso3] = e
    ents.update(former_countries(src, ents))

    # People who held a government post (Phoenix code <ISO3>GOV, dated or not): their full names
    # and titled forms are mentions of the country ("President Reagan"), written to the `people`
    # column, since a person is not an actor of relations; a form that names their government
    # ("the Reagan administration") is a metonym, which is. They go through the metonyms' checks
    # and are split off when written. Bare surnames are left out (too ambiguous), and so are
    # forms of a former or future post.
    # Each form carries the terms of office of the records that name it (`[USAGOV
    # 810120-890120]`), written after it as `Ronald Reagan[1981-01-20..1989-01-20]`: the person
    # stands for the state only on those days. A form of two records (George H. W. and George W.
    # Bush's "president Bush") has the terms of both; one with an undated government code, none.
    for iso3, forms in government_people(src, ents).items():
        forms, terms = [f for f, _ in forms], [t for _, t in forms]
        ents[iso3]["metonyms"] += forms
        ents[iso3]["person_keys"] = {key(f) for f in forms if not GOVERNMENT_FORM.search(f)}
        by_key = ents[iso3].setdefault("person_terms", {})
        for f, t in zip(forms, terms):
            k = key(f)
            if t is None or by_key.get(k, ()) is None:
                by_key[k] = None
            else:
                by_key[k] = sorted(set(by_key.get(k, [])) | set(t))

    # curated adds/drops
    for iso3, rows in cur.items():
        if iso3 not in ents:
            raise SystemExit("curated/countries.tsv: unknown id %s" % iso3)
        e = ents[iso3]
        for r in rows:
            vals = split_list(r["values"])
            if r["op"] == "name":
                e["aliases"].append(e["name"])
                e["name"] = vals[0]
            elif r["op"] == "add":
                e[r["field"]] = e[r["field"]] + vals
                e["trusted"].update(vals)
            elif r["op"] == "drop":
                e.setdefault("drops", {}).setdefault(r["field"], set()).update(vals)
            else:
                raise SystemExit("curated/countries.tsv:%d: bad op" % r["_line"])
    for e in ents.values():
        drops = e.get("drops", {})
        for fld in ("aliases", "demonyms", "metonyms"):
            vals = fold_variants(uniq(e[fld]))
            vals = [v for v in vals if v not in drops.get(fld, set())
                    and fold(v) not in {fold(x) for x in drops.get(fld, set())}]
            if fld == "demonyms":
                plural = []
                for v in vals:
                    if re.search(r"(an|i|o)$", v) and not v.endswith("ese"):
                        plural.append(v + "s")
                vals = vals + plural
            e[fld] = apostrophe_variants(uniq(vals))
        if e["name"] in drops.get("aliases", set()):
            raise SystemExit("country %s: its name is dropped" % e["id"])
        own = {key(e["name"])} | {key(a) for a in e["aliases"]}
        e["demonyms"] = [x for x in e["demonyms"] if key(x) not in own]
        e["metonyms"] = [x for x in e["metonyms"] if key(x) not in own]
        for x in e["demonyms"]:
            demonym_claims[key(x)].append(e["id"])
    return ents


def former_countries(src, current):
    """Entities for the states of scripts/curated/former_countries.tsv (the Soviet Union, East
    Germany ...), which the country sources do not list because they no longer exist, though news
    archives name them all the time. They rank after every current country, so a form that a source
    also gives a current country stays with it."""
    phoenix = defaultdict(set)  # phrase -> base codes of the records that use it
    for r in parse_phoenix(os.path.join(src, "petrarch2", "Phoenix.Countries.actors.txt")):
        for p in [r["name"]] + r["alts"]:
            phoenix[phrase_key(p)].update(r["base_codes"])
    ents = {}
    for r in read_tsv(os.path.join(CURATED, "former_countries.tsv")):
        id_, where = r["id"], "curated/former_countries.tsv:%d" % r["_line"]
        if not re.fullmatch(r"[A-Z]{3}", id_) or id_ in current or id_ in ents:
            raise SystemExit("%s: %s is not a new alpha-3 code" % (where, id_))
        if not re.fullmatch(r"Q\d+", r["wikidata"]) or "iso3:" + id_ not in split_list(r["refs"]):
            raise SystemExit("%s: a QID and the refs iso3:%s are required" % (where, id_))
        refs = split_list(r["refs"])
        for p in split_list(r["phoenix"]):
            if id_ not in phoenix.get(phrase_key(p), set()):
                raise SystemExit("%s: no Phoenix record coded %s has the phrase %s" % (where, id_, p))
        if r["phoenix"]:
            refs.append("cameo:" + id_)
        ents[id_] = entity(id_, "country", r["name"], aliases=split_list(r["aliases"]), country=id_,
                           wikidata=r["wikidata"], demonyms=split_list(r["demonyms"]),
                           metonyms=split_list(r["metonyms"]), refs=refs, rank=(3,), sources="curated")
    return ents


NOT_IN_POST = re.compile(r"FORMER|ELECT\b|\bGOV\.|GOVERNOR|GOVENOR|\bEX-|\bLATE\b|CANDIDATE|DEPOSED|"
                         r"OUSTED|EXILED|\bWIFE\b|\bSON\b|\bDAUGHTER\b|\bWIDOW\b")


def government_people(src, countries):
    """Country id -> names of people Phoenix.Countries.actors.txt codes as its government."""
    out = defaultdict(list)
    # Terms Phoenix lacks (curated/terms.tsv), by (country, phrase); each must be used.
    extra = defaultdict(list)
    for row in read_tsv(os.path.join(CURATED, "terms.tsv")):
        if not re.fullmatch(r"\d{4}-\d\d-\d\d\.\.\d{4}-\d\d-\d\d", row["term"]):
            raise SystemExit("curated/terms.tsv:%d: bad term %r" % (row["_line"], row["term"]))
        extra[(row["country"], phrase_key(row["phoenix"]))].append((row["term"], row["_line"]))
    used = set()
    for r in parse_phoenix(os.path.join(src, "petrarch2", "Phoenix.Countries.actors.txt")):
        if "CountryInfo.txt" not in r["comment"]:
            continue  # people come from CountryInfo's lists of office holders; bodies do not
        posts = {c[:3] for c in r["base_codes"] if re.fullmatch(r"[A-Z]{3}GOV", c)}
        posts &= set(countries)
        if len(posts) != 1:
            continue
        # The terms of office: the dates of the government codes; an undated one is no limit.
        terms = []
        for c in r["codes"]:
            code, _, when = c.partition(" ")
            if not re.fullmatch(r"[A-Z]{3}GOV", code):
                continue
            term = phoenix_term(when)
            if term is None:
                terms = None
                break
            if term:
                terms.append(term)
        if terms == []:
            terms = None  # only slips: no limit
        key = (next(iter(posts)), phrase_key(r["name"]))
        if key in extra and terms is not None:
            terms = terms + [t for t, _ in extra[key]]
            used.add(key)
        # Words of the person's name are capitalised; titles and other English words are
        # lowercase, so
        # that the case policy accepts them either way ("President Reagan", "the Reagan
        # administration").
        own = set(phrase_key(r["name"]).split())
        forms = []
        for f in [r["name"]] + r["alts"]:
            k = re.sub(r"^THE ", "", phrase_key(f))
            if NOT_IN_POST.search(k) or len(k.split()) < 2 or re.search(r"[^A-Z .'-]", k):
                continue
            words = []
            for w in k.split():
                if re.fullmatch(r"(?:[A-Z]\.)+", w):
                    words.append(w)  # an initial, or U.S.
                elif w in own or w.lower() not in ENGLISH:
                    words.append(smart_title(w.lower()))
                else:
                    words.append(w.lower())
            forms.append((" ".join(words), terms))
        out[posts.pop()] += forms
    for key, rows in extra.items():
        if key not in used:
            raise SystemExit("curated/terms.tsv:%d: no dated GOV record %s of %s in Phoenix"
                             % (rows[0][1], key[1], key[0]))
    return out


def phoenix_date(s):
    """A Phoenix date, YYMMDD or YYYYMMDD, as YYYY-MM-DD; YY <= 30 is 20YY (dictionaries.rst)."""
    s = s.strip()
    if re.fullmatch(r"\d{6}", s):
        yy = int(s[:2])
        s = ("20" if yy <= 30 else "19") + s
    if not re.fullmatch(r"\d{8}", s):
        return None  # '>201005011' (David Cameron's): unreadable, so no limit
    return "%s-%s-%s" % (s[:4], s[4:6], s[6:])


def phoenix_term(when):
    """A Phoenix date restriction ('810120-890120', '<911226', '>990816') as a newsgraph term
    ('1981-01-20..1989-01-20', '..1991-12-26', '1999-08-16..'); None for no restriction."""
    when = when.strip()
    if not when:
        return None
    if when.startswith("<"):
        a, b = "", phoenix_date(when[1:])
    elif when.startswith(">"):
        a, b = phoenix_date(when[1:]), ""
    elif when.count("-") == 1:
        a, b = map(phoenix_date, when.split("-"))
    else:
        return None  # one date alone is no restriction PETRARCH reads
    if a is None or b is None:
        return None
    if a and b and a > b:
        return ""  # ends before it starts ('121207-120802'): a slip, left out
    return a + ".." + b


# --------------------------------------------------------------------------------------------
# agencies

ORG_WORDS = re.compile(
    r"\b(Administration|Agency|Service|Services|Bureau|Office|Commission|Board|Council|Corporation|"
    r"Institute|Institutes|Center|Centers|Centre|Foundation|Authority|Department|Survey|Mint|Guard|Court|"
    r"Courts|Division|Network|Bank|Association|Library|Police|Institution|Museum|Laboratory|Laboratories|"
    r"Facility|Corps|Directorate|Trust|System|Marshals|Endowment|Gallery|Archives|Organization|Home|"
    r"Commissions)\b")
GENERIC_SUB = re.compile(
    r"Inspector General|^Office of (the )?(Secretary|Chief|General Counsel|Civil Rights|Administration|"
    r"Communications|Solicitor|Assistant|Speaker|Majority|House)|^Departmental|^Department-Wide|"
    r"Executive Residence|Management Directorate|Democratic|Republican|Whip|Caucus|Program Support Center|"
    r"Secretary|^Department of .*Department|Task Force|^Council of Test|^Infrastructure Commission|"
    r"Office of Information|Information Technology|\bIT\b|PMO|^TCS$|Staff$|Branch$|Acquisition Service")
US_PREFIX = re.compile(r"^(?:The |U\.S\.? |US |United States |U\. S\. )")

ROLE_WORDS = re.compile(
    r"\b(SECRETARY|SECRETARY-GENERAL|ENVOY|PEACEKEEPER|PEACEKEEPERS|SPOKESMAN|SPOKESWOMAN|SPOKESPERSON|"
    r"CHIEF|PRESIDENT|DIRECTOR|MONITOR|OFFICIAL|OFFICIALS|REPRESENTATIVE|RAPPORTEUR|MINISTERS|MINISTER|"
    r"CHAIRMAN|HEAD|COMMISSIONER|AMBASSADOR|STAFF|TROOPS|SOLDIERS|OBSERVERS|COUNTRIES|MEMBERS|BODIES|"
    r"DELEGATION|CONTINGENT|FORCES|SECY|SEC\.|GEN|EXPERT|EXPERTS|INSPECTORS|INSPECTOR|TEAM|MISSION_TO|"
    r"COUNTRY|NATIONS_MEMBERS|CEO|FOUNDER|EXECUTIVE|MANAGER|ANALYST|SPOKESPEOPLE|AGENT|AGENTS|EMPLOYEE|"
    r"EMPLOYEES|WORKER|WORKERS|JUDGE|JUDGES|PROSECUTOR|LEADER|LEADERS|BOSS|VESSEL|VESSELS|MNC|MNCS)\b")
IGO_ORG_WORDS = re.compile(
    r"\b(ORGANIZATION|ORGANISATION|UNION|BANK|FUND|COUNCIL|COMMISSION|COURT|AGENCY|ASSOCIATION|COMMUNITY|"
    r"PROGRAMME|PROGRAM|OFFICE|TRIBUNAL|FORUM|GROUP|CONFERENCE|AUTHORITY|PANEL|SECRETARIAT|ASSEMBLY|"
    r"PARLIAMENT|COOPERATION|ALLIANCE|INSTITUTE|CENTRE|CENTER|COMMITTEE|BOARD|FEDERATION|LEAGUE|NATIONS|"
    r"STATES|PARTNERSHIP|INITIATIVE|FACILITY|TREATY|MISSION|AREA|COMMONWEALTH|PACT|INTERNATIONAL|UNITED|"
    r"FOUNDATION|SYSTEM|NETWORK|CORPORATION|ORGANISATIONS|ORGANIZATIONS|BUREAU)\b")


# Phoenix IGO phrases that name a kind of thing or a fragment rather than one organisation
PHOENIX_IGO_GENERIC = {"INTERNATIONAL GOVERNMENT ORGANISATION", "INTERNATIONAL GOVERNMENT ORGANIZATION",
                       "UN MISSION", "SOUTHEAST ASIAN NATIONS", "AMERICAN CORRECTIONAL ASSOCIATION",
                       "EUROPEAN COMMISSION TO THE PHILIPPINES", "WORLD BANK FAMILY NETWORK BOOK PROJECT",
                       "INTERNATIONAL TRUCE MONITORING GROUP", "SAHEL SAHARAN STATES"}


def us_variants(name):
    """Short forms of a US federal body's name."""
    out = []
    k = US_PREFIX.sub("", name)
    m = re.match(r"^Department of (the )?(.+)$", k)
    if m:
        x = m.group(2)
        out += ["%s Department" % x, "U.S. %s" % k, "US %s" % k, "United States %s" % k,
                "U.S. %s Department" % x, "US %s Department" % x]
    elif k != name:
        out += ["U.S. " + k, "US " + k, "United States " + k]
        if len(k.split()) >= 3:
            out.append(k)
    return out


def corp_variants(forms):
    """"Federal Deposit Insurance Corp" for "... Corporation": news writes a public
    corporation's name with the abbreviation a company's has."""
    out = []
    for f in forms:
        if f.endswith(" Corporation"):
            out += [f[: -len("Corporation")] + "Corp", f[: -len("Corporation")] + "Corp."]
    return out


def build_us_agencies(src):
    pairs = []
    d = os.path.join(src, "us-federal-agencies")
    with open(os.path.join(d, "agencies-and-subs.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            pairs.append((clean(r["Agency"]).rstrip(" ,"), clean(r["Bureau"]).rstrip(" ,"), "cisa-budget"))
    with open(os.path.join(d, "dotgov-organizations.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            pairs.append((clean(r["organization"]).rstrip(" ,"), clean(r["suborganization"]).rstrip(" ,"), "dotgov"))
    cur = {}
    extra = []
    for r in read_tsv(os.path.join(CURATED, "us_agencies.tsv")):
        if r["match"] == "+":
            extra.append(r)
        else:
            cur[r["match"]] = r

    names = []  # (name, is_top_level)
    for org, sub, _ in pairs:
        names.append((org, True))
        if sub and sub != org:
            names.append((sub, False))
    groups = {}
    order = []
    for n, top in names:
        if not n:
            continue
        c = cur.get(n)
        if c and c["name"] == "-":
            continue
        if not c:
            if "," in n or "(" in n or "/" in n or " - " in n or len(n) > 90:
                continue
            if not ORG_WORDS.search(n) and n not in ("AmeriCorps",):
                continue
            if GENERIC_SUB.search(n):
                continue
        canon = c["name"] if c and c["name"] else n
        k = slug(US_PREFIX.sub("", canon))
        if k not in groups:
            groups[k] = {"forms": [], "cur": []}
            order.append(k)
        g = groups[k]
        g["forms"].append(canon)
        # A curated row that renames a bare source name ("Senate" -> "United States Senate",
        # "Army" -> "United States Army") does so because the bare name is any country's body:
        # keep it as a form only if it is not made of English words alone.
        if not (c and c["name"] and n != canon and is_generic_phrase(n)):
            g["forms"].append(n)
        if c:
            g["cur"].append(c)
    for r in extra:
        k = slug(US_PREFIX.sub("", r["name"]))
        groups.setdefault(k, {"forms": [], "cur": []})
        groups[k]["forms"].append(r["name"])
        groups[k]["cur"].append(r)

    ents = {}
    for k, g in groups.items():
        forms = uniq(g["forms"])
        named = [c["name"] for c in g["cur"] if c["name"] and c["name"] != "-"]
        if named:
            name = named[0]
        else:
            us = [f for f in forms if f.startswith("United States ")] or \
                 [f for f in forms if f.startswith("U.S. ")] or forms
            name = us[0]
        aliases = [f for f in forms if f != name]
        trusted = set()
        mets = []
        for c in g["cur"]:
            a = split_list(c["aliases"])
            aliases += a
            trusted.update(a)
            mets += split_list(c["metonyms"])
        aliases += us_variants(name)
        for f in forms:
            aliases += us_variants(f)
        # Not for a body that companies.tsv lists too (Freddie Mac): its "Corp" stays the company's.
        if not any("companies.tsv" in (c.get("why") or "") for c in g["cur"]):
            aliases += corp_variants([name] + aliases)
        aliases = [a for a in uniq(aliases) if a != name and not a.startswith("The ")]
        id_ = "us-agency:" + slug(US_PREFIX.sub("", name))
        e = entity(id_, "agency", name, country="USA", aliases=aliases, metonyms=uniq(mets),
                   trusted=trusted, rank=(1,))
        if id_ in ents:
            raise SystemExit("duplicate US agency id %s" % id_)
        ents[id_] = e
    return ents


def build_igos_and_national(src, absorbed_out):
    """Curated agencies + IGO records of Phoenix.International.actors.txt."""
    intl = parse_phoenix(os.path.join(src, "petrarch2", "Phoenix.International.actors.txt"))
    ctry = parse_phoenix(os.path.join(src, "petrarch2", "Phoenix.Countries.actors.txt"))
    by_phrase = defaultdict(list)
    for r in intl + ctry:
        by_phrase[phrase_key(r["name"])].append(r)
        for a in r["alts"]:
            by_phrase[phrase_key(a)].append(r)

    ents = {}
    absorbed = set()
    for r in read_tsv(os.path.join(CURATED, "agencies.tsv")):
        aliases = split_list(r["aliases"])
        aliases += [a for a in corp_variants([r["name"]] + aliases) if a not in aliases]
        codes = []
        for p in split_list(r["phoenix"]):
            recs = by_phrase.get(phrase_key(p))
            if not recs:
                raise SystemExit("curated/agencies.tsv:%d: Phoenix phrase %s not found" % (r["_line"], p))
            for rec in recs:
                absorbed.add(rec["where"])
                codes += rec["base_codes"]
        refs = ["cameo:" + c for c in uniq(codes)]
        e = entity(r["id"], "agency", r["name"], country=r["country"], aliases=aliases,
                   metonyms=split_list(r["metonyms"]), refs=refs, trusted=set(aliases) | {r["name"]},
                   rank=(0,))
        if e["id"] in ents:
            raise SystemExit("curated/agencies.tsv: duplicate id %s" % e["id"])
        ents[e["id"]] = e
    absorbed_out.update(absorbed)

    # remaining IGO records
    cands = []
    for r in intl:
        if r["where"] in absorbed or r["dated"]:
            continue
        codes = [c for c in r["base_codes"] if c.startswith("IGO")]
        if not codes or any(not c.startswith("IGO") for c in r["base_codes"]):
            continue
        nm = phrase_key(r["name"])
        if ROLE_WORDS.search(nm) or not re.search(r"[A-Z]", nm) or nm in PHOENIX_IGO_GENERIC:
            continue
        toks = nm.split()
        if len(toks) > 1 and not IGO_ORG_WORDS.search(nm):
            continue  # a person, most likely
        if len(toks) == 1 and len(nm) > 8:
            continue
        alts = [a for a in r["alts"] if not ROLE_WORDS.search(phrase_key(a))]
        cands.append({"name": nm, "alts": [phrase_key(a) for a in alts], "code": codes[0], "rec": r})

    def norm(n):
        n = re.sub(r"^THE ", "", n)
        n = n.replace("ORGANISATION", "ORGANIZATION").replace("SOUTH EAST", "SOUTHEAST")
        n = n.replace("DEFENCE", "DEFENSE").replace("LABOUR", "LABOR").replace("PROGRAMME", "PROGRAM")
        return re.sub(r"[^A-Z0-9 ]", "", n).strip()

    def initials(n):
        return "".join(w[0] for w in norm(n).split() if w not in ("OF", "THE", "AND", "FOR", "ON", "IN"))

    merged = []
    for c in cands:
        target = None
        for m in merged:
            names = [m["name"]] + m["alts"]
            if norm(c["name"]) in {norm(x) for x in names}:
                target = m
                break
            if m["code"] == c["code"] and (
                    (len(c["name"].split()) == 1 and c["name"] in {initials(x) for x in names}) or
                    any(len(x.split()) == 1 and x == initials(c["name"]) for x in names)):
                target = m
                break
        if target:
            target["alts"] += [c["name"]] + c["alts"]
            if len(c["name"].split()) > len(target["name"].split()):
                target["alts"].append(target["name"])
                target["name"] = c["name"]
        else:
            merged.append(dict(c, alts=list(c["alts"])))
    def soft(t):
        t = fold(t).casefold().replace("organisation", "organization").replace("programme", "program")
        t = t.replace("labour", "labor").replace("co-operation", "cooperation").replace("defence", "defense")
        t = re.sub(r"^the ", "", t)
        return re.sub(r"[^a-z0-9]+", " ", t).strip()

    cur_soft = {}
    for e in ents.values():
        for f in [e["name"]] + e["aliases"]:
            cur_soft.setdefault(soft(f), e["id"])
    for m in merged:
        forms = [m["name"]] + m["alts"]
        texts = []
        for f in forms:
            t = phrase_text(f)
            t = t if len(t.split()) > 1 or len(t) <= 6 else t.capitalize()
            texts.append(smart_title(t) if len(t.split()) > 1 else t)
        texts = uniq(texts)
        hit = sorted({cur_soft[soft(t)] for t in texts if soft(t) in cur_soft})
        if len(hit) == 1:
            ents[hit[0]]["aliases"] += texts
            ents[hit[0]]["refs"] = uniq(ents[hit[0]]["refs"] + ["cameo:" + m["code"]])
            continue
        name = texts[0]
        e = entity("phoenix:igo:" + slug(name), "agency", name, country="INT",
                   aliases=[t for t in texts[1:] if t != name], refs=["cameo:" + m["code"]], rank=(2,))
        if e["id"] in ents:
            ents[e["id"]]["aliases"] += [name] + e["aliases"]
            continue
        ents[e["id"]] = e
    return ents


# --------------------------------------------------------------------------------------------
# companies

FUNDLIKE = re.compile(r"\b(Fund|Funds|ETF|ETN|ETP|Portfolio|Municipal|Muni|iShares|SPDR|ProShares|"
                      r"Closed-End|Interval)\b", re.I)
TRUSTLIKE = re.compile(r"\bTrust\b.*|.*\bTrust\b", re.I)
TRUST_FUNDISH = re.compile(r"Income|Dividend|Yield|Bond|Royalty|Premium|Opportunit|Strateg|Credit|"
                           r"Securities|Treasury|Bitcoin|Ether|Gold|Silver|Commodity|Tax-Free|Municipal|"
                           r"Equity|Investment Grade|Global|Enhanced", re.I)
SPAC = re.compile(r"\bAcquisition(s)?\b|\bBlank Check\b|\bSPAC\b|\bMerger Corp", re.I)
PERSON_COMMENT = re.compile(r"spokes|CEO|chairman|chief|president|director|founder|executive|analyst|"
                            r"person|journalist|reporter", re.I)


def exch_rank(x):
    return {"NYSE": 2, "Nasdaq": 2, "CBOE": 1, "OTC": 1}.get(x, 0)


def build_companies(src, common_words, absorbed_intl):
    rows = defaultdict(list)
    with open(os.path.join(src, "sec-company-tickers", "company_tickers_exchange.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            rows[r["cik"]].append(r)
    cur_rows = read_tsv(os.path.join(CURATED, "companies.tsv"))
    cur_by_cik = {r["cik"]: r for r in cur_rows if r["cik"]}
    allow_single = set()
    for r in cur_rows:
        for a in [r["name"]] + split_list(r["aliases"]):
            if a and " " not in a:
                allow_single.add(a.lower())

    ents = {}
    stats = defaultdict(int)
    for cik in sorted(rows, key=int):
        rr = rows[cik]
        raw = rr[0]["name"]
        c = cur_by_cik.get(cik)
        if not c:
            if FUNDLIKE.search(raw) or SPAC.search(raw):
                stats["skipped fund/SPAC"] += 1
                continue
            if re.search(r"\bTrust\b", raw, re.I) and TRUST_FUNDISH.search(raw):
                stats["skipped fund/SPAC"] += 1
                continue
        tickers = [x["ticker"] for x in rr]
        tset = set(tickers)
        main = []
        for t in tickers:
            if "-" in t or "." in t:
                continue  # preferreds, share classes with suffixes
            if len(t) >= 5 and (t[-1] in "WUR" and t[:-1] in tset or t.endswith("WS") and t[:-2] in tset):
                continue  # warrants, units, rights
            main.append(t)
        if not main:
            main = tickers[:1]
        name, forms, country = company_forms(raw, common_words)
        refs = ["cik:" + cik] + ["ticker:" + t for t in uniq(main)]
        rank = (1, -max(exch_rank(x["exchange"]) for x in rr), -len(main))
        e = entity("cik:" + cik, "company", name, aliases=[f for f in forms if f != name],
                   country=country, refs=refs, rank=rank)
        e["registrant"] = raw
        ents[e["id"]] = e
        stats["sec entities"] += 1

    # Phoenix multinational corporations
    intl = parse_phoenix(os.path.join(src, "petrarch2", "Phoenix.International.actors.txt"))
    by_phrase = defaultdict(list)
    for r in intl:
        by_phrase[phrase_key(r["name"])].append(r)
        for a in r["alts"]:
            by_phrase[phrase_key(a)].append(r)

    # curated rows
    absorbed = set(absorbed_intl)
    for r in cur_rows:
        aliases = split_list(r["aliases"])
        codes = []
        for p in split_list(r["phoenix"]):
            recs = by_phrase.get(phrase_key(p))
            if not recs:
                raise SystemExit("curated/companies.tsv:%d: Phoenix phrase %s not found" % (r["_line"], p))
            for rec in recs:
                absorbed.add(rec["where"])
                codes += rec["base_codes"]
        trusted = set(aliases) | ({r["name"]} if r["name"] else set())
        if r["cik"]:
            e = ents.get("cik:" + r["cik"])
            if not e:
                raise SystemExit("curated/companies.tsv:%d: CIK %s not in the SEC file" % (r["_line"], r["cik"]))
            if r["name"] and r["name"] != e["name"]:
                e["aliases"].insert(0, e["name"])
                e["name"] = r["name"]
            e["aliases"] += aliases
            e["trusted"] |= trusted
            e["country"] = r["country"] or e["country"]
            e["wikidata"] = r["wikidata"] or e["wikidata"]
            e["refs"] += ["cameo:" + x for x in uniq(codes)]
            e["rank"] = (0,) + e["rank"][1:]
        else:
            e = entity(r["id"], "company", r["name"], aliases=aliases, country=r["country"],
                       wikidata=r["wikidata"], refs=["cameo:" + x for x in uniq(codes)],
                       trusted=trusted, rank=(0,))
            if e["id"] in ents:
                raise SystemExit("curated/companies.tsv: duplicate id %s" % e["id"])
            ents[e["id"]] = e
            stats["curated companies"] += 1

    # loose keys of SEC/curated entities, to fold Phoenix MNC records into them
    LOOSE_DROP = {"systems", "technologies", "technology", "corporation", "corp", "inc", "co", "company",
                  "holdings", "holding", "group", "international", "industries", "ltd", "limited", "plc",
                  "the", "and", "incorporated", "sa", "ag", "nv", "se", "llc", "lp"}

    def loose(s):
        toks = re.sub(r"[^a-z0-9& ]", " ", fold(s).lower()).split()
        return " ".join(t for t in toks if t not in LOOSE_DROP)

    loose_map = defaultdict(list)
    for e in ents.values():
        for f in [e["name"]] + e["aliases"]:
            lk = loose(f)
            if lk:
                loose_map[lk].append(e["id"])
    iso3 = None  # filled by caller through closure variable below
    for r in intl:
        if r["where"] in absorbed:
            continue
        codes = [c for c in r["base_codes"] if c.startswith("MNC")]
        if not codes:
            continue
        nm = phrase_key(r["name"])
        if ROLE_WORDS.search(nm) or PERSON_COMMENT.search(r["comment"] or ""):
            stats["phoenix MNC skipped (person/role)"] += 1
            continue
        toks = nm.split()
        if len(toks) >= 2 and re.fullmatch(r"[A-Z]\.?", toks[0]) and len(toks) <= 3:
            stats["phoenix MNC skipped (person/role)"] += 1
            continue
        if toks and toks[-1] in ("AND", "OF", "THE", "&", "FOR", "DE"):
            stats["phoenix MNC skipped (fragment: ends in a connector)"] += 1
            continue  # "NEW_YORK_AND": a fragment of a longer phrase, not a name
        if FUNDLIKE.search(nm) or re.fullmatch(r"MNCS?|COMPANY|COMPANIES|FIRM|FIRMS", nm):
            stats["phoenix MNC skipped (fund/generic)"] += 1
            continue
        text = phrase_text(r["name"])
        name, forms, _ = company_forms(text, common_words)
        for a in r["alts"]:
            if not ROLE_WORDS.search(phrase_key(a)):
                forms += company_forms(phrase_text(a), common_words)[1]
        country = ""
        for c in codes:
            if len(c) >= 6 and c[3:6] in COUNTRY_CODES:
                country = c[3:6]
                break
        lk = loose(name)
        hits = sorted(set(loose_map.get(lk, []))) if lk else []
        if len(hits) == 1:
            e = ents[hits[0]]
            e["aliases"] += forms
            e["refs"].append("cameo:" + codes[0])
            if not e["country"]:
                e["country"] = country
            stats["phoenix MNC merged into an SEC/curated entity"] += 1
            continue
        id_ = "phoenix:mnc:" + slug(name)
        if id_ in ents:
            ents[id_]["aliases"] += forms
            continue
        e = entity(id_, "company", name, aliases=[f for f in forms if f != name], country=country,
                   refs=["cameo:" + codes[0]], rank=(2,))
        ents[id_] = e
        if lk:
            loose_map[lk].append(id_)
        stats["phoenix MNC entities"] += 1

    # "X Group" / "X Holdings" names a family of companies called X: when another company's name
    # also begins with X, the bare X is not this company's ("Morgan" from Morgan Group Holding Co.
    # is not taken from Morgan Stanley; "Graham" from Graham Holdings is not Graham Corp's).
    starts = defaultdict(set)
    for e in ents.values():
        for f in [e["name"]] + e["aliases"]:
            if " " in f:
                starts[key(f.split(" ")[0])].add(e["id"])

    dropped_first = []

    def curated(e, f):
        return f.lower() in allow_single or f in e["trusted"]

    # drop single-word common-word aliases unless curated
    for e in ents.values():
        forms = uniq([e["name"]] + e["aliases"])
        keep = []
        for f in forms:
            if " " not in f and f.lower() in common_words and not curated(e, f):
                stats["alias dropped: a common word"] += 1
                continue
            others = {o for o in (starts.get(key(f), set()) if " " not in f else ())
                      if o != e["id"] and ents[o]["rank"][0] <= e["rank"][0]}  # Phoenix ranks last
            group_word = any(key(g) in (key(f + " Group"), key(f + " Holding"), key(f + " Holdings"))
                             for g in forms)
            if others and group_word and not curated(e, f):
                dropped_first.append("%s(%s<-%s)" % (f, e["id"], ",".join(sorted(ents[o]["name"] + "/" + o for o in others))))
                stats["alias dropped: first word of other companies' names"] += 1
                continue
            if " " in f and all(w in GENERIC or w in SMALL for w in words_of(f)) and not curated(e, f):
                # "National Bank", "First National", "General American": generic words only
                stats["alias dropped: generic words only"] += 1
                continue
            keep.append(f)
        if not keep:
            # Every form was dropped: keep the full name, title-cased (an ALL-CAPS form would
            # match only in capitals headlines), unless it is a single English word by itself
            # ("ORANGE"): such a company needs a curated row with a longer form.
            full = e.get("registrant") or e["name"]
            full = smart_title(full) if not has_lower(full) else full
            if " " not in full and full.lower() in common_words:
                e["drop"] = True
                stats["company dropped: its only name is a common word"] += 1
                continue
            keep = [full]
        if e["name"] not in keep:
            e["name"] = keep[0]
        e["aliases"] = [f for f in keep if f != e["name"]]
    for id_ in [i for i, e in ents.items() if e.get("drop")]:
        del ents[id_]
    if os.environ.get("GEN_DEBUG"):
        print("first-word drops:", " | ".join(sorted(dropped_first)))
    return ents, stats


COUNTRY_CODES = set()
# Lower-case English words (scripts/curated/english_words.txt, from SCOWL), filled by main().
ENGLISH = set()
# Generic business words (scripts/curated/common_words.txt), filled by main().
GENERIC = set()


def words_of(f):
    return [w for w in re.split(r"[^a-z']+", fold(f).lower()) if w]


def is_english_word(f):
    """A single word that is an English word ("Senate", "Island", "Coffee")."""
    w = words_of(f)
    return len(w) == 1 and " " not in f.strip() and w[0] in ENGLISH


def is_generic_phrase(f):
    """Every word is a common English word or a connector ("House of Representatives", "Air Force")."""
    w = words_of(f)
    return bool(w) and all(x in ENGLISH or x in SMALL for x in w)


# --------------------------------------------------------------------------------------------
# alias policy and de-duplication

SHORT_OK = {"US", "UK", "UN", "EU", "EC", "AP", "FT", "GE", "GM", "HP", "BP", "LG", "VW", "3M", "G7", "G8"}


def valid_form(f, e):
    if not f or "\t" in f or "|" in f:
        return False
    if re.fullmatch(r"[\d\W_]+", f):
        return False
    if f in e["trusted"] or f in SHORT_OK:
        return True  # curated: well-known short acronyms such as U.S., UK, AP
    return sum(c.isalnum() for c in f) > 2


def read_shared():
    """scripts/curated/shared_forms.tsv: {file: {key(form): [ids in precedence order]}}, and rows."""
    out, rows = defaultdict(dict), read_tsv(os.path.join(CURATED, "shared_forms.tsv"))
    for r in rows:
        ids = split_list(r["ids"])
        if len(ids) < 2 or ids != sorted(ids):
            raise SystemExit("curated/shared_forms.tsv:%d: list two or more ids, the first choice first and "
                             "in id order (the loader takes the first line)" % r["_line"])
        for f in split_list(r["form"]):
            out[r["file"]][key(f)] = ids
    return out, rows


def add_shared(ents, which, rows):
    for r in rows:
        if r["file"] != which:
            continue
        for id_ in split_list(r["ids"]):
            if id_ not in ents:
                raise SystemExit("curated/shared_forms.tsv:%d: unknown id %s" % (r["_line"], id_))
            ents[id_][r["field"]] += split_list(r["form"])
            ents[id_]["trusted"].update(split_list(r["form"]))


def finalize(ents, blocked=None, label="", shared=None):
    """Apply alias validity rules, drop forms blocked by another file, and resolve forms shared
    by several entities: the best-ranked entity keeps a shared form (a name beats an alias, an
    alias beats a demonym or metonym, then the entity's rank); an exact tie drops it from all."""
    blocked = blocked or set()
    report = []
    invalid = []
    kinds = ("name", "aliases", "demonyms", "metonyms")
    for e in ents.values():
        if not valid_form(e["name"], e) and e["name"] not in e["trusted"]:
            good = [a for a in uniq(e["aliases"]) if valid_form(a, e)]
            if good:
                report.append("%s: %s renamed %r -> %r (name too short or numeric)" % (label, e["id"], e["name"], good[0]))
                e["name"] = good[0]
            else:
                # "M" (a Phoenix record): a single letter or a number names nothing by itself
                invalid.append(e["id"])
        e["aliases"] = [a for a in uniq(e["aliases"]) if valid_form(a, e)]
        e["demonyms"] = [a for a in uniq(e["demonyms"]) if valid_form(a, e)]
        e["metonyms"] = [a for a in uniq(e["metonyms"]) if valid_form(a, e)]
        # Forms of one entity that differ only in case are one form: the first, unless a later
        # one also matches it under case auto and more besides ("UN refugee agency" matches
        # "UN Refugee Agency" in a headline, not the other way round); then that one.
        seen = {key(e["name"]): (None, e["name"])}
        for k in ("aliases", "demonyms", "metonyms"):
            for a in e[k]:
                kk = key(a)
                if kk not in seen:
                    seen[kk] = (k, a)
                else:
                    kind, kept = seen[kk]
                    if kind and any(c.isupper() for c in a) and covers(a, kept):
                        seen[kk] = (kind, a)
        for k in ("aliases", "demonyms", "metonyms"):
            e[k] = [f for kind, f in seen.values() if kind == k]
    for id_ in invalid:
        report.append("%s: %s dropped (no valid form: %r)" % (label, id_, ents[id_]["name"]))
        del ents[id_]
    claims = defaultdict(list)
    for e in ents.values():
        for i, k in enumerate(kinds):
            vals = [e["name"]] if k == "name" else e[k]
            for v in vals:
                cls = min(i, 1) if k not in ("metonyms", "demonyms") else 2
                claims[key(v)].append((cls, 0 if v in e["trusted"] else 1, e["rank"], e["id"], k, v))
    lose = defaultdict(set)  # id -> keys it loses
    for kk, cl in sorted(claims.items()):
        if kk in blocked:
            for c in cl:
                lose[c[3]].add(kk)
            report.append("%s: %r is taken by another file: dropped from %s" % (label, cl[0][5], ", ".join(sorted({c[3] for c in cl}))))
            continue
        ids = {c[3] for c in cl}
        if len(ids) < 2:
            continue
        if shared and kk in shared and ids <= set(shared[kk]):
            report.append("%s: %r shared on purpose by %s" % (label, cl[0][5], ", ".join(shared[kk])))
            continue
        cl.sort(key=lambda c: (c[0], c[1], c[2], c[3]))
        best = cl[0]
        if len(cl) > 1 and cl[1][:3] == best[:3] and cl[1][3] != best[3]:
            for c in cl:
                lose[c[3]].add(kk)
            report.append("%s: %r shared by %s: tie, dropped from all" % (label, best[5], ", ".join(sorted(ids))))
        else:
            for c in cl:
                if c[3] != best[3]:
                    lose[c[3]].add(kk)
            report.append("%s: %r shared by %s: kept for %s" % (label, best[5], ", ".join(sorted(ids)), best[3]))
    dropped = []
    for id_, keys in lose.items():
        e = ents[id_]
        for k in ("aliases", "demonyms", "metonyms"):
            e[k] = [a for a in e[k] if key(a) not in keys]
        if key(e["name"]) in keys:
            if e["aliases"]:
                e["name"] = e["aliases"].pop(0)
            else:
                dropped.append(id_)
    for id_ in dropped:
        report.append("%s: %s dropped (no form of its own left)" % (label, id_))
        del ents[id_]
    return report


def all_keys(ents):
    out = set()
    for e in ents.values():
        for v in [e["name"]] + e["aliases"] + e["demonyms"] + e["metonyms"]:
            out.add(key(v))
    return out


# --------------------------------------------------------------------------------------------
# output

HEADERS = {
    "countries": [
        "countries.tsv — countries and territories for newsgraph (generated; do not edit by hand:",
        "edit scripts/curated/countries.tsv and run `python3 scripts/gen_dictionaries.py`).",
        "Sources: mledoze/countries (github.com/mledoze/countries, commit 5e9f370050f8) and",
        "countries-states-cities-database by dr5hn (github.com/dr5hn/countries-states-cities-database,",
        "commit 7fda0afd3e75), both under the Open Database License 1.0, plus curated additions",
        "(scripts/curated/countries.tsv; the former states, such as the Soviet Union, from",
        "scripts/curated/former_countries.tsv). This file is a derived database and is likewise made",
        "available under the ODbL 1.0 (see dictionaries/LICENSE-ODbL.txt); its contents are attributed to",
        "mledoze/countries and to \"countries-states-cities-database by dr5hn\".",
    ],
    "agencies": [
        "agencies.tsv — government bodies and international organisations for newsgraph (generated;",
        "edit scripts/curated/*.tsv and run `python3 scripts/gen_dictionaries.py`).",
        "Sources: the .gov registry data of CISA (github.com/cisagov/dotgov-data, commit 4ee64196503d;",
        "a US government work, public domain in the US); PETRARCH2's Phoenix actor dictionaries",
        "(github.com/openeventdata/petrarch2, commit 676801cd9cb2; MIT licence, Copyright (c) 2014 Open",
        "Event Data — see dictionaries/LICENSE-petrarch2.txt), for international organisations and",
        "CAMEO codes in refs; and curated rows (scripts/curated/agencies.tsv, us_agencies.tsv).",
    ],
    "companies": [
        "companies.tsv — companies, media organisations included, for newsgraph (generated; edit",
        "scripts/curated/*.tsv and run `python3 scripts/gen_dictionaries.py`).",
        "Sources: SEC EDGAR company_tickers_exchange.json (a US government work, public domain in the US;",
        "one entity per CIK, names derived from the registrant names); PETRARCH2's Phoenix actor",
        "dictionaries, MNC entries (github.com/openeventdata/petrarch2, commit 676801cd9cb2; MIT licence,",
        "Copyright (c) 2014 Open Event Data — see dictionaries/LICENSE-petrarch2.txt); and curated rows",
        "(scripts/curated/companies.tsv: media organisations, large private and state-owned firms).",
    ],
}


GOVERNMENT_FORM = re.compile(r"\b(administration|government|cabinet|regime)\b", re.I)


def write_tsv(path, which, ents):
    cols = COLUMNS[which]
    for e in ents.values():
        people = e.get("person_keys", set())
        if people:
            terms = e.get("person_terms", {})
            e["people"] = [m + ("[%s]" % ", ".join(terms[key(m)]) if terms.get(key(m)) else "")
                           for m in e["metonyms"] if key(m) in people]
            e["metonyms"] = [m for m in e["metonyms"] if key(m) not in people]
    lines = ["# " + h for h in HEADERS[which]]
    lines.append("# %d entries." % len(ents))
    lines.append("\t".join(cols))
    for id_ in sorted(ents):
        e = ents[id_]
        row = []
        for c in cols:
            v = e.get(c, "")
            if isinstance(v, (list, tuple)):
                v = "|".join(uniq(v))
            else:
                v = clean(v)
            row.append(v)
        lines.append("\t".join(row))
    data = "\n".join(lines) + "\n"
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(data)


# --------------------------------------------------------------------------------------------
# checks


def check(outdir, shared):
    ok = True
    summary = []
    forms_by_file = {}
    for which in ("countries", "agencies", "companies"):
        path = os.path.join(outdir, which + ".tsv")
        header, ids, owners, n = None, set(), {}, 0
        with open(path, encoding="utf-8") as f:
            for ln, line in enumerate(f, 1):
                line = line.rstrip("\n")
                if not line or line.startswith("#"):
                    continue
                cells = line.split("\t")
                if header is None:
                    header = cells
                    continue
                n += 1
                if len(cells) != len(header):
                    print("FAIL %s:%d: %d columns, header has %d" % (which, ln, len(cells), len(header)))
                    ok = False
                    continue
                row = dict(zip(header, cells))
                if row["id"] in ids or not re.fullmatch(r"[A-Za-z0-9:._\-]+", row["id"]):
                    print("FAIL %s:%d: bad or repeated id %r" % (which, ln, row["id"]))
                    ok = False
                ids.add(row["id"])
                if not row["name"]:
                    print("FAIL %s:%d: empty name" % (which, ln))
                    ok = False
                forms = [row["name"]]
                for col in ("aliases", "demonyms", "metonyms", "people"):
                    if col in row and row[col]:
                        items = row[col].split("|")
                        if any(not x.strip() for x in items):
                            print("FAIL %s:%d: empty item in %s" % (which, ln, col))
                            ok = False
                        forms += [re.sub(r"\[[^\]]*\]$", "", x) for x in items]
                for fm in forms:
                    if re.fullmatch(r"[\d\W_]+", fm):
                        print("FAIL %s:%d: numeric form %r" % (which, ln, fm))
                        ok = False
                    k = key(fm)
                    if k in owners and owners[k] != row["id"] and k not in shared[which]:
                        print("FAIL %s:%d: %r also belongs to %s" % (which, ln, fm, owners[k]))
                        ok = False
                    owners[k] = row["id"]
                if row["country"] and not re.fullmatch(r"[A-Z]{3}", row["country"]):
                    print("FAIL %s:%d: bad country %r" % (which, ln, row["country"]))
                    ok = False
                if row["wikidata"] and not re.fullmatch(r"Q\d+", row["wikidata"]):
                    print("FAIL %s:%d: bad QID" % (which, ln))
                    ok = False
        forms_by_file[which] = owners
        summary.append((which, n))
    mins = {"countries": 249, "agencies": 500, "companies": 5000}
    for which, n in summary:
        flag = "ok" if n >= mins[which] else "FAIL (< %d)" % mins[which]
        ok = ok and n >= mins[which]
        print("%-10s %6d entries, %6d distinct forms  %s" % (which, n, len(forms_by_file[which]), flag))
    seeds = [
        ("companies", "Huawei"), ("companies", "ZTE"), ("companies", "Foxconn"), ("companies", "AT&T"),
        ("companies", "Verizon"), ("companies", "Bloomberg"), ("companies", "Super Micro Computer"),
        ("companies", "Super Micro"), ("companies", "The Verge"), ("companies", "The Wall Street Journal"),
        ("companies", "Reuters"), ("companies", "Associated Press"), ("companies", "The New York Times"),
        ("companies", "BBC"), ("companies", "CNN"), ("companies", "Financial Times"), ("companies", "Xinhua"),
        ("companies", "Qualcomm"), ("companies", "Qualcomm Inc."), ("companies", "Qualcomm Incorporated"),
        ("countries", "United States"), ("countries", "US"), ("countries", "U.S."), ("countries", "American"),
        ("countries", "China"), ("countries", "Chinese"), ("countries", "Russia"), ("countries", "Germany"),
        ("countries", "Japan"), ("countries", "Italy"), ("countries", "Beijing"), ("countries", "the White House"),
        ("countries", "People's Republic of China"), ("countries", "PRC"), ("countries", "Kosovo"),
        ("countries", "Taiwan"), ("countries", "Palestine"), ("countries", "Vatican"),
        ("agencies", "FBI"), ("agencies", "CIA"), ("agencies", "Commerce Department"), ("agencies", "Pentagon"),
        ("agencies", "SEC"), ("agencies", "FCC"), ("agencies", "United Nations"), ("agencies", "NATO"),
        ("agencies", "European Union"), ("agencies", "DOJ"),
    ]
    for which, form in seeds:
        owner = forms_by_file[which].get(key(form))
        if owner:
            print("seed %-10s %-28r -> %s" % (which, form, owner))
        else:
            print("FAIL seed %s %r missing" % (which, form))
            ok = False
    # Forms whose owner is a decision (scripts/curated/former_countries.tsv, countries.tsv,
    # us_agencies.tsv): the former states are entities of their own, West Germany is Germany,
    # Moscow and the Kremlin stay Russia's, bare "Congress" is the US Congress.
    owned = [
        ("countries", "Soviet Union", "SUN"), ("countries", "USSR", "SUN"), ("countries", "Soviet", "SUN"),
        ("countries", "East Germany", "DDR"), ("countries", "GDR", "DDR"), ("countries", "East German", "DDR"),
        ("countries", "Yugoslavia", "YUG"), ("countries", "Czechoslovakia", "CSK"),
        ("countries", "West Germany", "DEU"), ("countries", "West German", "DEU"),
        ("countries", "Federal Republic of Germany", "DEU"), ("countries", "Kremlin", "RUS"),
        ("countries", "Moscow", "RUS"), ("agencies", "Congress", "us-agency:congress"),
    ]
    for which, form, want in owned:
        owner = forms_by_file[which].get(key(form))
        if owner != want:
            print("FAIL %s %r belongs to %s, not %s" % (which, form, owner, want))
            ok = False
    return ok


# --------------------------------------------------------------------------------------------


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("sources", nargs="?", default=os.path.join(ROOT, "..", "shared", "sources"))
    ap.add_argument("--out", default=os.path.join(ROOT, "dictionaries"))
    ap.add_argument("--quiet", action="store_true", help="do not list resolved duplicates")
    args = ap.parse_args()
    src = os.path.normpath(args.sources)
    common_words = read_words(os.path.join(CURATED, "common_words.txt"))
    GENERIC.update(common_words)
    ENGLISH.update(read_words(os.path.join(CURATED, "english_words.txt")))
    common_words |= ENGLISH
    # English words of PETRARCH2's CAMEO verb and agent dictionaries widen the list of words that
    # are not used alone as company aliases ("Joint", "Recovery", "Block" ...).
    for fn in ("Phoenix.agents.txt", "CAMEO.2.0.txt"):
        with open(os.path.join(src, "petrarch2", fn), encoding="utf-8", errors="replace") as f:
            for line in f:
                for w in re.findall(r"[A-Za-z]+", line.split("#")[0]):
                    if len(w) >= 3:
                        common_words.add(w.lower())

    shared, shared_rows = read_shared()
    countries = build_countries(src)
    COUNTRY_CODES.update(countries)
    add_shared(countries, "countries", shared_rows)
    report = finalize(countries, label="countries", shared=shared["countries"])
    country_keys = all_keys(countries)

    absorbed = set()
    agencies = build_igos_and_national(src, absorbed)
    us = build_us_agencies(src)
    for k, v in us.items():
        if k in agencies:
            raise SystemExit("agency id clash %s" % k)
        agencies[k] = v
    add_shared(agencies, "agencies", shared_rows)
    report += finalize(agencies, blocked=country_keys, label="agencies", shared=shared["agencies"])
    agency_keys = all_keys(agencies)

    companies, stats = build_companies(src, common_words, absorbed)
    for e in companies.values():
        if e["wikidata"]:
            e["refs"] = [r for r in e["refs"]]
    add_shared(companies, "companies", shared_rows)
    report += finalize(companies, blocked=country_keys | agency_keys, label="companies",
                       shared=shared["companies"])
    # ids: a company with a certain QID is identified by it (as the README describes)
    renamed = {}
    for id_, e in list(companies.items()):
        if e["wikidata"] and id_ != e["wikidata"]:
            if not id_.startswith("cik:") and not id_.startswith("company:"):
                pass
            e["refs"] = ([id_] if id_.startswith("cik:") else []) + [r for r in e["refs"] if r != id_]
            e["id"] = e["wikidata"]
            renamed[e["wikidata"]] = e
            del companies[id_]
    companies.update(renamed)

    os.makedirs(args.out, exist_ok=True)
    write_tsv(os.path.join(args.out, "countries.tsv"), "countries", countries)
    write_tsv(os.path.join(args.out, "agencies.tsv"), "agencies", agencies)
    write_tsv(os.path.join(args.out, "companies.tsv"), "companies", companies)

    if not args.quiet:
        for line in report:
            print("resolved:", line)
    for k in sorted(stats):
        print("stat: %s: %d" % (k, stats[k]))
    ok = check(args.out, shared)
    print("OK" if ok else "CHECKS FAILED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
