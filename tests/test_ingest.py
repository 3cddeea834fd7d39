"""Ingest: formats, de-duplication, cleaning, and one-line warnings for bad files."""

from __future__ import annotations

import codecs
import datetime
import json
import logging
import random
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graphkit import ingest
from graphkit.errors import InputError
from graphkit.ingest import clean_text, read_documents


def test_text_html_and_jsonl_are_read_with_their_metadata(tmp_path):
    (tmp_path / "a.txt").write_text("Russia trades with China.\n", encoding="utf-8")
    (tmp_path / "b.html").write_text(
        "<html><head><title>Deal signed</title></head><body><nav>Home | Sport | Weather</nav>"
        "<article><h1>Deal signed</h1><p>Acme Corp bought Globex Corporation on Monday in a deal"
        " that analysts said would reshape the industry for years.</p>"
        "<p>The companies announced the purchase in a joint statement.</p></article>"
        "<footer>Copyright 2025 Example News</footer></body></html>",
        encoding="utf-8",
    )
    records = [
        {
            "text": "Putin met Xi.",
            "title": "Summit",
            "publisher": "Wire",
            "published": "2025-01-22",
        },
        {"text": "Trump spoke.", "url": "https://example.org/x", "source": "Daily"},
    ]
    (tmp_path / "c.jsonl").write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    documents = {d.text: d for d in read_documents([tmp_path])}
    assert documents["Russia trades with China."].source.endswith("a.txt")
    html_doc = next(d for d in documents.values() if d.source.endswith("b.html"))
    assert html_doc.title == "Deal signed"
    assert "Acme Corp bought Globex" in html_doc.text
    assert "Copyright" not in html_doc.text and "Weather" not in html_doc.text
    summit = documents["Putin met Xi."]
    assert (summit.title, summit.publisher, summit.published) == (
        "Summit",
        "Wire",
        datetime.date(2025, 1, 22),
    )
    assert summit.source.endswith("c.jsonl:1")
    assert documents["Trump spoke."].publisher == "Daily"
    assert documents["Trump spoke."].url == "https://example.org/x"


def test_the_same_article_twice_is_read_once_and_ids_are_stable(tmp_path):
    (tmp_path / "a.txt").write_text("Same words.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Same words.\n", encoding="utf-8")
    first = list(read_documents([tmp_path / "a.txt", tmp_path / "b.txt", tmp_path]))
    again = list(read_documents([tmp_path / "b.txt"]))
    assert len(first) == 1
    assert first[0].id == again[0].id


def test_glob_and_published_default(tmp_path):
    for name in ("x1.txt", "x2.txt", "y.txt"):
        (tmp_path / name).write_text(f"Text of {name}.", encoding="utf-8")
    documents = list(
        read_documents([str(tmp_path / "x*.txt")], published=datetime.date(2025, 1, 2))
    )
    assert sorted(d.text for d in documents) == ["Text of x1.txt.", "Text of x2.txt."]
    assert {d.published for d in documents} == {datetime.date(2025, 1, 2)}


def test_bad_files_warn_in_one_line_naming_the_file_and_the_rest_goes_on(tmp_path, caplog):
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\x00\x00\x01")
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "latin.txt").write_bytes("Caf\xe9 owners met.".encode("latin-1"))
    (tmp_path / "bad.jsonl").write_text('{"text": "Good line."}\nnot json\n{"title": 1}\n')
    (tmp_path / "good.txt").write_text("Good text.", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="graphkit"):
        documents = list(read_documents([tmp_path]))
    assert sorted(d.text for d in documents) == ["Café owners met.", "Good line.", "Good text."]
    messages = [r.getMessage() for r in caplog.records]
    assert all("\n" not in m for m in messages)
    expected = {
        "binary.txt": "binary",
        "empty.txt": "empty",
        "latin.txt": "UTF-8",
        "bad.jsonl:2": "JSON",
        "bad.jsonl:3": '"text"',
    }
    for name, problem in expected.items():
        assert any(name in m and problem in m for m in messages), (name, messages)


def test_missing_paths_are_errors_naming_them(tmp_path):
    with pytest.raises(InputError, match=r"nothere\.txt: no such file"):
        list(read_documents([tmp_path / "nothere.txt"]))
    with pytest.raises(InputError, match=r"\*\.xyz: no file matches"):
        list(read_documents([str(tmp_path / "*.xyz")]))


@given(st.text())
def test_cleaned_text_has_no_controls_or_surrogates(text):
    cleaned = clean_text(text)
    assert all(ch in "\n\t" or (ord(ch) >= 0x20 and not 0x7F <= ord(ch) <= 0x9F) for ch in cleaned)
    assert not any(0xD800 <= ord(ch) <= 0xDFFF for ch in cleaned)
    cleaned.encode("utf-8")  # would raise on a lone surrogate
    assert clean_text(cleaned) == cleaned


# --- inputs read as what they are: encodings, hidden HTML, hostile nesting ---------------------

CAFE = "Café owners met in Zürich on Monday."


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param(codecs.BOM_UTF8 + CAFE.encode("utf-8"), CAFE, id="utf-8 BOM"),
        pytest.param(CAFE.encode("utf-16"), CAFE, id="utf-16 native BOM"),
        pytest.param(codecs.BOM_UTF16_LE + CAFE.encode("utf-16-le"), CAFE, id="utf-16-le BOM"),
        pytest.param(codecs.BOM_UTF16_BE + CAFE.encode("utf-16-be"), CAFE, id="utf-16-be BOM"),
        pytest.param(codecs.BOM_UTF32_LE + CAFE.encode("utf-32-le"), CAFE, id="utf-32-le BOM"),
        pytest.param(codecs.BOM_UTF32_BE + CAFE.encode("utf-32-be"), CAFE, id="utf-32-be BOM"),
        pytest.param(
            codecs.BOM_UTF16_LE + "東京で会見".encode("utf-16-le"), "東京で会見", id="cjk"
        ),
        pytest.param(CAFE.encode("utf-8"), CAFE, id="utf-8 without BOM"),
    ],
)
def test_unicode_with_a_byte_order_mark_or_valid_utf8_is_read_without_a_warning(
    tmp_path, caplog, raw, expected
):
    (tmp_path / "a.txt").write_bytes(raw)
    with caplog.at_level(logging.WARNING, logger="graphkit"):
        documents = list(read_documents([tmp_path / "a.txt"]))
    assert [d.text for d in documents] == [expected]
    assert caplog.records == []


@pytest.mark.parametrize(
    ("text", "encoding", "guesses"),
    [
        pytest.param(
            "“Smart quotes” – the café’s naïve résumé cost €5.", "cp1252", {"cp1252"}, id="cp1252"
        ),
        pytest.param(CAFE, "latin-1", {"cp1252"}, id="latin-1"),
        pytest.param(
            "Le président français a rencontré le chancelier à Berlin.", "cp1252", {"cp1252"}
        ),
        pytest.param(
            "東京で首相が記者会見を開き、新しい経済政策について説明しました。",
            "shift_jis",
            {"cp932", "shift_jis", "shift_jis_2004", "shift_jisx0213"},
            id="shift-jis",
        ),
        pytest.param(
            "Президент России встретился с председателем КНР в Москве.",
            "cp1251",
            {"cp1251"},
            id="cp1251",
        ),
    ],
)
def test_other_encodings_are_detected_with_one_warning_naming_the_guess(
    tmp_path, caplog, text, encoding, guesses
):
    (tmp_path / "x.txt").write_bytes(text.encode(encoding))
    with caplog.at_level(logging.WARNING, logger="graphkit"):
        documents = list(read_documents([tmp_path / "x.txt"]))
    assert [d.text for d in documents] == [text]
    [message] = [r.getMessage() for r in caplog.records]
    found = re.fullmatch(r".*x\.txt: not UTF-8; read as (\S+) \(guessed\)", message)
    assert found is not None, message
    assert found.group(1) in guesses


def test_a_broken_byte_order_marked_file_is_read_with_replacements_and_a_warning(tmp_path, caplog):
    raw = codecs.BOM_UTF16_LE + "Good words".encode("utf-16-le") + b"\x00\xd8" + b"!\x00"
    (tmp_path / "half.txt").write_bytes(raw)  # \x00\xd8 is a lone high surrogate
    with caplog.at_level(logging.WARNING, logger="graphkit"):
        documents = list(read_documents([tmp_path / "half.txt"]))
    assert [d.text for d in documents] == ["Good words\ufffd!"]
    assert [r.getMessage() for r in caplog.records] == [
        f"{tmp_path / 'half.txt'}: not valid UTF-16-LE despite its byte-order mark;"
        " undecodable bytes replaced"
    ]


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", id="png"),
        pytest.param(random.Random(7).randbytes(4096) + b"\x00", id="random bytes"),
        pytest.param(b"\x00\x00\x01\x00\x01\x00\x10\x10", id="ico"),
        pytest.param(codecs.BOM_UTF16_LE + "a\x00b".encode("utf-16-le"), id="NUL after a BOM"),
    ],
)
def test_binary_files_are_skipped_with_one_warning(tmp_path, caplog, raw):
    (tmp_path / "pic.txt").write_bytes(raw)
    with caplog.at_level(logging.WARNING, logger="graphkit"):
        documents = list(read_documents([tmp_path / "pic.txt"]))
    assert documents == []
    assert [r.getMessage() for r in caplog.records] == [
        f"{tmp_path / 'pic.txt'}: binary file (NUL bytes); skipped"
    ]


@pytest.mark.parametrize(
    ("declaration", "encoding", "sentence"),
    [
        ('<meta charset="windows-1252">', "cp1252", "“Bonjour”, dit le maître d’hôtel."),
        (
            '<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">',
            "cp1252",  # as on the web: the bytes 80-9F are Windows-1252 punctuation
            "“Smart” quotes – and a dash.",
        ),
        ('<meta charset="koi8-r">', "koi8_r", "Прекрасно, сказал он."),
        ('<?xml version="1.0" encoding="cp1251"?>', "cp1251", "Прекрасно, сказал он."),
    ],
)
def test_an_html_page_is_read_in_the_encoding_it_declares(
    tmp_path, caplog, declaration, encoding, sentence
):
    page = (
        f"{declaration}<html><head><title>Story</title></head><body><article>"
        f"<p>{sentence} {ARTICLE_FILLER}</p></article></body></html>"
    )
    (tmp_path / "p.html").write_bytes(page.encode(encoding))
    with caplog.at_level(logging.WARNING, logger="graphkit"):
        [document] = read_documents([tmp_path / "p.html"])
    assert sentence in document.text
    assert caplog.records == []


ARTICLE_FILLER = (
    "The port authority signed a ten-year agreement with the shipping line on Tuesday,"
    " officials said at a press conference held in the harbour office."
)
HIDDEN = {
    "script": "Script sentence must never be read.",
    "style": "Style sentence must never be read.",
    "noscript": "Noscript sentence asks readers to enable JavaScript.",
    "template": "Template sentence is only cloned by client code.",
    "iframe": "Iframe fallback sentence says frames are unsupported.",
    "object": "Object fallback sentence asks for a plug-in.",
    "inline script": "Inline script sentence is written by document.write.",
}


def article_page() -> str:
    """A realistic news page whose hidden parts each carry one sentence from HIDDEN."""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Harbour deal signed</title>
<style>.lead::after {{ content: "{HIDDEN["style"]}"; }}</style>
<script>var teaser = "{HIDDEN["script"]}";</script>
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/sport">Sport</a></nav>
<article><h1>Harbour deal signed</h1>
<p class="lead">{ARTICLE_FILLER}</p>
<noscript><p>{HIDDEN["noscript"]}</p></noscript>
<p>The agreement covers container handling at two terminals and is worth about 400 million
euros, according to the authority's annual report.</p>
<template><p>{HIDDEN["template"]}</p></template>
<iframe src="/video">{HIDDEN["iframe"]}</iframe>
<object data="/chart.swf"><p>{HIDDEN["object"]}</p></object>
<script>document.write("{HIDDEN["inline script"]}")</script> Text after a script is part of
the story: the terminals will reopen in spring.
<p>Analysts expect the deal to bring more traffic to the port over the coming years, the
chief economist of the chamber of commerce said.</p>
</article>
<footer>Copyright 2025 Example News</footer></body></html>"""


def test_real_html_through_trafilatura_never_reads_hidden_elements(tmp_path, caplog):
    (tmp_path / "story.html").write_text(article_page(), encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="graphkit"):
        [document] = read_documents([tmp_path / "story.html"])
    assert document.title == "Harbour deal signed"
    for sentence in ("ten-year agreement", "400 million", "reopen in spring", "chief economist"):
        assert sentence in " ".join(document.text.split()), sentence
    for name, sentence in HIDDEN.items():
        assert sentence.split()[0] not in document.text, name
    assert "Copyright" not in document.text and "Sport" not in document.text
    assert caplog.records == []


@pytest.mark.parametrize(
    "hidden",
    "script style noscript template iframe object applet noembed noframes".split(),
)
def test_hidden_elements_in_running_text_are_never_read(tmp_path, hidden):
    # In this layout trafilatura alone keeps the text of all but script and style.
    page = (
        f"<html><head><title>Story</title></head><body><article><p>{ARTICLE_FILLER}</p>"
        f"Running words. <{hidden}>Hidden sentence.</{hidden}> Tail words.</article></body></html>"
    )
    (tmp_path / "story.html").write_text(page, encoding="utf-8")
    [document] = read_documents([tmp_path / "story.html"])
    assert "Running words. Tail words." in " ".join(document.text.split())
    assert "Hidden" not in document.text


INTRO = f"<p>{ARTICLE_FILLER}</p>"


@pytest.mark.parametrize(
    ("body", "depth"),
    [
        pytest.param("<div>level " * 300 + "Deepest words." + "</div>" * 300, 300, id="divs"),
        pytest.param(
            "<ul><li>item " * 1000 + "Deepest words." + "</li></ul>" * 1000, 2000, id="lists"
        ),
        pytest.param(
            "<blockquote>said " * 900 + "Deepest words." + "</blockquote>" * 900, 900, id="quotes"
        ),
    ],
)
def test_deep_html_within_the_parser_limit_is_read_whole(tmp_path, caplog, body, depth):
    page = f"<html><body><article>{INTRO}{body}</article></body></html>"
    (tmp_path / "deep.html").write_text(page, encoding="utf-8")
    with caplog.at_level(logging.INFO, logger="graphkit"):
        [document] = read_documents([tmp_path / "deep.html"])
    assert ARTICLE_FILLER in document.text
    assert "Deepest words." in document.text
    messages = [r.getMessage() for r in caplog.records]
    assert messages == [
        f"{tmp_path / 'deep.html'}: HTML nested over 256 deep; the deeper parts read as plain text"
    ]
    assert depth > 256


def test_flattening_is_what_keeps_deep_lists_readable(tmp_path, caplog, monkeypatch):
    # Without the flattening, trafilatura recurses once per list level and runs out of stack:
    # proof that the catch-all turns a real exception into one warning, and that it is needed.
    monkeypatch.setattr(ingest, "_MAX_HTML_DEPTH", 100_000)
    body = "<ul><li>item " * 1000 + "Deepest words." + "</li></ul>" * 1000
    page = f"<html><body><article>{INTRO}{body}</article></body></html>"
    (tmp_path / "lists.html").write_text(page, encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="graphkit"):
        documents = list(read_documents([tmp_path / "lists.html"]))
    assert documents == []
    [message] = [r.getMessage() for r in caplog.records]
    assert message.startswith(f"{tmp_path / 'lists.html'}: could not read HTML (RecursionError")
    assert message.endswith("); skipped")


def test_html_too_deep_for_the_parser_is_skipped_and_the_build_goes_on(tmp_path, caplog):
    (tmp_path / "a_good.html").write_text(article_page(), encoding="utf-8")
    (tmp_path / "b_deep.html").write_text("<div>" * 100_000 + "text" + "</div>" * 100_000)
    (tmp_path / "c_deep_lists.html").write_text("<ul><li>" * 5000 + "x" + "</li></ul>" * 5000)
    (tmp_path / "d_empty.html").write_text("<!-- only a comment -->")
    (tmp_path / "e_good.txt").write_text("Plain words.", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="graphkit"):
        documents = list(read_documents([tmp_path]))
    assert [Path(d.source).name for d in documents] == ["a_good.html", "e_good.txt"]
    messages = [r.getMessage() for r in caplog.records]
    deep = "could not read HTML (the parser gave up: Excessive depth in document: 2048); skipped"
    assert messages == [
        f"{tmp_path / 'b_deep.html'}: {deep}",
        f"{tmp_path / 'c_deep_lists.html'}: {deep}",
        f"{tmp_path / 'd_empty.html'}: no article text found in this HTML; skipped",
    ]


def test_one_html_file_that_crashes_the_extractor_is_skipped(tmp_path, caplog, monkeypatch):
    import trafilatura

    real = trafilatura.bare_extraction

    def fragile(tree, **options):
        if "Boom" in tree.text_content():
            raise MemoryError("out of memory\nsecond line")
        return real(tree, **options)

    monkeypatch.setattr(trafilatura, "bare_extraction", fragile)
    (tmp_path / "a.html").write_text(article_page(), encoding="utf-8")
    (tmp_path / "b.html").write_text(f"<html><body><p>Boom. {ARTICLE_FILLER}</p></body></html>")
    (tmp_path / "c.txt").write_text("Plain words.", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="graphkit"):
        documents = list(read_documents([tmp_path]))
    assert [Path(d.source).name for d in documents] == ["a.html", "c.txt"]
    assert [r.getMessage() for r in caplog.records] == [
        f"{tmp_path / 'b.html'}: could not read HTML (MemoryError: out of memory); skipped"
    ]


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        pytest.param("[" * 100_000 + "]" * 100_000, "JSON nested too deeply", id="deep array"),
        pytest.param(
            '{"text": ' * 100_000 + '"x"' + "}" * 100_000, "JSON nested too deeply", id="deep text"
        ),
        pytest.param(
            '{"text": "x", "meta": ' + '{"a": ' * 50_000 + "1" + "}" * 50_001,
            "JSON nested too deeply",
            id="deep metadata",
        ),
        pytest.param("9" * 5000, "not a JSON object (ValueError: Exceeds the limit", id="long int"),
        pytest.param('{"text": "unterminated', "not a JSON object (Unterminated string", id="cut"),
    ],
)
def test_one_hostile_jsonl_line_is_skipped_and_the_others_are_read(tmp_path, caplog, line, problem):
    lines = ['{"text": "First line."}', line, '{"text": "Third line, with\u2028a raw separator."}']
    (tmp_path / "feed.jsonl").write_text("\n".join(lines), encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="graphkit"):
        documents = list(read_documents([tmp_path / "feed.jsonl"]))
    assert [(d.source.rsplit(":", 1)[1], d.text) for d in documents] == [
        ("1", "First line."),
        ("3", "Third line, with\u2028a raw separator."),
    ]
    [message] = [r.getMessage() for r in caplog.records]
    assert message.startswith(f"{tmp_path / 'feed.jsonl'}:2: {problem}"), message
    assert message.endswith("; skipped") and "\n" not in message


@pytest.mark.parametrize("codec", ["unicode_escape", "raw_unicode_escape", "idna", "rot13"])
def test_a_declared_python_codec_is_not_a_charset(tmp_path, codec):
    page = f'<html><head><meta charset="{codec}"></head><body><p>Caf\xe9 \\<x> opened.</p>'
    (tmp_path / "a.html").write_bytes(page.encode("latin-1"))
    [document] = ingest.read_documents([tmp_path / "a.html"])
    assert "Café" in document.text
