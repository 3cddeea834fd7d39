"""Type evidence in a name's own words and in lists of names: "Magna Inc.", "Gerald Bange".

A name's last or first word ("... Highway", "Mount ..."), a person's shape (a given name, then
surnames or initials), whether it is a listed company's name ("Eli Lilly"), and whether it is a
known place's or a city's name (the default authority, GeoNames). Evidence, never a verdict:
resolve weighs it against the context (`_evidence`).
"""

from __future__ import annotations

import re

from graphkit.authority import fold
from graphkit.authority._default import country_names, place_names
from graphkit.authority._gazetteer import city_population, given_names, listed_companies
from graphkit.labels import NAME_PARTICLES

Votes = tuple[tuple[str, int], ...]
"""(schema.org type, weight) pairs; a negative weight is evidence against the type."""

WORD = re.compile(r"[\w-]+")
"""A word of a name or of the text around it (hyphenated words whole)."""

MIN_CITY = 5000
"""The people a city must have for its name to count as a place's (GeoNames' cities of 5,000+)."""


_NAME_ENDS = {
    **dict.fromkeys(
        """inc corp corporation co ltd plc llc ag sa spa nv bv oyj ab asa se pty kk srl sarl
        gmbh group bank bancorp university institute
        council association union party agency department ministry committee company
        foundation society laboratory laboratories exchange fund trust commission authority
        court police army navy partners capital holdings securities industries technologies
        systems airlines airways motors electric energy resources mining minerals petroleum oil
        gold steel foods financial insurance investments ventures enterprises communications
        media entertainment pharmaceuticals productions publishing hospital clinic school
        college academy international growers winegrowers markets services network times
        herald journal gazette tribune institution research united board motor lab labs
        pictures animation records software semiconductor semiconductors robotics therapeutics
        biosciences pharma logistics telecom telecommunications brewery brewing brewers
        distillery distillers winery wines cooperative co-operative co-op federation railway
        railways hardware health arts chronicle courier telegraph advertiser examiner inquirer
        sentinel beef meats pearls seafood seafoods fisheries sugar dairy dairies mariculture
        aquaculture hydro water bakery bakeries coaches buses trains directorate fc afc éireann
        infirmary news elementary terminals innovation innovations healthcare lifesciences
        forgings schools cheese administration municipality assembly parliament senate duma
        metro""".split(),
        "Organization",
    ),
    **dict.fromkeys(
        """river highway street road avenue island islands mountains lake bay beach valley
        city county province district bridge airport strait sea ocean desert delta peninsula
        reef creek range ranges mine gulf coast basin falls canal harbour harbor stadium
        museum gallery theatre theater hotel church cathedral palace plateau glacier springs
        heights country tableland plains gorge park hills downs station telescope
        arena square plaza tower zoo cemetery prison boulevard freeway motorway expressway
        parkway lane chapel minster abbey mosque temple shrine dam reservoir buildings
        gate nagar base masjid mandir gurdwara pagoda basilica monastery fortress castle
        citadel monument motel inn maltings quay wharf pier volcano tunnel prefecture oblast
        governorate cave caves complex promenade floodway saleyards array market bazaar mall
        plant cosmodrome spaceport field""".split(),
        "Place",
    ),
    **dict.fromkeys(
        """cup games olympics championship championships festival war earthquake tsunami
        expo affair scandal marathon competition conference convention summit prix tour
        open week days contest awards sevens biennale biennial triennale triennial quiz
        trophy derby regatta parade pageant fair eisteddfod pride show""".split(),
        "Event",
    ),
    **dict.fromkeys("book".split(), "CreativeWork"),
    **dict.fromkeys("probe".split(), "Product"),
}
"""A name's last word and the type it gives: "Magna Inc.", "Victoria Highway", "World Cup"."""
_TEAM_NICKNAMES = frozenset(
    """kings tigers rhinos lions bulls sharks warriors knights eagles hawks giants titans rovers
    wanderers stars falcons panthers raiders broncos cowboys bears wolves dragons saints
    magpies""".split()
)
"""Teams' plural nicknames, which end clubs' names: "Leeds Rhinos", "Brandon Wheat Kings"."""
_PARTY_MEMBERS = frozenset(
    """conservatives liberals democrats republicans tories greens socialists nationalists
    unionists""".split()
)
"""A party named by its members, capitalised: "Mark Carney's Liberals", "the Sweden Democrats"."""
_HEAD_JOINTS = frozenset(("of", "on", "for"))
"""Words between a name's head and its complement: "Sea of Galilee", "Institute for Justice"."""
_ORDINAL = re.compile(
    r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth"
    r"|\d+(?:st|nd|rd|th)"
)
"""A name's ordinal first word: a congress so numbered is a meeting, not the body that meets."""
_BUILDINGS = frozenset("museum gallery stadium arena".split())
"""Last words of places that are buildings, as schema.org's Museum and StadiumOrArena are, though
their staff make them sound like bodies ("director of the British Museum")."""
_NAME_STARTS = {
    **dict.fromkeys(
        """mount mt lake cape county co fort cerro interstate river loch lough sierra isla laguna
        bahía playa barangay jalan kampung kampong pulau bukit gunung sungai tanjung teluk jebel
        jabal djebel wadi""".split(),
        "Place",
    ),
    **dict.fromkeys("uss hms hmas hmcs hmnzs".split(), "Product"),  # ships
    **dict.fromkeys(
        """cyclone hurricane typhoon tropical storm expo operation tour copa festival fleadh
        feis fiesta feria carnaval desfile vuelta giro""".split(),
        "Event",
    ),
    **dict.fromkeys("mr mrs ms dr prof professor sir dame lord lady".split(), "Person"),
    **dict.fromkeys(
        """laboratorio laboratoire instituto istituto institut universidad universidade universiti
        universitas hospital
        università université universität universiteit banco banca banque compañía compagnie
        société sociedad società grupo gruppo groupe partido parti partito ministerio ministère
        ministero fundación fundação fondation fondazione stiftung agencia agenzia agence
        federación federazione fédération brasserie bodega bodegas viña domaine ysgol coláiste
        colegio liceo lycée escuela école real atlético atletico sporting deportivo olympique
        dynamo dinamo hapoel maccabi aerolíneas aerolineas électricité electricité guardia
        koleje klinikum universitätsklinikum movimiento movimento frente xunta junta""".split(),
        "Organization",
    ),
    **dict.fromkeys(
        """estadio stade stadio coliseo teatro théâtre palacio palais palazzo museo musée museu
        piazza praça lago volcán ciudad puerto parc parque parco schloss castello
        castillo avenida calle jardín barrio bairro cayo rua praia paseo""".split(),
        "Place",
    ),
}
"""A name's first word and the type it gives: "Mount Olympus", "Cyclone Tracy", "Mr Vaile" (a
mention that kept its honorific), the first words of bodies and places in the Romance
languages and German ("Laboratorio de Xenotransplantes", "Banco Santander", "Estadio Azteca"),
and of places in Malay, Indonesian, Filipino and Arabic ("Barangay Jubay", "Jalan Alor", "Jebel
Ali").
Weight 3: no person's or firm's name starts so, while many a firm's ends in a place's word ("Lord
Howe Island" is a place by its end)."""


_CHATEAUX = frozenset(("château", "chateau"))
"""A castle's first word ("Château de Chambord"), and a wine house's ("Château Musar"): a
castle's name has "de" after it, a house's its own name."""


_HOLIDAYS = frozenset(
    """eid diwali deepavali ramadan ramazan hanukkah passover christmas easter holi navratri
    onam pongal vesak halloween thanksgiving kwanzaa nowruz songkran""".split()
)
"""Feasts and holidays named alone (and Eid with its name): events ("before Deepavali")."""


def name_votes(label: str) -> Votes:
    """Votes from a name's own first or last word: "Victoria Highway", "Magna Inc.", "Lake Eyre".

    Only a name's: the last word is capitalised ("Russian state media" has no vote). A listed
    company's name votes 3 for a firm, as a country's does for a place, whatever its shape.

    >>> name_votes("Victoria Highway"), name_votes("Griffith University"), name_votes("Highway")
    ((('Place', 2),), (('Organization', 2),), ())
    >>> name_votes("GBS Gold"), name_votes("Cyclone Tracy"), name_votes("Polocrosse World Cup")
    ((('Organization', 2),), (('Event', 3),), (('Event', 2),))
    >>> name_votes("Young & Rubicam"), name_votes("Trinidad & Tobago")
    ((('Organization', 2),), ())
    >>> name_votes("Eli Lilly"), name_votes("Glencore"), name_votes("Eli Broad")
    ((('Organization', 3),), (('Organization', 3),), (('Person', 2), ('Organization', -2)))
    """
    if is_listed_company(label):
        return (("Organization", 3),)  # "Eli Lilly", "Netflix": a firm, whatever its shape
    written = WORD.findall(label.replace(".", ""))
    feast = written[:1] and written[0].casefold() in _HOLIDAYS
    if feast and (len(written) == 1 or written[1].startswith("al-")):
        return (("Event", 3),)  # "Deepavali", "Eid al-Adha": a feast, whatever the tag
    if written and _BRAND.match(written[-1]) and not _SURNAME_PREFIX.match(written[-1]):
        return (("Organization", 2),)  # "OpenAI", "SpaceX", "Bayer CropScience": a firm's
    if written and written[-1].casefold() in _PARTY_MEMBERS and written[-1][:1].isupper():
        return (("Organization", 2),)  # "the Conservatives", "Christian Democrats": a party
    last = written[-1] if written else ""
    if len(written) < 2 or not (last[:1].isupper() or last.isdigit() or _joined(last)):
        return ()  # "Russian state media": a description, not a name ("Expo 2025" is one)
    if any(w[:1].islower() and w not in NAME_CONNECTORS and not _joined(w) for w in written):
        return ()  # "farmers in Queensland's Darling Downs": a phrase that ends in a name
    words = [word.casefold() for word in written]
    if words[-1] in _GENERATIONS:
        return (("Person", 3),)  # "S.I. Newhouse Jr.": only people are juniors
    head = words[-1] if written[-2] not in NAME_PARTICLES else None  # not "Jan van Dam"
    joint = next((i for i, word in enumerate(words[1:], 1) if word in _HEAD_JOINTS), None)
    if head not in _NAME_ENDS and joint is not None:  # "Bank of America", "Conference on AIDS"
        head = words[joint - 1]
    if head in _BUILDINGS:
        return (("Place", 2), ("Organization", -2))  # whoever works there: "the British Museum"
    kind = _NAME_ENDS.get(head) if head else None
    if kind is None and joint is None and words[-1] in _TEAM_NICKNAMES:
        kind = "Organization"  # not "Valley of the Kings"
    if head == "congress" and _ORDINAL.fullmatch(words[0]):
        kind = "Event"  # "Second European Congress of Mathematics": one meeting
    if tuple(words[-2:]) == ("space", "station"):
        kind = "Product"  # a spacecraft, though a station ends places' names
    if tuple(words[-2:]) == ("school", "district"):
        kind = "Organization"  # a school board, though a district ends places' names
    if words[0] in _CHATEAUX:  # "Château de Chambord", a castle; "Château Musar", a wine house
        return (("Place" if words[1] in ("de", "du", "des") else "Organization", 3),)
    if kind is None and words[0] in _NAME_STARTS and not re.search(r"['’]s\b", label):
        return ((_NAME_STARTS[words[0]], 3),)  # not "Mr. Lane's Artist": whose, not who
    if words[-1] in _SURNAME_ENDS and len(words) == 2 and _person_shape(label, written):
        kind = None  # "Carla Hills": a person's name, not a place's
    if (
        kind is None
        and "&" in label
        and written[-1][:1].isupper()
        and not is_place_name(label.replace("&", "and"))
    ):
        kind = "Organization"  # "Young & Rubicam", "Procter & Gamble": partners' names
    if kind is None and _person_shape(label, written):
        return (("Person", 2), ("Organization", -2))
    if kind is None and _national_arm_shape(label, written):
        return (("Organization", 2),)  # "Virgin Australia", "Police Scotland"
    if kind is None and _paper_shape(written):
        return (("Organization", 2),)  # "Shropshire Star", "Jakarta Post": a town's paper
    if kind is None and _team_shape(written):
        return (("Organization", 1),)  # less than a tag: "Charlotte Edwards" has the shape too
    if words[1:] == ["city"] and is_town(written[0]) and not is_town(label):
        return (("Organization", 2),)  # a club: "Leicester City" (not "Kansas City", a city)
    return ((kind, 2),) if kind else ()


_PAPER_WORDS = frozenset(
    "star post mail news sun mirror echo standard press globe observer guardian bulletin argus "
    "mercury record leader independent".split()
)
"""Last words of newspapers' names after their towns': "Toronto Star", "Bangkok Post"."""


def _paper_shape(written: list[str]) -> bool:
    """A place's name and a newspaper's word: "Shropshire Star", "Washington Post"."""
    place = " ".join(written[:-1])
    return written[-1].casefold() in _PAPER_WORDS and (is_town(place) or is_place_name(place))


_PLACE_FRONTS = frozenset(
    """north south east west northern southern eastern western central new old greater metro
    port upper lower inner outer little great mainland rural regional outback""".split()
)
"""First words of places named after a country: "South Sudan", "Port Sudan", "Greater India"."""


def _national_arm_shape(label: str, written: list[str]) -> bool:
    """A name, not a given name or a place's, then a country's: "MTN Ghana", "Parks Canada".

    How firms name their national arms and national bodies name themselves; not "Michael B.
    Jordan", "South Sudan" or "Antigua Guatemala" (a town, then its country).
    """
    for size in (1, 2, 3):
        front = written[:-size]
        if not front or fold(" ".join(written[-size:])) not in country_names():
            continue
        return (
            front[-1] not in NAME_CONNECTORS  # not "Republic of Georgia": whose, not what
            and front[0].casefold() not in _PLACE_FRONTS
            and fold(front[0]) not in given_names()
            and not is_town(" ".join(front))
            and not is_town(label)
        )
    return False


def _team_shape(written: list[str]) -> bool:
    """A place's name and a plural nickname: "Brisbane Broncos", "Philadelphia Eagles"."""
    nickname = written[-1]
    place = " ".join(written[:-1])
    return (
        len(nickname) > 3
        and nickname.endswith("s")
        and not nickname.endswith(("ss", "us", "is"))
        and nickname[:1].isupper()
        and (is_town(place) or is_place_name(place))
    )


def _person_shape(label: str, written: list[str]) -> bool:
    """A given name, then up to three capitalised words or initials: "Henry I. Otero".

    Not "Young & Rubicam", "Fannie Mae 2" or "Gerald BANGE": a firm's signs.
    """
    if not 2 <= len(written) <= 4 or re.search(r"[&/+\d]", label):
        return False
    rest = written[1:]
    return (
        fold(written[0]) in given_names()
        and all(w[:1].isupper() or w in NAME_PARTICLES or _joined(w) for w in rest)
        and len(rest[-1]) > 1
        and not rest[-1].isupper()
        and rest[-1].casefold() not in _NOT_SURNAMES
    )


def _joined(word: str) -> bool:
    """A particle joined to a capitalised name: "al-Zahrani", "el-Sisi", "bin-Hamad"."""
    particle, _, name = word.partition("-")
    return particle in _JOINED_PARTICLES and name[:1].isupper()


_JOINED_PARTICLES = NAME_PARTICLES | {"el"}
"""Particles a name joins with a hyphen (Egyptian copy's "el-" beside "al-")."""


_BRAND = re.compile(r"(?=\w{5})[A-Z][a-z]+[A-Z][A-Za-z]*\Z")
"""A word with a capital inside it, after lower-case letters: how firms spell their names."""
_SURNAME_PREFIX = re.compile(r"(?:Mc|Mac|Fitz|De|Di|Da|Du|La|Le|Lo|Van|Von)[A-Z]")
"""Surnames and given names spelled so: "McCain", "DeKalb", "LaShawn", "FitzGerald"."""
_GENERATIONS = frozenset(("jr", "sr"))
_SURNAME_ENDS = frozenset(("hills", "hawks", "knights", "eagles", "saints", "bears", "field"))
"""Last words of names that are surnames too: after a given name, a person's."""
NAME_CONNECTORS = NAME_PARTICLES | frozenset("of the and for on upon at in y e s des".split())
"""Lower-case words a name may have: "Bank of America", "Society for the Blind", "Bin Laden"."""
_NOT_SURNAMES = frozenset(
    "center centre paper pacific atlantic act prize award observatory".split()
)
"""Last words of names of firms, places, laws and prizes that give no type of their own: "Beth
Israel Medical Center" (a hospital), "Scott Paper", "Gene Technology Act", "Abel Prize", "Vera C.
Rubin Observatory" (in the development sets as often a body as a place)."""


def is_place_name(text: str) -> bool:
    """A country's, a state's or a capital's name (the default authority's)."""
    return fold(text) in place_names()


def is_listed_company(label: str) -> bool:
    """A listed company's name ("Eli Lilly", "Netflix"): pytickersymbols' index members."""
    return label[:1].isupper() and fold(label) in listed_companies()


def is_town(text: str) -> bool:
    """A known place's name, or a city's of `MIN_CITY` people or more (GeoNames).

    >>> is_town("Esperance"), is_town("Queensland"), is_town("Vesuvius")
    (True, True, False)
    """
    return is_place_name(text) or (len(fold(text)) > 3 and city_population(text) >= MIN_CITY)
