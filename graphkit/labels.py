"""Every label list in one place: spaCy's entity labels, the pronoun lists, the extractor's rules.

No spaCy and no rdflib here, so every stage can import it.
"""

from __future__ import annotations

from typing import Literal

NAME_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}
)
"""spaCy entity labels of names: each can be a node of its own."""

VALUE_LABELS = frozenset({"MONEY", "PERCENT", "QUANTITY", "CARDINAL", "DATE", "TIME"})
"""spaCy entity labels of values: amounts, counts, dates and times."""

NAME_PARTICLES = frozenset(
    "de da di del della van von der den du la le al bin ibn ter do dos das".split()
)
"""Lower-case words inside people's names: "Ursula von der Leyen", "Mohammed bin Salman"."""

GRAPH_VALUE_LABELS = VALUE_LABELS | {"ORDINAL"}
"""Labels whose mentions become literal values in the graph: the values, and ordinals ("third"),
which the extractor reads as ordinary words inside a phrase."""

SCHEMA_TYPES = {
    "PERSON": "Person",
    "ORG": "Organization",
    "GPE": "Place",
    "LOC": "Place",
    "FAC": "Place",
    "EVENT": "Event",
    "PRODUCT": "Product",
    "WORK_OF_ART": "CreativeWork",
    "LAW": "Legislation",
}
"""spaCy entity labels → schema.org classes; anything else is a schema:Thing (a concept)."""

PERSONAL_PRONOUNS = frozenset({"he", "him", "she", "her"})
NEUTER_PRONOUNS = frozenset({"it"})
PLURAL_PRONOUNS = frozenset({"they", "them"})
RESOLVABLE_PRONOUNS = PERSONAL_PRONOUNS | NEUTER_PRONOUNS | PLURAL_PRONOUNS
"""Subject pronouns that may be linked to an antecedent; each agrees with a kind of entity."""

FIRST_PERSON = frozenset({"i", "we"})
"""First-person subjects: in reported speech they stand for the speaker."""

PRONOUNS = frozenset(
    "i me my mine we us our ours you your yours he him his she her hers it its they them "
    "their theirs this that these those who whom which what one someone somebody something "
    "anyone everyone everything nobody nothing none each both either neither all some "
    "another other there here".split()
)
"""Words that never name a graph node on their own (every list above is inside this one)."""

RuleKind = Literal[
    "clause",
    "clause-intransitive",
    "clause-report",
    "copula-role",
    "appos",
    "appos-role",
    "title",
    "title-role",
    "nominal",
    "possessive",
    "reciprocal",
    "descriptor",
    "nesting",
    "place-of",
    "place-possessive",
    "place-where",
    "home",
    "conviction",
    "affiliation",
    "hyphen-modifier",
    "dateline",
    "clause-entity",
    "clause-stand-in",
    "as-role",
]
"""The extractor rule that read a fact: a feature of its confidence (each has a weight)."""

PERSON_ROLE_NOUNS = frozenset(
    "president premier chancellor minister leader executive officer ceo chairman chairwoman "
    "chair boss head secretary governor mayor senator king queen prince princess emperor pope "
    "spokesman spokeswoman spokesperson founder director ambassador envoy commander general "
    "coach dictator".split()
)
"""Singular nouns of a definite description that stands for a person ("the president",
"the Kremlin leader", "the prime minister", "the chief executive officer")."""

LEADER_TITLES = frozenset(
    {
        *"president premier chancellor leader king queen emperor dictator monarch".split(),
        "prime minister",
        "supreme leader",
    }
)
"""Titles "the leader" covers: heads of state and government (one word, or a role's last two)."""

ROLE_SYNONYMS = {
    "ceo": "chief executive",
    "chief executive officer": "chief executive",
    "boss": "chief executive",
    "spokeswoman": "spokesman",
    "spokesperson": "spokesman",
    "chairwoman": "chairman",
    "chair": "chairman",
}
"""Spellings of one role, for matching a description to the title a person was given."""

COMPANY_NOUNS = frozenset(
    "company firm group carmaker automaker maker giant conglomerate retailer manufacturer "
    "producer chipmaker insurer lender airline publisher operator miner developer startup "
    "brewer supplier corporation".split()
)
"""Nouns of a description that stands for a business ("the company", "the German carmaker"):
an organisation named nearby, unless its name has one of NOT_COMPANY_WORDS."""

INSTITUTION_NOUNS = frozenset(
    "ministry department agency commission bank court party union university council "
    "committee bureau authority government parliament institute tribunal regulator "
    "federation association foundation fund office service administration exchange "
    "police army navy".split()
)
"""Nouns of a description that stands for an organisation whose name says what it is
("the ministry" for the Ministry of Defence, "the bank" for Deutsche Bank)."""

NOT_COMPANY_WORDS = (INSTITUTION_NOUNS - {"bank", "fund", "service"}) | frozenset(
    "treasury congress senate house church school college hospital museum reserve nations "
    "kremlin pentagon cia fbi nasa nato".split()
)
"""Words in an organisation's name that tell it is no company: "the company" is not the
European Commission (but may be Deutsche Bank)."""

NEUTRAL_MODIFIERS = frozenset(
    "current incumbent sitting top outgoing veteran longtime long-time powerful embattled "
    "influential".split()
)
"""Words before a role that do not narrow who is meant ("the current president"); "new" does
("the new company" is often one just formed)."""

COUNTRY_WORDS: dict[str, tuple[str, ...]] = {
    "united states": (
        "us",
        "usa",
        "u.s.",
        "u.s.a.",
        "america",
        "american",
        "americans",
        "washington",
        "white house",
        "pentagon",
        "united states of america",
    ),
    "russia": ("russian", "russians", "moscow", "kremlin", "russian federation"),
    "china": ("chinese", "beijing", "zhongnanhai", "prc"),
    "ukraine": ("ukrainian", "ukrainians", "kyiv", "kiev"),
    "united kingdom": (
        "uk",
        "u.k.",
        "britain",
        "great britain",
        "british",
        "london",
        "downing street",
    ),
    "european union": ("eu", "e.u.", "brussels", "european commission"),
    "france": ("french", "paris", "elysee"),
    "germany": ("german", "germans", "berlin"),
    "japan": ("japanese", "tokyo"),
    "india": ("indian", "new delhi"),
    "iran": ("iranian", "tehran"),
    "israel": ("israeli", "jerusalem"),
    "north korea": ("north korean", "pyongyang"),
    "south korea": ("south korean", "seoul"),
    "turkey": ("turkish", "ankara"),
    "italy": ("italian", "rome"),
    "spain": ("spanish", "madrid"),
    "canada": ("canadian", "ottawa"),
    "australia": ("australian", "canberra"),
    "brazil": ("brazilian", "brasilia"),
    "mexico": ("mexican", "mexico city"),
    "saudi arabia": ("saudi", "riyadh"),
    "poland": ("polish", "warsaw"),
    "netherlands": ("dutch", "the hague"),
    "taiwan": ("taiwanese", "taipei"),
    "pakistan": ("pakistani", "islamabad"),
    "egypt": ("egyptian", "cairo"),
    "syria": ("syrian", "damascus"),
    "belarus": ("belarusian", "minsk"),
}
"""Words that stand for a country in a description ("the Kremlin leader", "the Chinese side"):
its adjective, capital or seat of government; each country is also named by its own name."""
