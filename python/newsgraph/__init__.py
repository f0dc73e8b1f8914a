"""newsgraph from Python: entities and relations of news articles, one dict per article, each
equal to `json.loads` of the line `newsgraph extract` writes for it (docs/output.md).

    import newsgraph
    for record in newsgraph.extract([{"id": "a1", "text": "China spies on the U.S."}]):
        print(record["entities"][0]["id"])          # CHN

The work is done in Rust, on all cores (or `threads`), with the GIL released; input is read
in chunks, so a generator of millions of articles streams in bounded memory.
"""

import os

from ._newsgraph import Extractor, Records, Reject

__all__ = [
    "Extractor",
    "Records",
    "Reject",
    "Error",
    "DictionaryError",
    "RecordError",
    "extract",
    "extract_file",
]


class Error(Exception):
    """Every error newsgraph raises."""


class DictionaryError(Error, ValueError):
    """A dictionary, relation table or verb file that cannot be loaded; the message names
    file, line and column, as the CLI's does."""


class RecordError(Error, ValueError):
    """`Extractor.extract_text` given an article the CLI would reject; the message is the
    CLI's reason."""


_LOAD_OPTIONS = (
    "dicts",
    "verbs",
    "relations",
    "no_default_dict",
    "no_default_relations",
    "metonyms",
    "open_world",
    "threads",
    "emit",
    "text_field",
    "id_field",
    "title_field",
    "max_article_bytes",
)


def _extractor(options):
    load = {k: options.pop(k) for k in _LOAD_OPTIONS if k in options}
    for k in ("dicts", "verbs", "relations"):
        # One path is a list of one, not a string of characters.
        if isinstance(load.get(k), (str, bytes, os.PathLike)):
            load[k] = [load[k]]
        elif k in load:
            load[k] = list(load[k])
    return Extractor(**load), options


def extract(articles, **options):
    """Records of `articles` (an iterable of dicts with the JSON-lines fields `id`, `text`,
    `title`, `date` …, or of JSON lines), in order. Options: those of `Extractor` and of
    `Extractor.extract` (`chunk`, `on_reject`). Rejected articles go to the returned
    iterator's `rejects`."""
    extractor, rest = _extractor(dict(options))
    return extractor.extract(articles, **rest)


def extract_file(*paths, **options):
    """Records of files and folders, read as `newsgraph extract PATH…` reads them: JSON lines
    (plain, gzip, zstd) and `.txt` files. Options: those of `Extractor`, and `on_reject`."""
    extractor, rest = _extractor(dict(options))
    return extractor.extract_file(*paths, **rest)
