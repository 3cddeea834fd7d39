"""Span → record helpers that do the offset arithmetic once for every extractor."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Doc, Span, Token

from graphkit.labels import NAME_LABELS, PRONOUNS, VALUE_LABELS
from graphkit.types import Mention, Qualifier, Sentence


def shift(sentence: Sentence, parsed: Span) -> int:
    """Return what to add to a token's `idx` to get its offset in the Document text."""
    return sentence.start - parsed.start_char


def mention_of(
    tokens: Iterable[Token], sentence: Sentence, parsed: Span, label: str | None
) -> Mention:
    """Make a Mention covering `tokens` (a contiguous stretch), with document offsets."""
    ordered = sorted(tokens, key=lambda token: token.i)
    first, last = ordered[0], ordered[-1]
    start, end = first.idx, last.idx + len(last.text)
    text = sentence.text[start - parsed.start_char : end - parsed.start_char]  # not Doc.text: O(n)
    delta = shift(sentence, parsed)
    return Mention(text=text, start=start + delta, end=end + delta, label=label)


def qualifier_of(role: str, tokens: Iterable[Token], sentence: Sentence, parsed: Span) -> Qualifier:
    """Make a Qualifier covering `tokens`, with document offsets."""
    mention = mention_of(tokens, sentence, parsed, None)
    return Qualifier(role=role, text=mention.text, start=mention.start, end=mention.end)


def entity_mentions(spacy_doc: Doc, offset: int) -> Iterator[Mention]:
    """Yield spaCy's named entities as Mentions, shifted by the part's `offset`."""
    for ent in spacy_doc.ents:
        yield Mention(
            text=ent.text,
            start=offset + ent.start_char,
            end=offset + ent.end_char,
            label=ent.label_,
        )


_COUNTS = frozenset({"CARDINAL", "QUANTITY"})
_LOOSE_ENDS = frozenset({"ADP", "CCONJ", "DET"})
_DROPPED_CHILDREN = frozenset(
    {"relcl", "appos", "conj", "cc", "preconj", "advcl", "acl", "parataxis", "dep", "meta"}
)
_DROPPED_INSIDE = _DROPPED_CHILDREN - {"conj", "cc", "preconj"}
"""Inside a modifier coordination stays ("an industrial and residential area")."""
_KEPT_WHEN_SHORT = frozenset(
    {"det", "amod", "compound", "poss", "nummod", "case", "quantmod", "nmod"}
)


def entity_of(token: Token) -> Span | None:
    """Return the named entity (of a naming or value type) whose root is `token`, if any."""
    if token.ent_iob_ == "O" or token.ent_type_ not in NAME_LABELS | VALUE_LABELS:
        return None
    doc = token.doc
    start = token.i
    while doc[start].ent_iob_ == "I" and start > 0:  # walk to the "B" token, not over doc.ents
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    ent = Span(doc, start, end, label=token.ent_type_)
    return ent if ent.root == token or token.i == end - 1 else None


def phrase_tokens(head: Token, *, max_tokens: int = 12) -> list[Token]:
    """Return the contiguous tokens of the phrase headed by `head`, trimmed to `max_tokens`.

    A named entity is taken whole and alone (titles before a name are left out); a noun phrase
    keeps its modifiers but not relative clauses, appositions or coordinated items, which are
    separate facts. Over-long phrases lose their prepositional tails first.
    """
    return phrase_parts(head, max_tokens=max_tokens)[0]


def phrase_parts(head: Token, *, max_tokens: int = 12) -> tuple[list[Token], list[list[Token]]]:
    """Return the phrase of `head` (as phrase_tokens) and the prepositional tails trimmed off it.

    The tails ("along the Kill Van Kull") are kept by callers as qualifiers of the fact, so a
    long object is cut to its head phrase without losing what the rest says.
    """
    ent = entity_of(head)
    if ent is not None and ent.label_ in _COUNTS and any(c.dep_ == "prep" for c in head.children):
        ent = None  # "thousands of Russian troops": the count is not the whole phrase
    if ent is not None:
        tokens = list(ent)
        while len(tokens) > 1 and (
            tokens[-1].tag_ == "POS" or tokens[-1].is_punct or tokens[-1].pos_ in _LOOSE_ENDS
        ):
            tokens.pop()  # spaCy sometimes takes the possessive "'s" (or an "at") into the entity
        if ent.label_ in ("MONEY", "PERCENT", "QUANTITY") and any(t.like_num for t in tokens):
            while tokens[0].pos_ not in ("NUM", "SYM") and not tokens[0].like_num:
                tokens.pop(0)  # "a record $240 billion": the amount starts at its first figure
        return tokens, []
    kept = _subtree_without(head, _DROPPED_CHILDREN)
    tails: list[list[Token]] = []
    if len(kept) > max_tokens:
        preps = [c for c in head.children if c.dep_ == "prep" and c.i > head.i]
        kept = _subtree_without(head, _DROPPED_CHILDREN | {"prep"})
        tails = [_subtree_without(prep, _DROPPED_INSIDE) for prep in preps]
    if len(kept) > max_tokens:
        kept = [head, *(t for c in head.children if c.dep_ in _KEPT_WHEN_SHORT for t in c.subtree)]
        kept = sorted(kept, key=lambda token: token.i)[-max_tokens:]
    run = _contiguous(kept, head)
    return run, [tail for tail in tails if tail and tail[0].i > run[-1].i]


def _subtree_without(head: Token, dropped: frozenset[str]) -> list[Token]:
    tokens = [head]
    for child in head.children:
        if child.dep_ not in dropped:
            tokens.extend(_subtree_without(child, _DROPPED_INSIDE))
    return sorted(tokens, key=lambda token: token.i)


def _contiguous(tokens: list[Token], head: Token) -> list[Token]:
    """Keep the unbroken run of `tokens` around `head`, without edge punctuation."""
    indexes = {token.i for token in tokens}
    start = end = head.i
    while start - 1 in indexes:
        start -= 1
    while end + 1 in indexes:
        end += 1
    run = [head.doc[i] for i in range(start, end + 1)]
    while len(run) > 1 and run[0].is_punct and run[0] != head:
        run.pop(0)
    while len(run) > 1 and (run[-1].is_punct or run[-1].dep_ in ("cc", "case")) and run[-1] != head:
        run.pop()
    return run


def is_pronoun(token: Token) -> bool:
    """Tell whether `token` is a pronoun or another word that names nothing by itself."""
    return token.pos_ == "PRON" or token.lower_ in PRONOUNS
