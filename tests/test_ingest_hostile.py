"""Hostile input: whatever the bytes, reading yields clean Documents and one-line warnings only."""

from __future__ import annotations

import codecs
import contextlib
import logging
import tempfile
from collections.abc import Iterator
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphkit.ingest import clean_text, read_documents
from graphkit.types import Document

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW_FUZZ = settings(  # every example goes through lxml and trafilatura
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@contextlib.contextmanager
def warnings_logged() -> Iterator[list[str]]:
    """Collect what graphkit logs (caplog is per test, hypothesis runs many examples per test)."""
    messages: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            messages.append(record.getMessage())

    logger = logging.getLogger("graphkit")
    handler, level = Collect(logging.INFO), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield messages
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


def read_bytes_as(name: str, raw: bytes) -> tuple[list[Document], list[str]]:
    """Write `raw` to a file called `name`, read it, and check the invariants every read keeps."""
    with tempfile.TemporaryDirectory() as folder, warnings_logged() as messages:
        path = Path(folder) / name
        path.write_bytes(raw)
        documents = list(read_documents([path]))
    for document in documents:
        assert isinstance(document, Document)
        assert document.text, document
        assert document.text == clean_text(document.text).strip()
        assert document.source.startswith(str(path))
    for message in messages:
        assert "\n" not in message and message.startswith(str(path)), message
    return documents, messages


@FUZZ
@given(raw=st.binary(max_size=3000), name=st.sampled_from(["a.txt", "a.jsonl", "a"]))
def test_arbitrary_bytes_never_raise(raw, name):
    read_bytes_as(name, raw)


@SLOW_FUZZ
@given(raw=st.binary(max_size=2000))
def test_arbitrary_bytes_as_html_never_raise(raw):
    read_bytes_as("a.html", raw)


SOUP = [
    *"<div> </div> <p> </p> <ul><li> </li></ul> <table><tr><td> <script> </script> <style>".split(),
    *"<noscript> <template> </template> <iframe> <object> <!-- --> <![CDATA[ ]]> <?php ?>".split(),
    *"&amp; &#0; &#xD800; <svg> <math> <select> <textarea> <plaintext> é 東京".split(),
    *["<meta charset=utf-16>", "<base href=javascript:x>", "\x00", "\r", "\ufeff", "\x85"],
    "The minister met the union leaders in Paris on Monday. ",
]


@SLOW_FUZZ
@given(parts=st.lists(st.sampled_from(SOUP), max_size=300))
def test_tag_soup_never_raises(parts):
    read_bytes_as("soup.html", "".join(parts).encode("utf-8"))


LABELS = "hex rot13 idna undefined punycode unicode_escape utf-16le utf-7 base64 x-user-defined"


@SLOW_FUZZ
@given(
    label=st.sampled_from([*LABELS.split(), "koi8-r", "shift_jis", "utf-8", "latin1", "\xff"]),
    body=st.binary(max_size=500),
)
def test_any_declared_charset_on_any_bytes_never_raises(label, body):
    head = f"<html><head><meta charset='{label}'></head><body><p>".encode("latin-1")
    read_bytes_as("declared.html", head + b"\xe9 " + body + b"</p></body></html>")


TEXTS = st.text(
    alphabet=st.characters(exclude_characters="\x00\ufeff", exclude_categories=["Cs"]),
    max_size=200,
)
UNICODE = [
    # (codec, byte-order mark): every one of these is read back exactly.
    ("utf-8", b""),
    ("utf-8", codecs.BOM_UTF8),
    ("utf-16-le", codecs.BOM_UTF16_LE),
    ("utf-16-be", codecs.BOM_UTF16_BE),
    ("utf-32-le", codecs.BOM_UTF32_LE),
    ("utf-32-be", codecs.BOM_UTF32_BE),
]


@FUZZ
@given(text=TEXTS, encoding=st.sampled_from(UNICODE))
def test_unicode_text_is_read_back_exactly(text, encoding):
    codec, bom = encoding
    documents, messages = read_bytes_as("a.txt", bom + text.encode(codec))
    expected = clean_text(text).strip()
    assert [d.text for d in documents] == ([expected] if expected else [])
    assert [m.split(": ", 1)[1] for m in messages] == (
        [] if expected else ["empty document; skipped"]
    )


@FUZZ
@given(text=TEXTS, codec=st.sampled_from(["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"]))
def test_unicode_without_a_byte_order_mark_never_raises(text, codec):
    documents, messages = read_bytes_as("a.txt", text.encode(codec))
    if not documents:
        assert len(messages) <= 2, messages  # binary, or a guess and then empty


@FUZZ
@given(
    text=st.text(alphabet=st.characters(codec="cp1252", exclude_characters="\x00"), max_size=200),
    codec=st.sampled_from(["cp1252", "latin-1"]),
)
def test_legacy_text_is_read_as_the_one_encoding_a_warning_names(text, codec):
    raw = text.encode(codec, errors="ignore")  # latin-1 lacks cp1252's 80-9F punctuation
    documents, messages = read_bytes_as("a.txt", raw)
    guesses = [m.split("read as ")[1].split()[0] for m in messages if "not UTF-8; read as " in m]
    try:
        expected = clean_text(raw.decode("utf-8")).strip()  # "Â\xa0" in cp1252 is UTF-8
    except UnicodeDecodeError:
        assert len(guesses) == 1, messages
        expected = clean_text(raw.decode(guesses[0], errors="replace")).strip()
    else:
        assert guesses == []
    assert [d.text for d in documents] == ([expected] if expected else [])


@FUZZ
@given(
    depth=st.integers(min_value=0, max_value=150_000),
    opener=st.sampled_from(["[", '{"text": ', '{"a": ', "[1, "]),
)
def test_jsonl_nested_to_any_depth_costs_at_most_its_own_line(depth, opener):
    closer = "]" if opener.startswith("[") else "}"
    nested = opener * depth + '"deep text"' + closer * depth
    lines = ['{"text": "First."}', nested, '{"text": "Last."}']
    documents, messages = read_bytes_as("feed.jsonl", "\n".join(lines).encode("utf-8"))
    texts = [d.text for d in documents]
    assert texts[0] == "First." and texts[-1] == "Last."
    if len(texts) == 2:
        assert len(messages) == 1 and ":2: " in messages[0], messages
    else:
        assert texts == ["First.", "deep text", "Last."] and messages == []


HIDDEN_SENTENCE = "Hidden sentence never read."


@SLOW_FUZZ
@given(
    depth=st.integers(min_value=0, max_value=3000),
    opener=st.sampled_from(
        ["<div>", "<ul><li>", "<blockquote>", "<span>", "<section>", "<pre><code>", "<b><i>"]
    ),
    hidden=st.sampled_from(["script", "style", "noscript", "template", "iframe", "object"]),
)
def test_html_nested_to_any_depth_is_read_or_skipped_and_never_shows_hidden_text(
    depth, opener, hidden
):
    closer = "".join(f"</{tag[1:]}" for tag in reversed(opener.split("<")[1:]))
    filler = (
        "The minister met the union leaders in Paris on Monday to discuss the pension reform"
        " that parliament will vote on next week."
    )
    page = (
        f"<html><head><title>Deep</title></head><body><article><p>{filler}</p>"
        + opener * depth
        + f"Deep words. <{hidden}>{HIDDEN_SENTENCE}</{hidden}> More deep words."
        + closer * depth
        + "</article></body></html>"
    )
    documents, messages = read_bytes_as("deep.html", page.encode("utf-8"))
    assert all(HIDDEN_SENTENCE not in d.text for d in documents)
    levels = depth * opener.count("<") + 4  # html, body, article, the hidden element
    skipped = [m for m in messages if m.endswith("; skipped")]
    if levels < 2000:  # libxml2 stops at 2048 levels, counted its own way
        assert not any("could not read HTML" in m for m in skipped), messages
    elif levels > 2100:
        assert documents == [] and len(skipped) == 1 and "could not read HTML" in skipped[0]
