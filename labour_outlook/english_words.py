"""English interest words -> the Dutch words the catalogue knows ("animals" -> "dieren").

Students who chat in English (issue 16) type their interests in English. The lexical
index and the embedded words are Dutch, so recommend.analyse maps each English word here
before the typo fixer sees it (which would turn "children" into "schilderen"). Then "I
like working with animals" and "ik werk graag met dieren" become the same words and get
the same programmes. An empty value drops a filler word. Keys are folded tokens
(text.fold); no key is also a Dutch word with another meaning ("kind", "arts", "door").
"""
from __future__ import annotations

__all__ = ["ENGLISH", "ENGLISH_BREAKS", "ENGLISH_NEGATORS", "ENGLISH_NEGATE_AFTER", "DUTCH_TO_ENGLISH"]

_FILLER = """i im ive id like likes liked love loves enjoy enjoys want wanna would could should to with and the a an
of on at for my mine me you your it its that this these those some something things thing stuff really very
much lot lots also maybe being be am is are was do doing does did have has having can make making get getting
work working works job jobs become be good great fun into about other kind sort all any as so too just think
favourite favorite hobby hobbies prefer rather but pretty mostly especially""".split()

ENGLISH: dict[str, str] = {w: "" for w in _FILLER}
ENGLISH.update({
    # animals, nature, outside
    "animals": "dieren", "animal": "dieren", "pets": "dieren", "dogs": "honden", "dog": "honden",
    "horses": "paarden", "horse": "paarden", "cats": "katten", "cat": "katten", "farm": "boerderij",
    "cows": "koeien", "fish": "vissen", "nature": "natuur", "outside": "buiten", "outdoors": "buiten",
    "plants": "planten", "flowers": "bloemen", "garden": "tuin", "gardening": "tuin", "agriculture": "landbouw",
    # vehicles, technology, building
    "cars": "autos", "car": "autos", "motorbikes": "motoren", "motorcycles": "motoren", "engines": "motoren",
    "scooters": "scooter", "bikes": "fietsen", "bike": "fietsen", "bicycles": "fietsen", "trucks": "vrachtwagen",
    "driving": "rijden", "drive": "rijden", "ships": "schip", "boats": "schip", "planes": "vliegtuigen",
    "aeroplanes": "vliegtuigen", "airplanes": "vliegtuigen", "fixing": "repareren", "repairing": "repareren",
    "repair": "repareren", "building": "bouwen", "build": "bouwen", "construction": "bouw", "wood": "hout",
    "woodwork": "hout", "metal": "metaal", "welding": "lassen", "machines": "machines", "technology": "techniek",
    "technical": "techniek", "tech": "techniek", "electricity": "elektriciteit", "electrical": "elektriciteit",
    "electronics": "elektronica", "energy": "energie", "solar": "zonnepanelen", "robots": "robots",
    "installing": "installatie", "painting": "schilderen", "paint": "schilderen",
    # computers
    "computers": "computers", "gaming": "games", "programming": "programmeren", "websites": "websites",
    "software": "software", "internet": "internet", "hacking": "hacken", "networks": "netwerken",
    # food, hospitality
    "cooking": "koken", "cook": "koken", "chef": "koken", "baking": "bakken", "bake": "bakken", "food": "eten",
    "kitchen": "keuken", "restaurants": "restaurant", "hotels": "hotel", "travel": "reizen", "travelling": "reizen",
    "traveling": "reizen", "tourism": "toerisme", "drinks": "drinken", "coffee": "koffie",
    # people, care, education
    "people": "mensen", "helping": "helpen", "care": "zorg", "caring": "verzorgen", "taking": "",
    "elderly": "ouderen", "children": "kinderen", "kids": "kinderen", "child": "kinderen",
    "babies": "baby", "young": "jongeren", "youth": "jongeren", "teaching": "lesgeven", "teach": "lesgeven",
    "hospital": "ziekenhuis", "nurse": "verpleegkundige", "nursing": "verpleegkundige", "doctor": "dokter",
    "patients": "patienten", "sick": "zieken", "health": "gezondheid", "social": "sociaal",
    "guiding": "begeleiden", "coaching": "begeleiden",
    # creative, beauty, sport
    "drawing": "tekenen", "draw": "tekenen", "designing": "ontwerpen", "photography": "fotografie",
    "photos": "fotos", "videos": "video", "films": "film", "movies": "film", "music": "muziek",
    "singing": "zingen", "dancing": "dansen", "theatre": "theater", "theater": "theater", "art": "kunst",
    "fashion": "mode", "clothes": "kleding", "clothing": "kleding", "hair": "haar", "cutting": "knippen",
    "hairdresser": "kapper", "makeup": "make-up", "nail": "nagels", "beauty": "schoonheid",
    "jewellery": "sieraden", "jewelry": "sieraden", "sports": "sport", "sporting": "sport",
    # business, office, safety
    "money": "geld", "numbers": "cijfers", "maths": "rekenen", "math": "rekenen", "calculating": "rekenen",
    "office": "kantoor", "organising": "organiseren", "organizing": "organiseren", "organise": "organiseren",
    "events": "evenementen", "parties": "feesten", "shop": "winkel", "shops": "winkel", "selling": "verkopen",
    "sales": "verkoop", "customers": "klanten", "business": "ondernemen", "leading": "leidinggeven",
    "law": "recht", "laws": "wetten", "police": "politie", "officer": "", "safety": "veiligheid",
    "security": "beveiliging", "firefighter": "brandweer", "army": "defensie", "military": "militair",
    "warehouse": "magazijn", "logistics": "logistiek", "languages": "talen", "writing": "schrijven",
    "laboratory": "laboratorium", "lab": "laboratorium", "chemistry": "chemie", "biology": "biologie",
    "phones": "telefoon", "cleaning": "schoonmaken",
})

ENGLISH_BREAKS = frozenset({"but", "rather", "instead", "though"})  # end a "not ..." like Dutch "maar"
ENGLISH_NEGATORS = frozenset({"not", "no", "never", "dont", "don", "hate", "without", "dislike", "nothing"})
ENGLISH_NEGATE_AFTER = frozenset({"boring", "stupid", "gross"})

# The other way, for what the student reads ("past bij: dieren" is "fits: animals"): the first
# English word of each Dutch one above.
DUTCH_TO_ENGLISH: dict[str, str] = {}
for _english, _dutch in ENGLISH.items():
    if _dutch:
        DUTCH_TO_ENGLISH.setdefault(_dutch, _english)
