"""Entity types decided from the evidence around a name, one row per class of evidence.

Sentences are shortened from sentences of the entity-relation dev and dev2 sets (never check),
named by their id, or written for the table ("own"). Each row is built with
the real spaCy model through `graphkit.from_texts`; it names the type each entity must have and,
in `wrong`, the type a reader of the NER tag alone would give it.
"""

from __future__ import annotations

import pytest

import graphkit
from graphkit._evidence import context_votes, describe, noun_type, plays_as_team, relation_votes
from graphkit._name_votes import is_town, name_votes
from graphkit.authority._gazetteer import city_population, given_names, listed_companies


def entity_types(text: str, pipeline: graphkit.nlp.Pipeline) -> dict[str, str]:
    """Each entity's label and type in the graph built from `text`."""
    return articles_types({"t": text}, pipeline)


def articles_types(texts: dict[str, str], pipeline: graphkit.nlp.Pipeline) -> dict[str, str]:
    """Each entity's label and type in the graph built from several articles."""
    rows = graphkit.from_texts(texts, pipeline=pipeline).entities()
    return dict(zip(rows["label"], rows["type"], strict=True))


@pytest.mark.parametrize(
    ("sentence", "name", "kind", "wrong"),
    [
        (  # abc-science-9220: a trade in -ist after the name
            "Dr Heike Wiese, a linguist at the University of Potsdam, studies counting words.",
            "Heike Wiese",
            "Person",
            "Place",
        ),
        (  # wsj_0137-p26: a description in apposition ("an auto maker")
            "Jaguar, a U.K. luxury auto maker, gained 10 pence a share.",
            "Jaguar",
            "Organization",
            "Person",
        ),
        (  # abc-rural-9007: "based in" read off the ORG tag is no second vote for it
            "A farmer at Esperance in Western Australia is fighting to stop uranium exploration.",
            "Esperance",
            "Place",
            "Organization",
        ),
        (  # abc-rural-6326: the same, of a place's possessive ("Queensland's Channel Country")
            "Queensland's Channel Country has had no rain for a year.",
            "Channel Country",
            "Place",
            "Organization",
        ),
        (  # wsj_0062-p16-2: partners' names ("&") outvote ", New York" after the name
            "The account had been serviced at Young & Rubicam, New York.",
            "Young & Rubicam",
            "Organization",
            "Place",
        ),
        (  # abc-rural-13858: a town's manager works for its council; the town stays a place
            "Tamworth regional water manager Nigel Thompson says the project has bonuses.",
            "Tamworth",
            "Place",
            "Organization",
        ),
        (  # abc-rural-11510: ", north-east of Adelaide" places the name
            "S Kidman and Co has bought Tungali, north-east of Adelaide.",
            "Tungali",
            "Place",
            "Organization",
        ),
        (  # abc-rural-602: a kind of thing before the name ("cyclone Larry")
            "The storm follows the destruction of Queensland's crop by cyclone Larry.",
            "Larry",
            "Event",
            "Person",
        ),
        (  # own: a kind of thing in apposition before the name
            "Paris Whitaker flew to Paris to promote her fragrance, Heiress.",
            "Heiress",
            "Product",
            "Organization",
        ),
        (  # own: "a town, its state"
            "Jordan Peele's film Nope was shot in Agua Dulce, California.",
            "Agua Dulce",
            "Place",
            "Person",
        ),
        (  # abc-rural-11028: an industry as a name's last word
            "GBS Gold is already milling old stockpiles to check the machinery.",
            "GBS Gold",
            "Organization",
            "Person",
        ),
        (  # abc-science-11891: "Mount" as a name's first word
            "Eris was excluded from a wedding on Mount Olympus, home of the gods.",
            "Mount Olympus",
            "Place",
            "Person",
        ),
        (  # abc-science-109: "Cyclone" as a name's first word
            "Darwin was devastated by Cyclone Tracy in 1974.",
            "Cyclone Tracy",
            "Event",
            "Person",
        ),
        (  # own: what a company develops is a product
            "Bayer CropScience developed LL Rice 601.",
            "LL Rice 601",
            "Product",
            "Person",
        ),
        (  # dev2 abc-rural-11983: a given name and a surname, though "producer" is a firm's word
            "But Wellington producer Peter Barton says they must be able to influence the tax.",
            "Peter Barton",
            "Person",
            "Organization",
        ),
        (  # dev2 abc-rural-13016: a given name and a surname after a body's name
            "Chairman of USDA's World Agricultural Outlook Board Gerald Bange blames the drought.",
            "Gerald Bange",
            "Person",
            "Organization",
        ),
        (  # dev5 own5-163: a given name of the world list, not the US census's
            "Novak Djokovic retired from his Australian Open semi-final against Alexander Zverev"
            " at Rod Laver Arena with a torn hamstring.",
            "Novak Djokovic",
            "Person",
            "Organization",
        ),
        (  # dev8 own8-061: a Japanese given name, in a possessive the model tags ORG
            "SoftBank sold its entire stake in Nvidia for $5.83 billion in October 2025 to help"
            " pay for its investment in OpenAI, Masayoshi Son's group disclosed in November.",
            "Masayoshi Son",
            "Person",
            "Organization",
        ),
        (  # dev8 own8-038: a listed company the model tags PERSON; a description's head
            # ("the company behind ...") before "behind"
            "Kimberly-Clark agreed in November 2025 to buy Kenvue, the company behind Tylenol,"
            " and Eli Lilly raised its forecast.",
            "Kenvue",
            "Organization",
            "Person",
        ),
        (  # dev5 own5-013: a listed company named like a person
            "Eli Lilly's Zepbound outsold Novo Nordisk's Wegovy in the United States.",
            "Eli Lilly",
            "Organization",
            "Person",
        ),
        (  # dev7 own7-042: a listed company the model tags GPE ("released on Netflix")
            "The animated film was released on Netflix in June 2025 and became the most-watched"
            " film in Netflix's history.",
            "Netflix",
            "Organization",
            "Place",
        ),
        (  # dev8 own8-133: a trade in apposition that no ending tells
            "Drake, the Toronto rapper, sued Universal Music Group in January 2025.",
            "Drake",
            "Person",
            "Thing",
        ),
        (  # dev10 own10-034: a team named for its place, and for a palace: no place's words
            "Eberechi Eze scored the only goal as Crystal Palace beat Manchester City at Wembley"
            " Stadium in May 2025 to win the FA Cup.",
            "Crystal Palace",
            "Organization",
            "Place",
        ),
        (  # dev10 own10-153: a big city's name (GeoNames, 500,000+) votes 2, over one ORG tag
            "A Porsche Taycan driven by a 17-year-old struck a motorbike in Pune's Kalyani Nagar"
            " in May 2024, killing two software engineers.",
            "Pune",
            "Place",
            "Organization",
        ),
        (  # dev10 own10-108: a name with a capital after a prefix is a name, not a concept
            "xAI, Elon Musk's artificial intelligence company, bought X in March 2025.",
            "xAI",
            "Organization",
            "Thing",
        ),
        (  # dev2 wsj_0096-p4: a given name, an initial and a surname
            "J.L. Henry & Co., Miami, and a principal of the firm, Henry I. Otero of Miami, were"
            " jointly fined $30,000.",
            "Henry I. Otero",
            "Person",
            "Organization",
        ),
        (  # dev2 abc-rural-14922: a city's name (GeoNames) after "at" and before "in <place>"
            "A new zinc, lead and silver mine has been given the go-ahead at Broken Hill, in"
            " outback New South Wales, that should lead to 90 new jobs.",
            "Broken Hill",
            "Place",
            "Organization",
        ),
        (  # dev2 abc-science-3075: "X and his team"
            "The first thing Kench and his team discovered was that the tsunami was not as high.",
            "Kench",
            "Person",
            "Organization",
        ),
        (  # dev2 wsj_0080-p7: a stock's price move
            "Georgia Gulf stock rose $1.75 a share yesterday, while NL shares closed unchanged at"
            " $22.75 and Valhi rose 62.5 cents to $15.",
            "Valhi",
            "Organization",
            "Person",
        ),
        (  # dev2 abc-rural-7873: an honorific before a name the model tagged NORP
            "Mr Johanns dismisses concerns the move will cause a new rift with Japan.",
            "Johanns",
            "Person",
            "Thing",
        ),
        (  # dev2 abc-rural-1873: who grows or lives there, named by the town
            "Loxton grower Glenn Arnold says the situation is desperate.",
            "Loxton",
            "Place",
            "Organization",
        ),
        (  # dev3 abc-rural-3150: a trade that is a firm's before the name
            "Japanese importer Top Trader says lamb is losing its reputation.",
            "Top Trader",
            "Organization",
            "Person",
        ),
        (  # dev3 abc-rural-8328: a town's firm
            "Bowen company Queensland Seedlings lost thousands of plants in 2002.",
            "Bowen",
            "Place",
            "Person",
        ),
        (  # dev3 abc-rural-7744: "near" a name no gazetteer holds
            "Jay Willmann's family runs Yarraden station near Coen but they have only been there"
            " three years.",
            "Coen",
            "Place",
            "Person",
        ),
        (  # dev3 wsj_0111-p2: only people are juniors
            "Mr. Bernstein may have clashed with S.I. Newhouse Jr., whose family company owns"
            " Random House.",
            "S.I. Newhouse Jr.",
            "Person",
            "Organization",
        ),
        (  # dev3 wsj_0041-p17: a form of address outweighs "campaign chairman" and the tag
            "Mr. Giuliani's campaign chairman, Peter Powers, says the Dinkins ad is deceptive.",
            "Giuliani",
            "Person",
            "Organization",
        ),
        (  # dev3 wsj_0073-p3: what is owned by the percent is a firm, whatever the tag
            "Hallwood, a Cleveland merchant bank, owns about 11% of Integra.",
            "Integra",
            "Organization",
            "Place",
        ),
        (  # dev3 wsj_0133-p3: what was spun off, and from what
            "Allergan was spun off in July from SmithKline Beckman Corp.",
            "Allergan",
            "Organization",
            "Place",
        ),
        (  # dev4 abc-rural-11945: a name after a place's possessive, in a place's slot
            "And 3,000 farmers in Victoria's Wimmera Mallee are expected to be eligible for"
            " water tank rebates this year.",
            "Wimmera Mallee",
            "Place",
            "Person",
        ),
        (  # dev4 abc-science-4546: "a research fellow" in apposition
            "Sinn, a research fellow at the University of Tasmania, observed behaviour in the"
            " southern dumpling squid.",
            "Sinn",
            "Person",
            "Organization",
        ),
        (  # dev4 abc-rural-4378: a producer named by the town, as a grower is
            "Withcott producer Bruce White is accusing Chiquita of trying to squeeze small"
            " growers out of the market.",
            "Withcott",
            "Place",
            "Organization",
        ),
        (  # dev4 abc-rural-9693: "... Station", a cattle station
            "David Wright, 73, headed up a cattle dynasty based on Wallamumbi Station near"
            " Armidale in New South Wales.",
            "Wallamumbi Station",
            "Place",
            "Person",
        ),
        (  # dev5 own5-106: a role in -man, not the "state" before it; who is "from" a place
            "Zohran Mamdani, a state assemblyman from Queens, won New York City's mayoral"
            " election in November.",
            "Zohran Mamdani",
            "Person",
            "Place",
        ),
        (
            "Zohran Mamdani, a state assemblyman from Queens, won the election.",
            "Queens",
            "Place",
            "Organization",
        ),
        (  # dev5 own5-066: a lay person "from" a place
            "Rekha Devi, 38, a tailor from Patna, said the river had flooded her home.",
            "Patna",
            "Place",
            "Organization",
        ),
        (  # dev5 own5-055: a storm's name starts so
            "Cyclone Freddy killed more than 1,000 people in Malawi and Mozambique in 2023.",
            "Cyclone Freddy",
            "Event",
            "Person",
        ),
        (  # dev5 own5-087: a slot only a place fills
            "Christopher Luxon toured flood-hit parts of Nelson with the city's mayor on Monday.",
            "Nelson",
            "Place",
            "Person",
        ),
        (  # own: an electorate
            "Nigel Farage, the Reform UK leader and MP for Clacton, said his party would stand"
            " candidates in every seat.",
            "Clacton",
            "Place",
            "Organization",
        ),
        (  # dev5 own5-049: "a farming community" in apposition
            "Gunmen killed at least 100 villagers in Yelwata, a farming community in Nigeria's"
            " Benue state, officials said.",
            "Yelwata",
            "Place",
            "Organization",
        ),
        (  # dev5 own5-155: a possessive's description in apposition, "about" ending its head
            "Oppenheimer, Christopher Nolan's film about the atomic bomb, won seven Oscars.",
            "Oppenheimer",
            "CreativeWork",
            "Organization",
        ),
        (  # dev5 own5-014: an Irish county, "Co" for "County"
            "Gardaí in Ennis, Co Clare, arrested a 31-year-old man on Sunday night.",
            "Co Clare",
            "Place",
            "Person",
        ),
        (  # own: a town's name that wins a match is its team's
            "Leeds beat Sheffield Wednesday 3-0 at Elland Road on Saturday to go top of the table.",
            "Leeds",
            "Organization",
            "Place",
        ),
        (  # own: who plays for a club
            "Harry Kane, who plays for Bayern Munich, scored twice against Serbia.",
            "Bayern Munich",
            "Organization",
            "Place",
        ),
        (  # own: a score between two people leaves them people
            "Jannik Sinner beat Carlos Alcaraz 6-4, 6-2 in the final in Turin.",
            "Carlos Alcaraz",
            "Person",
            "Organization",
        ),
        (  # own: what is based somewhere is a body, the state inside the description no end of it
            "Texas Roadhouse, the Louisville, Kentucky-based steakhouse chain, raised menu prices"
            " again.",
            "Texas Roadhouse",
            "Organization",
            "Thing",
        ),
        (  # dev6 own6-107: "-based" in apposition, the participle "run by" ending the head
            "Eskom, the Johannesburg-based state utility run by Dan Marokane, won approval to run"
            " the plant until 2044.",
            "Eskom",
            "Organization",
            "Place",
        ),
        (  # own: a name with an age is "of" a town
            "Liam Carter, 38, of Sale, Greater Manchester, admitted dangerous driving.",
            "Sale",
            "Place",
            "Organization",
        ),
        (  # dev6 own6-111: an official is a person
            "Six men were jailed for the murder of Babita Deokaran, a Gauteng health department"
            " official.",
            "Babita Deokaran",
            "Person",
            "Organization",
        ),
        (  # own: a place's name and a plural nickname, untagged
            "The Brisbane Broncos beat the Melbourne Storm 26-22 in the grand final.",
            "Brisbane Broncos",
            "Organization",
            "Thing",
        ),
        (
            "Newcastle United signed the striker on Friday.",
            "Newcastle United",
            "Organization",
            "Thing",
        ),
        (  # own: "the" before an untagged name leaves its context read (a score: a team)
            "The Brisbane Broncos beat the Melbourne Storm 26-22 in the grand final.",
            "Melbourne Storm",
            "Organization",
            "Thing",
        ),
        (  # own: a street's name
            "Traffic was stopped on Franklin Boulevard after the crash.",
            "Franklin Boulevard",
            "Place",
            "Person",
        ),
        (  # dev3 abc-rural-948: a state's name outweighs two ORG tags
            "Western Australia's Pilbara region is bracing for severe winds as cyclone Glenda"
            " tracks down the coast.",
            "Western Australia",
            "Place",
            "Organization",
        ),
        (  # own: an Australian state by its abbreviation
            "WA has the most sheep in the country.",
            "WA",
            "Place",
            "Thing",
        ),
        (  # dev5 own5-115: a tour is an event
            "Taylor Swift's Eras Tour ended in Vancouver in December 2024 after 149 shows.",
            "Eras Tour",
            "Event",
            "Person",
        ),
        (  # dev13 abc-rural-11771: an acronym tagged PERSON is a body's
            "MLA's media statement does not name him, but the ABC has confirmed it.",
            "MLA",
            "Organization",
            "Person",
        ),
        (  # dev13 abc-rural-8545: who lives or works there, after one more word
            "In the north, Cairns nursery operator Daryl Madder says the damage is worse.",
            "Cairns",
            "Place",
            "Person",
        ),
        (  # dev13 abc-rural-921: a vet, as a grower, is named by where they work
            "Gippsland vet Jack Winterbottom says there could be a major outbreak.",
            "Gippsland",
            "Place",
            "Person",
        ),
        (  # own: "the state's" before a name in a place's slot, as a place's possessive
            "Frost has damaged vineyards near Renmark in the state's Riverland this week.",
            "Riverland",
            "Place",
            "Person",
        ),
        (  # own: a colleague, as a team, after a surname
            "Okafor and his colleague Jane Liu measured the calls of 40 frog species.",
            "Okafor",
            "Person",
            "Thing",
        ),
        (  # dev9 abc-rural-7690: who speaks "from" a body, first in the sentence, is a person
            "Jasem Al Dhahi from the Emirates Livestock and Meat Trading Company in Dubai says "
            "the price has jumped.",
            "Jasem Al Dhahi",
            "Person",
            "Organization",
        ),
        (  # dev12 own12-037: a worker "from" a town lives there ...
            "Koci Selamaj, a garage worker from Eastbourne, was jailed for life in April 2022.",
            "Eastbourne",
            "Place",
            "Organization",
        ),
        (  # own: ... an aid worker "from" a body works for it
            "Jane Hill, an aid worker from Oxfam, said food was short.",
            "Oxfam",
            "Organization",
            "Place",
        ),
        (  # dev14-058, shortened: where flights go are places ("between X and Y", "flying to")
            "Canadian North cancelled flights between Iqaluit and Pangnirtung on Monday.",
            "Iqaluit",
            "Place",
            "Thing",
        ),
        (  # dev14-011, shortened: a town's possessive before a street's name
            "A fire broke out at a takeaway on Batley's Commercial Street.",
            "Batley",
            "Place",
            "Organization",
        ),
        (  # dev14-013, shortened: a birthplace before "-born"
            "The gallery will show the Huddersfield-born painter Dorothy Ashcroft in October.",
            "Huddersfield",
            "Place",
            "Organization",
        ),
        (  # dev14-068: an apposition's head before a clause with no "that"
            "Yalumba, the winery Samuel Smith founded at Angaston in 1849, is still family-owned.",
            "Yalumba",
            "Organization",
            "Person",
        ),
        (  # dev14-165, shortened: a festival someone founded stays an event
            "The Ubud Writers and Readers Festival, which Janet DeNeefe founded in 2004, opened.",
            "Ubud Writers and Readers Festival",
            "Event",
            "Organization",
        ),
        (  # dev13 abc-science-2683: a body's first word in Spanish
            "The Laboratorio de Xenotransplantes in Mexico offers pig cell transplants.",
            "Laboratorio de Xenotransplantes",
            "Organization",
            "Person",
        ),
        (  # dev16 abc-rural-2496: a compass point "of" a name puts it in a place's slot
            "Chris Barnard from Arafura Pearls, north of Nhulunbuy says it is a lucky escape.",
            "Nhulunbuy",
            "Place",
            "Person",
        ),
        (  # dev16 abc-science-6676, shortened: who leads "a team of researchers"
            "Walker and a team of researchers from eight institutions built a robotic arm.",
            "Walker",
            "Person",
            "Thing",
        ),
        (  # dev16 abc-science-6277, shortened: a description set off before the name
            "The body representing Australia's cosmetics industry, ACCORD Australasia, says it "
            "has only just become aware of the report.",
            "ACCORD Australasia",
            "Organization",
            "Person",
        ),
        (  # dev13 abc-rural-8474: the same, a firm's
            "The New Zealand-based parent company of Peters and Brownes, Fonterra, has announced "
            "a one cent per litre step up for spring.",
            "Fonterra",
            "Organization",
            "Person",
        ),
        (  # dev16 abc-rural-258, shortened: a firm named for its trade ("Beef", "Pearls")
            "The handover of Western Australia's largest beef processor and exporter Harvey Beef "
            "has been delayed.",
            "Harvey Beef",
            "Organization",
            "Person",
        ),
        (  # dev17 abc-rural-16729, shortened: a dairy is a firm
            "Carilla Dairy at Tintinara has failed to find enough cows because of a lack of feed.",
            "Carilla Dairy",
            "Organization",
            "Person",
        ),
        (  # own: a shared role before the name ("co-leader")
            "Greens co-leader Marama Davidson told reporters the bill would fail.",
            "Marama Davidson",
            "Person",
            "Organization",
        ),
        (  # own: who "is with" a body is a person
            "Helen Ward is with the Kimberley Land Council and says the water plan is flawed.",
            "Helen Ward",
            "Person",
            "Organization",
        ),
        (  # own: a conference "on" its subject is an event
            "She presented the work at the International Conference on Coral Reefs in Cairns.",
            "International Conference on Coral Reefs",
            "Event",
            "Organization",
        ),
        (  # own: "-based" before a person's role, not a body's name
            "Perth-based project coordinator Maria Santos says the shipment left on Friday.",
            "Maria Santos",
            "Person",
            "Organization",
        ),
        (  # own: a congress with an ordinal is a meeting
            "The findings were presented at the Fifth Asian Congress of Nutrition in Seoul.",
            "Fifth Asian Congress of Nutrition",
            "Event",
            "Organization",
        ),
        (  # own: the port of a town
            "The first cargo of iron ore left the port of Geraldton bound for China.",
            "Geraldton",
            "Place",
            "Organization",
        ),
        (  # own: who "worked as" a nurse is a person
            "Inspectors closed the clinic in Lagos where Okafor worked as a nurse for ten years.",
            "Okafor",
            "Person",
            "Place",
        ),
        (  # own-dev24-075: a herder, a volunteer, a girlfriend are people
            "Batbayar Dorj, a herder in Bayankhongor province, lost 300 of his 500 goats.",
            "Batbayar Dorj",
            "Person",
            "Thing",
        ),
        (  # own-dev24-100
            "The court sentenced Lucky Mokoena for murdering his girlfriend, Precious Dlamini, at "
            "their home in KaNyamazane.",
            "Precious Dlamini",
            "Person",
            "Thing",
        ),
        # own rows for the dev48-dev50 round
        (  # a trade after "a": a person's
            "Wanjiru Kamau, a sewing machine operator in Thika, said her factory had cut shifts.",
            "Wanjiru Kamau",
            "Person",
            "Organization",
        ),
        (  # anyone but a body's staff "from" a town lives there
            "Ines Faria, a surf instructor from Peniche, said the waves were the biggest in years.",
            "Peniche",
            "Place",
            "Organization",
        ),
        (  # a seat
            "Liam Brody, who represents Tralee, said the bypass would open next year.",
            "Tralee",
            "Place",
            "Organization",
        ),
        (  # where a curator works
            "Esi Boateng, a curator at Te Whare in Rotorua, said the museum had reopened.",
            "Te Whare",
            "Place",
            "Organization",
        ),
        (  # goals: a team's result
            "Al Ahly beat Zamalek 2-1 in Cairo on Friday night.",
            "Al Ahly",
            "Organization",
            "Person",
        ),
        (  # a side named in the plural, with its "the"
            "The Highlanders and the Chiefs will meet in Dunedin on Saturday.",
            "Chiefs",
            "Organization",
            "Thing",
        ),
        (  # a band's shows
            "Kasabian played three nights at the O2 Arena in London last week.",
            "Kasabian",
            "Organization",
            "Place",
        ),
        (  # a work staged
            "The opera house will stage Rigoletto in March with a new cast.",
            "Rigoletto",
            "CreativeWork",
            "Place",
        ),
        # own rows for the dev51-dev53 round
        (  # a match between two states: their sides, not a place between them
            "Rain washed out the Shield match between Queensland and Tasmania at the Gabba.",
            "Tasmania",
            "Organization",
            "Place",
        ),
    ],
)
def test_the_type_follows_the_evidence(pipeline, sentence, name, kind, wrong):
    types = entity_types(sentence, pipeline)
    assert types.get(name) == kind, types
    assert types.get(name) != wrong


def test_a_listed_company_outvotes_its_tags_however_many(pipeline):
    """Netflix, tagged GPE in each of four articles, stays a firm: its name is a listed one's."""
    texts = {
        "a": "The documentary was released on Netflix in June.",
        "b": "The series moved to Netflix in May.",
        "c": "The concert film premiered on Netflix in Lagos.",
        "d": "Fans in Manila watched the finale on Netflix.",
    }
    types = articles_types(texts, pipeline)
    assert types["Netflix"] == "Organization", types
    assert types["Lagos"] == "Place"


@pytest.mark.parametrize(
    ("before", "text", "after", "expected", "wrong"),
    [
        ("", "Tony Lama's", " 2.1 million shares outstanding.", "Organization", "Person"),
        ("the ", "Victoria River", ", west of Katherine", "Place", None),
        ("", "Woodside", ", Australia's largest oil producer", None, "Place"),
        ("they will play ", "Chelsea", " on Sunday", None, "CreativeWork"),
        # a side: its players and coach after its name, who plays for it, who captains it
        ("named ", "Crusaders", " lock Scott Barrett as captain", "Organization", None),
        ("Hakimi, who plays for ", "Paris Saint-Germain", ", was named", "Organization", None),
        ("Siya Kolisi, captain of the ", "Springboks", ", left Racing 92", "Organization", None),
        ("The captain of the ", "Titanic", " said", None, "Organization"),  # one ship, no side
        ("", "Emma Raducanu", " coach Nick Cavaday said", None, "Organization"),  # a person's
        ("Katie Taylor, from ", "Bray", ", Co Wicklow, beat her", "Place", None),  # a county's
        ("", "JAXA", "'s H3 rocket reached orbit", "Organization", "Person"),  # a body's rocket
        # a firm a deal names, and one that names who runs it
        ("blocked Kroger's purchase of ", "Albertsons", " in December", "Organization", None),
        ("a 10% stake in ", "Tandou", " last year", "Organization", "Place"),
        ("", "Burberry", " named Joshua Schulman to run the company", "Organization", "Person"),
        (
            "returning the left-wing ",
            "Broad Front",
            " to power",
            "Organization",
            "Person",
        ),  # a party
        ("Ne Zha 2, directed by ", "Jiaozi", ", overtook", "Person", None),  # who made a film
        ("", "Chrystia Freeland", " resigned as Canada's finance minister", "Person", None),
        ("", "Google", " stepped down as sponsor of the event", None, "Person"),  # no person's post
        # a description before a name describes it only from its sentence's start
        (
            "Gerry Kavanagh, 71, a suckler farmer from ",
            "Ballinamore",
            ", Co Leitrim,",
            None,
            "Person",
        ),
        (
            "Gerry Kavanagh, 71, a suckler farmer from Ballinamore, ",
            "Co Leitrim",
            ", told",
            None,
            "Person",
        ),
        (
            "In recent months, ",
            "Mr. Dorrance's children",
            " and other family members",
            None,
            "Person",
        ),
        ("a town 40 km south-west of ", "Tamworth", ", the council said", "Place", None),
        # a village's name (GeoNames, 500 people or more) in a place's slot, not after "at"
        ("a coffee grower in Salento, ", "Quindío", ", said the", "Place", None),
        ("Rain fell on farms in ", "Kimba", " overnight", "Place", None),
        ("an engineer at ", "Ford", " in Detroit", None, "Place"),
    ],
)
def test_context_votes(before, text, after, expected, wrong):
    """The words around a name vote; a possessive town ("Australia's") and a verb do not."""
    kinds = [kind for kind, weight in context_votes(before, text, after) if weight > 0]
    if expected is not None:
        assert expected in kinds
    assert wrong not in kinds


@pytest.mark.parametrize(
    ("label", "kind"),
    [
        ("Coniston Partners", "Organization"),
        ("Tanami Desert", "Place"),
        ("Polocrosse World Cup", "Event"),
        ("International Conference on Memory", "Event"),  # the head before "on" or "for"
        ("Institute for Justice", "Organization"),
        ("South Ocean Mariculture", "Organization"),
        ("Russian state media", None),  # a description: its last word is no part of a name
        ("Gold", None),  # one word is a name, not a shape
    ],
)
def test_name_shape_votes(label, kind):
    assert name_votes(label) == (((kind, 2),) if kind else ())


@pytest.mark.parametrize(
    ("label", "votes"),
    [
        # A mention that kept its honorific is a person's name ...
        ("Mr Vaile", (("Person", 3),)),
        ("Dr Eike-Henner Kluge", (("Person", 3),)),
        ("Prof. Ethel Klein", (("Person", 3),)),
        # ... unless the name ends as a place's does, or says whose a thing is.
        ("Lord Howe Island", (("Place", 2),)),
        ("Mr. Lane's Artist", ()),
    ],
)
def test_a_name_that_kept_its_honorific(label, votes):
    assert name_votes(label) == votes


@pytest.mark.parametrize(
    ("label", "kind"),
    [
        ("Universidad de Chile", "Organization"),
        ("Banco Pichincha", "Organization"),
        ("Fondation Cartier", "Organization"),
        ("Estadio Azteca", "Place"),
        ("Palazzo Chigi", "Place"),
        ("Lago Maggiore", "Place"),
        ("Sierra Gorda", "Place"),
        ("Isla Mujeres", "Place"),
        ("Hospital Italiano", "Organization"),
        ("Universiti Putra Malaysia", "Organization"),
        ("Aerolíneas Argentinas", "Organization"),
        ("Électricité du Liban", "Organization"),
    ],
)
def test_first_words_of_bodies_and_places_in_other_languages(label, kind):
    assert name_votes(label) == ((kind, 3),)


@pytest.mark.parametrize(
    ("lemma", "subject", "obj"),
    [
        ("be vice president of", (("Person", 3),), (("Person", -2), ("Organization", 2))),
        ("be president of", (("Person", 3),), (("Person", -2),)),  # of a country, or a firm
        ("be linguist at", (("Person", 3),), (("Person", -2),)),
        ("be son of", (("Person", 3),), (("Person", 2),)),  # kin of a person, not a body
        ("be former wife of", (("Person", 3),), (("Person", 2),)),
        ("say", (("Person", 1), ("Organization", 1)), ()),  # "May says the ...": not a Thing
        ("unveil", (), (("Product", 2),)),
        ("own % of", (), (("Organization", 2),)),  # "owns about 11% of Integra"
        ("agree to merge with", (("Organization", 2),), (("Organization", 2),)),
        ("be spun off from", (("Organization", 2),), (("Organization", 2),)),
        ("be unit of", (("Organization", 2),), (("Organization", 2),)),
        ("buy", (), ()),  # a firm, a station or a painting
        ("fine", (("Organization", 2),), ()),  # a court or a regulator
        ("fin", (("Organization", 2),), ()),  # "fined", as the lemmatizer reads it
        ("found", (("Person", 2),), (("Organization", 2),)),  # who founds, and a body founded
        ("co-found", (("Person", 2),), (("Organization", 2),)),
        ("die at", (("Person", 2),), ()),  # "died at the Polar Wolf penal colony", "at home"
        ("run", (), ()),  # "May Stores runs department stores"
        ("be maker of", (("Organization", 2),), (("Product", 2),)),
        ("be co-leader of", (("Person", 3),), (("Person", -2),)),  # a role shared
        ("be with", (("Person", 2),), ()),  # "Grace Daniels is with the Ngukurr Rangers"
    ],
)
def test_relation_votes(lemma, subject, obj):
    assert relation_votes(lemma, None) == (subject, obj)


def test_who_works_as_a_person_is_one():
    assert relation_votes("work as", "a professor") == ((("Person", 3),), ())  # "where Hwang ..."
    assert relation_votes("work as", "a consultancy") == ((("Organization", 3),), ())  # a firm


def test_whom_someone_is_from():
    """ "X, from Y" is read as an affiliation: a body's, unless Y is a town's name (a home)."""
    assert relation_votes("affiliated with", "Nomura") == ((("Person", 2),), (("Organization", 2),))
    assert relation_votes("affiliated with", "Bray") == ((("Person", 2),), (("Place", 1),))
    # only "from": a town's name merged with or owned is still a firm's ("Toyota" is a city)
    firm = (("Organization", 2),)
    assert relation_votes("merge with", "Toyota") == (firm, firm)
    # who is "from" a body, or founded one, leaves its type to its own words where they say one
    assert relation_votes("from", "Turriff") == ((("Person", 1),), (("Place", 1),))
    assert relation_votes("from", "West Yorkshire Police") == ((("Person", 1),), ())
    assert relation_votes("found", "Ubud Writers and Readers Festival")[1] == ()
    # "Glen Shephard from Lilyvale Station": a cattle station's name, his home, not a body
    assert relation_votes("affiliated with", "Lilyvale Station") == ((("Person", 2),), ())


def test_a_mayor_is_of_a_town_and_a_star_of_a_show():
    assert relation_votes("be former mayor of", "Canelones")[1] == (("Person", -2), ("Place", 2))
    assert relation_votes("be governor of", "Kano State")[1] == (("Person", -2), ("Place", 2))
    # a governor of "the" something governs a body: a central bank, the Fed
    assert relation_votes("be governor of", "the Bank of Japan")[1] == (("Person", -2),)
    assert relation_votes("be star of", "Friends")[1] == (("Person", -2), ("CreativeWork", 2))


def test_a_founder_founds_a_body_not_a_country():
    founder = (("Person", 3),)
    assert relation_votes("be founder of", "Theranos") == (
        founder,
        (("Person", -2), ("Organization", 2)),
    )
    assert relation_votes("be founder of", "Pakistan") == (founder, (("Person", -2),))


@pytest.mark.parametrize(
    ("lemma", "object_text", "subject"),
    [
        ("report", "a third-quarter loss", (("Organization", 2),)),  # a firm's results
        ("post", "net income of $5 million", (("Organization", 2),)),
        ("report", "the attack", (("Person", 1), ("Organization", 1))),  # who reports: anyone
        ("book", "profits", ()),  # investors book profits too
        ("record", "a $6.1 million loss", (("Organization", 2),)),  # dev2 abc-rural-10701
        ("sell", "its 21,000 tonne winery", (("Person", -2),)),  # its own: no person's
        ("be elected", "leader of the Green Party", (("Person", 3),)),  # an office: a person
        ("be named", "chief executive", (("Person", 3),)),
        ("be appointed", "the bank's auditor", ()),  # "auditor" names no type here
        ("remain", "the largest lender in Ghana", (("Organization", 3),)),
    ],
)
def test_what_a_firm_reports(lemma, object_text, subject):
    assert relation_votes(lemma, object_text)[0] == subject


@pytest.mark.parametrize(
    ("description", "kind"),
    [
        ("Haridwar's district magistrate", "Person"),  # not the district's word before it
        ("a bank clerk in Tumakuru", "Person"),  # not the bank's
        ("a boda boda rider", "Person"),
        ("the district collector", "Person"),
        ("the village sarpanch", "Person"),
        ("the regional akim", "Person"),
        ("a vice-chancellor", "Person"),
    ],
)
def test_offices_and_trades_of_the_wider_world_name_people(description, kind):
    assert describe(description) == kind


@pytest.mark.parametrize(
    ("description", "kind"),
    [
        ("a lantern maker from Chengdu", "Person"),  # a trade, most often a person's
        ("a tour operator in Arusha", "Person"),
        ("an RTÉ drama producer", "Person"),
        ("a cheesemaker in the Aveyron", "Person"),
        ("the Bristol-based chip maker", "Organization"),  # "the": a firm
        ("a maker of pharmaceuticals", "Organization"),  # what it makes: a firm
        ("a U.K. luxury auto maker", "Organization"),  # an industry's maker
        ("a specialty steelmaker", "Organization"),
        ("a food services chain operator", "Organization"),  # a business's operator
    ],
)
def test_a_trade_after_a_is_a_persons(description, kind):
    assert describe(description) == kind


def test_a_persons_word_names_a_person_only_as_the_head():
    """ "Business is volunteer work" (WSJ) describes no person; "a Red Cross volunteer" does."""
    assert describe("a Congolese Red Cross volunteer from Bukavu") == "Person"
    assert describe("volunteer work") is None
    assert describe("student loans") is None
    assert describe("one of the most perfect cyclone systems") == "Event"  # other kinds may


def test_role_nouns_by_their_ending():
    words = ("geologists", "physician", "carmaker", "persist", "congresswoman", "Goldman")
    assert [noun_type(w) for w in words] == [
        "Person",
        "Person",
        "Organization",
        None,
        "Person",  # a listed role in -man ...
        None,  # ... not any word in -man: "Goldman, Sachs & Co."
    ]
    # trades of the news that the endings miss, and a maker that is a person
    words = ("rapper", "footballers", "filmmaker", "comedian", "band", "giants")
    assert [noun_type(w) for w in words] == [
        "Person",
        "Person",
        "Person",
        "Person",
        "Organization",
        None,  # "Tokyo Giants star Tatsunori Hara": a team's name, not a firm's word
    ]


@pytest.mark.parametrize(
    ("label", "votes"),
    [
        ("Cyclone Freddy", (("Event", 3),)),  # a first word no person's or firm's name has
        ("Co Clare", (("Place", 3),)),
        ("Lake Eyre", (("Place", 3),)),
        ("Lake Macquarie Council", (("Organization", 2),)),  # the last word first
        ("Australian Open", (("Event", 2),)),
        ("Vera C. Rubin Observatory", ()),  # not a person's shape; a body or a place
        ("Lilyvale Station", (("Place", 2),)),  # a cattle station
        ("Dongmun Market", (("Place", 2),)),
        ("Zaporizhzhia Nuclear Power Plant", (("Place", 2),)),
        ("Addis Ababa City Administration", (("Organization", 2),)),
        ("Msunduzi Municipality", (("Organization", 2),)),
        ("Sioux City Community School District", (("Organization", 2),)),  # a school board
        ("Barangay Tabuc Suba", (("Place", 3),)),  # first words of places in Southeast Asia
        ("Jalan Alor", (("Place", 3),)),
        ("Jebel Ali", (("Place", 3),)),
        ("Avenida de Mayo", (("Place", 3),)),  # and in Spanish and Portuguese
        ("Barrio Padre Carlos Mugica", (("Place", 3),)),
        ("Xunta de Galicia", (("Organization", 3),)),
        ("Movimiento Ciudadano", (("Organization", 3),)),
        ("Giro Rosa", (("Event", 3),)),  # a cycling race
        # a particle joined to a surname ("al-", "el-") keeps a person's shape
        ("Omar Saleh al-Zahrani", (("Person", 2), ("Organization", -2))),
        ("Abdel Fattah el-Sisi", (("Person", 2), ("Organization", -2))),
        ("Great Yorkshire Show", (("Event", 2),)),
        ("Legislative Assembly", (("Organization", 2),)),
        ("State Duma", (("Organization", 2),)),
        ("Baikonur Cosmodrome", (("Place", 2),)),
        ("Wrigley Field", (("Place", 2),)),
        ("Sally Field", (("Person", 2), ("Organization", -2))),  # a surname too
        ("Newcastle United", (("Organization", 2),)),
        ("Franklin Boulevard", (("Place", 2),)),
        ("Brisbane Broncos", (("Organization", 2),)),  # a team's nickname ends it ...
        ("Valley of the Kings", (("Place", 2),)),  # ... not a place's complement
        ("Howard Hawks", (("Person", 2), ("Organization", -2))),  # ... nor a surname
        ("Perth Scorchers", (("Organization", 1),)),  # a place and a plural nickname: a team ...
        ("Charlotte Edwards", (("Organization", 1),)),  # ... less than a PERSON tag, for this
        ("Fort Bragg", (("Place", 3),)),
        ("HMS Queen Elizabeth", (("Product", 3),)),  # a ship
        ("Hoover Dam", (("Place", 2),)),
        ("Jan van Dam", (("Person", 2), ("Organization", -2))),  # a particle: a surname, no dam
        ("Rio Tinto", (("Organization", 3),)),  # a listed company: its shape is not read
        ("Rio Tinto Zinc", ()),  # "Rio" starts no place's name alone
        ("Irish Tourism Board", (("Organization", 2),)),
        ("Storm Ciarán", (("Event", 3),)),
        ("Operation Warp Speed", (("Event", 3),)),
        ("Henty Machinery Field Days", (("Event", 2),)),  # a show that lasts days
        ("National Archaeology Week", (("Event", 2),)),
        ("Leicester City", (("Organization", 2),)),  # a town's name and "City": a club's ...
        ("Kansas City", (("Place", 2),)),  # ... unless GeoNames knows it as a city
        ("Château de Chambord", (("Place", 3),)),  # a castle ...
        ("Château Musar", (("Organization", 3),)),  # ... and a wine house
        ("Parc des Princes", (("Place", 3),)),
        ("Guardia Civil", (("Organization", 3),)),
        ("Telecel Ghana", (("Organization", 2),)),  # a name, then a country's
        ("Parks Canada", (("Organization", 2),)),
        ("Richard England", (("Person", 2), ("Organization", -2))),  # ... not after a given name
        ("South Sudan", ()),  # ... nor after a place's first word
        ("Antigua Guatemala", ()),  # ... nor after a place's name
        ("Toyota Motor", (("Organization", 2),)),  # industries' words end firms' names
        ("Meta Superintelligence Labs", (("Organization", 2),)),
        ("Fortis Healthcare", (("Organization", 2),)),
        ("Bega Cheese", (("Organization", 2),)),
        ("Murchison Widefield Array", (("Place", 2),)),  # a telescope
        ("Union Buildings", (("Place", 2),)),
        ("Kashmere Gate", (("Place", 2),)),
        ("Bank of Queensland", (("Organization", 2),)),  # the word before "of" as the last
        ("Sea of Galilee", (("Place", 2),)),
        ("British Museum", (("Place", 2), ("Organization", -2))),  # a building, staff or not
        ("National Gallery of Ireland", (("Place", 2), ("Organization", -2))),
        ("Rod Laver Arena", (("Place", 2), ("Organization", -2))),
        ("Kalyani Nagar", (("Place", 2),)),  # a town's word ends it, after a given name
        ("Al Udeid Air Base", (("Place", 2),)),
        ("Babri Masjid", (("Place", 2),)),
        ("Eurovision Song Contest", (("Event", 2),)),
        ("Tour de France", (("Event", 3),)),
        ("Conservatives", (("Organization", 2),)),  # a party named by its members
        ("Christian Democrats", (("Organization", 2),)),
        ("OpenAI", (("Organization", 2),)),  # a capital inside a word: a firm's spelling
        ("Bayer CropScience", (("Organization", 2),)),
        ("McCarthy", ()),  # not a surname's ("Mc", "De", "La", ...)
        ("DeKalb", ()),
        ("KwaZulu-Natal", ()),  # nor a hyphenated name's
        ("PhDs", ()),  # nor a short word's
        ("Copa Libertadores", (("Event", 3),)),  # a cup
        ("Interstate 225", (("Place", 3),)),  # a name may end in a number ...
        ("Expo 2025", (("Event", 3),)),
        ("S&P 500", ()),  # ... but partners' names end in theirs
        ("International Space Station", (("Product", 2),)),  # a spacecraft, not a station
        ("Parker Solar Probe", (("Product", 2),)),
        ("Kleinhoek Wines", (("Organization", 2),)),  # a trade's words end firms' names
        ("Chin Huat Hardware", (("Organization", 2),)),
        ("Gauteng Health", (("Organization", 2),)),
        ("Pioneer Motel", (("Place", 2),)),
        ("Kochi-Muziris Biennale", (("Event", 2),)),
        ("National Science and Maths Quiz", (("Event", 2),)),
        ("River Stour", (("Place", 3),)),  # first words of places, events and bodies
        ("Festival du Voyageur", (("Event", 3),)),
        ("Brasserie Dupont", (("Organization", 3),)),
        ("Real Oviedo", (("Organization", 3),)),
        ("Shropshire Star", (("Organization", 2),)),  # a town's name and a paper's word
        ("Bangkok Post", (("Organization", 2),)),
        ("Evening Standard", ()),  # not without a place
        ("Bendigo Advertiser", (("Organization", 2),)),  # a paper's word of its own
        ("Snowy Hydro", (("Organization", 2),)),  # a utility's last word
        ("Barwon Water", (("Organization", 2),)),
        ("Furness Coaches", (("Organization", 2),)),
        ("Kerala Blasters FC", (("Organization", 2),)),
        ("Bega Valley Bakery", (("Organization", 2),)),
        ("National Eisteddfod", (("Event", 2),)),
        ("Tullamore Show and Fair", (("Event", 2),)),
        ("Brighton Pride", (("Event", 2),)),
        ("Raidió Teilifís Éireann", (("Organization", 2),)),  # Ireland's national bodies
        ("Clem Jones Tunnel", (("Place", 2),)),  # a tunnel, though named after a person
        ("Hyogo Prefecture", (("Place", 2),)),
        ("Kharkiv Oblast", (("Place", 2),)),
        ("Bradford Royal Infirmary", (("Organization", 2),)),
        ("Sydney Trains", (("Organization", 2),)),
        ("Geo News", (("Organization", 2),)),  # not a person's, though "Geo" is a given name
        ("Garfield Elementary", (("Organization", 2),)),
        ("Transnet Port Terminals", (("Organization", 2),)),
        ("Aurora Innovation", (("Organization", 2),)),
        ("Gorham's Cave", (("Place", 2),)),
        ("Thyagaraj Sports Complex", (("Place", 2),)),
        ("Harris Promenade", (("Place", 2),)),  # not a person's, though "Harris" is a name
        ("Red River Floodway", (("Place", 2),)),
        ("Deepavali", (("Event", 3),)),  # a feast named alone
        ("Eid al-Fitr", (("Event", 3),)),
        ("Christmas Island", (("Place", 2),)),  # a feast's name in a place's
        ("Roma Saleyards", (("Place", 2),)),  # not a person's, though "Roma" is a given name
        ("Second European Congress of Mathematics", (("Event", 2),)),  # a numbered meeting
        ("19th Party Congress", (("Event", 2),)),
        ("US Congress", ()),  # the body
    ],
)
def test_first_and_last_words_of_names(label, votes):
    assert name_votes(label) == votes


@pytest.mark.parametrize(
    ("sentence", "name", "kind"),
    [
        # Names of cities (GeoNames) that name people or firms here: the context wins.
        (  # dev2 abc-science-15622: a given name before a city's name
            "Professor Stephen Lincoln, an expert in nuclear energy from the University of"
            " Adelaide, says it's possible to recycle some of this waste.",
            "Stephen Lincoln",
            "Person",
        ),
        ("Mr. Lincoln said the bill would pass.", "Lincoln", "Person"),  # own: an honorific
        ("Whitney Houston sang the anthem before the game.", "Whitney Houston", "Person"),
        ("Jackson told reporters that he would stay in Jackson.", "Jackson", "Person"),  # he
        ("Ian Campbell says the decision will be made next month.", "Ian Campbell", "Person"),
        ("Toyota said its profit rose 12% in the quarter.", "Toyota", "Organization"),
        (  # own: a city's name with a firm's description
            "Prices have been dragged down by resource giant Rio Tinto, a company he worked for.",
            "Rio Tinto",
            "Organization",
        ),
        (  # dev2 abc-rural-6274: a firm's possessive and a role in it
            "Hartley's mining expert Rob Brierley says the company will survive the overhaul.",
            "Hartley",
            "Organization",
        ),
        # Given names that head firms' and places' names: the name's last word wins.
        (  # dev2 abc-rural-5025
            "Mike Stone from Murray Valley Winegrowers says growers are devastated.",
            "Murray Valley Winegrowers",
            "Organization",
        ),
        ("Eli Lilly & Co. said it would cut prices.", "Eli Lilly & Co.", "Organization"),
        # Cities where the context says so.
        ("Prices rose in Houston and Dallas last month.", "Houston", "Place"),
        (  # dev2 wsj_0120-p16-2: "Town, State"
            "Tiny Tots Inc., Campbell, Calif., says business is up 35% in the past year.",
            "Campbell",
            "Place",
        ),
    ],
)
def test_names_of_places_people_and_firms_do_not_flip(pipeline, sentence, name, kind):
    """A gazetteer hit or a given name is evidence, never a verdict against the context."""
    assert entity_types(sentence, pipeline).get(name) == kind


@pytest.mark.parametrize(
    ("label", "votes"),
    [
        ("Gerald Bange", (("Person", 2), ("Organization", -2))),
        ("Henry I. Otero", (("Person", 2), ("Organization", -2))),
        ("Alice Springs", (("Place", 2),)),  # the last word wins over a given name
        ("Murray Valley Winegrowers", (("Organization", 2),)),
        ("Young & Rubicam", (("Organization", 2),)),  # "&": partners' names, a firm's; no person
        ("Beth Israel Medical Center", ()),
        ("Surface Mines Rescue Competition", (("Event", 2),)),
        ("Georgia Gulf", (("Place", 2),)),  # "Georgia" is no given name here; "Gulf" a place's
        ("Carla Hills", (("Person", 2), ("Organization", -2))),  # a surname that ends places
        ("Alexei Navalny", (("Person", 2), ("Organization", -2))),  # the world list's names
        ("Joko Widodo", (("Person", 2), ("Organization", -2))),
        ("Sony Pictures Animation", (("Organization", 2),)),  # "Sony", a brand, is no given name
        ("Hong Kong Sevens", (("Event", 2),)),  # a sevens tournament; "Hong" is no given name
        ("Adelaide Hills", (("Place", 2),)),
        ("Dairy farmers in Queensland's Darling Downs", ()),  # a phrase that ends in a name
        ("Royal Society for the Blind", (("Organization", 2),)),  # a society's, not a person's
    ],
)
def test_person_shape_votes(label, votes):
    assert name_votes(label) == votes


@pytest.mark.parametrize(
    ("before", "text", "after", "expected"),
    [
        ("the go-ahead at ", "Broken Hill", ", in outback New South Wales", "Place"),
        # forms of address of South Asia, Africa and the Muslim world outweigh a tag
        ("said Mawlawi ", "Abdul Qahar Sarwari", ", its director", "Person"),
        ("the contractor Alhaji ", "Musa Danjuma", " said", "Person"),
        ("said Malaysia's Datuk ", "Rahman Hashim", ".", "Person"),
        ("A farmer near ", "Esperance", " is fighting", "Place"),
        ("an analyst at ", "Hartley", " says", None),  # at a firm
        ("an activist from ", "Hassan", " in Karnataka, won", "Place"),  # from a town in a place
        ("an analyst from ", "Hartley", " says", None),  # from a firm
        ("a 5% stake in ", "Columbia", ".", "Organization"),  # what is "in" a firm
        ("the delay in ", "Hartley", "'s report", None),  # whose, not where
        ("", "Kench", " and his team discovered", "Person"),
        ("", "d'Errico", " and colleagues say", "Person"),
        ("and ", "Valhi", " rose 62.5 cents to $15", "Organization"),
        ("while ", "NL", " shares closed unchanged at $22.75", "Organization"),
        ("", "Bell", "'s father-in-law, Gardner G. Hubbard,", "Person"),
        ("", "Walgreens", " named Mike Motz, a Staples man, as chief executive", "Organization"),
        ("", "Acme", " has appointed Jane Doe as its new CEO.", "Organization"),
        ("", "Trump", " named Jerome Powell chairman of the Fed", None),  # another body's post
        ("", "Murdoch", " named his son Lachlan as chairman", None),
        ("a station near ", "Yarraden", ".", "Place"),
        ("research at Florence, the ", "Mona Lisa", " consists of dots", None),  # not a person
        ("", "Dubbo", " man Peter Smith was fined", "Place"),
        ("", "BBC", " producer Jane Fleming resigned", None),  # an acronym is no town
        ("farmers in South Australia's ", "Riverland", " could run out", "Place"),
        ("guilty in Hobart's ", "Criminal Court", " of five counts", None),  # says what it is
        ("lenders with a stake in Germany's ", "Kraxon", " were paid", None),
        ("", "Helgen", ", who is completing a PhD under Dr Tim Flannery", "Person"),
        ("Dr Ekers from CSIRO's ", "Australia Telescope National Facility", ", who says", None),
        ("the chairman of ", "Qantas", ", who said", None),  # who is the chairman
        ("the $12.7 billion ", "Beverly Hills", ", Calif., thrift", "Place"),  # a town, its state
        ("", "TUPELO", ", Miss. (AP) — A storm", "Place"),
        ("", "Free State Glass Industries of Warrenton", ", Va., said", None),  # the town inside
        ("", "Alexei Likhachev", ", chief executive of Rosatom, visited", None),  # not "X chief Y"
        ("a 52-year-old tea farmer from ", "Kericho", ", said", "Place"),
        ("an analyst from ", "Nomura", " said", None),  # from a firm
        ("Peter Dutton lost his seat of ", "Dickson", " in Queensland", "Place"),
        ("which later became part of ", "Macmillan/McGraw", ".", None),  # what owns it
        ("said the ", "Arlington", ", Virginia-based company had", "Place"),
        ("Sabrina Carpenter's album ", "Man's Best Friend", " topped the charts", "CreativeWork"),
        ("we watched them play ", "Chelsea", " on Sunday", None),
        ("an independent backed by ", "Sinn Féin", ", won Ireland's presidential election", None),
        ("intercepted the ", "Madleen", ", an aid boat bound for Gaza", "Product"),
        ("Everton signed the forward from ", "Leeds", " for 20 million pounds", "Organization"),
        ("the ", "Leeds", " manager said the club would appeal", "Organization"),
        ("the storm cut power to homes in ", "Leeds", " on Sunday", "Place"),
        ("Ohio State beat ", "Notre Dame", " 34-23 in Atlanta", "Organization"),  # a score
        ("Maria Lopez, 42, of ", "Fresno", ", was charged", "Place"),
        ("says ", "Vikram Narayan", ", a Mumbai-based feng shui practitioner.", "Person"),  # "a"
        # own rows for the dev7 round: deals, leaders, films, successions, seats, places "of"
        ("Unilever agreed a merger with ", "Kestrel Foods", " on Monday", "Organization"),
        ("the essays were published by ", "Faber", " in London", "Organization"),
        ("", "Tomsk Oil", " finished its takeover of Sibmetal last week", "Organization"),
        ("", "Civic Platform", ", led by Donald Tusk, won the vote", "Organization"),
        (
            "Park Chan-wook's ",
            "No Other Choice",
            ", starring Lee Byung-hun, opened",
            "CreativeWork",
        ),
        ("the board named Ana Ruiz, replacing ", "Tomas Berg", ", who retired", "Person"),
        ("the Liberal Democrats won the ", "Frome", " by-election in July", "Place"),
        ("a fishing village on the island of ", "Lamu", ", north of Mombasa", "Place"),
        ("", "Julius Maada Bio", " began a second term as president in 2023", "Person"),
        ("the Indian aircraft carrier ", "Vikrant", " docked in Kochi", "Product"),
        ("the ", "Fenerbahce", " midfielder scored twice", "Organization"),
        ("a 30-year-old fisherman, 30, of ", "Paihia", ", was rescued", "Place"),
        ("the deal was backed by the billionaire ", "Rinat Akhmetov", ".", "Person"),
        ("troops massed in Iran's ", "Khuzestan", " province on Friday", "Place"),
        ("", "Carlo Ancelotti", " replaced Dorival Junior as coach of Brazil", "Person"),
        ("Harry Kane joined ", "Bayern Munich", " from Tottenham in 2023", "Organization"),
        ("Harry Kane joined Bayern Munich from ", "Tottenham", " in 2023", "Organization"),
        ("", "Fort Hood", ", the Texas base, was renamed", "Place"),
        ("the ", "BBC", "'s Laura Kuenssberg asked the minister", "Organization"),  # an acronym's
        ("the ", "UK", "'s Rishi Sunak met Macron", None),  # a country's, by its alias
        ("floods cut off ", "Mosul", ", in northern Iraq, on Friday", "Place"),
        ("the village of ", "Kibera", ", in Kenya's Nairobi county", "Place"),
        ("Wang Yi met ", "Penny Wong", ", in Beijing, on Monday", None),  # where they met
        ("the ", "Gauteng", " police commissioner said", "Place"),
        ("", "Heineken", " completed its €2 billion takeover of Distell", "Organization"),
        ("", "Kotz", "'s research grew out of an earlier study", "Person"),  # dev abc-science-11327
        ("a phone call with Hun Sen, ", "Cambodia", "'s former leader.", None),  # "Sen," no title
        ("", "Bayer Leverkusen", ", coached by Xabi Alonso, went unbeaten", "Organization"),
        ("Anjali Deshmukh, 41, a schoolteacher from ", "Kolhapur", ", said", "Place"),
        ("", "Parungao", "'s study is one of the first", "Person"),  # a scholar's work ...
        ("complaints from some of ", "Taleyarkhan", "'s co-workers", "Person"),  # dev34
        ("", "Clendon", "'s hypothesis as fresh", "Person"),
        ("", "CSIRO", "'s research shows", None),  # ... not a body's, in capitals
        ("", "Labor", "'s team of advisers", None),  # ... nor a team, which bodies have too
        (
            "",
            "Real Betis",
            " signed the Brazilian forward Antony from Manchester United",
            "Organization",
        ),
        ("who has sold fabrics in Onitsha, ", "Anambra State", ", for 20 years", "Place"),
        ("offices in Jackson, ", "Smith", " and Lee opened", None),  # a list: no comma after
        ("Canadian North cancelled flights between ", "Iqaluit", " and Pangnirtung", "Place"),
        ("fans flew to ", "Trump", "'s Mar-a-Lago estate", None),  # whose, not where
        ("a takeaway on ", "Batley", "'s Commercial Street", "Place"),
        ("growers show flowers at ", "Keukenhof", ", the park in Lisse, and sell", "Place"),
        ("A fire spread across ", "Wang Fuk Court", ", a housing estate in Tai Po,", "Place"),
        ("", "Shōgun", ", the FX series starring Hiroyuki Sanada, won", "CreativeWork"),
        ("", "Odysseus", ", a lander built by Houston-based Intuitive Machines, landed", "Product"),
        ("the festival opened with ", "Salt and Iron", ", a new work by the choreographer", None),
        ("", "FedSat", ", the Australian designed and built satellite.", "Product"),
        ("", "Rapidus", ", the chip venture backed by Toyota, began", "Organization"),
        ("", "Hunder", " and his father delivered the boulder", "Person"),  # kin beside a name
        ("One of ", "Riddell", "'s collaborators is working on it", "Person"),  # a scholar's
        ("bauxite at ", "Comalco", "'s Weipa mine on Cape York", "Organization"),  # a firm's
        ("Mushrooms are ", "Chiquita", "'s biggest commodity", "Organization"),
        # own rows for the dev18 round: roles, ports and towns, staff of a body, town lists
        ("Darwin-based appeal coordinator ", "Ana Ruiz", " says", "Person"),
        ("the ship docked at the port of ", "Gladstone", " on Monday", "Place"),
        ("floods cut the town of ", "Charleville", " off", "Place"),
        ("", "Lower Murray Water", "'s Jo Pike says the pipe will be fixed", "Organization"),
        ("", "Lower Murray Water's", " Jo Pike says the pipe will be fixed", "Organization"),
        ("", "Bong Joon Ho", "'s The Host drew record crowds", None),  # a film's title
        ("", "Bush", "'s Karl Rove said", None),  # one word: a person's man as likely
        ("", "Lake Eyre", "'s Cooper Creek flows", None),  # a place's own words
        ("", "Kingaroy", "'s saleyards reopened", "Place"),
        ("three dams near Tamworth, ", "Gunnedah", " and Narrabri are full", "Place"),
        ("three dams near Tamworth, Gunnedah and ", "Narrabri", " are full", "Place"),
        ("a crash on Highway 99 near Selma, ", "California Highway Patrol", " officers said", None),
        # own rows for the dev19 round: a role "of" a field, land "surrounding" a town
        ("Emeritus Professor of chemistry ", "Ann Lee", " of Monash University", "Person"),
        ("was elected president of the ", "Reichstag", " in 1932", None),  # of the body
        ("Ann Cole, the manager of KXLY, ", "the ABC-owned station", ", said", None),  # a name
        ("native title to the land surrounding ", "Kununurra", ".", "Place"),
        ("the controversy surrounding ", "Enron", " grew", None),  # no place's name
        # own rows for the dev20 round: roads and services between towns, home towns
        ("closures of the A39 between ", "Wadebridge", " and Camelford", "Place"),
        ("closures of the A39 between Wadebridge and ", "Camelford", " this week", "Place"),
        ("the night ferry between Oban and ", "Castlebay", " was cancelled", "Place"),
        ("talks between Unite and ", "Arriva", " broke down", None),  # not a route
        ("Ewan Ross, 61, a crofter from ", "Lochboisdale", ", said", "Place"),
        ("Dairy farmer Kate Moss, of ", "Cobram", ", said the price", "Place"),
        ("said analyst Ann Wu, of ", "Morningstar", ", in a note", None),  # a body, not a town
        ("", "Nong Khai", ", in Udon Thani province, said", "Place"),
        ("", "Moosomin", ", Sask., said", "Place"),  # a Canadian province, abbreviated
        # own rows for the dev23 round: sides and their results
        (
            "Keady kicked seven points as the Galway club beat ",
            "Moycullen",
            " in the final",
            "Organization",
        ),
        (
            "Leroux kicked four penalties as his side beat ",
            "Clermont",
            " at the Stade",
            "Organization",
        ),
        (
            "Quinn kicked three goals as the Dockers beat ",
            "Port Adelaide",
            " by 24 points",
            "Organization",
        ),
        # own rows for the dev24 round: seats, places' own governments, places under fire
        ("Ayesha Baloch, who represents ", "Turbat", " in the Balochistan Assembly", "Place"),
        ("He represents ", "Acme", " in the talks", None),  # no house
        ("", "Uasin Gishu", "'s county assembly voted to impeach", "Place"),
        ("", "Jane Smith", "'s city council seat", None),  # a person's name
        ("her tent in ", "Gaza City", " was destroyed.", "Place"),  # a town's name and "City"
        ("The Rapid Support Forces shelled ", "Kadugli", " and Dilling", "Place"),
        ("Israeli jets shelled ", "Hamas", " positions overnight", None),  # not the object
        ("she had walked to ", "Khan Younis", " with her children", "Place"),
        # own rows for the dev25-dev26 round: a player's score for a side, outlets, seats
        (
            "Eoin Gavin scored 2-4 as ",
            "Na Piarsaigh",
            " beat Patrickswell in the final",
            "Organization",
        ),
        (
            "Eoin Gavin scored 2-4 as Na Piarsaigh beat ",
            "Patrickswell",
            " in the final",
            "Organization",
        ),
        ("Alcaraz made 40 unforced errors as ", "Sinner", " beat him", None),  # no score of his
        (
            "Lennox Alcee told the ",
            "St Lucia Star",
            " that leaf spot had halved his harvest",
            "Organization",
        ),
        ("The lawsuit was dropped on Monday, ", "WKYT", " reported.", "Organization"),
        ("Cllr Tahir Malik, who represents ", "Sparkhill", " on Birmingham City Council", "Place"),
        ("Technicians sailed from ", "Grimsby", " to the wind farm", "Place"),
        ("The mill is in Kenora, ", "Ont.", ", and employs 300", "Place"),
        ("The mill is in Kenora, ", "Ont", "., and employs 300", "Place"),  # the dot split off
        ("", "Port Fairy", "'s Southern Ocean Mariculture destocked", None),  # a town's firm
        ("a grass fire between Dubbo and ", "Narromine", " on Sunday", "Place"),  # beside a town
        ("a dispute between ", "Virgin Australia", " and the union", None),  # no town in it
        ("the closure of ", "Norske Skog", "'s Tasman Mill", "Organization"),  # a firm's mill
        # a draw with a score: teams
        ("", "St Helens", " and Catalans Dragons drew 18-18 at the stadium", "Organization"),
        ("The police said the man ", "Clermont", " beat had died", None),  # no side beat him
        (
            "",
            "Ross County",
            " appointed former Aberdeen defender Neil Callander as first-team coach",
            "Organization",
        ),
        # own rows for the dev48-dev50 round: home towns, seats, quotes' speakers, museums,
        # a body's staff, works performed, bands and sides
        ("Marta Ruiz, a dog groomer from ", "Tarragona", ", said", "Place"),  # anyone's town
        ("Lee Park, a researcher from ", "Monash", ", said", None),  # a body's staff
        ("Tom Reyes, who represents ", "Fresno", ", said", "Place"),
        ("The market would recover by spring, said ", "Okonkwo", ".", "Person"),
        ("Seas are rising faster, says ", "Hartmann", ", a geologist at the museum.", "Person"),
        ("Ana Silva, a curator at ", "Casa Azul", " in Coyoacán, said", "Place"),
        ("Ana Silva, a curator at the ", "Getty Foundation", ", said", None),  # its own words
        ("Priya Nair, a former ", "Infosys", " engineer, said", "Organization"),
        ("Dan Cole, a ", "Trump", " adviser, said", None),  # someone's adviser
        ("Kim Lee, a ", "Busan", " fishmonger, said", None),  # a town's
        ("The company will stage ", "Rigoletto", " in May", "CreativeWork"),
        ("The theatre staged Puccini's ", "Turandot", " last year", "CreativeWork"),
        ("The theatre staged ", "Puccini", "'s Turandot last year", None),  # its maker
        ("", "Blur", " played three nights at Wembley", "Organization"),
        ("", "Elton John", " played two shows in Perth", None),  # a person's name
        ("Fans watched the ", "Stormers", " train on Friday", "Organization"),
        ("a holiday in the ", "Maldives", ".", "Place"),  # a place's name in the plural
        ("Thousands of families fled ", "Kherson", " as the shelling grew", "Place"),
        ("The storm will reach ", "Galveston", " by midnight", "Place"),
        ("The striker left ", "Sporting Braga", " for Benfica", None),  # a club, no town
        ("The comedian sold out the ", "Eko Convention Centre", " twice", "Place"),
        # own rows for the dev51-dev53 round: sides of a match, businesses, "-based", squads
        ("Rain ended the game between ", "Ashfield Rovers", " and Kelso at", "Organization"),
        ("Rain ended the game between Ashfield Rovers and ", "Kelso Park", " at", "Organization"),
        ("Tickets for the cup tie against ", "Stockport County", " sold out", "Organization"),
        ("a dispute between ", "Qantas", " and the union", None),  # no match
        ("Lan Pham, who opened ", "Saigon Corner", " on Main Street in 2019, said", "Organization"),
        ("Gdańsk-based ", "Lotos Petrobaltic", " will drill two wells", "Organization"),
        ("", "Oakland Ballers", " outfielder Ruben Diaz was called up", "Organization"),
        (
            "Ravens FC signed Ade Bello, a 19-year-old midfielder from ",
            "Abeokuta",
            ", on Monday",
            "Place",
        ),
        ("a 10,000-metre runner from ", "Eldoret", ", won", "Place"),
    ],
)
def test_more_context_votes(before, text, after, expected):
    kinds = {kind for kind, weight in context_votes(before, text, after) if weight > 0}
    assert kinds == ({expected} if expected else set())


def test_a_players_score_for_a_side_outweighs_a_tag():
    """ "X scored as Y beat Z 7-6": Y is a side, 2 votes, more than a tag (own11-070)."""
    before = "Ademola Lookman scored a hat-trick as "
    assert ("Organization", 2) in context_votes(before, "Atalanta", " beat Bayer Leverkusen 7-6")
    assert ("Organization", 1) in context_votes("", "Atalanta", " beat Bayer Leverkusen 7-6")


@pytest.mark.parametrize(
    ("before", "text", "after", "weight"),
    [
        ("", "Flamengo", " beat Palmeiras 1-0 in the final", 2),  # goals: a team's
        ("Flamengo beat ", "Palmeiras", " 1-0 in the final", 2),  # and the side it beat
        ("", "Leeds", " drew 2-2 with Hull", 2),
        ("", "Sinner", " beat Alcaraz 6-4 in the final", 1),  # a set: maybe people's
        ("", "Swiatek", " beat Sabalenka 7-5", 1),
        ("Swiatek beat ", "Sabalenka", " 7-5", 1),
    ],
)
def test_goals_are_a_teams_score_a_set_may_be_players(before, text, after, weight):
    """A score of five or less a side is goals or points; a tennis set takes six."""
    assert ("Organization", weight) in context_votes(before, text, after)


def test_who_is_told_with_the_is_a_paper(pipeline):
    """The paper told something is a body, the article in its name or not (wsj_0067-p4)."""
    types = entity_types(
        "Richard Driscoll told the Dow Jones Professional Investor Report that rates would fall.",
        pipeline,
    )
    assert types["Dow Jones Professional Investor Report"] == "Organization", types
    assert ("Organization", 2) in context_votes("told ", "the St Lucia Star", " that it rained")


def test_a_score_of_tens_is_a_teams():
    """Scores of tens are teams' (basketball, rugby, football codes); a set's may be players'."""
    assert ("Organization", 2) in context_votes(
        "Summers scored 31 points as ", "Drake", " beat Bradley 82-74 on Saturday"
    )
    assert ("Organization", 1) in context_votes("", "Sinner", " beat Alcaraz 6-4 in the final")


def test_which_after_a_name_counts_against_a_person():
    assert ("Person", -2) in context_votes("", "Magna", ", which makes auto parts")
    assert context_votes("a speech by ", "Smith", ", which was long") == ()  # the speech's
    assert ("Person", -2) not in context_votes("", "Helgen", ", who is completing a PhD")


def test_the_gazetteer_and_given_names_are_offline_lists():
    assert city_population("Tamworth") > 40_000 and city_population("Esperance") > 5_000
    assert city_population("Vesuvius") == city_population("Holwell") == 0
    assert {"gerald", "peter", "henry"} <= given_names()
    assert {"novak", "masayoshi", "joko", "alexei"} <= given_names()  # the world list's
    assert not {"sydney", "georgia", "grace", "royal", "santa"} & given_names()
    assert not {"hudson", "harper", "hong", "sony", "meta"} & given_names()
    assert {"eli lilly", "glencore", "morgan stanley", "estee lauder"} <= listed_companies()
    assert not {"target", "shell", "employers", "eaton", "toyota"} & listed_companies()
    assert is_town("Broken Hill") and is_town("Queensland") and not is_town("Tandou")
    # GeoNames spells "Herāt", "Kandahār", "Klaipėda": news copy seldom keeps the accents
    assert city_population("Herat") == city_population("Herāt") > 500_000
    assert city_population("Klaipeda") == city_population("Klaipėda") > 100_000
    # and often in another transliteration: city_spellings.tsv holds the news's
    assert city_population("Mykolaiv") == city_population("Mykolayiv") > 400_000
    assert city_population("Khan Younis") == city_population("Khān Yūnis") > 100_000
    assert is_town("Zaporizhzhia") and is_town("Jabalia")
    assert city_population("Julia") == city_population("Sophia") == 0  # not Plovdiv's, Sofia's


@pytest.mark.parametrize(
    ("before", "text", "after", "team"),
    [
        ("", "Limerick", " beat Kilkenny at Croke Park to win the hurling championship", True),
        ("Limerick beat ", "Kilkenny", " at Croke Park to win the hurling championship", True),
        ("Shubman Gill scored 269 against ", "England", " at Edgbaston in July.", True),
        ("days before ", "India", " named a new captain.", True),
        ("Temba Bavuma led ", "South Africa", " to victory over Australia in the final.", True),
        ("Harbaugh, who coached ", "Michigan", " to the college football national title", True),
        ("", "Uzbekistan", " drew 0-0 with the United Arab Emirates", True),
        ("", "Ivory Coast", ", who had sacked their coach, beat Nigeria in the final", True),
        ("The Football Association appointed Thomas Tuchel as ", "England", "'s head coach", True),
        (  # own-dev23-022, a side beating a state's name in a sentence with no word of sport
            "Tasmania batter Oliver Lakin, 20, from Launceston, made 141 as the Tigers beat ",
            "Queensland",
            " in the Sheffield Shield at Bellerive Oval.",
            True,
        ),
        (  # own-dev23-009, a draw with a score
            "",
            "Connacht",
            " and Ulster drew 21-21 at Dexcom Stadium on Friday night, the first draw between the"
            " two provinces in a decade.",
            True,
        ),
        # British copy's plural verb for a side, a win, a match between two sides
        ("", "Bangladesh", " were bowled out for 143 in the first Test in Mirpur", True),
        ("Bangladesh collapsed, and ", "Sri Lanka", " won by seven wickets.", True),
        ("rain washed out the second Test between ", "Sri Lanka", " and New Zealand", True),
        ("washed out the second Test between Sri Lanka and ", "New Zealand", " at Galle", True),
        # a place, though the sentence is about sport
        ("", "the Netherlands", " were chosen to host the World Cup", False),
        ("Talks between China and the ", "United States", " on football rights resumed", False),
        ("Ariarne Titmus beat ", "Canada", "'s Summer McIntosh to win the 400m final.", False),
        ("The final was played in ", "Melbourne", " before 90,000 fans.", False),
        ("Russian forces beat back an attack on ", "Kharkiv", " on Sunday.", False),
        ("Protests against ", "China", " grew in Hong Kong.", False),
        ("He led ", "Australia", "'s delegation to the climate talks.", False),
    ],
)
def test_a_place_name_that_plays_as_a_team(before, text, after, team):
    assert plays_as_team(before, text, after) is team


def test_a_team_named_for_its_place_is_a_body_of_its_own(pipeline):
    """In an article that reads it as a team, a place's name is its team: a body, never linked."""
    kg = graphkit.from_texts(
        {
            "match": "Shubman Gill, who was named India's Test captain in May, scored 269"
            " against England at Edgbaston.",
            "economy": "India's economy grew 7% last year, and its exports to England rose.",
        },
        pipeline=pipeline,
    )
    rows = kg.entities()
    india = rows[rows["label"] == "India"]
    assert sorted(india["type"]) == ["Organization", "Place"]
    team = india[india["type"] == "Organization"].iloc[0]
    country = india[india["type"] == "Place"].iloc[0]
    assert not isinstance(team["same_as"], str)  # no link (pandas' NaN)
    assert "wikidata" in country["same_as"]


@pytest.mark.parametrize(
    ("sentence", "name", "kind", "wrong"),
    [
        # A name with thin evidence of its own takes the kind of a clearer one it is joined to.
        ("Rheinmetall and Leonardo agreed to build tanks.", "Leonardo", "Organization", "Person"),
        # Not a name that only modifies the next word, nor a person beside "the" paper.
        ("Graincorp and Western Australia-based CBH will ship the wheat.", "Graincorp", None,
         "Place"),
        ("The buyers included investor Marvin Davis and the Toronto Sun.", "Toronto Sun", None,
         "Person"),
        # A name the model did not tag takes the kind of the clear name it is joined to (own12-163).
        ("The Federal Court dismissed Ben Roberts-Smith's appeal against a ruling that reports in "
         "The Age and The Sydney Morning Herald accusing him of war crimes were substantially "
         "true.", "Age", "Organization", "Thing"),
        # With no vote of its own, a name takes even a single tag of its conjunct (own-dev24-106),
        # and a name tagged as a people's that is no demonym is joined too (own-dev24-105).
        ("UNICEF and Save the Children sent water tanks to camps near Adre.", "UNICEF",
         "Organization", "Thing"),
        ("Vodacom and Airtel restored internet services in Dar es Salaam.", "Vodacom",
         "Organization", "Thing"),
    ],
)  # fmt: skip
def test_names_joined_by_and(pipeline, sentence, name, kind, wrong):
    types = entity_types(sentence, pipeline)
    assert name in types and types[name] != wrong, types
    assert kind is None or types[name] == kind, types


def test_a_datelines_agency_is_a_body():
    assert context_votes("TEHRAN (", "AFP", ") — Masoud Pezeshkian warned") == (
        ("Organization", 3),
    )
    assert context_votes("LAGOS, Nigeria (", "AP", ") — Air Peace began") == (("Organization", 3),)
    assert context_votes("The buyer (", "Sony", ") — it said") == ()


def test_a_label_rule_votes_for_a_type_the_label_does_not_give(pipeline):
    """ "from Keringet in Nakuru County": Keringet, tagged PERSON, is a place's name."""
    types = entity_types("Faith Kipyegon, from Keringet in Nakuru County, won the race.", pipeline)
    assert types["Keringet"] == "Place", types
    assert types["Faith Kipyegon"] == "Person"


def test_an_acronym_linked_to_a_country_spells_out_nothing_else(pipeline):
    """ "US" is the United States (the authority says so): "University of Sydney" in another
    article has its initials, but is not joined to the country."""
    texts = {
        "a": "The US imposed new tariffs on Chinese steel.",
        "b": "Dr Ross Morrow of the University of Sydney agrees the condition is suspicious.",
    }
    types = articles_types(texts, pipeline)
    assert types.get("University of Sydney") == "Organization", types
    assert types["United States"] == "Place"


def test_an_events_own_words_vote_in_each_article(pipeline):
    """Tagged ORG in each of three articles, a championships stays an event: its name's end
    counts once an article, as the tags do."""
    texts = {
        "a": "Faith Kipyegon won the 1,500 metres at the World Athletics Championships in Tokyo.",
        "b": "Noah Lyles ran at the World Athletics Championships in Tokyo in September.",
        "c": "Mondo Duplantis broke the record at the World Athletics Championships in Tokyo.",
    }
    types = articles_types(texts, pipeline)
    assert types["World Athletics Championships"] == "Event", types
