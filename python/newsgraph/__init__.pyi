from collections.abc import Callable, Iterable, Iterator, Mapping
from os import PathLike
from typing import Any, Literal, Optional, Union

_Path = Union[str, PathLike[str]]
_Paths = Union[_Path, Iterable[_Path]]
_Article = Union[Mapping[str, Any], str, bytes]

class Error(Exception): ...
class DictionaryError(Error, ValueError): ...
class RecordError(Error, ValueError): ...

class Reject:
    """A record that could not be read as an article, as the CLI reports it."""

    file: str
    """The input file; `<articles>` for Python input."""
    line: int
    """The line in the file, from 1; for Python input the article's position."""
    reason: str
    record: Any
    """The item given; for a file, the line's bytes (None for a .txt file)."""

class Records(Iterator[dict[str, Any]]):
    """One dict per output line of `newsgraph extract`, in input order."""

    rejects: list[Reject]
    """The records rejected so far."""
    errors: list[str]
    """Inputs that could not be read (`file: message`); the run went on."""
    def __iter__(self) -> Records: ...
    def __next__(self) -> dict[str, Any]: ...

class Extractor:
    """Dictionaries loaded once; raises DictionaryError naming file and line."""

    warnings: list[str]
    def __init__(
        self,
        *,
        dicts: Iterable[_Path] = ...,
        verbs: Iterable[_Path] = ...,
        relations: Iterable[_Path] = ...,
        no_default_dict: bool = False,
        no_default_relations: bool = False,
        metonyms: bool = True,
        open_world: bool = True,
        threads: Optional[int] = None,
        emit: Literal["articles", "relations"] = "articles",
        text_field: str = "text",
        id_field: str = "id",
        title_field: str = "title",
        max_article_bytes: int = 8388608,
    ) -> None: ...
    def extract(
        self,
        articles: Iterable[_Article],
        *,
        chunk: int = 1024,
        on_reject: Optional[Callable[[Reject], Any]] = None,
    ) -> Records: ...
    def extract_file(
        self, *paths: _Path, on_reject: Optional[Callable[[Reject], Any]] = None
    ) -> Records: ...
    def extract_text(
        self,
        text: str,
        *,
        id: Union[str, int, None] = None,
        date: Optional[str] = None,
        title: Optional[str] = None,
    ) -> dict[str, Any]: ...

def extract(
    articles: Iterable[_Article],
    *,
    dicts: _Paths = ...,
    verbs: _Paths = ...,
    relations: _Paths = ...,
    no_default_dict: bool = False,
    no_default_relations: bool = False,
    metonyms: bool = True,
    open_world: bool = True,
    threads: Optional[int] = None,
    emit: Literal["articles", "relations"] = "articles",
    text_field: str = "text",
    id_field: str = "id",
    title_field: str = "title",
    max_article_bytes: int = 8388608,
    chunk: int = 1024,
    on_reject: Optional[Callable[[Reject], Any]] = None,
) -> Records: ...
def extract_file(
    *paths: _Path,
    dicts: _Paths = ...,
    verbs: _Paths = ...,
    relations: _Paths = ...,
    no_default_dict: bool = False,
    no_default_relations: bool = False,
    metonyms: bool = True,
    open_world: bool = True,
    threads: Optional[int] = None,
    emit: Literal["articles", "relations"] = "articles",
    text_field: str = "text",
    id_field: str = "id",
    title_field: str = "title",
    max_article_bytes: int = 8388608,
    on_reject: Optional[Callable[[Reject], Any]] = None,
) -> Records: ...
