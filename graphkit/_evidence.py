"""Type evidence: what a name's context says about the kind of thing it names.

spaCy's NER tag is one vote per mention, and often wrong on its own ("Trump" as an
organisation, "Kyiv" as a person). resolve adds the votes found here: a title or a role beside
the name, a personal pronoun standing for it, and the relations it takes part in ("based in" →
an organisation; "located in" → places). Each vote is (type, weight); a negative weight
counts against a type. Weights: NER 1 a mention, context and relations 2-3; an authority
entry's type overrides them all (resolve).
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable

from graphkit._name_votes import (
    WORD,
    Votes,
    is_listed_company,
    is_place_name,
    is_town,
    name_votes,
)
from graphkit.authority._gazetteer import is_place
from graphkit.labels import RuleKind
from graphkit.types import Extraction, Mention

HONORIFICS = frozenset(
    """mr mrs ms miss dr sir dame lord lady sen rep gov gen col lt sgt shri smt alhaji haji hajj
    mawlawi maulana mullah datuk dato datin tunku ustaz kyai mzee""".split()
)
"""Forms of address before a person's name, in English and in the copy of South and Southeast
Asia, Africa and the Muslim world ("Shri", "Alhaji", "Mawlawi", "Datuk")."""
PERSON_ROLES = frozenset(
    """
    president chancellor minister premier ceo chairman chairwoman chairperson spokesman
    spokeswoman spokesperson adviser advisor aide analyst director executive officer founder
    co-founder senator governor mayor secretary ambassador envoy diplomat leader teacher
    professor lecturer scientist researcher economist doctor lawyer attorney judge author writer
    novelist poet journalist reporter correspondent editor manager worker farmer actor actress
    singer musician player coach candidate lawmaker legislator politician commissioner general
    colonel soldier captain king queen prince princess emperor pope bishop priest cleric rabbi
    imam student wife husband son daughter father mother brother sister widow friend colleague
    veteran resident citizen victim gunman defendant suspect meteorologist forecaster
    climatologist entomologist biologist chemist physicist geologist engineer architect
    designer artist photographer consultant investor entrepreneur banker trader broker
    accountant chief head boss vice-president deputy councillor councilor mp sheriff
    detective prosecutor inspector nurse surgeon psychologist historian philosopher fellow
    curator ranger campaigner organiser organizer protester tailor villager pensioner retiree
    official shopkeeper athlete winger striker midfielder defender goalkeeper batsman bowler runner
    assemblyman assemblywoman congressman congresswoman councilman councilwoman alderman
    policeman policewoman businessman businesswoman sportsman craftsman tradesman salesman
    saleswoman clergyman statesman layman cameraman billionaire millionaire tycoon magnate
    oligarch philanthropist forward quarterback pitcher commander commander-in-chief
    rapper songwriter singer-songwriter footballer cricketer golfer swimmer sprinter boxer
    wrestler jockey rower skier skater gymnast sailor sportswoman all-rounder astronaut
    cosmonaut comedian comedienne playwright filmmaker policymaker peacemaker playmaker chef
    drummer rocker popstar superstar presenter composer dancer ballerina painter sculptor
    theologian astronomer inventor programmer mogul cofounder influencer youtuber barrister
    solicitor monk nun sheikh emir sultan monarch ruler dictator warlord strongman autocrat
    dissident whistleblower nominee heir heiress widower assailant killer murderer hostage
    detainee prisoner inmate refugee migrant teenager coordinator co-ordinator administrator
    convenor convener facilitator grazier herder herdsman herdswoman nomad volunteer girlfriend
    boyfriend fiancee fiancée fisherman fisherwoman shepherd crofter midwife paramedic
    firefighter lifeguard pilgrim eyewitness mechanic electrician plumber carpenter labourer
    laborer housewife grandmother grandfather schoolboy schoolgirl pupil hawker butcher
    magistrate collector tehsildar sarpanch akim hokim superintendent constable ombudsman
    registrar coroner marshal warden headman vice-chancellor rector provost pastor abbot mufti
    qadi raja maharaja nawab undersecretary consul mla mlc mep regent viceroy voivode prefect
    starosta burgomaster hetman bupati clerk rider driver cashier vendor cook waiter waitress
    cleaner courier teller guard cousin nephew niece uncle aunt
    """.split()
)
"""Nouns that describe a person: "Ian Campbell is Federal Environment Minister"."""
OFFICES = frozenset(
    """president vice-president chancellor minister premier secretary ambassador envoy diplomat
    leader senator governor mayor king queen prince princess emperor general commander official
    spokesman spokeswoman spokesperson lawmaker legislator mp deputy congressman congresswoman
    commissioner representative prosecutor judge ruler monarch dictator""".split()
)
"""Offices a country's adjective before them makes the country's ("U.S. president")."""
ORG_NOUNS = frozenset(
    """
    company firm group maker automaker carmaker manufacturer bank agency party organisation
    organization university college institute corporation corp airline retailer producer insurer
    unit subsidiary lender carrier publisher newspaper network club team council committee
    association union ministry department authority board business enterprise conglomerate
    startup charity foundation fund regulator exchange journal magazine broadcaster importer
    exporter distributor wholesaler supplier processor miner chain utility operator brewer
    brewery winery distillery bakery venture body
    developer builder contractor consultancy watchdog co-operative cooperative alliance
    coalition bloc militia band orchestra choir label supermarket fintech start-up outlet
    """.split()
)
PLACE_NOUNS = frozenset(
    """
    city town country state village region province capital island river highway port district
    suburb county nation territory continent mountain lake sea ocean valley peninsula
    municipality neighbourhood neighborhood community settlement township hamlet borough
    oblast prefecture governorate commune enclave archipelago atoll base park theatre theater
    museum gallery stadium arena venue estate airport square tower station farm ranch
    plantation resort volcano
    """.split()
)
EVENT_NOUNS = frozenset(
    """
    cyclone storm hurricane typhoon tornado earthquake flood war election summit festival
    tournament championship conference olympics games attack battle crisis talkfest symposium
    """.split()
)
WORK_NOUNS = frozenset(
    """novel book film movie song album play series painting poem documentary drama single opera
    installation sitcom musical ballet symphony sculpture podcast memoir biography collection
    comedy thriller sequel artwork mural portrait manga anime""".split()
)
PRODUCT_NOUNS = frozenset(
    """
    product drug pill vaccine medicine fragrance perfume car sedan vehicle truck aircraft jet
    plane airliner computer laptop phone smartphone software device kit brand model telescope
    satellite spacecraft shuttle rifle cigarette beer whisky whiskey boat ship vessel tanker
    ferry yacht submarine frigate warship missile drone helicopter app chatbot rocket flagship
    lander rover orbiter capsule turboprop locomotive tractor trawler robot chip console handset
    tablet
    cruiser destroyer icebreaker
    """.split()
)
_NOUN_TYPES = (
    (PERSON_ROLES, "Person"),
    (ORG_NOUNS, "Organization"),
    (PLACE_NOUNS, "Place"),
    (EVENT_NOUNS, "Event"),
    (WORK_NOUNS, "CreativeWork"),
    (PRODUCT_NOUNS, "Product"),
)
_COMPOUNDS: dict[tuple[str, ...], str] = {
    ("aircraft", "carrier"): "Product",
    ("car", "carrier"): "Product",
    ("video", "game"): "CreativeWork",
    ("computer", "game"): "CreativeWork",
}
"""Two-word heads whose last word alone would name another type (a carrier is an airline)."""
_NOT_ROLES = frozenset("assist consist enlist exist insist persist resist twist wrist".split())
_OF_ROLE = re.compile(r"^(?:be )?(?:[\w-]+ ){0,3}?([\w-]+) (?:of|at|for|with)$")
_PREPOSITION = re.compile(
    r"\s(?:of|in|at|for|from|with|on|to|by|about|against|over|behind|under|between|among"
    r"|near|into|through|across|alongside|including|like|who|whose|that|which|where"
    r"|run|owned|led|headed|controlled|founded|operated|backed|known|based|made|starring"
    r"|representing"
    r"|named|called|(?:built|directed|written|created|released|published|designed|produced"
    r"|developed|launched)\s+by)\s"
)
_LEADING = re.compile(r"^(?:one|some|many|all|each|none|most|part) of\s+")

LABEL_RULES: frozenset[RuleKind] = frozenset(
    {"nesting", "place-of", "place-possessive", "affiliation"}
)
"""Extractor rules that read a relation off two names' NER labels (`extract._entities`): "Esperance
in Western Australia" is "based in" because spaCy tagged Esperance ORG. The type such a relation
gives its subject restates the label that has voted already, so it gives none (the container's
vote stays: another mention's label may disagree, and "in" or "of" a place says something). Only
a type the label does not give counts: "Keringet" (PERSON) in "from Keringet in Nakuru County"."""

_FOUNDED = re.compile(r"^(?:co-)?found$")
_IS_FROM = re.compile(r"^(?:be )?from$")
_AFFILIATED = re.compile(r"^(?:be )?affiliated with$")
"""What someone is "affiliated with" ("X, from Y"): a body, unless Y is a town's name (a home)."""
_RELATIONS: tuple[tuple[re.Pattern[str], Votes, Votes], ...] = (
    (
        re.compile(r"^(?:be based|(?:be )?(?:headquartered|base|headquarter)) in$"),
        (("Organization", 3),),
        (("Place", 2),),
    ),
    # Bare "based in" is "X-based" ("the Kalgoorlie-based Croesus"): less than a word of the
    # sentence (read off labels, it gives its subject no vote: LABEL_RULES).
    (re.compile(r"^based in$"), (("Organization", 2),), (("Place", 2),)),
    (re.compile(r"^(?:be )?(?:located|situated) in$"), (("Place", 2),), (("Place", 2),)),
    (re.compile(r"^dateline$"), (("Place", 3),), ()),
    (_AFFILIATED, (("Person", 2),), (("Organization", 2),)),
    (_IS_FROM, (("Person", 1),), (("Place", 1),)),
    (
        re.compile(r"^(?:live|reside|(?:be )?born|grow up|die)(?: in)?$"),
        (("Person", 2),),
        (("Place", 2),),
    ),
    (
        re.compile(r"^(?:kill|murder|assassinate|shoot|stab|shoot dead)$"),
        (("Person", 1),),
        (("Person", 2),),
    ),
    (re.compile(r"^die (?:at|on)$"), (("Person", 2),), ()),  # "at the age of 80", "at home"
    (re.compile(r"^(?:marry|divorce)$"), (("Person", 2),), (("Person", 2),)),
    (re.compile(r"^play for$"), (("Person", 2),), (("Organization", 2),)),  # a player's team
    # who fines is a court or a regulator ("fin": how the lemmatizer reads "fined")
    (re.compile(r"^fine?$"), (("Organization", 2),), ()),
    # who heads, chairs or founds a body is a person (firms "run" stores: "May Stores runs ...")
    (re.compile(r"^(?:head|chair)$"), (("Person", 2),), ()),
    (_FOUNDED, (("Person", 2),), (("Organization", 2),)),  # a body founded
    (re.compile(r"^be (?:[\w-]+ )?maker of$"), (("Organization", 2),), (("Product", 2),)),
    (re.compile(r"^(?:work for|be employed by|join)$"), (("Person", 1),), (("Organization", 1),)),
    (re.compile(r"^be with$"), (("Person", 2),), ()),  # "Grace Daniels is with the Rangers"
    # Corporate relations: what is owned by the percent, merged, spun off or a unit is a firm.
    (re.compile(r"^(?:[\w-]+ ){0,2}(?:own|hold|control) % (?:of|in)$"), (), (("Organization", 2),)),
    (
        re.compile(r"^(?:(?:agree|plan|seek|want|vote) to )?merge with$|^(?:be )?spun off from$"),
        (("Organization", 2),),
        (("Organization", 2),),
    ),
    (
        re.compile(r"^be (?:unit|subsidiary|division|affiliate|arm) of$"),
        (("Organization", 2),),
        (("Organization", 2),),
    ),
)
"""Relation lemmas and the types their subject and object take."""
_YIELDING = frozenset((_FOUNDED, _IS_FROM, _AFFILIATED))
"""Relations whose object's type gives way to what the object's own words say: what someone
founded may be a festival ("the Ubud Writers and Readers Festival"), who is "of" or "from" a
police force works for it ("Kerry Haigh of West Yorkshire Police"), and who is "from" a cattle
station lives there ("Glen Shephard from Lilyvale Station")."""


_CONTACT_CLAUSE = re.compile(
    r"\s(?=(?:[A-Z][\w.'’-]*\s+){1,4}(?:co-)?(?:founded|started|opened|built|established|"
    r"launched|created|bought|owns|owned|runs|ran|heads|headed|leads|led|manages|managed)\b)"
)
"""A clause about the head, with no "that", that names someone: "the winery [Samuel Smith
founded]", "the coffee company [Đặng Lê Nguyên Vũ founded]": the head ends before it."""


def head_words(phrase: str) -> list[str]:
    """The last two words before a phrase's first preposition, lower case, plurals made single.

    >>> head_words("one of the most perfect cyclone systems"), head_words("the senators")
    (['cyclone', 'system'], ['the', 'senator'])
    >>> head_words("former lecturer in environmental science at Murdoch University")
    ['former', 'lecturer']
    >>> head_words("coffee company Dang Le founded in 1996")
    ['coffee', 'company']
    """
    phrase = _CONTACT_CLAUSE.split(phrase, maxsplit=1)[0]
    text = _LEADING.sub("", " ".join(phrase.casefold().split()))
    text = _PREPOSITION.split(f" {text} ", maxsplit=1)[0]
    words = WORD.findall(text)[-2:]
    return [_singular(word) for word in words]


def describe(phrase: str) -> str | None:
    """The type a descriptive phrase names, by its head words ("a retired teacher" → Person).

    >>> describe("Federal Environment Minister"), describe("the largest company in Ohio")
    ('Person', 'Organization')
    >>> describe("one of the most perfect cyclone systems"), describe("the association's")
    ('Event', None)
    """
    if re.search(r"['’]s?\W*$", phrase):
        return None  # "the association's": whose it is, not what it is
    words = head_words(phrase)
    if tuple(words) in _COMPOUNDS:
        return _COMPOUNDS[tuple(words)]
    for index, word in enumerate(reversed(words)):  # the head first, then the word before it
        kind = noun_type(word)
        if kind == "Organization" and _INDEFINITE.match(phrase) and _trade(words):
            return "Person"  # "Zhiwei Qiu, a lantern maker": a trade, most often a person's
        if kind is not None:  # a person's word before the head is no person: "volunteer work"
            return None if kind == "Person" and index else kind
    return None


_TRADES = frozenset("maker producer operator seller".split())
"""Agents' nouns that name a person's trade after "a" and what is made or run ("a drama producer",
"a mill operator", "a lantern maker": 19 people and no firm in the development sets), though a
firm's after "the" ("the Bristol-based chip maker") or before what it makes ("a maker of
pharmaceuticals")."""
_INDEFINITE = re.compile(r"\s*(?:a|an)\s", re.IGNORECASE)
_ARTICLE = re.compile(r"\b(a|an|the)\s+$", re.IGNORECASE)
_INDUSTRIES = tuple(
    """steel auto car chip drug plane aircraft truck toy oil gas power energy chemical software
    computer phone mobile telecom satellite engine tyre tire chain network port hotel casino
    airport terminal grid pipeline rail airline cinema store supermarket restaurant""".split()
)
"""Industries' and businesses' words before a maker or an operator: a firm's ("a U.K. luxury
auto maker", "a food services chain operator")."""


def _trade(head: list[str]) -> bool:
    """A trade's head words: "lantern maker", "tour operator", "cheesemaker" (not "automaker")."""
    word = head[-1]
    if word in _TRADES:
        return len(head) > 1 and head[0] not in ("a", "an") and not head[0].startswith(_INDUSTRIES)
    return word.endswith("maker") and word not in ORG_NOUNS and not word.startswith(_INDUSTRIES)


def noun_type(word: str) -> str | None:
    """The type a common noun names: a listed noun, a role in -ist, -ician or -grapher, or a maker.

    >>> noun_type("linguist"), noun_type("statistician"), noun_type("steelmaker")
    ('Person', 'Person', 'Organization')
    >>> noun_type("fragrance"), noun_type("insist"), noun_type("levy"), noun_type("co-leader")
    ('Product', None, None, 'Person')
    """
    word = _singular(word.casefold())
    for nouns, kind in _NOUN_TYPES:
        if word in nouns:
            return kind
    if word.startswith("co-") and noun_type(word[3:]) == "Person":
        return "Person"  # co-leader, co-chair, co-host: a role shared
    if len(word) > 5 and word not in _NOT_ROLES and word.endswith(("ist", "ician", "grapher")):
        return "Person"  # linguist, physician, photographer: people by their trade
    if len(word) > 7 and word.endswith("ioner"):
        return "Person"  # practitioner, parishioner, petitioner
    if len(word) > 7 and word.endswith(("maker", "producer")):
        return "Organization"  # steelmaker, automaker
    return None


@functools.lru_cache(maxsize=1 << 16)
def relation_votes(lemma: str, object_text: str | None) -> tuple[Votes, Votes]:
    """Votes for a fact's subject and for its object, from its relation (and a "be" object).

    >>> relation_votes("be former president of", "Georgia")
    ((('Person', 3),), (('Person', -2),))
    >>> relation_votes("be based in", "Iowa"), relation_votes("based in", "Iowa")[0]
    (((('Organization', 3),), (('Place', 2),)), (('Organization', 2),))
    """
    for pattern, subject, obj in _RELATIONS:
        if pattern.match(lemma):
            if pattern is _AFFILIATED and object_text and is_town(object_text):
                obj = (("Place", 1),)  # "Katie Taylor, from Bray": her home town, most often
            if pattern in _YIELDING and object_text:
                own = {kind for kind, weight in name_votes(object_text) if weight > 0}
                if own and not own.intersection(kind for kind, _ in obj):
                    obj = ()  # the object's own words say otherwise: "West Yorkshire Police"
            return subject, obj
    if lemma in _BE_DESCRIBED and object_text:
        kind = describe(object_text)
        return (((kind, 3),) if kind else ()), ()
    role = _OF_ROLE.match(lemma)
    if role and _singular(role.group(1)) in _KIN:
        return (("Person", 3),), (("Person", 2),)  # "the son of Widodo": kin of a person
    if role and _singular(role.group(1)) in _CAST:
        return (("Person", 3),), (("Person", -2), ("CreativeWork", 2))  # "the star of Friends"
    if role and noun_type(role.group(1)) == "Person":
        staff = _singular(role.group(1)) in _STAFF_ROLES or " vice " in f" {lemma}"
        if staff and not (object_text and is_town(object_text)):  # a town's: its council's
            return (("Person", 3),), (("Person", -2), ("Organization", 2))
        if _singular(role.group(1)) in _PLACE_POSTS and not _THE.match(object_text or ""):
            return (("Person", 3),), (("Person", -2), ("Place", 2))  # a town's, a state's
        return (("Person", 3),), (("Person", -2),)
    if lemma in _RESULT_VERBS and object_text and _RESULTS.intersection(head_words(object_text)):
        return (("Organization", 2),), ()  # "Magna reported a loss": a firm's results
    if lemma in _AGENT_VERBS:  # who says, reports or announces is a person or a body
        return (("Person", 1), ("Organization", 1)), ()
    if lemma in _PRODUCT_VERBS:  # what a firm develops, launches or recalls is a product
        return (), (("Product", 2),)
    if object_text and object_text.casefold().startswith("its "):
        return (("Person", -2),), ()  # "Tandou is selling its winery": its own, not a person's
    return (), ()


_BE_DESCRIBED = frozenset(
    (
        "be", "be among", "become", "act as", "serve as", "remain", "be elected", "be re-elected",
        "be named", "be appointed", "be elected as", "be named as", "be appointed as",
        "be chosen as", "be sworn in as", "be installed as", "work as",
    )
)  # fmt: skip
"""Relations whose object describes the subject: "was elected leader of the Conservative Party"."""
_PLACE_POSTS = frozenset(("mayor", "governor", "premier"))
"""Posts of a town, a state or a province, when the name has no "the": not "governor of the Bank
of England"."""
_THE = re.compile(r"the\s", re.IGNORECASE)
_CAST = frozenset(("star", "co-star", "showrunner"))
"""Roles in a film or a show: "the star of Friends"."""
_STAFF_ROLES = frozenset(
    """chairman chairwoman chairperson ceo analyst spokesman spokeswoman spokesperson executive
    director manager vice-president officer economist strategist employee staffer founder
    co-founder cofounder""".split()
)
"""Roles held in a company or a body, never in a country: "X, vice president of Y"."""
_AGENT_VERBS = frozenset(
    "say tell add report announce claim argue warn predict explain publish".split()
)
_PRODUCT_VERBS = frozenset("develop launch unveil recall manufacture introduce".split())
_RESULT_VERBS = frozenset(("report", "post", "record"))
_RESULTS = frozenset(
    """loss profit earnings revenue income sale deficit surplus dividend write-off writedown
    charge""".split()
)
"""What a firm reports or posts for a period: "reported a third-quarter loss"."""


def words_around(extraction: Extraction) -> Callable[[Mention], tuple[str, str, str]]:
    """For one article: a mention's sentence cut around it (before, its text, after).

    What `context_votes` and `plays_as_team` read.
    """
    sentences = extraction.sentences
    starts = [sentence.start for sentence in sentences]

    def cut(mention: Mention) -> tuple[str, str, str]:
        sentence = sentences[max(bisect.bisect_right(starts, mention.start) - 1, 0)]
        text, start, end = sentence.text, sentence.start, mention.end - sentence.start
        return text[: mention.start - start], mention.text, text[end:]

    return cut


_DATELINE_OPEN = re.compile(r"^\s*[A-Z][A-Z.'’ -]+[^()]*\($")
_DATELINE_CLOSE = re.compile(r"^\)\s*(?:—|–|--|-\s)")
"""A dateline's agency, between its place ("TEHRAN", "LAGOS, Nigeria") and the dash."""


def context_votes(before: str, text: str, after: str) -> Votes:
    """Votes from the words around a name in its sentence: a title, a dateline, a description.

    >>> context_votes("German Chancellor ", "Olaf Scholz", " met Macron")
    (('Person', 2),)
    >>> context_votes("", "SEATTLE", " (Reuters) — Boeing said")
    (('Place', 3),)
    >>> context_votes("", "Magna", "'s shares fell"), context_votes("", "Amira Hassan", ", 34, of")
    ((('Organization', 2),), (('Person', 2),))
    >>> context_votes("her fragrance, ", "Heiress", ".")
    (('Product', 2),)
    >>> context_votes("", "Wiese", ", a linguist at"), context_votes("", "Tungali", ", west of Kew")
    ((('Person', 2),), (('Place', 2),))
    """
    votes: list[tuple[str, int]] = []
    previous = WORD.findall(before.casefold()[-40:])
    near = before if len(before) <= _NEAR_CHARS else re.sub(r"^\S*", "", before[-_NEAR_CHARS:])
    if previous:
        word = _singular(previous[-1])
        if word in HONORIFICS and not before.rstrip().endswith(","):  # "Hun Sen, Cambodia"
            # a form of address outweighs a role's and a tag's votes
            votes.append(("Person", 6))  # "Mr. Giuliani's campaign chairman"
        elif previous[-1] == "the" and " " in text:
            votes.append(("Person", -2))  # "the Mona Lisa": no one's name takes "the"
        elif previous[-1] in ("called", "named", "dubbed") and len(previous) > 1:
            kind = noun_type(previous[-2])  # "a test-practice kit called Learning Materials"
            if kind is not None:
                votes.append((kind, 2))
        elif previous[-1] in _LEANINGS:
            votes.append(("Organization", 2))  # "the left-wing Broad Front": a party
        elif tuple(previous[-2:]) in _COMPOUNDS:
            votes.append((_COMPOUNDS[tuple(previous[-2:])], 3))  # "aircraft carrier Liaoning"
        elif (
            len(previous) > 2
            and _singular(previous[-3]) in PERSON_ROLES
            and _ROLE_OF_FIELD.search(before)
        ):
            votes.append(("Person", 2))  # "Professor of physics Rod Cross"
        elif (kind := noun_type(word)) is not None and (
            kind != "CreativeWork" or word != "play" or before.rstrip()[-1:] in "\"“'‘,"
        ):
            votes.append((kind, 2))  # "Chancellor Scholz", "novel Dream Count"; not "play Chelsea"
    if _abbreviated_state(text, after):
        votes.append(("Place", 3))  # "Ont.", "Alta.", "Calif." alone: a state's or province's
    if not before.strip() and text.isupper() and re.match(r"\s*(?:\(|—|--|-\s)", after):
        votes.append(("Place", 3))
    elif _DATELINE_OPEN.match(before) and _DATELINE_CLOSE.match(after):
        votes.append(("Organization", 3))  # "TEHRAN (AFP) —": the news agency
    following = [w for w in WORD.findall(after.casefold()[:40]) if w not in _AMOUNTS]
    owner = re.sub(r"['’]s?$", "", text)  # "Goulburn Murray Water's" as the model tags it
    if owner != text:  # the mention took its possessive: "Tony Lama's"
        following = ["s", *following]
    if following[:1] == ["s"] and _CORPORATE.intersection(following[1:4]):
        votes.append(("Organization", 2))  # "Magna's shares", "Tony Lama's 2.1 million shares"
    elif following[:1] == ["s"] and _SCHOLARLY.intersection(following[1:2]):
        if not text.isupper() and not name_votes(text):
            votes.append(("Person", 2))  # "Kotz's research", "Parungao's study": a scholar's
    elif _LOCAL_RULE.match(after if owner == text else f"'s{after}") and (
        ("Person", 2) not in name_votes(owner)
    ):
        votes.append(("Place", 2))  # "Uasin Gishu's county assembly": a place's own government
    elif not after[:1].isspace() or _SET_OFF.match(after):
        pass  # "Likhachev, chief executive of Rosatom": the words after it describe it
    elif following[:1] and following[0] in ("chairman", "ceo", "analyst", "spokesman", "chief"):
        votes.append(("Organization", 2))  # "MLA chairman Don Heatley"
    elif _A_NAME.search(before) and _staff_of(after) and not _settled(text):
        votes.append(("Organization", 2))  # "a Ducati engineer" (not "a Kilrush fisherman")
    elif _local_name(text) and any(
        _singular(word) in _LOCALS for word in _local_words(following, after)
    ):
        votes.append(("Place", 2))  # "Loxton grower Glenn Arnold": who lives or farms there
    elif following[:1] and following[0] in ("company", "firm", "council") and is_town(text):
        votes.append(("Place", 2))  # "Bowen company Queensland Seedlings": the town's firm
    elif following[:1] and following[0] in _SQUAD and ("Person", 2) not in name_votes(text):
        votes.append(("Organization", 2))  # "the Liverpool manager", "Crusaders lock Scott Barrett"
    elif _ELECTION.match(after) or (_REPRESENTS.search(near) and _IN_HOUSE.match(after)):
        votes.append(("Place", 2))  # "the Caerphilly by-election", "represents Turbat in the ..."
    elif following[:1] == ["police"] and after.startswith(" "):
        votes.append(("Place", 2))  # "the KwaZulu-Natal police commissioner": a place's police
    elif following[:1] and following[0] in _PLACE_KINDS and after.startswith(" "):
        votes.append(("Place", 2))  # "Russia's Kursk region", "the Loiret department"
    if (
        (_JOINED.search(near) and _FROM_CLUB.match(after))
        or _SIGNED_FROM.match(after)
        or _PLAYS_FOR.search(near)
        or (_LEADS_SIDE.search(near) and text.endswith("s"))
    ):
        votes.append(("Organization", 2))  # "joined Paris Saint-Germain from Napoli"
    score = (result := _RESULT.match(after)) or _SCORE.match(after)
    if score or _transferred(before):
        # "Liverpool beat Tottenham 5-1", "beat Notre Dame 34-23", "signed X from Leeds": a
        # team; only a town's name, "the" or a team's result outweighs a tag ("Sinner beat
        # Alcaraz 6-4": people)
        teams = score is not None and _teams_score(score.group(), result is not None)
        clear = teams or is_town(text) or previous[-1:] == ["the"] or _side_result(before, after)
        votes.append(("Organization", 2 if clear else 1))
    elif _side_result(before, after):
        votes.append(("Organization", 2))
    if (
        _BY_FIRM.search(near)
        or _PLACE_BASED.search(near)
        or _DEAL_DONE.match(after)
        or _LED_BY.match(after)
        or _APPOINTS.match(after)
    ):
        votes.append(("Organization", 2))  # "its merger with Viterra", "named X as chief executive"
    if _STARRING.match(after):
        votes.append(("CreativeWork", 3))  # "Guillermo del Toro's Frankenstein, starring"
    if _RUNS.search(near) and _SITED.match(after) and not name_votes(text):
        votes.append(("Organization", 2))  # "who opened Hanok Grill on Pleasant Hill Road"
    if _SIDE_OF_MATCH.search(near) and not after.startswith("-"):  # not "the Durban-based"
        votes.append(("Organization", 2))  # "the game between Elkhorn South and Millard North"
    if _GIGS.match(after) and ("Person", 2) not in name_votes(text):
        votes.append(("Organization", 2))  # "Coldplay played six nights at ...": a band
    plural = _THE_PLURAL.fullmatch(text)  # a name that kept its "the": "the Chiefs"
    if plural and (plural.group(1) or previous[-1:] == ["the"]) and not _a_place(plural[2]):
        votes.append(("Organization", 1))  # "the Titans", "the Nationals": a side or a party
    if _PERFORMED.search(near) and not _OWNER.match(after) and not name_votes(text):
        votes.append(("CreativeWork", 2))  # "will sing Tosca", "staged Verdi's Nabucco"
    if _MADE_BY.search(near):
        votes.append(("Person", 2))  # "Ne Zha 2, directed by Jiaozi"
    if _SAYS_LAST.search(before) and _SPEAKER_ENDS.match(after):
        votes.append(("Person", 2))  # "..., says Pello.": who is quoted last is a person
    if (_CURATOR_AT.search(near) or _SOLD_OUT.search(near)) and not name_votes(text):
        votes.append(("Place", 2))  # "a curator at Te Papa", "sold out the Hackney Empire": venues
    if _SUCCEEDING.search(near) and " " in text:
        votes.append(("Person", 2))  # "replacing Pekka Lundmark"
    role = _TERM_AS.match(after) or _REPLACED_AS.match(after)
    if role and noun_type(role.group(1)) == "Person":
        votes.append(("Person", 2))  # "Alassane Ouattara won a fourth term as president"
    elif (post := _LEFT_AS.match(after)) and describe(post.group(1)) == "Person":
        votes.append(("Person", 2))  # "Chrystia Freeland resigned as Canada's finance minister"
    inside = _IN_KNOWN_PLACE.match(after)
    if (inside and _known_place(inside.group(1) or inside.group(2))) or _IN_PROVINCE.match(after):
        votes.append(("Place", 2))  # "Derna, in eastern Libya", "Mae Sai, in Chiang Rai province"
    if _OF_TOWN.search(before):  # an age then "of": nothing but a home town
        votes.append(("Place", 4))  # "Liam Carter, 38, of Sale, Greater Manchester"
    elif _NAMED_OF.search(before) and _SET_OFF.match(after) and _settled(text):
        votes.append(("Place", 2))  # "Cane grower Tony Zappala, of Ingham, said": a home town
    staff = _STAFF_NAMED.match(after if owner == text else f"'s{after}")
    if staff and _body_shaped(owner) and not (_known_place(owner) or _settled(owner)):
        votes.append(("Organization", 3))  # "MLA's Wayne Hall", "Lower Murray Water's Jo Pike"
    if _STREET_OWNER.match(after):
        votes.append(("Place", 2))  # "a takeaway on Batley's Commercial Street": a town's street
    if following[:1] == ["s"] and following[1:2] and following[1] in _TOWN_PARTS:
        votes.append(("Place", 2))  # "Dalby's saleyards", "Perth's outskirts"
    if following[:1] == ["s"] and following[1:2] and following[1] in _KIN:
        votes.append(("Person", 2))  # "Bell's father-in-law", "Jay Willmann's family"
    if (
        _AGE.match(after)
        or _TEAM.match(after)
        or (_WHO.match(after) and not _governed(previous))
        or (_SPEAKS_FROM.match(after) and _opens_clause(before, previous))
    ):
        votes.append(("Person", 2))  # "Amira Hassan, 34, of", "Kench and his team", "Sinn, who"
    elif _WHICH.match(after) and not _governed(previous):
        votes.append(("Person", -2))  # "Magna, which makes auto parts": no one's name
    if _PRICE_MOVE.match(after):
        votes.append(("Organization", 2))  # "Valhi rose 62.5 cents to $15": a stock
    told = _TOLD_THE.search(near) or (near.endswith("told ") and text[:4].casefold() == "the ")
    if told or (before.rstrip().endswith(",") and _REPORTED.match(after)):
        votes.append(("Organization", 2))  # "told the St Lucia Star", "..., WKYT reported."
    slot = _place_slot(before, after)
    if (slot is not None and _placed(slot, text)) or (
        (_NEAR.search(before) or _listed_near(before, text, after)) and not _OWNER.match(after)
    ):
        votes.append(("Place", 2))  # "near Coen", "in Esperance", "at Broken Hill, in outback NSW"
    elif (town := _IN_TOWN.search(near)) and _settled(town.group(1)) and _SET_OFF.match(after):
        votes.append(("Place", 2))  # "in Onitsha, Anambra State,": the town's region
    elif (
        _TRAVEL.search(near)
        or (_ATTACKED.search(near) and _FREE_AFTER.match(after))
        or _between_towns(near, after)
        or (_LEFT_OR_REACHED.search(near) and is_town(text))
    ) and not _OWNER.match(after):
        votes.append(("Place", 2))  # "flights between Iqaluit and ...", "shelled Kadugli"
    elif _PLACE_SLOT.search(before) or _from_here(before, text):
        votes.append(("Place", 2))  # "parts of Nelson", "MP for Clacton", "a tailor from Patna"
    elif _in_places_possessive(before, text):
        votes.append(("Place", 2))  # "farmers in Victoria's Wimmera Mallee"
    town = _TOWN_STATE.match(after)
    if (
        town
        and _is_state(town.group(1))
        and (not name_votes(text) or is_town(text))
        and " of " not in text
    ):
        votes.append(("Place", 2))  # "Agua Dulce, California", "Beverly Hills, Calif.": a town
    appended = _STATE_BASED.sub(r" \1", after)
    apposition = _APPOSITION.match(appended)
    if apposition:  # "Jaguar, a U.K. luxury auto maker", "Tungali, north-east of Adelaide"
        kind = "Place" if apposition.group(1) else _described_as(appended, apposition)
        if kind is None and _BASED.match(after):
            kind = "Organization"  # "Eskom, the Johannesburg-based state utility"
        if kind is not None:
            votes.append((kind, 2))
    described = _DESCRIBED.search(before)
    if described and _SET_OFF.match(after) and (kind := describe(described.group(1))):
        votes.append((kind, 2))  # "The body representing the industry, ACCORD Australasia,"
    return tuple(votes)


def _described_as(after: str, apposition: re.Match[str]) -> str | None:
    """What a description in apposition names, read with its article.

    "a lantern maker" is a person, "the maker of ..." a firm (`describe`).
    """
    article = _ARTICLE.search(after, 0, apposition.start(2))
    return describe(f"{article[1]} {apposition[2]}" if article else apposition[2])


_A_NAME = re.compile(
    r"\b(?:a|an)\s+(?:(?:former|senior|junior|veteran|retired|longtime|long-time|young)\s+)?$",
    re.IGNORECASE,
)
_ROLE_AFTER = re.compile(r"\s+((?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*)\b")
_PATRONS = frozenset(
    """aide adviser advisor ally loyalist critic supporter friend confidant rival opponent
    biographer lawyer attorney""".split()
)
"""Roles a person's name comes before as often as a body's: "a Trump adviser"."""
_STAFF = PERSON_ROLES | _TRADES


def _staff_of(after: str) -> bool:
    """Whether a person's role follows in lower case: "[a Ducati] engineer", "[a TTC] bus operator".

    Not someone's ally ("a Trump ally"): a person's name comes before those.
    """
    found = _ROLE_AFTER.match(after)
    roles = [_singular(word) for word in found.group(1).split()] if found else []
    return not _STAFF.isdisjoint(roles) and _PATRONS.isdisjoint(roles)


_RUNS = re.compile(
    r"\b(?:opened|opens|runs|ran|run|owns|owned|manages|managed|founded|co-founded|started)"
    r"\s+(?:the\s+)?$"
)
_SITED = re.compile(r"\s+(?:on|in|at)\s+[A-Z]")
"""A business someone opened, runs or owns somewhere: "who has run Taquería La Güera in Chicago's
Pilsen" (16 bodies and one place in the development sets)."""
_MATCH = r"(?i:match(?:es)?|games?|tests?|finals?|clash|tie|fixtures?|derby|series)"
"""Words for a match ("semi-final" too: a final after a hyphen)."""
_SIDE_OF_MATCH = re.compile(
    rf"\b{_MATCH}\s+(?:against|between(?:\s+(?:the\s+)?(?-i:[A-Z][\w.'’-]*\s+){{1,4}}and)?)"
    r"\s+(?:the\s+)?$"
)
"""A side in a match: "the game between Farsley and Pudsey St Lawrence", "a tie against Cuala"."""
_GIGS = re.compile(
    r"\s+(?:will\s+)?(?:played|plays?|headlined|headlines?)\s+(?:[\w-]+\s+){0,4}?"
    r"(?:shows?|nights?|concerts?|gigs?|sets?|dates?|stage)\b"
)
"""A band's shows after its name: "Oasis played two sold-out nights", "will play the main stage"."""
_THE_PLURAL = re.compile(r"([Tt]he\s+)?([A-Z][a-z]+(?<![su]s)(?<!is)s)")
"""One capitalised word in the plural, with its "the" or without: what a team, a party or a band
is called ("the Titans", "the Nationals", "the Levellers"), as are some ranges and regions ("the
Grampians")."""


def _a_place(text: str) -> bool:
    """A known place's name or a GeoNames place's ("the Netherlands", "the Andes")."""
    return _known_place(text) or is_place(text)


_PERFORMED = re.compile(
    r"\b(?:sing|sang|sung|sings|singing|dance|danced|dances|dancing|stage|staged|stages|staging"
    r"|conduct|conducted|conducts|conducting)\s+(?:(?:the|full|new)\s+)*"
    r"(?:[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,2}['’]s\s+)?$"
)
"""A work sung, danced, staged or conducted, after its maker's name if any: "will sing Tosca",
"dance Swan Lake", "staged Verdi's Nabucco"."""
_SAYS_LAST = re.compile(r",\s*(?:says|said)\s+$")
_SPEAKER_ENDS = re.compile(r"\s*(?:[.;](?:\s|$)|$|,\s+(?:who|a|an)\s)")
"""A quote's speaker named after it, ending the sentence or described: "..., says Foing.",
"..., said Esi Ampofo, a spokesperson for ..." (in the development sets always a person; a body
so named is described with "the": "said Avialesookhrana, the federal ... service")."""
_CURATOR_AT = re.compile(r"\bcurators?(?:\s+of\s+[a-z ]+?)?\s+(?:at|of|with)\s+(?:the\s+)?$")
"""Where a curator works, a museum or a gallery: places, by the labelling guidelines."""
_SOLD_OUT = re.compile(r"\b(?:sold|sells?|selling)\s+out\s+(?:the\s+)?$", re.IGNORECASE)
"""A venue a show sells out: "sold out the Eko Convention Centre"."""
_APPOSITION = re.compile(
    r"\s*,\s*(?:((?:just |about |some )?[\w-]*(?:north|south|east|west)[\w-]* of )"
    r"|(?:a|an|the|(?-i:(?:[A-Z][\w.-]*\s+){0,3}[A-Z][\w.-]*['’]s))\s+([^,;:()\"“”]{2,120}?)\s*(?:[,;:()]|$))",
    re.IGNORECASE,
)
"""A description in apposition after a name: ", a linguist at ...," or ", west of Katherine"."""
_DESCRIBED = re.compile(r"(?:^|[.;:]\s+)(?:the|a|an)\s+([^,;:()\"“”]{2,120}?),\s*$", re.IGNORECASE)
"""A description set off before a name, from the start of its sentence: "The body representing
Australia's cosmetics industry, ACCORD Australasia, says" (not after another name's apposition:
"Gerry Kavanagh, 71, a suckler farmer from Ballinamore, Co Leitrim,")."""
_STATE_BASED = re.compile(r",\s+([A-Z][\w.]*(?: [A-Z][\w.]*){0,2}-based)\b")
"""A state's name in "the Louisville, Kentucky-based chain": no end of the description."""
_BASED = re.compile(r"\s*,\s*the\s+[\w.', -]*?\w-based\s")
"""A definite description that says where it is based: a body's ("the Cardiff-based car
insurer"; not "a Mumbai-based feng shui practitioner")."""
_SET_OFF = re.compile(r"\s*[,;:(—]|\s+--")
"""Punctuation after a name that ends its phrase: what follows is not a word of it."""
_PLACE_SLOT = re.compile(
    r"\b(?:(?:parts|areas|outskirts|suburbs?|streets|centre|center|heart|districts?"
    r"|neighbou?rhoods?|villages?|islands?|provinces?|regions?|towns?|city|cities|ports?"
    r"|shires?|townships?)\s+of"
    r"|(?:mp|member|senator|congressman|congresswoman|representative)\s+for"
    r"|(?:seat|electorate|riding|constituency)\s+of|who\s+represent(?:s|ed))\s+$",
    re.IGNORECASE,
)
"""A slot only a place fills: "parts of Nelson", "the port of Dampier", "the MP for Clacton", "his
seat of Dickson", "who represents Freiburg" (not "became part of Macmillan/McGraw", "a lawyer
representing Braniff")."""
_FROM = re.compile(
    r"\b(?:a|an)\s+(?:(?:\d[\d,]*)?[\w-]+\s+){0,3}?([\w-]+)\s+from\s+$", re.IGNORECASE
)
"""A person described, then "from": "a tailor from", "a 5,000-metre runner from"."""
_SQUAD = frozenset(
    """manager coach captain striker goalkeeper midfielder defender winger skipper forward
    quarterback linebacker pitcher shortstop lock flanker prop fly-half scrum-half full-back
    centre-back wicketkeeper batter batsman bowler guard opener outfielder infielder catcher
    centre center setter hooker fullback halfback seamer spinner keeper goalie defenceman
    defenseman cornerback receiver""".split()
)
"""A team's people after its name: "the Liverpool manager", "Crusaders lock Scott Barrett"."""
_PLAYS_FOR = re.compile(
    r"\b(?:play(?:s|ed|ing)?|sign(?:s|ed|ing)?|turn(?:s|ed)? out)\s+for\s+(?:the\s+)?$"
)
"""A team before its name: "who plays for Paris Saint-Germain", "signed for Galatasaray"."""
_LEADS_SIDE = re.compile(r"\b(?:captain|captained|coach|coached)\s+(?:of\s+)?the\s+$")
"""Who leads a side named in the plural: "captain of the Springboks" (not "of the Titanic")."""
_RESULT = re.compile(
    r"\s+(?:beat|defeated|thrashed|edged|drew(?: \d+-\d+)? with|lost(?: \d+-\d+)? to)\s+"
    r"[^.;]{0,40}?\b\d{1,3}-\d{1,3}\b"
    r"|(?:\s+and\s+(?:the\s+)?(?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’.-]*)?\s+drew\s+\d{1,3}-\d{1,3}\b"
)
"""A match result after a name: a team's ("Liverpool beat Tottenham Hotspur 5-1", "Connacht and
Ulster drew 21-21")."""
_TEAM_RESULT = re.compile(r".*?(?:\bdrew\s|\d{2,3}-\d|\d-\d{2,3})")
"""A result only teams have: a draw with a score, or a score of tens ("beat Bradley 82-74"), not
a set's ("Sinner beat Alcaraz 6-4")."""
_GOALS = re.compile(r"\b[0-5]-[0-5]\b")


def _teams_score(text: str, result: bool) -> bool:
    """A result or a score only teams have: a draw or a score of tens (`_TEAM_RESULT`), or goals.

    A score of five or less a side is goals or points, never a tennis set's, which takes six
    ("Flamengo beat Palmeiras 1-0"; "Sinner beat Alcaraz 6-4": people).
    """
    return (result and _TEAM_RESULT.match(text) is not None) or _GOALS.search(text) is not None


_BEAT_WORDS = r"(?:beat|defeated|thrashed|edged|downed|drew\s+with|lost\s+to)"
_SIDE_BEATS = re.compile(
    r"\b(?:the|his|her|their|its)\s+(?:[A-Z][\w'’.-]*\s+){0,3}(?:[a-z][\w-]*\s+)?"
    rf"(?:side|club|team|franchise|visitors|hosts|[A-Z][\w-]*s)\s+{_BEAT_WORDS}\s+(?:the\s+)?$"
)
"""A side beating a name: a team ("as the Galway club beat Moycullen", "the Dockers beat Port
Adelaide", "his side beat Clermont", "the Moose Jaw Warriors beat the Brandon Wheat Kings")."""
_SCORED_AS = (
    r"\b(?:scored|kicked|netted|converted|saved|bagged|grabbed|struck|made\s+\d+\s+saves"
    r"|took\s+\d+\s+wickets)\b[^.;]{0,60}?\bas\s+(?:the\s+)?"
)
_SCORER_SIDE = re.compile(_SCORED_AS + "$")
_SCORER_OPPONENT = re.compile(
    _SCORED_AS + rf"(?:[A-Z][\w'’.-]*\s+){{1,4}}{_BEAT_WORDS}\s+(?:the\s+)?$"
)
_BEATS_NEXT = re.compile(rf"\s+{_BEAT_WORDS}\s")
"""A player's score, then the result of the player's side: both names are teams' ("Eoin Gavin
scored 2-4 as Na Piarsaigh beat Patrickswell", "Richmond Quaye saved a penalty as Asante Kotoko
beat Hearts of Oak")."""


def _side_result(before: str, after: str) -> bool:
    """Whether a name is a side in a result: one a side beat, or one a player's score won for."""
    tail = before[-2 * _NEAR_CHARS :]
    return (
        _SIDE_BEATS.search(tail) is not None
        or _SCORER_OPPONENT.search(tail) is not None
        or (_SCORER_SIDE.search(tail) is not None and _BEATS_NEXT.match(after) is not None)
    )


_SCORE = re.compile(r"\s+\d{1,3}-\d{1,3}\b(?!-)")
"""A score right after a name: the beaten team's ("beat Notre Dame 34-23")."""


def plays_as_team(before: str, text: str, after: str) -> bool:
    """Tell whether a place's name stands for its team here: "Limerick beat Kilkenny".

    A match result or a score beside the name, a transfer from it, its coach or captain, or a
    win over it or a match against it in a sentence about sport.

    >>> plays_as_team("", "Uzbekistan", " drew 0-0 with the United Arab Emirates")
    True
    >>> plays_as_team("Shubman Gill was named ", "India", "'s Test captain in May")
    True
    >>> plays_as_team("Talks with ", "China", " over tariffs resumed in London.")
    False
    """
    if _RESULT.match(after) or _SCORE.match(after) or _transferred(before):
        return True
    if _side_result(before, after):
        return True
    if _TEAM_STAFF.match(after) or _NAMES_STAFF.match(after):
        return True
    sporting = _SPORT.search(f"{before} {after}") is not None
    plural = _PLURAL_SIDE.match(after) is not None and not text.endswith("s")  # "Netherlands"
    return sporting and (
        plural
        or _BEATS.match(after) is not None
        or (_BEATEN.search(before) is not None and not _OWNER.match(after))
        or (_LED.search(before) is not None and _TO_WIN.match(after) is not None)
    )


_TEAM_STAFF = re.compile(
    r"(?:['’]s?)?\s+(?:[\w-]+\s+)?(?:coach|captain|skipper|squad|striker|goalkeeper|midfielder"
    r"|winger)\b",
    re.IGNORECASE,
)
"""A team's coach or captain right after its name: "India's Test captain", "England coach"."""
_NAMES_STAFF = re.compile(
    r"\s+(?:named|appointed|hired|sacked)\s+(?:a|an|the|its|their)\s+(?:new\s+)?(?:head\s+)?"
    r"(?:coach|captain|skipper|manager)\b"
)
"""A team naming its coach or captain: "days before India named a new captain"."""
_SPORT = re.compile(
    r"\b(?:\d{1,3}-\d{1,3}|cup|league|championship|final|premiership|tests?|matche?s?"
    r"|friendly|tournament|innings|wickets?|runs|goals?|scored|qualif\w+|play-?offs?"
    r"|semi-final|quarter-final|grand slam|fixture|olympics|rugby|cricket|football|soccer"
    r"|hurling|hockey|netball|basketball|tennis)\b",
    re.IGNORECASE,
)
"""Words of a sentence about sport."""
_BEATS = re.compile(
    r"(?:\s*,[^,;]{1,80},)?\s+(?:beat|defeated|thrashed|edged|drew|won|lost\s+to)\s"
)
"""A result after a team's name, in a sentence about sport: "Limerick beat Kilkenny at ...",
"Sri Lanka won the second one-day international"."""
_PLURAL_SIDE = re.compile(r"\s+(?:were|have)\s+(?:been\s+)?\w+ed\b")
"""A plural verb after a name, as British copy writes a side's: "Bangladesh were bowled out"."""
_BEATEN = re.compile(
    r"\b(?:beat|beating|defeated|defeating|thrashed|edged|against|(?:win|victory)\s+over"
    r"|(?:drew|lost|draw|lose)(?:\s+\d{1,3}-\d{1,3})?\s+(?:with|to|against)"
    rf"|{_MATCH}\s+between"
    r"(?:\s+(?:the\s+)?[A-Z][^,;]{0,40}\s+and)?)\s+(?:the\s+)?$"
)
"""A result or a match before a team's name: "scored 269 against England", "drew 0-0 with the
UAE", "the second Test between Sri Lanka and New Zealand"."""
_OWNER = re.compile(r"['’]s?\s")
"""A possessive after a name: "beat Canada's Summer McIntosh" beat a swimmer, not a team."""
_LED = re.compile(r"\b(?:led|coached|captained|guided|steered)\s+$")
_TO_WIN = re.compile(
    r"\s+to\s+(?:a\s+|an\s+|the\s+|their\s+|its\s+)?(?:[\w-]+\s+){0,3}"
    r"(?:victory|win|title|triumph|championship|premiership)"
)
"""A captain leading a team to a win, in a sentence about sport: "Bavuma led South Africa to
victory over Australia"."""
_OF_TOWN = re.compile(r"\w,\s+(?:aged\s+)?\d{1,3},\s+of\s+$")
"""Where a person named with an age is from: "Maria Lopez, 42, of Fresno"."""
_NAMED_OF = re.compile(r"(?-i:[A-Z][\w'’-]+),\s+of\s+$")
"""A name set off, then "of": the person's home town or body ("Tony Zappala, of Ingham,");
a place's name, by the gazetteer, says which."""
_TRANSFER = re.compile(r"\b(?:sign|join)(?:s|ed|ing)?\s[^.;]{0,60}\bfrom\s+$")
"""A player signed from a club: "signed Colombian winger Luis Díaz from Liverpool", "joined PSG
from Napoli"."""


def _transferred(before: str) -> bool:
    """A club a player was signed from (`_TRANSFER`).

    Not the home town of one described: "signed Chiamaka Ezeofor, a 19-year-old singer from Owerri".
    """
    return _TRANSFER.search(before) is not None and _FROM.search(before[-80:]) is None


_LOCATIVE = re.compile(
    r"\b(in|near|outside|around|across|throughout|at|from|surrounding)\s+(?:the\s+)?$", re.I
)
"""A preposition of place just before a name: "in Tamworth", "near Esperance", "the land
surrounding Broome"."""
_PLACE_WORDS = frozenset("state country nation region".split())
"""Words for a place whose possessive names a part of it: "in the state's Great Southern"."""
_PLACE_OWNER = re.compile(
    r"\b(?:in|near|outside|around|across|throughout)\s+(?:the\s+)?"
    rf"([A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){{0,2}}|{'|'.join(sorted(_PLACE_WORDS))})['’]s\s+$"
)
"""A place's possessive in a place's slot before a name: "in South Australia's Riverland"."""
_TOWN_NAME = r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2}"
"""A town's name as the context patterns read it: up to three capitalised words."""
_NEAR_WORDS = r"\b(?:near|(?:north|south|east|west)(?:-?(?:east|west))?\s+of)\s+"
_NEAR = re.compile(_NEAR_WORDS + r"(?:the\s+)?$", re.I)
"""The words that put any name in a place's slot: "a station near Coen", "north of Nhulunbuy"."""
_NEAR_LIST = re.compile(
    _NEAR_WORDS + rf"(?-i:{_TOWN_NAME}(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+))+$",
    re.I,
)
_LIST_GOES_ON = re.compile(r"\s*,\s*[A-Z]|\s+(?:and|or)\s+[A-Z]")
"""Names listed after those words, the list going on after the name or ending with it: "forests
near Roma, Dalby and Morven" (not "near Selma, the California Highway Patrol said")."""
_MATCH_BETWEEN = re.compile(rf"\b{_MATCH}\s+between\s")
"""A match between two names: sides, not places ("the Shield match between Victoria and ...")."""
_BETWEEN = r"between(?:\s+(?-i:[A-Z][\w.'’-]*(?:[\s-]+[A-Z][\w.'’-]*){0,3})\s+and)?"
_TRAVEL = re.compile(
    r"\b(?:(?:fl(?:y|ies|ying|ew|own)|sail(?:s|ed|ing)?|dr(?:ive|ove|iving)|trips?|journeys?"
    r"|airlifted|walk(?:s|ed|ing)?|fle(?:e|es|d|eing)|trek(?:s|ked|king)?|march(?:es|ed|ing)?"
    r"|evacuated)\s+(?:between|to|from)"
    rf"|(?:flights?|services?|routes?|trains?|buses|ferr(?:y|ies))\s+(?:to|{_BETWEEN})"
    r"|(?:sleepers?|roads?|highways?|motorways?|lines?|railways?|stretch|section"
    rf"|(?-i:[ABMN]\d{{1,4}}))\s+{_BETWEEN})\s+$",
    re.IGNORECASE,
)
"""Where people or goods travel: "flying to Moruya", "flights between Iqaluit and Pangnirtung";
a road or service between two names, either of them: "the N59 between Oughterard and Maam
Cross", "the sleeper between Penzance and London Paddington"."""
_LEFT_OR_REACHED = re.compile(
    r"\b(?:fle(?:e|es|d|eing)|le(?:ave|aves|ft|aving)|reach(?:es|ed|ing)?|evacuated|abandoned)"
    r"\s+(?:the\s+)?$",
    re.IGNORECASE,
)
"""A town fled, left or reached ("families fleeing El Fasher", "left Yellowknife"): a place
(a club or a firm left is named otherwise: "left Tottenham Hotspur", "left Andela")."""
_ATTACKED = re.compile(
    r"\b(?:shell(?:s|ed|ing)|bomb(?:s|ed|ing)|bombard(?:s|ed|ing)?|besieg(?:es|ed|ing)"
    r"|overr(?:an|un|uns|unning)|(?:air\s*strikes?|shelling|bombing|siege)\s+(?:on|of))"
    r"\s+(?:the\s+)?$",
    re.IGNORECASE,
)
"""A place under fire: "The Rapid Support Forces shelled Kadugli", "the siege of Mariupol"."""
_FREE_AFTER = re.compile(
    r"\s*(?:[,.;:)]|$)|\s+(?:on|in|at|and|or|for|with|from|overnight|again|as|while|until|after"
    r"|before|since|during|killing|wounding|last|this|early|late)\b"
)
"""What may follow a name that is a verb's whole object: not "shelled Hamas positions"."""
_IN_TOWN = re.compile(rf"\b(?:in|at|near|from|of)\s+({_TOWN_NAME}),\s+$")
"""A town and a comma before a name: "in Onitsha, Anambra State", "of Rosthern, Sask."."""


_TOWN_BEFORE = re.compile(rf"\bbetween\s+({_TOWN_NAME})\s+and\s+$")
_TOWN_AFTER = re.compile(rf"\s+and\s+({_TOWN_NAME})\b")


def _between_towns(near: str, after: str) -> bool:
    """Whether a name is paired with a town by "between ... and": a place, then.

    "A fire between Dubbo and Narromine"; not "a dispute between Virgin Australia and the union"
    or "the Test between Pakistan and South Africa", sides.
    """
    if _MATCH_BETWEEN.search(near):
        return False
    other = _TOWN_BEFORE.search(near)
    if other is None and re.search(r"\bbetween\s+$", near):
        other = _TOWN_AFTER.match(after)
    return other is not None and is_town(other.group(1))


def _listed_near(before: str, text: str, after: str) -> bool:
    """Whether the name is one of a list of names after "near": "near Roma, Dalby and Morven"."""
    if not text[:1].isupper() or not _NEAR_LIST.search(before):
        return False
    return bool(re.search(r"\b(?:and|or)\s+$", before) or _LIST_GOES_ON.match(after))


_TOWN_PARTS = frozenset("saleyards showgrounds showground outskirts cbd foreshore".split())
"""What only a town has, after its name's possessive: "Dalby's saleyards"."""
_STREET_OWNER = re.compile(
    r"^['’]s?\s+(?:[A-Z][\w'’-]*\s+){1,3}(?:Street|Road|Avenue|Lane|Square|Boulevard|Quay)\b"
)
"""A town's street after its name: "Batley's Commercial Street"."""
_INVESTED = re.compile(r"\b(?:stakes?|shares?|interest|investment|holdings?|invest\w*)\s+in\s+$")
"""What is "in" an organisation: "a stake in Columbia"."""
_IN_PLACE = re.compile(r"^\s*(?:,\s*)?in\s+(?:[a-z-]+\s+){0,2}[A-Z]")
"""A place after a name: "Esperance in Western Australia", "Broken Hill, in outback NSW"."""
_TOWN_STATE = re.compile(r"\s*,\s*([A-Z][\w.]*(?: [A-Z][\w.]*){0,2})\s*(?:[,.;:()—]|--|-based\b|$)")
"""A place after a name and a comma, ending there: ", California." or ", Virginia-based" (not
", Australia's")."""
_CORPORATE = frozenset(
    """shares stock shareholders stake profit profits revenue revenues earnings sales
    subsidiary subsidiaries unit board ceo chairman chief executive headquarters share market
    valuation capitalisation capitalization investors founder co-founder employees workforce
    customers rocket rockets satellite satellites spacecraft factory factories brand brands app
    chatbot fleet stores commodity turnover mine mines plant plants smelter refinery""".split()
)
"""What a firm or a body has, right after its name's possessive: "Magna's shares", "JAXA's H3
rocket"."""
_SCHOLARLY = frozenset(
    """study studies research findings colleagues co-authors coauthors lab laboratory experiment
    experiments theory theories thesis paper papers supervisor collaborators hypothesis
    hypotheses co-workers coworkers""".split()
)
"""A scholar's work or people right after a name's possessive: "Kotz's research"; not a team, a
model or an analysis, which firms and parties have too."""
_PLACE_BASED = re.compile(r"(?-i:[A-Z])[\w.'’]*-based\s+(?:the\s+)?$")
"""A place's "-based" right before a name: "Chennai-based Ashok Leyland" (105 bodies, one person
and one place in the development sets)."""
_BY_FIRM = re.compile(
    r"\b(?:merger|merge|merged|merging|takeover|acquisition|buyout|purchase|contract)\s+"
    r"(?:with|of|by)\s+$|\b(?:bid|offer)\s+for\s+$|\bstake\s+in\s+$"
    r"|\b(?:acquired|bought|taken over|published|distributed|operated|manufactured)\s+by\s+$",
    re.IGNORECASE,
)
"""A firm a deal or a trade names: "its merger with Viterra", "a contract with Barcelona",
"Kroger's purchase of Albertsons", "a 10% stake in Rio Tinto", "published by Gallimard"."""
_LED_BY = re.compile(
    r"\s*,\s*(?:now\s+|then\s+)?(?:led|coached|captained|skippered|chaired|(?:co-)?founded)\s+by\b"
)
"""A body named before who leads, coaches or founded it: "Plaid Cymru, led by Rhun ap Iorwerth,",
"Bayer Leverkusen, coached by Xabi Alonso,"."""
_STARRING = re.compile(r"\s*,?\s*(?:starring|co-starring|directed\s+by)\b")
"""A film or a show before its cast or director."""
_APPOINTS = re.compile(
    r"\s+(?:has\s+)?(?:named|appointed|hired|promoted)\s+(?:former\s+)?(?:[A-Z][\w'’.-]*\s+)?"
    r"(?:[a-z][\w-]*\s+)?(?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’.-]*"
    r"(?:\s*,[^,]{1,80},)?\s+(?:as\s+)?(?:(?:its|their)\s+)?(?:new\s+|interim\s+|acting\s+|co-)*"
    r"(?i:chief\s+(?:executive|financial|operating|technology)|ceo|cfo|coo|chairman|chairwoman"
    r"|managing\s+director|(?:head|first-team)\s+coach)s?\b(?!\s+of\b)"
    r"|\s+(?:has\s+)?(?:named|appointed|hired)\s+(?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’.-]*"
    r"(?:\s*,[^,]{1,80},)?\s+to\s+(?:run|lead|head)\s+the\s+(?:company|group|firm|business)\b"
)
"""A body that names its own chief: "Walgreens named Mike Motz, ..., as chief executive", "Ross
County appointed former Aberdeen defender Neil Callander as first-team coach" (not
"named Powell chairman of the Fed", a post in another body)."""
_NEAR_CHARS = 60
"""How far before a name the patterns that end right before it look (whole words only)."""
_LEANINGS = frozenset(
    f"{side}-{wing}" for side in ("far", "hard", "centre", "center") for wing in ("right", "left")
) | frozenset(("left-wing", "right-wing"))
"""Where a party stands, right before its name: "the far-right Chega"."""
_MADE_BY = re.compile(
    r"\b(?:directed|co-directed|written|co-written|composed|painted|choreographed|narrated)"
    r"\s+by\s+$"
)
"""Who made a film, a book, a song or a painting: a person ("directed by Jiaozi")."""
_SUCCEEDING = re.compile(r"\b(?:replac|succeed)(?:es|ed|ing|s)?\s+$", re.IGNORECASE)
"""Who is replaced or succeeded in a post: "named Hotard ..., replacing Pekka Lundmark"."""
_ELECTION = re.compile(r"\s+(?:by-?election|constituency|electorate)\b", re.IGNORECASE)
"""A seat named before its election: "won the Caerphilly by-election"."""
_REPRESENTS = re.compile(r"\brepresent(?:s|ed|ing)?\s+$")
_IN_HOUSE = re.compile(
    r"\s+(?:in|at|on)\s+(?:the\s+)?(?:[A-Z][\w'’-]*\s+){0,4}(?:Assembly|Parliament|Congress"
    r"|Senate|House|Dáil|Lok\s+Sabha|Rajya\s+Sabha|Knesset|Duma|Bundestag|Legislature|Council)\b"
)
"""A seat in a house: "Ayesha Baloch, who represents Turbat in the Balochistan Assembly", "who
represents Sparkhill on Birmingham City Council"."""
_TOLD_THE = re.compile(r"\btold\s+the\s+$", re.IGNORECASE)
"""Who is told, with "the": a paper or a broadcaster, no person ("told the St Lucia Star")."""
_REPORTED = re.compile(r"\s+report(?:ed|s)\s*(?:[.;]|on\s+[A-Z]\w*day\b)")
"""A report closing a sentence after a comma: a news outlet's ("..., WKYT reported.")."""
_LOCAL_RULE = re.compile(
    r"['’]s?\s+(?:county|provincial|state|city|municipal|regional|district|town|village)\s+"
    r"(?:assembly|government|council|governor|legislature|administration|hall)\b"
)
"""A place's own government after its possessive: "Uasin Gishu's county assembly"."""
_DEAL_DONE = re.compile(
    r"\s+(?:\w+\s+){0,2}?(?:its|their)\s+(?:[$£€]?[\d.,]+\s+\w+\s+)?(?:merger|takeover|"
    r"acquisition|purchase)\s+(?:with|of)\b"
)
"""A firm that makes a merger or takeover: "Bunge completed its merger with"."""
_ROLE_OF_FIELD = re.compile(r"\b(?:of|for)\s+(?!(?:the|a|an)\s)[a-z][\w-]*\s+$")
"""A role's field in lower case, right before a name: "Professor of physics Rod Cross" (not "the
manager of WTVJ, the station" nor "president of the Bundestag")."""
_TERM_AS = re.compile(r"\s+(?:\w+\s+){1,4}?terms?\s+as\s+(?:the\s+)?([a-z-]+)")
"""An office held for a term: "won a fourth term as president of", "began his second term as"."""
ACRONYM = re.compile(r"^[A-Z]{2,6}$")
"""An acronym: no one's name is written so ("MLA", "AWB"), though the NER may tag it PERSON."""
_STAFF_NAMED = re.compile(
    r"^['’]s\s+(?:(?:Dr|Mr|Mrs|Ms|Prof)\.?\s+)?(?!(?:The|An?|This|That|New|Big)\s)"
    r"[A-Z][a-z]+\s+[A-Z][a-z]+"
)
"""A body's possessive before a person's name: the body the person speaks for (not a title's
first words: "Hayao Miyazaki's The Boy and the Heron"; not a town's: "Port Fairy's Southern
Ocean Mariculture")."""


def _body_shaped(text: str) -> bool:
    """An acronym, or a name of several words whose own words say a body's or nothing.

    Not one word ("Bush's Karl Rove": a person's man), a person's name ("Tony Blair's") or a
    place's ("Lake Eyre's").
    """
    if ACRONYM.match(text):
        return True
    return " " in text and all(kind == "Organization" for kind, _ in name_votes(text))


_IN_PROVINCE = re.compile(
    r"\s*,\s*in\s+(?:[A-Z][\w'’-]*\s+){1,3}(?:province|state|county|district|region|prefecture)\b"
)
"""A town set off before the province it lies in, named with its kind: "Mae Sai, in Chiang Rai
province"."""
_IN_KNOWN_PLACE = re.compile(
    r"\s*,\s*in\s+(?:(?:(?:north|south|central|far)(?:-?(?:east|west))?(?:ern)?|east(?:ern)?"
    r"|west(?:ern)?|rural|outback|coastal)\s+([A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2})"
    r"|([A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2})['’]s\s+(?:[A-Z][\w-]*\s+)*(?:region|province|state"
    r"|district|county|department)\b)"
)
"""A town set off before where it lies: "Derna, in eastern Libya", "Bambali, in Senegal's Casamance
region" (not "Wang Yi hosted Takeshi Iwaya, in Beijing": a place of its own)."""
_REPLACED_AS = re.compile(
    r"\s+(?:replac|succeed)(?:es|ed|s)?\s+(?:[A-Z][\w'’.-]*\s+){1,4}as\s+(?:the\s+)?([a-z-]+)"
)
"""Who takes over a post: "Oleksandr Syrskyi replaced Valerii Zaluzhnyi as commander-in-chief"."""
_LEFT_AS = re.compile(
    r"\s+(?:resign(?:s|ed)?|quit|step(?:s|ped)?\s+down|retire[sd]?|was\s+sworn\s+in)\s+as\s+"
    r"([^,;.()]{2,60})"
)
"""Who leaves or takes a post, and the post: "resigned as Canada's finance minister"."""
_PLACE_KINDS = frozenset(
    "region province oblast prefecture governorate district county department".split()
)
"""Lower-case kinds of place after a place's name: "Russia's Kursk region"."""
_JOINED = re.compile(r"\bjoin(?:s|ed|ing)?\s+$")
_SIGNED_FROM = re.compile(r"\s+(?:has\s+|have\s+)?sign(?:s|ed)\s[^.;]{0,60}\bfrom\s+[A-Z]")
"""A club that signs a player from another: "Bayern Munich signed Luis Díaz from Liverpool"."""
_FROM_CLUB = re.compile(r"\s+from\s+[A-Z]")
"""A move between clubs: "joined Paris Saint-Germain from Napoli"."""
_LOCALS = frozenset(
    """grower farmer grazier pastoralist irrigator winemaker vigneron fisherman resident local
    man woman boy girl teenager family couple mayor producer breeder vet operator""".split()
)
"""People named by where they live or farm: "a Loxton grower", "Dubbo man", "Withcott producer",
"Gippsland vet"; after one more word too: "Cairns nursery operator", "Gippsland dairy farmer"."""
_FROM_HERE = _LOCALS | frozenset(
    """tailor villager pensioner retiree shopkeeper native lawmaker legislator senator
    assemblyman assemblywoman congressman congresswoman mp trader schoolteacher teacher driver
    mechanic labourer laborer vendor carpenter electrician plumber cleaner housewife mother
    father grandmother grandfather worker schoolboy schoolgirl pupil crofter shepherd singer
    musician""".split()
)
"""People "from" a place they live in or were elected in, not a body they work for."""
_KIN = frozenset(
    """wife husband son daughter father mother brother sister father-in-law mother-in-law
    son-in-law daughter-in-law widow widower grandson granddaughter grandfather grandmother
    uncle aunt nephew niece fiancee fiance cousin stepson stepdaughter stepfather stepmother
    spouse sibling""".split()
)
"""Kin: only a person has them ("Bell's father-in-law", "the son of Joko Widodo")."""
_AMOUNTS = frozenset([*map(str, range(1000)), "million", "billion", "common", "outstanding"])
_TEAM = re.compile(
    r"\s+and\s+(?:(?:his|her)?\s*(?:colleagues?|co-?workers?|co-?authors?|team|students?"
    r"|wife|husband|father|mother|son|daughter|brother|sister|family)"
    r"|a\s+team|(?:fellow|other)\s+(?:researchers|scientists))\b",
    re.I,
)
"""A person's team after the name: "Kench and his team", "Mennill and his colleague Amy Rogers",
"Walker and a team of researchers", "Ruiz and fellow scientists"."""
_PRICE_MOVE = re.compile(
    r"\s+(?:shares\s+|stock\s+)?(?:rose|fell|gained|lost|added|slipped|dropped|declined|eased"
    r"|jumped|climbed|advanced|slid|tumbled|closed|was\s+unchanged)(?:\s+(?:unchanged\s+)?(?:at|to|up|down|off))?"
    r"\s+(?:\$|\d[\d.,/ ]*(?:cents?|points?|pence|%|to\b))"
)
"""A stock's price move after the name: "Valhi rose 62.5 cents", "NL shares closed at $22"."""
_US_STATES = frozenset(
    """ala ariz ark calif colo conn del fla ga ill ind kan ky la md mass mich minn miss mo mont
    neb nev nh nj nm ny nc nd okla ore pa ri sc sd tenn tex va vt wash wva wis wyo alta sask ont
    que bc pei nfld ns nb""".split()
)
"""US states and Canadian provinces as the AP and Canadian Press abbreviate them, dots dropped:
"Tupelo, Miss.", "Beverly Hills, Calif.", "Prince Albert, Sask."."""
_WHO = re.compile(r"\s*,\s*who\b")
"""A relative clause only people take: "Helgen, who is ..." ("whose" is a firm's too)."""
_WHICH = re.compile(r"\s*,\s*which\b")
_AGE = re.compile(r"\s*,\s*(?:aged\s+)?\d{1,3}\s*,")
_SPEAKS_FROM = re.compile(
    r"\s+from\s+(?:the\s+)?(?:[a-z]+\s+)?[A-Z][^,.;:()]{0,80}?\s+(?:says|said)\b"
)
"""Someone who speaks for a body, named first in a clause: "Jasem Al Dhahi from the Emirates
Livestock and Meat Trading Company in Dubai says", "but Brett Pickering from exporter Best Fresh
says"."""


def _abbreviated_state(text: str, after: str) -> bool:
    """A US state or Canadian province as the AP abbreviates it, dot and all: "Ont.", "Calif."."""
    bare = text.removesuffix(".")
    dotted = bare != text or after.startswith(".")
    return dotted and bare[:1].isupper() and bare.isalpha() and bare.casefold() in _US_STATES


def _opens_clause(before: str, previous: list[str]) -> bool:
    """A name that starts its sentence or a clause: "But Brett Pickering from ... says"."""
    return not previous or previous[-1] in _CLAUSE_OPENERS or before.rstrip().endswith((",", ";"))


_CLAUSE_OPENERS = frozenset("but and while although though meanwhile however".split())


def _governed(previous: list[str]) -> bool:
    """After "the", a preposition or a possessive: maybe not the head a relative clause takes.

    "Dr Ekers from CSIRO's Australia Telescope National Facility, who ...": the doctor is who.
    """
    return bool(previous) and previous[-1] in _GOVERNORS


_GOVERNORS = frozenset("the s of from at in with for to by on".split())
"""Words before a name that make it part of a larger phrase ("s": a possessive's)."""


def _known_place(text: str) -> bool:
    """A place's name or an alias the default authority knows ("UK", "USA"), or a town's."""
    from graphkit.authority._default import default_authority

    return is_town(text) or bool(default_authority().lookup(text, "Place"))


def _is_state(text: str) -> bool:
    """A state's, a country's or an Irish county's name ("Co Wicklow"); "Calif." for California."""
    return (
        is_place_name(text)
        or text.replace(".", "").casefold() in _US_STATES
        or re.match(r"(?:Co\.?|County) [A-Z]", text) is not None
    )


def _in_places_possessive(before: str, text: str) -> bool:
    """A name after a place's possessive in a place's slot: "in South Australia's Riverland".

    The place a known one, or "the state's" ("a farm near Albany in the state's Great
    Southern"). Not a name whose own words say what it is ("in Hobart's Criminal Court"), nor
    what is "in" a firm ("a stake in Germany's Kraxon").
    """
    owner = _PLACE_OWNER.search(before)
    return (
        owner is not None
        and (is_town(owner.group(1)) or owner.group(1) in _PLACE_WORDS)
        and not name_votes(text)
        and _INVESTED.search(before[: owner.start(1)]) is None
    )


def _local_words(following: list[str], after: str) -> list[str]:
    """The words after a name that may say who lives or farms there: one, or two before a name.

    "Withcott producer", "Cairns nursery operator Daryl Madder"; not "Da Tra says growers".
    """
    words = after.split(None, 3)[:3]
    if len(words) == 3 and words[0].islower() and words[0].isalpha() and words[2][:1].isupper():
        return following[:2]
    return following[:1]


def _local_name(text: str) -> bool:
    """A name that may be where a grower or a producer is from: not an acronym, unless a place's.

    "Withcott producer Bruce White", "NSW farmer"; not "BBC producer Jane Smith".
    """
    return text[:1].isupper() and (not text.isupper() or is_town(text))


def _settled(text: str) -> bool:
    """A known place's name, or a town's or village's of 500 people or more (GeoNames).

    Evidence only in a place's slot ("in Salento, Quindío,"): many a surname is some village's.
    A town's name and "City" is the town's too ("in Gaza City", "of Iloilo City"), though a club's
    name may be so made ("Leicester City"; `name_votes`).
    """
    town = text.removesuffix(" City")
    return is_town(text) or (len(text) > 3 and is_place(text)) or (town != text and is_town(town))


def _placed(slot: str, text: str) -> bool:
    """A place's name after `slot`: a village's after "in" or "near" ("in Murtoa").

    After "at" or "from" only a town's: firms named like villages stand there ("an engineer at
    Ford in Detroit").
    """
    return is_town(text) if slot in ("at", "from") else _settled(text)


def _from_here(before: str, text: str) -> bool:
    """A name where a person described as someone who lives there comes from: "a tailor from Patna".

    Lay people and those elected there ("a state assemblyman from Queens", "a garage worker
    from Eastbourne"), and anyone but a body's staff from a town ("a ski instructor from
    Kitzbühel", "a seamer from Porbandar"): "a researcher from CSIRO", "an analyst from Nomura",
    "an aid worker from Oxfam" or "a researcher from Monash" comes from a body.
    """
    found = _FROM.search(before[-80:])
    if found is None:
        return False
    who = _singular(found.group(1).casefold())
    if who not in _FROM_HERE:
        return who not in _BODY_STAFF and is_town(text) and not is_listed_company(text)
    modifier = WORD.findall(before[-80:][: found.start(1)].casefold())[-1:]
    return not (found.group(1).casefold() == "worker" and _BODY_WORK.intersection(modifier))


_BODY_STAFF = frozenset(
    """researcher scientist academic professor lecturer student analyst economist strategist
    executive spokesman spokeswoman spokesperson official representative delegate""".split()
)
"""Who is "from" a body as its staff, though the body is named like a town ("Monash")."""
_BODY_WORK = frozenset("aid relief charity humanitarian union party campaign".split())
"""Work done for a body: "an aid worker from Oxfam" comes from it, not a place."""


def _place_slot(before: str, after: str) -> str | None:
    """The preposition of a place's slot a name stands in, lower case, or None.

    After "in" or "near" (not "a stake in"); "at (from) X in Y".
    """
    found = _LOCATIVE.search(before)
    if found is None or re.match(r"['’]", after):
        return None  # "in Hartley's report": whose, not where
    slot = found.group(1).casefold()
    if slot in ("at", "from"):  # "an analyst at Hartley": a firm's, ...
        return slot if _IN_PLACE.match(after) else None  # ... unless in a place ("from Hassan in")
    return slot if _INVESTED.search(before) is None else None


def _singular(word: str) -> str:
    if word.endswith(("series", "species")):
        return word  # one or many alike
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word
