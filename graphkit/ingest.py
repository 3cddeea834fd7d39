"""Ingest: files, folders, globs and stdin → clean Documents with content-hash ids."""

from __future__ import annotations

import datetime
import glob
import hashlib
import json
import logging
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from graphkit._decode import decode
from graphkit.errors import InputError
from graphkit.types import Document

log = logging.getLogger("graphkit")

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})

# Never article text: code, styling, script templates, and the fallback a browser shows only when
# a script, frame, plug-in or embed cannot run.
_HIDDEN_ELEMENTS = (
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "object",
    "embed",
    "applet",
    "noembed",
    "noframes",
)
# Below this depth, elements are merged into their ancestor as plain text: real pages stay far
# shallower, and trafilatura walks some nestings (lists, code) with one Python call per level.
_MAX_HTML_DEPTH = 256

# C0/C1 controls but tab and newline, lone surrogates, and the non-characters XML refuses.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def clean_text(text: str) -> str:
    r"""Return `text` safe for every later stage: NFC, newlines only, no controls or surrogates.

    >>> clean_text("Putin\x00 met\r\nXi\ud800.")
    'Putin met\nXi.'
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", _UNSAFE.sub("", text))


def document_id(text: str) -> str:
    """Return the stable id of a text: the start of its SHA-256, so one article gets one id."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def make_document(text: str, *, source: str, **metadata: Any) -> Document | None:
    """Clean `text` and wrap it as a Document; None (with a warning) when nothing is left."""
    cleaned = clean_text(text).strip()
    if not cleaned:
        log.warning("%s: empty document; skipped", source)
        return None
    return Document(id=document_id(cleaned), text=cleaned, source=source, **metadata)


def read_documents(
    sources: Iterable[str | Path | Document], *, published: datetime.date | None = None
) -> Iterator[Document]:
    """Yield each distinct article in `sources`: paths, folders, globs, "-" for stdin, Documents.

    A source that does not exist raises InputError; a file that cannot be read as text is
    skipped with a one-line warning naming it. The same article given twice is yielded once.
    `published` is the date assumed for documents whose metadata carries none.
    """
    seen: set[str] = set()
    for path in _expand(sources):
        for document in [path] if isinstance(path, Document) else _read_path(path):
            if document.id in seen:
                log.info("%s: same text as an earlier document; skipped", document.source)
                continue
            seen.add(document.id)
            if document.published is None and published is not None:
                yield _with_published(document, published)
            else:
                yield document


def _with_published(document: Document, published: datetime.date) -> Document:
    fields = {name: getattr(document, name) for name in Document.__dataclass_fields__}
    return Document(**{**fields, "published": published})


def _expand(sources: Iterable[str | Path | Document]) -> Iterator[str | Path | Document]:
    for source in sources:
        if isinstance(source, Document):
            yield source
            continue
        name = str(source)
        if name == "-":
            yield "-"
        elif Path(name).is_dir():
            yield from sorted(p for p in Path(name).rglob("*") if _is_article_file(p))
        elif Path(name).exists():
            yield Path(name)
        elif glob.has_magic(name):
            matches = sorted(Path(p) for p in glob.glob(name, recursive=True))
            files = [p for p in matches if p.is_file()]
            if not files:
                raise InputError(f"{name}: no file matches this pattern")
            yield from files
        else:
            raise InputError(f"{name}: no such file or folder")


def _is_article_file(path: Path) -> bool:
    return path.is_file() and not any(part.startswith(".") for part in path.parts[-1:])


def _read_path(path: str | Path) -> Iterator[Document]:
    if path == "-":
        yield from _parse("-", sys.stdin.buffer.read(), kind="text")
        return
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        log.warning("%s: cannot be read (%s); skipped", path, error.strerror)
        return
    suffix = path.suffix.lower()
    kind = "html" if suffix in HTML_SUFFIXES else "jsonl" if suffix in JSONL_SUFFIXES else "text"
    yield from _parse(str(path), raw, kind=kind)


def _parse(source: str, raw: bytes, *, kind: str) -> Iterator[Document]:
    text = decode(source, raw, html=kind == "html")
    if text is None:
        return
    if kind == "jsonl":
        yield from _parse_jsonl(source, text)
        return
    document = _parse_html(source, text) if kind == "html" else make_document(text, source=source)
    if document is not None:
        yield document


class _UnreadableHTML(Exception):
    """The page cannot be parsed whole; the message says why."""


def _parse_html(source: str, html: str) -> Document | None:
    import trafilatura  # heavy (lxml and friends); only HTML input needs it

    try:
        tree = _html_tree(source, html)
        extracted = (
            None
            if tree is None
            else trafilatura.bare_extraction(tree, with_metadata=True, include_tables=False)
        )
    except Exception as error:  # one bad page must not stop the build
        log.warning("%s: could not read HTML (%s); skipped", source, _describe(error))
        return None
    if extracted is None or not getattr(extracted, "text", None):
        log.warning("%s: no article text found in this HTML; skipped", source)
        return None
    text = str(extracted.text)  # type: ignore[union-attr]  # a Document unless as_dict=True
    title = getattr(extracted, "title", None)
    if title and text.startswith(title + "\n"):
        text = text[len(title) + 1 :]
    return make_document(
        text,
        source=source,
        title=clean_text(title) if title else None,
        publisher=getattr(extracted, "sitename", None),
        url=getattr(extracted, "url", None),
        published=_parse_date(getattr(extracted, "date", None)),
    )


def _html_tree(source: str, html: str) -> Any:
    """Parse `html` whole, without its hidden elements and flattened below _MAX_HTML_DEPTH.

    Returns an lxml.html tree, or None for a page with no elements at all.
    """
    from lxml import etree  # type: ignore[import-untyped]
    from lxml import html as lxml_html

    # huge_tree lifts libxml2's depth limit from 256 (past which the rest of the page would be
    # silently lost) to 2048; deeper than that, parsing stops with a fatal error.
    parser = lxml_html.HTMLParser(
        encoding="utf-8",
        huge_tree=True,
        remove_comments=True,
        remove_pis=True,
        collect_ids=False,
        default_doctype=False,
    )
    try:
        tree = lxml_html.document_fromstring(html.encode("utf-8", "replace"), parser=parser)
    except etree.ParserError:  # "Document is empty"
        return None
    fatal = [e for e in parser.error_log if e.level >= etree.ErrorLevels.FATAL]
    if fatal:
        reason = fatal[0].message.split(", use XML_PARSE_HUGE")[0]  # libxml2 has no such option
        raise _UnreadableHTML(f"the parser gave up: {reason}")
    etree.strip_elements(tree, *_HIDDEN_ELEMENTS, with_tail=False)
    level = [tree]
    for _ in range(_MAX_HTML_DEPTH):
        level = [child for parent in level for child in parent]
    if level:
        log.info(
            "%s: HTML nested over %d deep; the deeper parts read as plain text",
            source,
            _MAX_HTML_DEPTH,
        )
        for element in level:
            for descendant in element.iterdescendants():  # keep words apart once merged
                descendant.text = " " + (descendant.text or "")
                descendant.tail = " " + (descendant.tail or "")
            etree.strip_tags(element, "*")
    return tree


def _describe(error: Exception) -> str:
    r"""Name `error` in one short line.

    >>> _describe(RecursionError("maximum recursion depth exceeded\nwhile parsing"))
    'RecursionError: maximum recursion depth exceeded'
    """
    message = (str(error).splitlines() or [""])[0][:200]
    if isinstance(error, _UnreadableHTML):
        return message
    return f"{type(error).__name__}: {message}" if message else type(error).__name__


def _parse_jsonl(source: str, text: str) -> Iterator[Document]:
    # JSON Lines ends records at "\n" only: U+2028 and friends may appear raw inside a string.
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            record = json.loads(line)
        except RecursionError:
            log.warning("%s: JSON nested too deeply; skipped", where)
            continue
        except ValueError as error:  # not JSON, or an integer too long to convert
            reason = error.msg if isinstance(error, json.JSONDecodeError) else _describe(error)
            log.warning("%s: not a JSON object (%s); skipped", where, reason)
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            log.warning('%s: no "text" string in this record; skipped', where)
            continue
        document = make_document(
            record["text"],
            source=where,
            title=_optional_text(record.get("title")),
            publisher=_optional_text(record.get("publisher") or record.get("source")),
            url=_optional_text(record.get("url")),
            published=_parse_date(record.get("published")),
        )
        if document is not None:
            yield document


def _optional_text(value: object) -> str | None:
    return clean_text(value).strip() or None if isinstance(value, str) else None


def _parse_date(value: object) -> datetime.date | None:
    """Read an ISO date or datetime ("2025-01-22", "2025-01-22T10:00:00Z"); None otherwise.

    >>> _parse_date("2025-01-22T08:30:00Z")
    datetime.date(2025, 1, 22)
    """
    if not isinstance(value, str):
        return None
    try:
        return datetime.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None
