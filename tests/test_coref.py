"""Pronouns and group descriptions resolve where the text makes it clear, and only there."""

from __future__ import annotations

import pytest
from conftest import bound

from graphkit import query
from graphkit.pipeline import run


def facts_of(text: str, tmp_path, pipeline) -> set[tuple[str, str, str]]:
    path = tmp_path / "article.txt"
    path.write_text(text, encoding="utf-8")
    rows = query.facts(run([path], pipeline=pipeline).dataset)
    return {(bound(s), bound(r), bound(o)) for s, r, o, _ in rows}


@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        (
            "Putin and Xi spoke on Monday. Both leaders praised the agreement.",
            {("Putin", "praise", "agreement"), ("Xi", "praise", "agreement")},
            {("Both leaders", "praise", "agreement"), ("Monday", "praise", "agreement")},
        ),
        (
            "Russia and China signed a treaty. The two countries rejected the sanctions.",
            {("Russia", "reject", "sanctions"), ("China", "reject", "sanctions")},
            {("treaty", "reject", "sanctions"), ("two countries", "reject", "sanctions")},
        ),
        (
            '"We support a lasting peace," Putin said.',
            {("Putin", "support", "lasting peace")},
            {("We", "support", "lasting peace")},
        ),
        (
            'Referring to Putin, Trump said, "He is destroying Russia."',
            {("Putin", "destroy", "Russia")},
            {("Trump", "destroy", "Russia")},
        ),
        (
            "Donald Trump said he would call Vladimir Putin.",
            {("Donald Trump", "call", "Vladimir Putin")},
            {("Vladimir Putin", "call", "Vladimir Putin"), ("he", "call", "Vladimir Putin")},
        ),
        (
            "Acme Corp and Globex Corp merged. Both leaders praised the deal.",
            set(),
            {("Acme Corp", "praise", "deal"), ("Globex Corp", "praise", "deal")},
        ),
    ],
)
def test_antecedents(text, expected, absent, tmp_path, pipeline):
    facts = facts_of(text, tmp_path, pipeline)
    assert expected <= facts, facts
    assert not absent & facts
    assert not {f for f in facts if f[0].lower() in {"he", "we", "they"}}
