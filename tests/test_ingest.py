"""Ingest: formats, de-duplication, cleaning, and one-line warnings for bad files."""

from __future__ import annotations

import datetime
import json
import logging

import pytest
from hypothesis import given
from hypothesis import strategies as st

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
