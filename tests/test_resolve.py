"""Resolve: one entity per real thing, however it is spelled; pronouns never become nodes."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from conftest import article

from graphkit.resolve import Resolver, clean_label, name_key, resolve
from graphkit.types import Document, Entity, Extraction, Mention, Relation, Sentence, Triple


def extraction(doc_id: str, *facts: tuple[Mention, str, Mention]) -> Extraction:
    sentence = Sentence(doc_id=doc_id, index=0, start=0, end=10, text="(sentence)")
    triples = tuple(
        Triple(
            subject=s,
            relation=Relation(text=r, lemma=r),
            object=o,
            sentence=sentence,
            extractor="test",
            confidence=0.5,
        )
        for s, r, o in facts
    )
    mentions = tuple(m for s, _, o in facts for m in (s, o) if m.label)
    return Extraction(doc_id=doc_id, sentences=(sentence,), mentions=mentions, triples=triples)


def m(text: str, label: str | None = None, *antecedents: Mention) -> Mention:
    return Mention(text=text, start=0, end=len(text), label=label, antecedents=antecedents)


def docs(*ids: str) -> list[Document]:
    return [Document(id=i, text="x", source=f"{i}.txt") for i in ids]


def labels(resolution) -> dict[str, str]:
    return {e.label: e.type for e in resolution.entities}


@pytest.mark.parametrize(
    ("spellings", "label"),
    [
        (["U.S.", "the United States", "US", "America"], "United States"),
        (["Volodymyr Zelensky", "Zelenskyy", "Volodymyr Zelenskyy"], "Volodymyr Zelenskyy"),
        (["Putin", "Vladimir Putin"], "Vladimir Putin"),
        (["Xi", "Xi Jinping"], "Xi Jinping"),
    ],
)
def test_spellings_of_one_name_meet_in_one_entity(spellings, label):
    label_type = "GPE" if label == "United States" else "PERSON"
    facts = [
        extraction(f"d{i}", (m(name, label_type), "visit", m("Paris", "GPE")))
        for i, name in enumerate(spellings)
    ]
    resolution = resolve(facts, docs(*(f"d{i}" for i in range(len(spellings)))))
    merged = [e for e in resolution.entities if e.label != "Paris"]
    if label == "Volodymyr Zelenskyy":  # both spellings are common; either may win the vote
        assert len(merged) == 1 and merged[0].label.startswith("Volodymyr Zelensk")
    else:
        assert [e.label for e in merged] == [label]
    assert {clean_label(s) for s in spellings} - {merged[0].label} <= merged[0].aliases
    assert len({f.subject.id for f in resolution.facts}) == 1


def test_type_is_decided_by_vote_over_all_mentions():
    resolution = resolve(
        [
            extraction("a", (m("Trump", "PERSON"), "meet", m("Putin", "PERSON"))),
            extraction("b", (m("Trump", "ORG"), "call", m("Putin", "PERSON"))),
            extraction("c", (m("Trump", "PERSON"), "praise", m("Xi", "PERSON"))),
        ],
        docs("a", "b", "c"),
    )
    assert labels(resolution)["Trump"] == "Person"


def test_pronouns_take_their_antecedent_or_are_left_out():
    putin = m("Putin", "PERSON")
    resolution = resolve(
        [
            extraction(
                "a",
                (m("He", "PRON", putin), "praise", m("Xi", "PERSON")),
                (m("they", "PRON"), "meet", m("Moscow", "GPE")),
                (m("Trump", "PERSON"), "call", m("it", "PRON")),
            )
        ],
        docs("a"),
    )
    facts = {
        (f.subject.label, f.relation.lemma, getattr(f.object, "label", None))
        for f in resolution.facts
    }
    assert facts == {("Putin", "praise", "Xi")}
    assert not {"He", "they", "it"} & set(labels(resolution))


def test_passive_facts_are_asserted_in_active_voice():
    sentence_facts = extraction("a", (m("China", "GPE"), "was praised by", m("Russia", "GPE")))
    triple = sentence_facts.triples[0]
    passive = Triple(
        subject=triple.subject,
        relation=Relation(text="was praised by", lemma="praise", passive=True),
        object=triple.object,
        sentence=triple.sentence,
        extractor="test",
        confidence=0.5,
    )
    resolution = resolve(
        [
            Extraction(
                doc_id="a", sentences=sentence_facts.sentences, mentions=(), triples=(passive,)
            )
        ],
        docs("a"),
    )
    [fact] = resolution.facts
    assert isinstance(fact.object, Entity)
    assert (fact.subject.label, fact.relation.lemma, fact.object.label) == (
        "Russia",
        "praise",
        "China",
    )


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("the Kremlin", "Kremlin"),
        ("their nations' deepening partnership", "nations' deepening partnership"),
        ("“dear friend”", "dear friend"),
        ("Russia’s", "Russia"),
    ],
)
def test_clean_label(text, label):
    assert clean_label(text) == label


def test_name_key_ignores_case_dots_and_the():
    assert name_key("The U.K.") == name_key("Britain") == name_key("united kingdom")
    assert name_key("Russia") != name_key("Prussia")


def test_a_surname_joins_a_full_name_only_when_spelled_the_same():
    """A bug of many one-sentence articles built together: "Willis" became "Craig Williams"."""
    resolution = resolve(
        [
            extraction("a", (m("Willis", "PERSON"), "study", m("crime", None))),
            extraction("b", (m("Craig Williams", "PERSON"), "lead", m("Forestry Tasmania", "ORG"))),
            extraction("c", (m("Williams", "PERSON"), "say", m("Forestry Tasmania", "ORG"))),
        ],
        docs("a", "b", "c"),
    )
    people = {e.label: e.aliases for e in resolution.entities if e.type == "Person"}
    assert people == {"Willis": frozenset(), "Craig Williams": {"Williams"}}


def test_a_given_name_alone_is_no_surname_written_first():
    """A given name alone ("won the Oscar") had joined Oscar Isaac, as "Xi" joins Xi Jinping."""
    resolution = resolve(
        [
            extraction("a", (m("Oscar Isaac", "PERSON"), "star in", m("Frankenstein", "WORK"))),
            extraction("b", (m("Oscar", "PERSON"), "go to", m("Anora", "WORK"))),
            extraction("c", (m("Kim Jong Un", "PERSON"), "visit", m("Moscow", "GPE"))),
            extraction("d", (m("Kim", "PERSON"), "meet", m("Vladimir Putin", "PERSON"))),
            extraction(
                "e",
                (m("Claire Ashby", "PERSON"), "win", m("Tamworth Eisteddfod", "EVENT")),
                (m("Claire", "PERSON"), "thank", m("Tamworth Eisteddfod", "EVENT")),
            ),
        ],
        docs("a", "b", "c", "d", "e"),
    )
    people = {e.label: e.aliases for e in resolution.entities if e.type == "Person"}
    assert people["Oscar Isaac"] == frozenset() and "Oscar" in people
    assert people["Kim Jong Un"] == {"Kim"}
    assert people["Claire Ashby"] == {"Claire"}  # side by side in one article


def test_a_surname_spelled_alike_joins_only_in_the_same_article():
    near = [m("Volodymyr Zelenskyy", "PERSON"), m("Zelensky", "PERSON")]
    apart = resolve(
        [
            extraction(d, (name, "meet", m("Putin", "PERSON")))
            for d, name in zip("ab", near, strict=True)
        ],
        docs("a", "b"),
    )
    assert {"Volodymyr Zelenskyy", "Zelensky"} <= set(labels(apart))
    together = resolve(
        [extraction("a", *((name, "meet", m("Putin", "PERSON")) for name in near))], docs("a")
    )
    assert "Zelensky" not in labels(together)


def test_an_ambiguous_surname_joins_the_full_name_of_its_own_article():
    resolution = resolve(
        [
            extraction("a", (m("John Smith", "PERSON"), "run", m("Acme", "ORG"))),
            extraction("b", (m("Mary Smith", "PERSON"), "run", m("Globex", "ORG"))),
            extraction(
                "c",
                (m("Mary Smith", "PERSON"), "meet", m("Putin", "PERSON")),
                (m("Smith", "PERSON"), "praise", m("Putin", "PERSON")),
            ),
            extraction("d", (m("Smith", "PERSON"), "visit", m("Paris", "GPE"))),
        ],
        docs("a", "b", "c", "d"),
    )
    people = {e.label: e.aliases for e in resolution.entities if e.type == "Person"}
    assert people["Mary Smith"] == {"Smith"} and people["John Smith"] == frozenset()


def sentence_extraction(
    doc_id: str, text: str, named: dict[str, str], *facts: tuple[str, str, str]
) -> Extraction:
    """A real sentence: spaCy's NER labels as it gave them (`named`), and facts by their text."""
    sentence = Sentence(doc_id=doc_id, index=0, start=0, end=len(text), text=text)

    def mention(words: str) -> Mention:
        if words in ("He", "he", "it", "It"):
            at = text.index(words)
            return Mention(text=words, start=at, end=at + len(words), label="PRON")
        at = text.index(words)
        return Mention(text=words, start=at, end=at + len(words), label=named.get(words))

    triples = []
    for s, r, o in facts:
        subject = mention(s)
        if subject.label == "PRON":  # the antecedent is the first name of the sentence
            first = next(iter(named))
            subject = dataclasses.replace(subject, antecedents=(mention(first),))
        triples.append(
            Triple(
                subject=subject,
                relation=Relation(text=r, lemma=r),
                object=mention(o),
                sentence=sentence,
                extractor="test",
                confidence=0.5,
            )
        )
    mentions = tuple(mention(words) for words in named)
    return Extraction(
        doc_id=doc_id, sentences=(sentence,), mentions=mentions, triples=tuple(triples)
    )


TRUMP = [  # data/seeds: spaCy tags Trump ORG in four of these sentences
    (
        "Putin welcomed Trump's stated desire to restore dialogue between Washington and Moscow.",
        {"Putin": "PERSON", "Trump": "ORG", "Washington": "GPE", "Moscow": "GPE"},
        ("Putin", "welcome", "Trump"),
    ),
    (
        "The high-profile interaction followed Trump's inauguration, during which the U.S. "
        "president signaled a potentially new approach to Russia and China.",
        {"Trump": "ORG", "U.S.": "GPE", "Russia": "GPE", "China": "GPE"},
        ("Trump", "have", "inauguration"),
    ),
    (
        "While the call between Putin and Xi avoided direct references to Trump, its timing "
        "suggested a coordinated effort.",
        {"Putin": "PERSON", "Xi": "PERSON", "Trump": "ORG"},
        ("Putin", "avoid direct references to", "Trump"),
    ),
    (
        "He said the call was planned in advance and not tied to Trump’s inauguration.",
        {"Trump": "ORG"},
        ("Trump", "have", "inauguration"),
    ),
    (
        "Trump reiterated his campaign promise to engage directly with Putin.",
        {"Trump": "PERSON", "Putin": "PERSON"},
        ("Trump", "reiterate", "campaign promise"),
    ),
    (
        "One day after President Trump pledged at his inauguration to be a peacemaker.",
        {"Trump": "PERSON"},
        ("Trump", "pledge at", "inauguration"),
    ),
    (
        "He revealed that Ukrainian President Volodymyr Zelenskyy had expressed a willingness to "
        "negotiate peace, and Trump called on Putin to reciprocate.",
        {"Trump": "PERSON", "Volodymyr Zelenskyy": "PERSON", "Putin": "PERSON"},
        ("He", "reveal", "willingness"),
    ),
]


@pytest.mark.parametrize(
    ("sentences", "name", "kind"),
    [
        (TRUMP, "Trump", "Person"),  # NER votes 4 ORG, 3 PERSON; the title and "He" decide
        (
            [
                (
                    "German Chancellor Olaf Scholz met French President Emmanuel Macron in Paris.",
                    {"Olaf Scholz": "ORG", "Emmanuel Macron": "PERSON", "Paris": "GPE"},
                    ("Olaf Scholz", "meet", "Emmanuel Macron"),
                )
            ],
            "Olaf Scholz",
            "Person",  # a title before the name
        ),
        (
            [
                (
                    "Bailey Controls, based in Wickliffe, Ohio, makes industrial controls.",
                    {"Bailey Controls": "PERSON", "Wickliffe": "GPE", "Ohio": "GPE"},
                    ("Bailey Controls", "based in", "Wickliffe"),
                )
            ],
            "Bailey Controls",
            "Organization",  # what is "based in" a place is an organisation
        ),
        (
            [
                (
                    "Brutus and Cassius were among the senators who murdered Julius Caesar.",
                    {"Brutus": "PERSON", "Cassius": "ORG", "Julius Caesar": "ORG"},
                    ("the senators", "murder", "Julius Caesar"),
                )
            ],
            "Julius Caesar",
            "Person",  # who is murdered is a person
        ),
        (
            [
                (
                    "Forecaster David Alexander says Monica is one of the most perfect cyclone "
                    "systems he has seen.",
                    {"David Alexander": "PERSON", "Monica": "PERSON"},
                    ("Monica", "be", "one of the most perfect cyclone systems"),
                )
            ],
            "Monica",
            "Event",  # "is a cyclone"
        ),
        (
            [
                (
                    "SEATTLE (Reuters) — Boeing Co. said on Wednesday that it had delivered jets.",
                    {"SEATTLE": "ORG", "Reuters": "ORG", "Boeing Co.": "ORG"},
                    ("SEATTLE", "dateline", "Reuters"),
                )
            ],
            "SEATTLE",
            "Place",  # a dateline
        ),
        (
            [
                (
                    "The Victoria River has cut the Victoria Highway.",
                    {"The Victoria River": "LOC", "the Victoria Highway": "ORG"},
                    ("The Victoria River", "cut", "the Victoria Highway"),
                )
            ],
            "Victoria Highway",
            "Place",  # the name's own last word
        ),
        (
            [
                (
                    "The association's Jay Truitt says the limits are too restrictive.",
                    {"Jay Truitt": "PERSON"},
                    ("Jay Truitt", "be", "association's"),
                )
            ],
            "Jay Truitt",
            "Person",  # "is the association's" says whose, not what
        ),
        (
            [
                (
                    "Hale, a retired teacher from Bradford, had lived alone.",
                    {"Bradford": "GPE"},
                    ("Hale", "be", "a retired teacher from Bradford"),
                )
            ],
            "Hale",
            "Person",  # no NER tag at all: the description decides
        ),
        (
            [
                (
                    "Russia and China declared a partnership, and the senators approved it.",
                    {"Russia": "GPE", "China": "GPE"},
                    ("the senators", "approve", "partnership"),
                )
            ],
            "senator",
            "Thing",  # a concept stays a Thing (its canonical head phrase: canonical.argument)
        ),
    ],
)
def test_type_is_decided_from_every_mention_and_relation(sentences, name, kind):
    extractions = [
        sentence_extraction(f"d{i}", text, named, fact)
        for i, (text, named, fact) in enumerate(sentences)
    ]
    resolution = resolve(extractions, docs(*(e.doc_id for e in extractions)))
    assert labels(resolution)[name] == kind


def test_an_authority_entrys_type_wins_over_ner():
    """data/seeds: spaCy's one tag for Kyiv is PERSON; the default authority knows a city."""
    from graphkit import authority

    text = (
        "Beijing has backed Russia diplomatically over Ukraine, accusing the U.S. of stoking "
        "the war with weapons supplies to Kyiv."
    )
    named = {"Beijing": "GPE", "Russia": "GPE", "Ukraine": "GPE", "U.S.": "GPE", "Kyiv": "PERSON"}
    extractions = [sentence_extraction("a", text, named, ("U.S.", "supply weapons to", "Kyiv"))]
    assert labels(resolve(extractions, docs("a")))["Kyiv"] == "Person"  # one NER tag is all
    linked = resolve(extractions, docs("a"), authority=authority.load())
    [kyiv] = [e for e in linked.entities if e.label == "Kyiv"]
    assert (kyiv.type, kyiv.same_as) == ("Place", "http://www.wikidata.org/entity/Q1899")


def test_a_one_pass_iterator_resolves_as_a_list_does():
    """Resolution reads its extractions in passes: an iterator is kept, not read dry."""
    extractions = [
        extraction("a", (m("Russia", "GPE"), "trades with", m("China", "GPE"))),
        extraction("b", (m("China", "GPE"), "buys", m("oil"))),
    ]
    from_list = resolve(extractions, docs("a", "b"))
    from_iterator = resolve(iter(extractions), docs("a", "b"))
    assert len(from_list.facts) == 2
    assert from_iterator == from_list
    resolver = Resolver(iter(extractions), docs("a", "b"))
    assert len(list(resolver.statements())) == 2


def test_holding_what_the_first_pass_prepared_changes_nothing():
    extractions = [
        extraction("a", (m("Russia", "GPE"), "trades with", m("China", "GPE"))),
        extraction("b", (m("China", "GPE"), "buys", m("the oil"))),
        extraction("c", (m("Russia", "GPE"), "sells", m("oil"))),
    ]
    held = Resolver(extractions, docs("a", "b", "c"), hold=True)
    again = Resolver(extractions, docs("a", "b", "c"))
    assert held.resolution == again.resolution
    assert len(held.resolution.facts) == 3
    assert list(held.statements()) == list(again.statements())
    assert list(held.statements()) == list(again.statements())  # held, read a fourth time


def test_a_surname_tagged_as_a_firm_joins_its_full_name_in_the_same_article():
    """dev8: "under Joko Widodo ... with Widodo's son", both tagged ORG; not a firm elsewhere."""
    resolution = resolve(
        [
            extraction(
                "a",
                (m("Prabowo Subianto", "PERSON"), "serve under", m("Joko Widodo", "ORG")),
                (m("Gibran Raka", "PERSON"), "praise", m("Widodo", "ORG")),
                (m("Meta Superintelligence Labs", "PERSON"), "hire", m("Alexandr Wang", "PERSON")),
                (m("Meta", "ORG"), "pay", m("Scale AI", "ORG")),
            ),
            extraction("b", (m("Ford", "ORG"), "recall", m("Explorer", "PRODUCT"))),
            extraction(  # dev9 wsj_0041-p29-2: a surname of two keys' words
                "c",
                (m("Nelson Rockefeller", "PERSON"), "rout", m("Frank O'Connor", "PERSON")),
                (m("O'Connor", "ORG"), "lose", m("election", None)),
            ),
        ],
        docs("a", "b", "c"),
    )
    found = {e.label: (e.type, e.aliases) for e in resolution.entities}
    assert found["O'Connor"][0] == "Person"  # two words of a key: typed, not yet joined
    assert found["Joko Widodo"] == ("Person", frozenset({"Widodo"}))
    assert found["Meta"][0] == "Organization"  # a firm's name that starts a name, not ends it
    assert found["Ford"][0] == "Organization"


def resumed(extractions, first: int, documents, **options) -> tuple[Resolver, ...]:
    """A Resolver over the first `first` extractions; one that goes on from what it read and
    decided (`names`, as an add to a kept graph does); and one over them all at once."""
    earlier = Resolver(extractions[:first], documents[:first], **options)
    later = Resolver(extractions, documents, names=earlier.saved_names(), **options)
    return earlier, later, Resolver(extractions, documents, **options)


def test_a_resumed_table_decides_again_only_what_its_new_articles_change(monkeypatch):
    """Types, links and people's matches kept from before: as if all were read at once.

    b's "Vexlar Quorn" is tagged a firm in three articles: no longer a person "Quorn" may
    name. c's "John Smith" is a full name a2's "Smith" may name now, and d's "Volodymyr
    Zelensky" a near spelling of a's "Volodymyr Zelenskyy".
    """
    from graphkit import _names, authority

    extractions = [
        extraction(
            "a",
            (m("Vexlar Quorn", "PERSON"), "meet", m("Volodymyr Zelenskyy", "PERSON")),
            (m("Quorn", "PERSON"), "visit", m("Kyiv", "GPE")),
        ),
        extraction("a2", (m("Smith", "PERSON"), "praise", m("Georgia", "GPE"))),
        extraction("x", (m("Putin", "PERSON"), "visit", m("Beijing", "GPE"))),
        extraction("b", (m("Vexlar Quorn", "ORG"), "hire", m("Jordan", "PERSON"))),
        extraction("b2", (m("Vexlar Quorn", "ORG"), "buy", m("Apple", "ORG"))),
        extraction("b3", (m("Vexlar Quorn", "ORG"), "sell", m("Kyiv", "PERSON"))),
        extraction("c", (m("John Smith", "PERSON"), "meet", m("Vladimir Putin", "PERSON"))),
        extraction("d", (m("Volodymyr Zelensky", "PERSON"), "thank", m("Jordan", "GPE"))),
    ]
    documents = docs("a", "a2", "x", "b", "b2", "b3", "c", "d")
    decided: list[str] = []
    kind = _names.NameTable._kind

    def counted(table, key):
        decided.append(key)
        return kind(table, key)

    monkeypatch.setattr(_names.NameTable, "_kind", counted)
    known = authority.load()
    earlier, later, fresh = resumed(extractions, 3, documents, authority=known)
    assert later.resolution == fresh.resolution
    assert later.saved_names() == fresh.saved_names()  # the decisions it keeps, too
    before, after = (r.saved_names()["decided"]["matches"] for r in (earlier, later))
    assert (before["quorn"], before["smith"]) == (["vexlar quorn"], [])
    assert (after["quorn"], after["smith"]) == ([], ["john smith"])
    assert after["volodymyr zelenskyy"] == ["volodymyr zelensky"]
    first, every = (set(r.saved_names()["labels"]) for r in (earlier, fresh))
    again = decided[len(first) : len(decided) - len(every)]  # the others decide every name
    untouched = {"putin", "quorn", "smith", "beijing", "georgia", "volodymyr zelenskyy"}
    assert untouched < first and not untouched & set(again)  # no later article names them
    assert {"vexlar quorn", "kyiv", "john smith"} <= set(again)  # b and c name them


def test_a_resumed_table_of_real_sentences_is_the_table_read_at_once(pipeline):
    """tests/data's dev sentences, one article each, read in two parts or at once."""
    from graphkit import authority
    from graphkit import pipeline as build
    from graphkit.config import BuildConfig

    path = Path(__file__).parent / "data" / "entity_relations" / "dev.jsonl"
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    documents = [
        Document(id=record["id"], text=record["text"], source=record["source"])
        for record in records[:160]
    ]
    parsed = build.read(documents, config=BuildConfig(), pipeline=pipeline)
    read = [extraction for _, extraction in parsed]
    _, later, fresh = resumed(read, 120, documents, authority=authority.load())
    assert later.resolution == fresh.resolution
    assert later.saved_names() == fresh.saved_names()
    assert len(later.resolution.entities) > 100


def test_a_kept_link_no_spelling_names_any_more_is_decided_again():
    """A saved link to an IRI none of the name's entries has (the file edited, say): the
    name's link is decided again, not taken on trust, nor a crash."""
    from graphkit import authority

    extractions = [
        extraction("a", (m("Kyiv", "GPE"), "host", m("Olena Zelenska", "PERSON"))),
        extraction("b", (m("Olena Zelenska", "PERSON"), "visit", m("Lviv", "GPE"))),
    ]  # b does not name Kyiv: its link is not decided again for what b says
    known = authority.load()
    earlier = Resolver(extractions[:1], docs("a"), authority=known)
    saved = earlier.saved_names()
    assert saved["decided"]["links"]["kyiv"] == "http://www.wikidata.org/entity/Q1899"
    saved["decided"]["links"]["kyiv"] = "http://www.wikidata.org/entity/Q1"
    later = Resolver(extractions, docs("a", "b"), authority=known, names=saved)
    fresh = Resolver(extractions, docs("a", "b"), authority=known)
    assert later.resolution == fresh.resolution


def test_a_resumed_table_decides_again_a_name_whose_conjunct_changed():
    """a's "Quilbex", untagged, takes the type of "Marvanta", the name it is joined to by "and"
    (a firm, by one tag). b, b2 and b3 never name Quilbex, but make Marvanta a person: the
    resumed table decides Quilbex's type again, as one reading them all at once does."""
    extractions = [
        article(
            "a",
            "Quilbex and Marvanta signed a deal.",
            ("Quilbex", "sign deal with", "Marvanta"),
            labels={"Marvanta": "ORG"},
        ),
        *(
            article(doc, "Marvanta visited Paris.", ("Marvanta", "visit", "Paris"),
                    labels={"Marvanta": "PERSON", "Paris": "GPE"})
            for doc in ("b", "b2", "b3")
        ),
    ]  # fmt: skip
    documents = docs("a", "b", "b2", "b3")
    earlier, later, fresh = resumed(extractions, 1, documents)
    assert labels(earlier.resolution)["Quilbex"] == "Organization"
    assert labels(fresh.resolution)["Quilbex"] == labels(fresh.resolution)["Marvanta"] == "Person"
    assert later.resolution == fresh.resolution
    assert later.saved_names() == fresh.saved_names()
