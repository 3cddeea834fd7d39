"""The one entity lookup (`EntityIndex`, `find_entity`) and the one count (`stats`) of a graph.

The lookup's graph is written by hand: each row of the table names the rule it shows.
"""

from __future__ import annotations

import networkx as nx
import pytest
from conftest import SEEDS

from graphkit import analyze
from graphkit.analyze import EntityIndex, Stats, find_entity, stats
from graphkit.errors import GraphkitError
from graphkit.pipeline import run

ENT = "https://w3id.org/graphkit/entity/"


def node(graph: nx.MultiDiGraph, slug: str, label: str, kind: str, *aliases: str) -> None:
    graph.add_node(ENT + slug, label=label, type=kind, aliases=list(aliases))


def link(graph: nx.MultiDiGraph, slug: str, times: int) -> None:
    """Give `slug` `times` facts, each with a neighbour of its own."""
    for number in range(times):
        node(graph, f"{slug}_peer_{number}", f"peer {number} of {slug}", "Thing")
        graph.add_edge(ENT + slug, ENT + f"{slug}_peer_{number}", key="meet", relation="meet")


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    node(graph, "united_states", "United States", "Place", "U.S.")
    node(graph, "the_united_states", "the United States", "Thing")  # a noun phrase
    link(graph, "the_united_states", 5)  # better connected, but a Thing
    node(graph, "ann_lee", "Ann Lee", "Person", "Lee", "the minister", "Annie")
    link(graph, "ann_lee", 3)
    node(graph, "lee", "Lee", "Person")  # a label, and Ann Lee's alias
    node(graph, "chen_1", "Chen", "Person")
    link(graph, "chen_1", 1)
    node(graph, "chen_2", "Chen", "Person")
    link(graph, "chen_2", 2)
    node(graph, "smith_b", "Smith", "Person")
    node(graph, "smith_a", "Smith", "Person")
    node(graph, "moscow", "Moscow", "Thing")
    node(graph, "moscow_city", "Moscow City", "Place", "Moscow")
    link(graph, "moscow_city", 4)
    node(graph, "russia", "Putin\u2019s Russia", "Place")
    node(graph, "theresa", "Theresa May", "Person")
    graph.add_node("$245 billion", label="$245 billion", type="Value", aliases=[])
    graph.add_node("Zed", label="Zed", type="Value", aliases=[])
    return graph


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        # case, spacing and typographic apostrophes are folded
        ("united states", "united_states"),
        ("  UNITED\n  States ", "united_states"),
        ("putin's russia", "russia"),
        ("Putin\u2019s  Russia", "russia"),
        # a leading "the" is ignored, in the name asked for and in the names of the graph
        ("the United States", "united_states"),
        ("The  minister", "ann_lee"),
        ("minister", "ann_lee"),
        ("theresa may", "theresa"),  # "the" only as a word of its own
        # an alias finds its entity
        ("u.s.", "united_states"),
        ("annie", "ann_lee"),
        # a label beats an alias, whatever the degree...
        ("Lee", "lee"),
        # ...and whatever the type: the rules apply in this order
        ("Moscow", "moscow"),
        # a named entity beats a noun phrase (type Thing) of the same name, whatever the degree
        ("United States", "united_states"),
        # then the most connected wins
        ("chen", "chen_2"),
        # then the first IRI
        ("smith", "smith_a"),
        # an IRI finds its entity, as written
        (ENT + "lee", "lee"),
    ],
)
def test_lookup_rules(graph, name, slug):
    assert EntityIndex(graph).find(name) == ENT + slug
    assert find_entity(graph, name) == ENT + slug


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("Ann Le", r"^'Ann Le': no entity has this name or alias; did you mean 'Ann Lee'\?$"),
        ("the Unitd States", r"did you mean 'United States', 'the United States'\?$"),
        ("Nobody at all", r"^'Nobody at all': no entity has this name or alias$"),
        # values (amounts, dates) are not entities: not by IRI, not by label, not as hints
        ("$245 billion", r"^'\$245 billion': no entity has this name or alias$"),
        ("Zed", r"^'Zed': no entity has this name or alias$"),
        ("", r"^'': no entity"),
    ],
)
def test_a_name_no_entity_has_is_an_error_with_near_misses(graph, name, message):
    with pytest.raises(GraphkitError, match=message):
        EntityIndex(graph).find(name)


def test_the_index_leaves_the_graph_alone(graph):
    before = nx.to_dict_of_dicts(graph), dict(graph.nodes(data=True))
    index = EntityIndex(graph)
    index.find("chen")
    index.find(ENT + "lee")
    assert (nx.to_dict_of_dicts(graph), dict(graph.nodes(data=True))) == before


def test_seed_stats(seed_dataset):
    counts = stats(seed_dataset, top=3)
    assert isinstance(counts, Stats)
    assert counts.articles == 2
    assert counts.entities == sum(n for _, n in counts.types)
    assert [kind for kind, _ in counts.types][:1] == ["Thing"]  # noun phrases outnumber names
    assert 0 < counts.shared_facts < counts.facts <= counts.statements
    assert counts.top_entities[0][0] == "Vladimir Putin"
    assert len(counts.top_entities) == 3
    assert [n for _, n in counts.top_entities] == sorted(
        (n for _, n in counts.top_entities), reverse=True
    )


def test_seed_edges_in_conflict_are_the_trade_figures_only(seed_dataset):
    graph = analyze.to_networkx(seed_dataset)
    clashing = {
        graph.nodes[v]["label"] for _, v, data in graph.edges(data=True) if data["conflict"]
    }
    assert clashing == {"$245 billion", "$240 billion"}  # not every fact with statements


def test_the_map_gathered_as_a_build_streams_equals_the_map_read_from_its_store(pipeline, tmp_path):
    # keep.build draws its map from the quads as they stream into the store, never reading
    # the store back; a graph opened later is read from the store: both must be one graph.
    gathered = analyze.Columns()
    built = run([SEEDS], pipeline=pipeline, into=tmp_path, columns=gathered)
    streamed, stored = analyze.to_networkx(gathered), analyze.to_networkx(built.dataset)
    assert stored.number_of_edges() > 100
    assert dict(streamed.nodes(data=True)) == dict(stored.nodes(data=True))
    assert list(streamed.edges(keys=True, data=True)) == list(stored.edges(keys=True, data=True))


def test_columns_restored_ahead_forget_the_articles_read_again(seed_dataset):
    # keep.add restores every kept article's statement columns before its resolution knows
    # which of them it reads again; those it forgets keep none of their statements.
    records = list(analyze.Columns.of(seed_dataset).statements())
    assert len(records) == 2  # the two seed articles, each with its statements
    first, second = records
    ahead, alone = analyze.Columns(), analyze.Columns()
    ahead.restore(records)
    alone.restore([first])
    assert ahead.single != alone.single
    ahead.forget({first[0]})
    ahead.restore([first])  # restored already: kept as it was
    assert (ahead.single, ahead.pairs) == (alone.single, alone.pairs)
    assert list(ahead.statements()) == [first]
    ahead.restore([second])  # forgotten: restored again in full
    assert list(ahead.statements()) == records
