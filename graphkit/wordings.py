"""Wordings: the word tables canonical forms read relations by (graphkit.canonical).

Chosen by hand, each a WordNet synonym pair, a paraphrase common in news copy, or a grammatical
class; `tests/test_canonical.py` tests every entry. No package on PyPI ships WordNet's synsets for
offline use (wn and nltk download them at run time).
"""

from __future__ import annotations

MODALS = {
    "can": "may",
    "could": "may",
    "may": "may",
    "might": "may",
    "will": "will",
    "would": "will",
    "shall": "will",
    "should": "must",
    "must": "must",
    "ought": "must",
}
"""Modal verbs by the claim they make: possibility, intention or prediction, obligation."""

ASPECT = ("continue to be", "continue to", "remain", "stay", "still be", "keep")
"""Verbs that say a state goes on ("remains the largest partner" is "is the largest partner")."""

LIGHT_VERBS = frozenset(
    "give hold make take conduct place have launch pay issue deliver stage impose "
    "lodge file put reach strike".split()
)
"""Verbs whose meaning is their object's ("held talks", "gave approval", "placed an order")."""

NOMINALISATIONS: dict[str, tuple[str, frozenset[str]]] = {
    noun: (verb, frozenset(dropped.split("/")) if dropped else frozenset())
    for noun, verb, dropped in (
        line.split(",")
        for line in """\
talks,talk,
talk,talk,
discussions,talk,
discussion,talk,
speech,talk,
address,address,to
approval,approve,to/for/of
review,review,of
order,order,for
offer,offer,
visit,visit,to
call,call,to
decision,decide,
attack,attack,on/against
attacks,attack,on/against
investigation,investigate,into/of
announcement,announce,of
agreement,agree,
deal,agree,
meeting,meet,with
promise,promise,
payment,pay,to
donation,give,
warning,warn,to
threat,threaten,to
bid,bid,
appeal,appeal,
complaint,complain,
recommendation,recommend,
contribution,contribute,
request,request,
protest,protest,against
vote,vote,
trip,travel,
interview,interview,with
response,respond,
arrest,arrest,of
arrests,arrest,of
purchase,buy,of
sale,sell,of
changes,change,to
cut,cut,to/in
cuts,cut,to/in
investment,invest,
comment,comment,
comments,comment,
apology,apologise,
ban,ban,on
sanctions,sanction,on/against
study,study,of
survey,survey,of
search,search,
raid,raid,on
donations,give,
lawsuit,sue,against
suit,sue,against""".splitlines()
    )
}
"""noun → (verb, prepositions that become its direct object): "gave approval to X" → "approve X"."""

SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("establish", "found", "set up"),
    ("defeat", "beat"),
    ("report", "post"),
    *((f"rise {p}", f"increase {p}", f"climb {p}", f"advance {p}") for p in ("by", "to", "from")),
    *(
        (f"fall {p}", f"drop {p}", f"decline {p}", f"decrease {p}", f"slip {p}")
        for p in ("by", "to", "from")
    ),
    ("buy", "purchase", "acquire"),
    ("give", "donate", "hand"),
    ("announce", "unveil"),
    ("travel to", "fly to", "journey to"),
    ("resign", "quit", "step down"),
    ("arrest", "detain"),
    ("kill", "slay"),
    ("criticise", "criticize"),
    ("start", "begin", "commence"),
    ("help", "assist"),
    ("meet", "meet with"),
    ("talk with", "talk to", "speak to", "speak with"),
    ("ban", "bar", "prohibit"),
    ("hire", "recruit"),
    ("warn", "caution"),
    ("say", "state"),
    ("sue", "take to court"),
    ("find", "discover", "detect"),
    ("overtake", "surpass"),
    ("land", "touch down"),
)
"""Groups of verbs and verb phrases one meaning in news reports, each read as its first member
where it opens a relation (so "found" is "establish", never the "found" of "was found in").

No package on PyPI ships WordNet's synsets for offline use (wn and nltk download them at run
time), so these groups were chosen by hand, each a WordNet synonym pair or a paraphrase
common in news copy; `tests/test_canonical.py` tests every one.
"""

CONVERSES = {
    "lose to": "defeat",
    "be sold to": "buy",
    "be beaten by": "defeat",
    "receive investment from": "invest in",
    "be acquired by": "buy",
    "be employed by": "employ",
    "be owned by": "own",
}
"""Relations read as their converse, arguments swapped: "A lost to B" is "B defeated A"."""

PARAPHRASES: tuple[tuple[tuple[str, str], ...], ...] = (
    (("end", "war"), ("negotiate", "peace"), ("make", "peace")),
    *(
        tuple((verb, rate) for verb in ("raise", "hike", "lift", "increase"))
        for rate in ("interest rate", "rate")
    ),
    *(
        tuple((verb, rate) for verb in ("cut", "lower", "reduce", "slash"))
        for rate in ("interest rate", "rate")
    ),
    (("sign", "agreement"), ("sign", "deal"), ("sign", "accord"), ("ink", "deal")),
)
"""Groups of a verb and its object that news copy uses for one event ("willing to end the war",
"willing to negotiate peace"), each read as its first member; the object is its canonical head
phrase (`canonical.argument`)."""

ADJECTIVES: tuple[tuple[str, ...], ...] = (
    ("largest", "biggest"),
    ("large", "big"),
)
"""Adjective groups, read anywhere in a relation ("be biggest trading partner of")."""


STANCES = {
    "willingness": "willing",
    "unwillingness": "unwilling",
    "readiness": "ready",
    "reluctance": "reluctant",
    "eagerness": "eager",
    "determination": "determined",
    "preparedness": "prepared",
}
"""Nouns of a stance towards doing something, and the adjective that states it."""
STANCE_VERBS = frozenset(
    "express show signal voice indicate demonstrate display reiterate reaffirm have".split()
)
"""Verbs that state the stance their object names: "expressed a willingness to talk"."""
