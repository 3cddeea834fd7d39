"""The default extractor: subject–relation–object triples read off spaCy's dependency parse."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from graphkit.extract._spans import (
    NAME_LABELS,
    VALUE_LABELS,
    entity_of,
    is_pronoun,
    mention_of,
    phrase_tokens,
    qualifier_of,
)
from graphkit.types import Mention, Relation, Sentence, Triple

SPEECH_VERBS = frozenset(
    "say tell add note state claim announce report stress insist warn argue suggest reveal "
    "write believe think declare confirm deny acknowledge admit explain predict estimate "
    "assert".split()
)
"""Verbs whose clausal complement is a reported claim, attributed to the verb's subject."""

_SUBJECTS = ("nsubj", "nsubjpass", "csubj", "csubjpass", "expl")
_OBJECTS = ("dobj", "attr", "oprd", "dative")
_TIME_LABELS = frozenset({"DATE", "TIME"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_MODALS = frozenset({"can", "could", "may", "might", "must", "shall", "should", "will", "would"})


@dataclass(frozen=True, slots=True)
class _Argument:
    """A complement of a predicate: the words joining it to the verb and its head token."""

    head: Token
    link: tuple[Token, ...] = ()
    agent: bool = False
    clause: bool = False


@dataclass(slots=True)
class _Predicate:
    """A verb group: the verbs of an xcomp chain with their auxiliaries and complements."""

    verbs: list[Token]
    subjects: list[Token] = field(default_factory=list)
    arguments: list[_Argument] = field(default_factory=list)
    adjuncts: list[tuple[str, list[Token]]] = field(default_factory=list)


@dataclass(frozen=True)
class DependencyExtractor:
    """Rule-based extraction over a dependency parse: fast, offline and explainable.

    Reads active and passive clauses, verb + particle/preposition relations, xcomp chains,
    copulas, appositions and titles, relative and participial clauses, and splits coordinated
    subjects, verbs and objects into separate facts. Negation and modality are kept as flags,
    reported speech carries its speaker as attribution, and time and place adjuncts become
    qualifiers instead of being glued into the object.
    """

    name: str = "dependency"
    max_argument_tokens: int = 12

    def extract(self, sentence: Sentence, parsed: Span) -> Iterator[Triple]:
        """Yield the triples stated in one parsed sentence."""
        attribution = _according_to(parsed)
        for token in parsed:
            if _is_predicate_head(token):
                yield from self._clause_triples(token, sentence, parsed, attribution)
            if token.dep_ == "appos" and token.head.pos_ in ("PROPN", "NOUN"):
                yield from self._appositive(token, sentence, parsed)
            if token.ent_type_ == "PERSON" and token.ent_iob_ == "B":
                yield from self._title(token, sentence, parsed)
            if token.pos_ == "NOUN" and token.dep_ not in ("attr", "appos"):
                yield from self._nominal(token, sentence, parsed)

    # -- clauses -------------------------------------------------------------------------------

    def _clause_triples(
        self, verb: Token, sentence: Sentence, parsed: Span, according_to: Token | None
    ) -> Iterator[Triple]:
        predicate = _predicate(verb)
        if not predicate.subjects:
            return
        speaker = _speaker(verb) or according_to
        attribution = self._mention(speaker, sentence, parsed) if speaker is not None else None
        qualifiers = tuple(
            qualifier_of(role, tokens, sentence, parsed) for role, tokens in predicate.adjuncts
        )
        objects = [a for a in predicate.arguments if not a.link and not a.clause] or [
            a for a in predicate.arguments if a.agent
        ]
        extra = [a for a in predicate.arguments if a not in objects and not a.clause]
        if not objects and extra:
            objects, extra = extra[:1], extra[1:]
        if not objects:
            objects = [a for a in predicate.arguments if a.clause][:1]
        extra_qualifiers = tuple(
            {
                q.text: q
                for q in (
                    qualifier_of("argument", [*a.link, *self._phrase(a.head)], sentence, parsed)
                    for a in extra
                )
            }.values()
        )
        for subject in predicate.subjects:
            subject_mention = self._mention(subject, sentence, parsed)
            choices: list[_Argument | None] = list(objects) or [None]
            for argument in choices:
                relation = _relation(predicate, argument)
                if argument is None:
                    object_mention = None
                elif argument.clause:
                    object_mention = mention_of(argument.head.subtree, sentence, parsed, "CLAUSE")
                else:
                    object_mention = self._mention(argument.head, sentence, parsed)
                yield Triple(
                    subject=subject_mention,
                    relation=relation,
                    object=object_mention,
                    sentence=sentence,
                    extractor=self.name,
                    confidence=_confidence(verb, subject, argument, parsed),
                    qualifiers=qualifiers + extra_qualifiers,
                    attribution=attribution,
                )

    # -- noun-phrase relations -------------------------------------------------------------------

    def _appositive(self, appos: Token, sentence: Sentence, parsed: Span) -> Iterator[Triple]:
        """Read an apposition as a copula: "Yury Ushakov, a senior adviser to Putin"."""
        yield from self._copular(appos.head, appos, sentence, parsed, confidence=0.7)

    def _title(self, first: Token, sentence: Sentence, parsed: Span) -> Iterator[Triple]:
        """Read a title before a name as a copula: "Russian President Vladimir Putin"."""
        name = next(ent for ent in first.doc.ents if ent.start == first.i)
        titles: list[Token] = []
        for token in reversed(first.doc[max(first.i - 4, parsed.start) : first.i]):
            if token.head != name.root or token.dep_ not in ("compound", "amod"):
                break
            titles.insert(0, token)
        if not any(t.pos_ in ("PROPN", "NOUN") and t.ent_type_ == "" for t in titles):
            return
        yield Triple(
            subject=self._mention(name.root, sentence, parsed),
            relation=Relation(text="is", lemma="be"),
            object=mention_of(titles, sentence, parsed, None),
            sentence=sentence,
            extractor=self.name,
            confidence=0.6,
        )

    def _nominal(self, noun: Token, sentence: Sentence, parsed: Span) -> Iterator[Triple]:
        """Read a possessed noun with a preposition as a relation: "China's exports to Russia"."""
        owners = [c for c in noun.children if c.dep_ == "poss" and _names_something(c)]
        if not owners:
            return
        for prep in (c for c in noun.children if c.dep_ == "prep"):
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                if not _names_something(pobj):
                    continue
                yield Triple(
                    subject=self._mention(owners[0], sentence, parsed),
                    relation=Relation(
                        text=f"{noun.text} {prep.text}",
                        lemma=f"{noun.lemma_.lower()} {prep.lower_}",
                    ),
                    object=self._mention(pobj, sentence, parsed),
                    sentence=sentence,
                    extractor=self.name,
                    confidence=0.45,
                )

    def _copular(
        self, subject: Token, noun: Token, sentence: Sentence, parsed: Span, *, confidence: float
    ) -> Iterator[Triple]:
        subject_mention = self._mention(subject, sentence, parsed)
        yield Triple(
            subject=subject_mention,
            relation=Relation(text="is", lemma="be"),
            object=self._mention(noun, sentence, parsed),
            sentence=sentence,
            extractor=self.name,
            confidence=confidence,
        )
        yield from self._role_of(subject_mention, noun, "is", sentence, parsed, confidence - 0.1)

    def _role_of(
        self,
        subject: Mention,
        noun: Token,
        copula: str,
        sentence: Sentence,
        parsed: Span,
        confidence: float,
    ) -> Iterator[Triple]:
        """A role noun tied to an entity becomes the relation: "X is Russia's biggest partner"."""
        role = [c for c in noun.children if c.dep_ in ("amod", "compound")] + [noun]
        role_words = " ".join(t.lower_ for t in sorted(role, key=lambda t: t.i))
        role_lemma = " ".join(
            (t.lemma_ if t == noun else t.lower_).lower() for t in sorted(role, key=lambda t: t.i)
        )
        links: list[tuple[Token, str]] = [
            (c, "of") for c in noun.children if c.dep_ == "poss" and _names_something(c)
        ]
        for prep in (
            c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("of", "to", "for")
        ):
            links += [(p, prep.lower_) for p in prep.children if p.dep_ == "pobj"]
        for other, word in links:
            if not _names_something(other):
                continue
            yield Triple(
                subject=subject,
                relation=Relation(
                    text=f"{copula} {role_words} {word}", lemma=f"be {role_lemma} {word}"
                ),
                object=self._mention(other, sentence, parsed),
                sentence=sentence,
                extractor=self.name,
                confidence=confidence,
            )

    # -- helpers -------------------------------------------------------------------------------

    def _phrase(self, head: Token) -> list[Token]:
        return phrase_tokens(head, max_tokens=self.max_argument_tokens)

    def _mention(self, head: Token, sentence: Sentence, parsed: Span) -> Mention:
        ent = entity_of(head)
        if is_pronoun(head) and ent is None:
            return mention_of([head], sentence, parsed, "PRON")
        label = ent.label_ if ent is not None else None
        return mention_of(self._phrase(head), sentence, parsed, label)


def _names_something(token: Token) -> bool:
    return token.ent_type_ in NAME_LABELS or (token.pos_ == "PROPN" and not is_pronoun(token))


def _has_object(verb: Token) -> bool:
    return any(
        c.dep_ in ("dobj", "dative") or (c.dep_ == "prep" and _pobjs(c)) for c in verb.children
    )


def _is_predicate_head(token: Token) -> bool:
    """A verb (or a copula heading its clause) that is not merely part of another's chain."""
    if token.dep_ in ("aux", "auxpass", "amod", "compound"):
        return False
    if token.pos_ == "VERB" or (
        token.pos_ == "AUX" and any(c.dep_ == "attr" for c in token.children)
    ):
        chained = token.dep_ == "xcomp" and not _subjects_of(token) and not _has_object(token.head)
        return not chained
    return (
        token.pos_ == "AUX"
        and token.dep_ in ("ROOT", "ccomp", "conj", "relcl", "advcl")
        and any(c.dep_ in ("acomp", "prep") for c in token.children)
    )


def _subjects_of(verb: Token) -> list[Token]:
    heads = [c for c in verb.children if c.dep_ in _SUBJECTS and c.dep_ != "expl"]
    return [*heads, *(conj for head in heads for conj in head.conjuncts if conj.dep_ == "conj")]


def _inherited_subjects(verb: Token) -> list[Token]:
    """Subjects a clause borrows: conjoined verbs, relative and participial clauses, controls."""
    dep = verb.dep_
    head = verb.head
    if dep == "conj":
        return _subjects_of(head) or (_inherited_subjects(head) if head != verb else [])
    if dep == "relcl":
        relative = [c for c in verb.children if c.tag_ in ("WDT", "WP") and c.dep_ in _SUBJECTS]
        has_subject = bool(_subjects_of(verb))
        return [head] if relative or not has_subject else []
    if dep == "acl" and verb.tag_ in ("VBN", "VBG"):
        return [head]
    if dep == "xcomp":
        controllers = [c for c in head.children if c.dep_ in ("dobj", "dative")]
        controllers += [o for c in head.children if c.dep_ == "prep" for o in _pobjs(c)]
        return controllers[:1] or _subjects_of(head)
    if dep == "advcl" and verb.tag_ in ("VBG", "VB"):
        return _subjects_of(head)
    if dep == "pcomp" and head.dep_ == "prep":
        governor = head.head
        objects = [c for c in governor.children if c.dep_ == "dobj"]
        return objects or _subjects_of(governor)
    return []


def _predicate(verb: Token) -> _Predicate:
    """Gather the chain, subjects and complements of the clause headed by `verb`."""
    predicate = _Predicate(verbs=[verb])
    subjects = [s for s in _subjects_of(verb) if s.tag_ not in ("WDT", "WP")]
    predicate.subjects = subjects or _inherited_subjects(verb)
    relative_object = any(c.tag_ in ("WDT", "WP") and c.dep_ == "dobj" for c in verb.children)
    if verb.dep_ == "relcl" and _subjects_of(verb) and relative_object:
        predicate.arguments.append(_Argument(head=verb.head))  # "the goods that China sold"
    current = verb
    while True:
        chained = (
            [
                c
                for c in current.children
                if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX") and not _subjects_of(c)
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


def _collect(verb: Token, predicate: _Predicate, *, final: bool) -> None:
    for child in verb.children:
        dep = child.dep_
        if dep in _OBJECTS and final and child.tag_ not in ("WDT", "WP"):
            predicate.arguments += [_Argument(head=h) for h in (child, *child.conjuncts)]
        elif dep == "agent":
            predicate.arguments += [
                _Argument(head=p, link=(child,), agent=True) for p in _pobjs(child)
            ]
        elif dep == "prep" and final:
            _prepositional(child, predicate)
        elif dep == "ccomp" and final:
            predicate.arguments.append(_Argument(head=child, clause=True))
        elif dep in ("npadvmod", "tmod") and child.ent_type_ in _TIME_LABELS:
            predicate.adjuncts.append(("time", list(child.subtree)))
        elif dep == "acomp" and final and not any(x.dep_ == "xcomp" for x in child.children):
            predicate.arguments.append(_Argument(head=child))


def _prepositional(prep: Token, predicate: _Predicate) -> None:
    if prep.lower_ == "according":
        return
    objects = _pobjs(prep)
    if not objects:
        pcomp = [c for c in prep.children if c.dep_ == "pcomp"]
        if pcomp:
            predicate.adjuncts.append(("argument", list(prep.subtree)))
        return
    if all(o.ent_type_ in _TIME_LABELS for o in objects):
        predicate.adjuncts.append(("time", list(prep.subtree)))
        return
    place = all(o.ent_type_ in _PLACE_LABELS for o in objects) and prep.lower_ in ("in", "at")
    if place and any(not a.link for a in predicate.arguments):
        predicate.adjuncts.append(("place", list(prep.subtree)))
        return
    predicate.arguments += [_Argument(head=o, link=(prep,)) for o in objects]


def _pobjs(prep: Token) -> list[Token]:
    heads = [c for c in prep.children if c.dep_ == "pobj"]
    return [*heads, *(conj for head in heads for conj in head.conjuncts if conj.dep_ == "conj")]


def _relation(predicate: _Predicate, argument: _Argument | None) -> Relation:
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


def _speaker(verb: Token) -> Token | None:
    """The subject of a speech verb this clause is reported under, if any."""
    node = verb
    while node.head != node:
        if node.dep_ == "ccomp" and node.head.lemma_ in SPEECH_VERBS:
            subjects = _subjects_of(node.head) or _inherited_subjects(node.head)
            return subjects[0] if subjects else None
        node = node.head
    return None


def _according_to(parsed: Span) -> Token | None:
    for token in parsed:
        if token.lower_ == "according":
            for to in (c for c in token.children if c.lower_ == "to"):
                objects = _pobjs(to)
                if objects:
                    return objects[0]
    return None


def _confidence(verb: Token, subject: Token, argument: _Argument | None, parsed: Span) -> float:
    """A score from features that predict a correct triple (calibrated on CaRB dev)."""
    score = 0.55
    if subject.ent_type_ in NAME_LABELS:
        score += 0.1
    if is_pronoun(subject):
        score -= 0.1
    if argument is None:
        score -= 0.25
    elif argument.clause:
        score -= 0.1
    elif argument.head.ent_type_ in NAME_LABELS | VALUE_LABELS:
        score += 0.1
    if verb.dep_ in ("relcl", "acl", "advcl", "pcomp"):
        score -= 0.1
    if not _subjects_of(verb):
        score -= 0.05
    score -= 0.005 * max(0, len(parsed) - 20)
    return round(min(0.95, max(0.05, score)), 3)
