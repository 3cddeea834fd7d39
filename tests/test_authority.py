"""Authorities: file formats, the default (countries, cities, demonyms), and linking rules."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import article
from rdflib import URIRef

from graphkit import authority
from graphkit.authority import AuthorityEntry, Table, fold
from graphkit.authority._default import country_of, default_authority
from graphkit.errors import InputError
from graphkit.graph import to_dataset
from graphkit.resolve import resolve
from graphkit.types import Document, Entity, Extraction

WD = "http://www.wikidata.org/entity/"
SCHEMA_SAME_AS = URIRef("https://schema.org/sameAs")


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def build(*extractions: Extraction, kb: authority.Authority | None = None) -> list[Entity]:
    documents = [Document(id=e.doc_id, text=e.sentences[0].text, source="x") for e in extractions]
    found = resolve(extractions, documents, authority=kb or authority.load())
    return list(found.entities)


def by_label(entities: list[Entity], label: str) -> list[Entity]:
    return [e for e in entities if e.label == label]


# The file formats.


def test_jsonl_and_tsv_files_give_the_same_entries(tmp_path):
    jsonl = write(
        tmp_path,
        "kb.jsonl",
        json.dumps(
            {
                "iri": "https://example.org/acme",
                "label": "Acme Corp.",
                "aliases": ["Acme", "ACME Corporation"],
                "type": "Organization",
                "description": "maker of anvils",
            }
        )
        + "\n\n",
    )
    tsv = write(
        tmp_path,
        "kb.tsv",
        "# our customers\n"
        "iri\tlabel\taliases\ttype\tdescription\n"
        "https://example.org/acme\tAcme Corp.\tAcme|ACME Corporation\tOrganization"
        "\tmaker of anvils\n",
    )
    for path in (jsonl, tsv):
        table = authority.read(path)
        assert table.name == path.name
        [entry] = table.entries
        assert entry == AuthorityEntry(
            iri="https://example.org/acme",
            label="Acme Corp.",
            type="Organization",
            aliases=("Acme", "ACME Corporation"),
            description="maker of anvils",
        )
        assert table.lookup("the ACME corporation") == [entry]  # case, "the", dots folded
        assert table.lookup("Acme Corp", "Person") == []  # a person is never a company


def test_a_tsv_line_may_leave_out_the_description(tmp_path):
    path = write(tmp_path, "kb.tsv", "https://example.org/x\tXanadu\t\tPlace\n")
    [entry] = authority.read(path).entries
    assert (entry.aliases, entry.description) == ((), None)


GOOD = '{"iri": "https://e.org/a", "label": "A", "type": "Place"}\n'


@pytest.mark.parametrize(
    ("name", "text", "line", "message"),
    [
        ("kb.jsonl", GOOD + "{oops\n", 2, "not JSON"),
        ("kb.jsonl", '{"label": "A", "type": "Place"}\n', 1, "missing or not text: iri"),
        ("kb.jsonl", GOOD.replace("Place", "City"), 1, "unknown type 'City'"),
        ("kb.jsonl", GOOD.replace("}", ', "aliases": "B"}'), 1, "aliases must be a list"),
        ("kb.jsonl", '["https://e.org/a", "A"]\n', 1, "expected a JSON object"),
        ("kb.tsv", "# comment\nhttps://e.org/a\tA\tPlace\n", 2, "expected 4 or 5 tab-separated"),
        ("kb.tsv", "e.org/a\tA\t\tPlace\n", 1, "not an http(s) IRI"),
        ("kb.tsv", "https://e.org/a\t  \t\tPlace\n", 1, "the label is empty"),
    ],
)
def test_a_bad_line_is_one_error_naming_the_file_and_line(tmp_path, name, text, line, message):
    path = write(tmp_path, name, text)
    with pytest.raises(InputError) as raised:
        authority.read(path)
    assert str(raised.value).startswith(f"{path}:{line}: ")
    assert message in str(raised.value)


def test_unreadable_files_are_input_errors(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        authority.read(tmp_path / "missing.tsv")
    with pytest.raises(InputError, match=r"expected \.jsonl or \.tsv"):
        authority.read(write(tmp_path, "kb.csv", "a,b\n"))
    (tmp_path / "latin1.tsv").write_bytes(
        "https://e.org/a\tS\xe3o Paulo\t\tPlace\n".encode("latin-1")
    )
    with pytest.raises(InputError, match="not valid UTF-8"):
        authority.read(tmp_path / "latin1.tsv")


# The default authority.


@pytest.mark.parametrize(
    ("name", "qid"),
    [
        ("Russia", "Q159"),
        ("Russian Federation", "Q159"),
        ("U.S.", "Q30"),
        ("US", "Q30"),
        ("the United States", "Q30"),
        ("America", "Q30"),
        ("Britain", "Q145"),
        ("Ivory Coast", "Q1008"),
        ("Kyiv", "Q1899"),
        ("Kiev", "Q1899"),
        ("Moscow", "Q649"),
        ("EU", "Q458"),
    ],
)
def test_the_default_authority_knows_countries_and_cities(name, qid):
    [entry] = default_authority().lookup(name)
    assert entry.iri == WD + qid


@pytest.mark.parametrize("name", ["us", "Russian", "Russians", "Chinese", "Congo", "New York"])
def test_the_default_authority_knows_no_word_demonym_or_homonym_as_a_name(name):
    assert default_authority().lookup(name) == []  # "Congo": two countries; "New York": a
    # state and a city, neither in the default


def test_georgia_is_the_country_and_the_us_state():
    entries = default_authority().lookup("Georgia")
    assert {e.iri for e in entries} == {WD + "Q230", WD + "Q1428"}
    assert {"Tbilisi", "Atlanta"} <= {name for e in entries for name in e.context}


@pytest.mark.parametrize(
    ("demonym", "qid"), [("Russian", "Q159"), ("Ukrainian", "Q212"), ("american", "Q30")]
)
def test_demonyms_name_their_country(demonym, qid):
    entry = country_of(demonym)
    assert entry is not None and entry.iri == WD + qid


def test_fold_meets_spellings():
    assert fold("The U.S.") == fold("US") == fold("u.s.")
    assert fold("Côte d’Ivoire") == fold("Cote d'Ivoire")


# Linking.


def test_spellings_of_the_united_states_are_one_entity_linked_to_q30():
    spellings = ["US", "U.S.", "the United States", "America"]
    entities = build(
        *(
            article(
                f"d{i}",
                f"{name} sanctioned Russia.",
                (name, "sanction", "Russia"),
                labels={name: "GPE", "Russia": "GPE"},
            )
            for i, name in enumerate(spellings)
        )
    )
    linked = {e.label: e.same_as for e in entities}
    assert linked == {"United States": WD + "Q30", "Russia": WD + "Q159"}


def test_two_entities_linked_to_different_iris_are_never_merged(tmp_path):
    kb = authority.read(
        write(
            tmp_path,
            "people.tsv",
            "https://e.org/robertson\tMark Robertson\t\tPerson\tfootballer\n"
            "https://e.org/robertsen\tMark Robertsen\t\tPerson\tpainter\n",
        )
    )
    entities = build(
        *articles(),
        kb=kb,
    )
    marks = {e.label: e.same_as for e in entities if e.label.startswith("Mark")}
    assert marks == {
        "Mark Robertson": "https://e.org/robertson",
        "Mark Robertsen": "https://e.org/robertsen",
    }
    without = build(*articles(), kb=Table("empty", []))
    assert len([e for e in without if e.label.startswith("Mark")]) == 1  # near spellings meet


def articles() -> list[Extraction]:
    return [
        article(
            doc_id,
            f"{name} met Bill Gates.",
            (name, "meet", "Bill Gates"),
            labels={name: "PERSON", "Bill Gates": "PERSON"},
        )
        for doc_id, name in (("a", "Mark Robertson"), ("b", "Mark Robertsen"))
    ]


def test_no_name_is_forced_onto_an_entry():
    entities = build(
        article(
            "a",
            "Russian speakers live in Georgia.",
            ("Russian speakers", "live in", "Georgia"),
            labels={"Russian": "NORP", "Georgia": "GPE"},
        ),
        article(
            "b",
            "Michael Jordan joined the Bulls, and Jordan scored.",
            ("Michael Jordan", "join", "Bulls"),
            ("Jordan", "score for", "Bulls"),
            labels={"Michael Jordan": "PERSON", "Bulls": "ORG", "Jordan": "PERSON"},
        ),
        article(
            "c",
            "Russians voted in Kyiv Oblast.",
            ("Russians", "vote in", "Kyiv Oblast"),
            labels={"Russians": "NORP", "Kyiv Oblast": "GPE"},
        ),
    )
    linked = {e.label: e.same_as for e in entities}
    assert linked["Georgia"] is None  # the country or the US state: nothing here says which
    assert "Jordan" not in linked  # Michael Jordan's surname, not the country
    assert linked["Michael Jordan"] is None
    assert linked["Russian speakers"] is None and linked["Russians"] is None
    assert linked["Kyiv Oblast"] is None  # not "Kyiv", and not in the default authority


def test_the_articles_context_decides_a_homonym():
    entities = build(
        article(
            "a",
            "Saakashvili was president of Georgia and lived in Tbilisi.",
            ("Saakashvili", "be president of", "Georgia"),
            ("Saakashvili", "live in", "Tbilisi"),
            labels={"Saakashvili": "PERSON", "Georgia": "GPE", "Tbilisi": "GPE"},
        ),
        article(
            "b",
            "Delta is based in Atlanta, Georgia.",
            ("Delta", "based in", "Atlanta"),
            ("Atlanta", "located in", "Georgia"),
            labels={"Delta": "ORG", "Atlanta": "GPE", "Georgia": "GPE"},
        ),
        article("c", "Georgia voted.", ("Georgia", "vote", "Georgia"), labels={"Georgia": "GPE"}),
    )
    georgias = {e.same_as: e.id for e in by_label(entities, "Georgia")}
    assert georgias.keys() == {WD + "Q230", WD + "Q1428", None}  # c: no context, no link
    assert len(set(georgias.values())) == 3


def test_a_users_file_is_asked_before_the_default(tmp_path):
    kb = authority.load(
        [
            write(
                tmp_path,
                "kb.jsonl",
                '{"iri": "https://e.org/ga", "label": "Georgia", "type": "Place"}\n',
            )
        ]
    )
    assert [e.iri for e in kb.lookup("Georgia")] == ["https://e.org/ga"]
    assert [e.iri for e in kb.lookup("Russia")] == [WD + "Q159"]
    assert authority.load([], default=False).lookup("Russia") == []


@pytest.mark.parametrize(
    ("sentence", "description", "lemma", "country"),
    [
        (
            "Russian President Vladimir Putin met Xi.",
            "Russian President",
            "be president of",
            "Russia",
        ),
        # a trade after a demonym is a nationality, not an office of the country
        ("Vladimir Putin, the Russian author, died.", "the Russian author", "be", None),
    ],
)
def test_a_demonym_before_an_office_names_the_country(sentence, description, lemma, country):
    extraction = article(
        "a",
        sentence,
        ("Vladimir Putin", "be", description),
        labels={"Vladimir Putin": "PERSON", "Russian": "NORP"},
    )
    documents = [Document(id="a", text=extraction.sentences[0].text, source="x")]
    [fact] = resolve([extraction], documents, authority=authority.load()).facts
    assert (fact.subject.label, fact.relation.lemma) == ("Vladimir Putin", lemma)
    if country is None:
        assert not isinstance(fact.object, Entity) or fact.object.type != "Place"
    else:
        assert isinstance(fact.object, Entity) and fact.object.label == country
        assert fact.object.same_as == WD + "Q159"


def test_a_linked_entity_has_schema_same_as_in_the_entities_graph():
    russia = Entity(id="russia", label="Russia", type="Place", same_as=WD + "Q159")
    dataset = to_dataset([], [russia], [], store="default")
    assert list(dataset.objects(None, SCHEMA_SAME_AS)) == [URIRef(WD + "Q159")]


def test_a_surname_joins_a_linked_full_name(tmp_path):
    kb = authority.read(
        write(tmp_path, "kb.tsv", "https://e.org/putin\tVladimir Putin\t\tPerson\tpresident\n")
    )
    entities = build(
        article(
            "a",
            "Vladimir Putin met Xi.",
            ("Vladimir Putin", "meet", "Xi"),
            labels={"Vladimir Putin": "PERSON", "Xi": "PERSON"},
        ),
        article("b", "Putin met Modi.", ("Putin", "meet", "Modi"), labels={"Putin": "PERSON"}),
        kb=kb,
    )
    [putin] = [e for e in entities if "Putin" in e.label]
    assert (putin.label, set(putin.aliases), putin.same_as) == (
        "Vladimir Putin",
        {"Putin"},
        "https://e.org/putin",
    )


def test_build_links_to_an_authority_file_given_with_kb(tmp_path):
    from click.testing import CliRunner
    from conftest import SEEDS

    from graphkit.cli import cli

    kb = tmp_path / "people.tsv"
    kb.write_text(
        "iri\tlabel\taliases\ttype\tdescription\n"
        "https://example.org/people/putin\tVladimir Putin\tPutin\tPerson\tPresident of Russia\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(SEEDS), "-o", str(out), "--kb", str(kb)])
    assert result.exit_code == 0, result.output
    sparql = "SELECT ?iri WHERE { ent:vladimir_putin schema:sameAs ?iri }"
    answer = CliRunner().invoke(cli, ["query", str(out), sparql, "--format", "csv"])
    assert answer.stdout.split() == ["iri", "https://example.org/people/putin"]
    russia = "ASK { ?e rdfs:label 'Russia' ; schema:sameAs <http://www.wikidata.org/entity/Q159> }"
    assert "true" in CliRunner().invoke(cli, ["query", str(out), russia]).stdout


def test_a_bad_authority_file_stops_the_build_before_parsing_with_one_line(tmp_path):
    from click.testing import CliRunner
    from conftest import SEEDS

    from graphkit.cli import cli

    kb = tmp_path / "bad.jsonl"
    kb.write_text('{"iri": "https://example.org/x", "label": "X", "type": "Person"}\n{oops\n')
    result = CliRunner().invoke(
        cli, ["build", str(SEEDS), "-o", str(tmp_path / "o"), "--kb", str(kb)]
    )
    assert result.exit_code == 1
    [line] = result.output.strip().splitlines()
    assert f"{kb}:2" in line
