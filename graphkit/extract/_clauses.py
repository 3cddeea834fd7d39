"""Clause reading for the dependency extractor: predicates, their subjects and complements."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Token

from graphkit.extract._spans import is_pronoun
from graphkit.types import Relation

SPEECH_VERBS = frozenset(
    "say tell add note state claim announce report stress insist warn argue suggest reveal "
    "write believe think declare confirm deny acknowledge admit explain predict estimate "
    "assert accuse".split()
)
"""Verbs whose clausal complement is a reported claim, attributed to the verb's subject."""

RECIPROCAL_VERBS = frozenset(
    "meet talk speak negotiate agree clash cooperate collaborate compete fight trade "
    "marry partner ally confer chat".split()
)
"""Verbs whose coordinated subjects act on each other: "Putin and Xi met" → (Putin, met, Xi)."""

_SUBJECTS = ("nsubj", "nsubjpass", "csubj", "csubjpass", "expl")
_OBJECTS = ("dobj", "attr", "oprd", "dative")
_RELATIVE_TAGS = ("WDT", "WP", "WP$")
_TIME_LABELS = frozenset({"DATE", "TIME"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_MODALS = frozenset({"can", "could", "may", "might", "must", "shall", "should", "will", "would"})
_CONTROL_PREPOSITIONS = frozenset({"on", "upon", "for"})  # "called on Russia to ..."
_MEASURE_NOUNS = frozenset({"record", "total", "high", "low", "sum", "peak", "level"})
_AMOUNT_LABELS = frozenset({"MONEY", "PERCENT", "QUANTITY"})
_ADVERB_PARTICLES = frozenset({"away", "back", "out", "off", "up", "down", "ahead", "along"})
_OBJECT_CONTROL_PREPOSITIONS = frozenset({"of", "from", "for", "into"})  # "accused X of doing"


@dataclass(frozen=True, slots=True)
class Argument:
    """A complement of a predicate: the words joining it to the verb and its head token."""

    head: Token
    link: tuple[Token, ...] = ()
    agent: bool = False
    clause: bool = False


@dataclass(slots=True)
class Predicate:
    """A verb group: the verbs of an xcomp chain with their auxiliaries and complements.

    `slots` holds one list per complement; a list's items are coordinated alternatives
    ("with Russia and Iran"), each a separate fact when the slot is the object.
    """

    verbs: list[Token]
    subjects: list[Token] = field(default_factory=list)
    slots: list[list[Argument]] = field(default_factory=list)
    adjuncts: list[tuple[str, list[Token]]] = field(default_factory=list)


def is_predicate_head(token: Token) -> bool:
    """A verb (or a copula heading its clause) that is not merely part of another's chain."""
    pos = token.pos_
    if pos not in ("VERB", "AUX"):
        return False
    dep = token.dep_
    if dep in ("aux", "auxpass", "amod", "compound"):
        return False
    if dep == "acl" and token.i < token.head.i:
        return False  # a participle before its noun is a modifier: "surviving family members"
    if pos == "VERB" or any(c.dep_ == "attr" for c in token.children):
        chained = dep == "xcomp" and not subjects_of(token) and not _has_object(token.head)
        return not chained
    return dep in ("ROOT", "ccomp", "conj", "relcl", "advcl") and any(
        c.dep_ in ("acomp", "prep") for c in token.children
    )


def subjects_of(verb: Token) -> list[Token]:
    """The written subjects of `verb`, coordinated ones included."""
    heads = [c for c in verb.children if c.dep_ in _SUBJECTS and c.dep_ != "expl"]
    return [*heads, *(conj for head in heads for conj in head.conjuncts if conj.dep_ == "conj")]


def resolve_relative(token: Token) -> Token | None:
    """Replace a relative pronoun by the noun its clause modifies ("the shows which toured")."""
    if token.tag_ not in _RELATIVE_TAGS and token.lower_ != "that":
        return token
    node = token
    while node.head != node:
        node = node.head
        if node.dep_ in ("relcl", "acl") and node.head.pos_ in ("NOUN", "PROPN", "NUM"):
            return node.head
    return None if token.tag_ in _RELATIVE_TAGS else token


def _resolved(tokens: list[Token]) -> list[Token]:
    found = (resolve_relative(token) for token in tokens)
    return list(dict.fromkeys(token for token in found if token is not None))


def _has_object(verb: Token) -> bool:
    """An object controls a following infinitive ("asked Russia to", "called on Russia to")."""
    return any(
        c.dep_ in ("dobj", "dative")
        or (c.dep_ == "prep" and c.lower_ in ("on", "upon") and pobjs(c))
        for c in verb.children
    )


def _inherited_subjects(verb: Token) -> list[Token]:
    """Subjects a clause borrows: conjoined verbs, relative and participial clauses, controls."""
    dep = verb.dep_
    head = verb.head
    if dep == "conj":
        return subjects_of(head) or (_inherited_subjects(head) if head != verb else [])
    if dep == "relcl":
        return [head]  # its own subject was a relative pronoun, or there is none
    if dep == "acl" and verb.tag_ in ("VBN", "VBG"):
        return [head]
    if dep == "xcomp":
        controllers = [c for c in head.children if c.dep_ in ("dobj", "dative")]
        controllers += [
            o
            for c in head.children
            if c.dep_ == "prep" and c.lower_ in _CONTROL_PREPOSITIONS
            for o in pobjs(c)
        ]
        return controllers[:1] or subjects_of(head) or _inherited_subjects(head)
    if dep == "advcl" and verb.tag_ in ("VBG", "VB", "VBN"):
        return subjects_of(head) or _inherited_subjects(head)
    if dep == "pcomp" and head.dep_ == "prep":
        governor = head.head
        while governor.dep_ in ("acomp", "oprd") and governor.head != governor:
            governor = governor.head  # "pleaded guilty to killing", "was found guilty of"
        objects = [c for c in governor.children if c.dep_ == "dobj"]
        if head.lower_ in _OBJECT_CONTROL_PREPOSITIONS and objects:
            return objects  # "accused China of supplying": China supplies
        return subjects_of(governor) or _inherited_subjects(governor)
    return []


def read_predicate(verb: Token) -> Predicate:
    """Gather the chain, subjects and complements of the clause headed by `verb`."""
    predicate = Predicate(verbs=[verb])
    predicate.subjects = _resolved(subjects_of(verb)) or _resolved(_inherited_subjects(verb))
    if verb.dep_ == "relcl" and subjects_of(verb) and _gap_is_object(verb):
        head = verb.head  # "the goods (that) China sold"
        predicate.slots.append([Argument(head=h) for h in (head, *head.conjuncts) if h.i < verb.i])
    current = verb
    while True:
        chained = (
            [
                c
                for c in current.children
                if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX") and not subjects_of(c)
            ]
            if not _has_object(current)
            else []
        )
        chained += [
            x
            for c in current.children
            if c.dep_ == "acomp"
            for x in c.children
            if x.dep_ == "xcomp" and x.pos_ == "VERB"
        ]
        _collect(current, predicate, final=not chained)
        if not chained:
            break
        current = chained[0]
        predicate.verbs.append(current)
    return predicate


def _gap_is_object(verb: Token) -> bool:
    """Whether the noun a relative clause modifies is the clause's missing direct object."""
    children = list(verb.children)
    if any(c.tag_ in _RELATIVE_TAGS and c.dep_ == "dobj" for c in children):
        return True
    if any(c.tag_ in _RELATIVE_TAGS or c.tag_ == "WRB" for c in children):
        return False  # "which toured", "where he lives": the gap is elsewhere
    blocked = ("dobj", "dative", "prep", "ccomp", "xcomp", "attr", "acomp", "nsubjpass", "agent")
    return (
        verb.pos_ == "VERB"
        and not any(c.dep_ in blocked for c in children)
        and verb.head.ent_type_ not in _TIME_LABELS
    )


def _collect(verb: Token, predicate: Predicate, *, final: bool) -> None:
    for child in verb.children:
        dep = child.dep_
        if dep in _OBJECTS and final and child.tag_ not in _RELATIVE_TAGS:
            heads = (child, *child.conjuncts)
            predicate.slots.append([Argument(head=_amount_of(h)) for h in heads])
        elif dep == "agent":
            predicate.slots.append(
                [Argument(head=p, link=(child,), agent=True) for p in pobjs(child)]
            )
        elif dep == "prep":
            _prepositional(child, predicate, adjunct_only=not final)
        elif dep == "advmod" and final and child.lower_ in _ADVERB_PARTICLES:
            for prep in (c for c in child.children if c.dep_ == "prep"):  # "backed away from X"
                predicate.slots.append([Argument(head=o, link=(child, prep)) for o in pobjs(prep)])
        elif dep == "ccomp" and final:
            predicate.slots.append([Argument(head=child, clause=True)])
        elif dep in ("npadvmod", "tmod") and child.ent_type_ in _TIME_LABELS:
            predicate.adjuncts.append(("time", list(child.subtree)))
        elif dep == "acomp" and final and not any(x.dep_ == "xcomp" for x in child.children):
            predicate.slots.append([Argument(head=child)])


def _amount_of(noun: Token) -> Token:
    """The amount a measure noun introduces: "reached a record $240 billion" → $240 billion."""
    if noun.lower_ not in _MEASURE_NOUNS:
        return noun
    amounts = [c for c in noun.subtree if c.ent_type_ in _AMOUNT_LABELS and c.head.ent_type_ == ""]
    return amounts[0] if len(amounts) == 1 else noun


def _prepositional(prep: Token, predicate: Predicate, *, adjunct_only: bool = False) -> None:
    if prep.lower_ == "according":
        return
    if adjunct_only:  # a PP of an earlier verb in the chain: "promised in a call to work"
        objects = pobjs(prep)
        timely = objects and all(o.ent_type_ in _TIME_LABELS for o in objects)
        predicate.adjuncts.append(("time" if timely else "argument", list(prep.subtree)))
        return
    objects = pobjs(prep)
    if any(o.tag_ in _RELATIVE_TAGS for o in objects):
        return  # "the degree to which ...": the relative clause's noun is elsewhere
    if not objects:
        if any(c.dep_ == "pcomp" for c in prep.children):
            predicate.adjuncts.append(("argument", list(prep.subtree)))
        return
    if all(o.ent_type_ in _TIME_LABELS for o in objects):
        predicate.adjuncts.append(("time", list(prep.subtree)))
        return
    place = all(o.ent_type_ in _PLACE_LABELS for o in objects) and prep.lower_ in ("in", "at")
    if place and any(not a.link for slot in predicate.slots for a in slot):
        predicate.adjuncts.append(("place", list(prep.subtree)))
        return
    predicate.slots.append([Argument(head=o, link=(prep,)) for o in objects])


def pobjs(prep: Token) -> list[Token]:
    """The objects of a preposition, coordinated ones included."""
    heads = [c for c in prep.children if c.dep_ == "pobj"]
    return [*heads, *(conj for head in heads for conj in head.conjuncts if conj.dep_ == "conj")]


def choose_object(predicate: Predicate) -> tuple[list[Argument], list[list[Argument]]]:
    """Pick the object slot (direct object, else agent, else first preposition, else clause).

    Returns its alternatives and the remaining slots, which become qualifiers.
    """
    slots = [slot for slot in predicate.slots if slot]
    order = (
        [s for s in slots if not s[0].link and not s[0].clause],
        [s for s in slots if s[0].agent],
        [s for s in slots if not s[0].clause],
        [s for s in slots if s[0].clause],
    )
    for candidates in order:
        if candidates:
            chosen = candidates[0]
            rest = [s for s in slots if s is not chosen and not s[0].clause]
            return chosen, rest
    return [], []


def relation_of(predicate: Predicate, argument: Argument | None) -> Relation:
    """Build the relation as written (with auxiliaries, CaRB style) and as a lemma."""
    written: list[Token] = []
    lemmas: list[str] = []
    negated = False
    modality = None
    passive = False
    for position, verb in enumerate(predicate.verbs):
        for child in verb.children:
            if child.dep_ in ("aux", "auxpass", "neg") and child.i < verb.i:
                written.append(child)
            if child.dep_ == "neg":
                negated = True
            if child.dep_ == "aux" and child.lower_ in _MODALS:
                modality = child.lower_
            if child.dep_ == "auxpass":
                passive = True
        written.append(verb)
        particles = [c for c in verb.children if c.dep_ == "prt"]
        written += particles
        if position and verb.head != predicate.verbs[position - 1]:
            written.append(verb.head)  # the adjective bridging the chain: "was willing to end"
            lemmas.append(verb.head.lower_)
        if position:
            lemmas.append("to")
        if passive and not (argument is not None and argument.agent):
            lemmas += ["be", verb.lower_]
        else:
            lemmas.append(verb.lemma_.lower())
        lemmas += [p.lower_ for p in particles]
    link = list(argument.link) if argument is not None else []
    if argument is not None and not argument.agent:
        lemmas += [t.lower_ for t in link]
    text_tokens = sorted(set(written), key=lambda t: t.i)
    text = " ".join(t.text for t in [*text_tokens, *link])
    return Relation(
        text=text,
        lemma=" ".join(lemmas),
        negated=negated,
        modality=modality,
        passive=argument is not None and argument.agent,
    )


def speaker_of(verb: Token) -> Token | None:
    """The subject of a speech verb this clause is reported under, if any."""
    node = verb
    while node.head != node:
        if node.dep_ == "ccomp" and node.head.lemma_ in SPEECH_VERBS:
            subjects = _resolved(subjects_of(node.head) or _inherited_subjects(node.head))
            return subjects[0] if subjects else None
        node = node.head
    return None


def according_to(tokens: Sequence[Token]) -> Token | None:
    """The source named by "according to X" anywhere in the sentence's `tokens`."""
    for token in tokens:
        if token.lower_ == "according":
            for to in (c for c in token.children if c.lower_ == "to"):
                objects = pobjs(to)
                if objects:
                    return objects[0]
    return None


def reciprocal_pairs(predicate: Predicate) -> Iterator[tuple[Token, Token]]:
    """Pairs of coordinated subjects of a reciprocal verb with no object of its own."""
    verb = predicate.verbs[-1]
    if verb.lemma_.lower() not in RECIPROCAL_VERBS or len(predicate.subjects) < 2:
        return
    if any(not slot[0].link and not slot[0].clause for slot in predicate.slots):
        return
    named = [s for s in predicate.subjects if not is_pronoun(s)]
    for index, first in enumerate(named):
        for second in named[index + 1 :]:
            yield first, second
