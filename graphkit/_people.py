"""People: which full name a short or variant spelling of a person's name stands for."""

from __future__ import annotations

import difflib
import functools
from collections import Counter, defaultdict


class PeopleIndex:
    """Finds the first of `people` that `same_person` accepts for a name, without trying all.

    Only names sharing a first or last word, or with a last word of similar spelling, or with all
    but the last word in common, are tried. Spellings are similar (difflib ratio >= 0.85) only if
    they share at least 0.275 * (len(a) + len(b)) - 1 character bigrams: with M matched characters
    in b blocks, the bigrams inside blocks give M - b shared, b - 1 <= the unmatched characters
    len(a) + len(b) - 2M, and 2M >= 0.85 * (len(a) + len(b)).
    """

    def __init__(self, people: list[str]) -> None:
        self._order = {key: number for number, key in enumerate(people)}
        self._by_last: dict[str, list[str]] = defaultdict(list)  # last word → keys
        self._by_first: dict[str, list[str]] = defaultdict(list)  # first word of longer names
        self._by_prefix: dict[tuple[str, ...], list[str]] = defaultdict(list)  # all but last
        self._by_bigram: dict[tuple[str, int], list[str]] = defaultdict(list)
        self._grams: dict[str, Counter[str]] = {}  # last word → its bigrams
        self._similar_words: dict[str, list[str]] = {}
        for key in people:
            words = key.split()
            self._by_last[words[-1]].append(key)
            if len(words) > 1:
                self._by_first[words[0]].append(key)
                self._by_prefix[tuple(words[:-1])].append(key)
        for word in self._by_last:  # (bigram, word length) → last words having it
            self._grams[word] = _bigrams(word)
            for gram in self._grams[word]:
                self._by_bigram[gram, len(word)].append(word)

    def matches(self, short: str) -> list[str]:
        """Names in `people` order that `short` may name.

        For a lone surname every one spelled alike (the caller picks), else the first only.
        """
        words = short.split()
        candidates: set[str]
        if len(words) == 1:
            candidates = {*self._by_last.get(words[0], ()), *self._by_first.get(words[0], ())}
        else:
            candidates = set(self._by_prefix.get(tuple(words[:-1]), ()))
        candidates.discard(short)
        if len(words[-1]) >= 5 and (len(words) == 1 or candidates):
            similar = {key for word in self._similar(words[-1]) for key in self._by_last[word]}
            if len(words) == 1:
                candidates.update(similar)
            else:
                candidates.intersection_update(similar)
        elif len(words) > 1:
            return []  # same length, a short last word: never the same person
        candidates.discard(short)
        found = [
            full
            for full in sorted(candidates, key=self._order.__getitem__)
            if same_person(short, full, fuzzy=True, given=True)
        ]
        return found if len(words) == 1 else found[:1]

    def _similar(self, word: str) -> list[str]:
        """Last words that may be spelled like `word`: a superset of those with ratio >= 0.85."""
        if word in self._similar_words:
            return self._similar_words[word]
        similar: list[str] = []
        grams = self._grams.get(word) or _bigrams(word)  # another name's word too
        for length in range(len(word) * 85 // 115, len(word) * 115 // 85 + 1):  # 2 min/sum >= .85
            shared: Counter[str] = Counter()  # words of this length: one bound for them all
            for gram, count in grams.items():
                others = self._by_bigram.get((gram, length), ())
                if count == 1:  # the usual case: counted in C
                    shared.update(others)
                else:
                    for other in others:
                        shared[other] += min(count, self._grams[other][gram])
            least = 0.275 * (len(word) + length) - 1
            similar += [other for other, number in shared.items() if number >= least]
        self._similar_words[word] = similar
        return similar


def _bigrams(word: str) -> Counter[str]:
    return Counter(word[i : i + 2] for i in range(len(word) - 1))


def same_person(short: str, full: str, *, fuzzy: bool, given: bool = False) -> bool:
    """Tell whether `short` names the person `full` names ("putin" / "vladimir putin").

    A lone surname must be the full name's last (or, in Chinese order, first) word, or with
    `fuzzy` a near spelling of it ("zelensky" / "volodymyr zelenskyy"): "willis" is not
    "craig williams" unless an article puts them side by side. A given name alone names the
    full name it starts only with `given` (side by side in an article: "Claire Smith, 8, ...
    Claire"); else the first word must be able to be a surname ("xi" / "xi jinping").
    """
    short_words, full_words = short.split(), full.split()
    if len(short_words) > len(full_words):
        return False
    if len(short_words) == len(full_words) > 1:
        if short_words[:-1] != full_words[:-1] or len(short_words[-1]) < 5:
            return False
        return _alike(short_words[-1], full_words[-1])
    surname = short_words[-1]
    return len(short_words) == 1 < len(full_words) and (
        surname == full_words[-1]
        or (surname == full_words[0] and (given or _surname_first(surname)))
        or (fuzzy and len(surname) >= 5 and _alike(surname, full_words[-1]))
    )


def _surname_first(word: str) -> bool:
    """Whether a full name's first word may be its surname, as in Chinese order.

    Not a given name ("Oscar" is not Oscar Isaac), unless a common East Asian surname that is one
    too ("Kim", "Lee").
    """
    from graphkit.authority._gazetteer import given_names

    return word in _EAST_ASIAN_SURNAMES or word not in given_names()


_EAST_ASIAN_SURNAMES = frozenset(
    """wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he lin gao luo zheng
    liang xie song tang han feng deng cao peng zeng xiao tian dong pan yuan cai jiang yu du ye
    cheng wei su lu ding ren shen yao jin zhong cui tan fan wan qiu shi jia xia fu fang zou
    xiong bai meng qin yin kong yi duan lei hou long shao qian dai mao hao kim lee park choi
    jung chung kang cho yoon jang lim han oh seo shin kwon hwang ahn yoo hong jeon ko moon son
    bae baek heo nam sim noh ha kwak sung cha joo woo koo min ryu na ji um chae won chun bang
    hyun ham byun yeom yeo chu do so seok sul gil yeon wi pyo myung gi ban geum ok yook in maeng
    je mo tak guk eo eun pyeon yong gyeong bong sa bu nguyen tran le pham hoang huynh phan vu vo
    dang bui ho ngo duong ly sato suzuki takahashi tanaka watanabe ito yamamoto nakamura
    kobayashi kato yoshida yamada sasaki yamaguchi matsumoto inoue kimura hayashi shimizu
    yamazaki mori abe ikeda hashimoto yamashita ishikawa nakajima maeda fujita ogawa goto okada
    hasegawa murakami kondo ishii saito sakamoto endo aoki fujii nishimura fukuda ota miura
    fujiwara okamoto matsuda nakagawa""".split()
)
"""Common Chinese, Korean, Vietnamese and Japanese surnames (folded, lower case): a name may start
with one, in the order of those languages, though the given-name list holds it too ("Kim Jong
Un", "Zhang Wei"). The whole list, not its overlap with given_names.txt, so that rebuilding that
file needs no change here."""


@functools.lru_cache(maxsize=1 << 14)
def _alike(a: str, b: str) -> bool:
    """Whether two spellings are near: difflib ratio >= 0.85, its cheaper upper bounds first."""
    matcher = difflib.SequenceMatcher(None, a, b)
    bounds = (matcher.real_quick_ratio, matcher.quick_ratio, matcher.ratio)
    return all(bound() >= 0.85 for bound in bounds)
