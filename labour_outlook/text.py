"""Text handling for informal Dutch: folding, tokens, stems, slang, and removing words that must never steer advice."""

from __future__ import annotations

import functools
import re
import unicodedata

__all__ = ["fold", "tokens", "stem", "stems", "STOPWORDS", "GENERIC", "SLANG", "neutralise", "SENSITIVE_WORDS",
           "names_origin"]

_NON_WORD = re.compile(r"[^0-9a-z]+")


def fold(text: str) -> str:
    """Lower case, no accents, apostrophes dropped (auto's -> autos), everything else a space."""
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode().casefold()
    text = text.replace("'", "").replace("\u2019", "")
    return " ".join(_NON_WORD.sub(" ", text).split())


def tokens(text: str) -> list[str]:
    return fold(text).split()


@functools.lru_cache(maxsize=1)
def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("dutch")


@functools.lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    s = _stemmer().stemWord(word)
    # Snowball keeps some plural/verb forms apart that students mix freely.
    for suffix in ("s",):
        if len(s) > 4 and s.endswith(suffix) and not s.endswith("ss"):
            s = s[: -len(suffix)]
    return s


def stems(words: list[str]) -> list[str]:
    return [stem(w) for w in words]


STOPWORDS = frozenset(
    """
    aan al alle alles als altijd ander andere anders ben bij ben bent best beetje
    daar dan dat de deze die dit doe doen doet door dus echt een eens en er erg ga gaan gaat
    gedaan geen gek graag had heb hebben heeft hele het hier hij hoe hou houd houden ik in is ja
    je jij jou jouw juist kan kun kunnen lijkt lijk leuk leuke lekker maar me meer mee met mij mijn
    misschien mn m n na naar niet niets nog nou nu of ofzo om omdat ook op over soms te tegen toch tot u
    uit van veel vind vinden vindt voor vooral waar wat wel welk welke wie wij wil willen wilt word
    worden wordt z ze zelf zijn zo zou zoals zn echt heel super mega best wil zeg zegt weet weten
    interesse interesseert opleiding opleidingen later baan beroep doen dingen ding iets iemand
    mbo vmbo niveau school klas jaar goed goede zin wel denk denken eigenlijk vet chill gwn gewoon
    werk werken worden lijkt later liefst maken doen ouders vader moeder pa ma familie broer zus broertje zusje
    oom tante neef nicht opa oma vrienden vriend vriendin buren
    kom komt komen kwam kwamen
    klein kleine groot grote
    and the of for with to
    ofso enzo enz nee jah jaa ok oke okay hmm haha lol xd wrm waarom bro man fam wallah vaak wie
    """.split()
)

# Words in programme names that say nothing about the work itself.
GENERIC = frozenset(
    """medewerker medewerkers allround eerste assistent zelfstandig werkend vakbekwaam specialist
    gespecialiseerd niveau mbo leidinggevende coordinator junior expert en of van de het voor in
    technicus monteur gezel basis and the for with""".split()
)

# Teen spelling and slang -> a word the catalogue knows. Applied to folded tokens.
SLANG = {
    "gamen": "games", "gamer": "games", "gaming": "games", "game": "games", "gamet": "games",
    "kids": "kinderen", "kindjes": "kinderen", "kinders": "kinderen", "kinderne": "kinderen",
    "fixen": "repareren", "fix": "repareren", "maken": "maken", "insta": "instagram", "yt": "youtube",
    "pc": "computer", "pcs": "computers", "comp": "computer", "laptop": "computer",
    "brommers": "brommer", "scootertje": "scooter", "scoot": "scooter", "brommertje": "brommer",
    "auto": "auto", "autotjes": "autos", "wagens": "autos", "bolides": "autos",
    "beesten": "dieren", "beestjes": "dieren", "dieres": "dieren", "diertjes": "dieren",
    "hondjes": "honden", "hond": "honden", "kat": "katten", "paard": "paarden", "paardje": "paarden",
    "bejaarden": "ouderen", "oudjes": "ouderen",
    "kokkerellen": "koken", "kook": "koken", "koke": "koken", "bak": "bakken",
    "sporte": "sporten", "gym": "fitness", "gymmen": "fitness", "fitnessen": "fitness",
    "sportschool": "fitness", "workout": "fitness", "trainen": "trainen",
    "knippe": "knippen", "kappen": "kapper", "fades": "fade", "barber": "barbier",
    "makeup": "make-up", "nagelstudio": "nagels", "nails": "nagels",
    "coding": "programmeren", "code": "programmeren", "coden": "programmeren", "programeren": "programmeren",
    "hacker": "hacken", "hacks": "hacken", "computerz": "computers",
    "boot": "schip", "boten": "schepen", "trucks": "vrachtwagen", "truck": "vrachtwagen",
    "ziekenhuizen": "ziekenhuis", "zuster": "verpleegkundige", "dokters": "dokter",
    "doei": "", "fotos": "fotos", "filmpjes": "video", "vids": "video", "videos": "video",
    "tiktoks": "tiktok", "vloggen": "vloggen", "editen": "monteren", "edits": "monteren",
    "winkels": "winkel", "shoppen": "winkelen", "shop": "winkel", "kleren": "kleding",
    "outfits": "kleding", "fashion": "mode", "geld": "geld", "cash": "geld", "money": "geld",
    "business": "ondernemen", "baas": "leidinggeven", "eigenbaas": "eigen baas",
    "buiten": "buiten", "natuur": "natuur", "tuinen": "tuin", "bloemetjes": "bloemen",
    "tekene": "tekenen", "teken": "tekenen", "drawen": "tekenen", "design": "ontwerpen",
    "bouwe": "bouwen", "klussen": "klussen", "klusje": "klussen", "sleutele": "sleutelen",
    "sleutel": "sleutelen", "sleutel ": "sleutelen", "monteur": "monteur",
    "elektra": "elektriciteit", "stroom": "stroom", "muziekje": "muziek", "dj": "dj",
    "festival": "festivals", "feestjes": "feesten", "party": "feesten", "partys": "feesten",
    "politieagent": "politie", "agente": "agent", "smeris": "politie", "boa": "boa",
    "leger": "defensie", "soldaat": "militair", "army": "defensie",
    "helpe": "helpen", "help": "helpen", "zorgen": "zorg",
    "rekene": "rekenen", "cijfertjes": "cijfers", "excel": "excel", "kantoorbaan": "kantoor",
    "advocaat": "advocaat", "rechter": "rechtbank", "wet": "wetten",
    "vrachtwagens": "vrachtwagen", "vliegtuig": "vliegtuigen", "vliege": "vliegen",
}

# Words that say who a student is rather than what they like. They are removed before any matching,
# so a name, origin, religion or headscarf can never change the advice ("fair by construction").
_NAMES = """
mohammed mohamed muhammed mehmet ahmed ahmet ali omar youssef yusuf ibrahim mustafa hamza bilal ayoub
ayoub anouar soufiane khalid hassan hussein karim rachid nordin achraf ilias ismail mounir younes adam
fatima fatma aisha ayse zeynep emine elif meryem mariam yasmina yasmine nour noor salma khadija hafsa
sara sarah amira imane ikram hanan dounia kaoutar naima samira leila layla esra merve büşra busra
kevin daan sem lucas levi finn milan jesse thijs bram lars ruben tim tom luuk stijn jens niels
emma julia tess sophie anna lisa lotte eva sanne fleur iris femke anouk lieke noa zoe
priya ravi anil sunita shanti aziz abdi abdullah abdul farah hodan ayaan ahmad reza mehdi dariusz
piotr kasia agnieszka marta tomasz jakub olena oksana dmitri ivan giovanni jose maria carlos
kofi kwame ama akosua jermaine shanice kenji rodney gregory natasha chanel dewi wong chen li
""".split()

_ORIGINS = """
marokko marokkaans marokkaanse marokkaan marokkanen turkije turks turkse turk turken
suriname surinaams surinaamse surinamer surinamers antillen antilliaans antilliaanse antilliaan
curacao curacaos aruba arubaans bonaire nederland nederlands nederlandse nederlander nederlanders
syrie syrisch syrische syrier syriers eritrea eritrees eritrese eritreeer somalie somalisch somalische
somalier somaliers afghanistan afghaans afghaanse afghaan irak iraaks iraakse irakees iran iraans
iraanse iraniers polen pools poolse polen roemenie roemeens roemeense bulgarije bulgaars bulgaarse
ghana ghanees ghanese nigeria nigeriaans nigeriaanse kaapverdie kaapverdiaans kaapverdische
indonesie indonesisch indonesische molukken moluks molukse china chinees chinese vietnam vietnamees
vietnamese india indiaas indiase hindostaans hindostaanse pakistan pakistaans pakistaanse
egypte egyptisch egyptische ethiopie ethiopisch ethiopische oekraine oekraiens oekraiense rusland
russisch russische duitsland duits duitse belgie belgisch belgische spanje spaans spaanse portugal
portugees portugese italie italiaans italiaanse griekenland grieks griekse bosnie bosnisch bosnische
koerd koerdisch koerdische koerden berber berbers amazigh arabisch arabische afrikaans afrikaanse
afrika azie aziatisch aziatische europa europees europese amerika amerikaans amerikaanse
allochtoon allochtone autochtoon autochtone migratieachtergrond migrant migranten vluchteling
vluchtelingen statushouder nieuwkomer buitenlands buitenlandse zwart zwarte wit witte blank blanke
getint getinte donker donkere
""".split()

_RELIGION = """
moslim moslima moslims islam islamitisch islamitische islamitische christen christenen christelijk
christelijke katholiek katholieke protestant protestants protestantse gereformeerd gereformeerde
joods joodse jood joden hindoe hindoes hindoeistisch hindoeistische boeddhist boeddhistisch
boeddhistische sikh sikhs atheist atheistisch gelovig gelovige moskee kerk kerken synagoge tempel
koran bijbel ramadan bidden gebed vasten halal kosher imam dominee pastoor rabbijn
hoofddoek hoofddoekje hijab sluier niqab boerka burka tulband keppel kruisje jilbab
""".split()

_GENDER = "meisje meisjes meid meiden jongen jongens gast gasten vrouw vrouwen transgender".split()

# More countries and nationality adjectives (folded: no accents; hyphenated words fold to two words).
_NATIONALITIES = """
algerije algerijns algerijnse tunesie tunesisch tunesische libie libisch libische libanon libanees libanese
palestina palestijns palestijnse jemen jemenitisch jemenitische soedan soedanees soedanese saoedi arabie
saoedisch saoedische koeweit koeweits jordanie jordaans jordaanse tsjetsjenie tsjetsjeens tsjetsjeense
armenie armeens armeense georgie georgisch georgische azerbeidzjan azerbeidzjaans albanie albanees albanese
kosovo kosovaars kosovaarse servie servisch servische kroatie kroatisch kroatische macedonie macedonisch
macedonische hongarije hongaars hongaarse tsjechie tsjechisch tsjechische slowakije slowaaks slowaakse
litouwen litouws litouwse letland lets letse estland ests estse brits britse engeland engelse ierland iers
ierse schotland schots schotse frankrijk frans franse zweden zweeds zweedse noorwegen noors noorse
denemarken deens deense finland fins finse zwitserland zwitsers zwitserse oostenrijk oostenrijks
oostenrijkse brazilie braziliaans braziliaanse colombia colombiaans colombiaanse venezuela venezolaans
venezolaanse dominicaans dominicaanse filipijnen filipijns filipijnse thailand thais thaise japan japans
japanse korea koreaans koreaanse bangladesh bengaals bengaalse srilanka lankaans lankaanse nepal
nepalees nepalese congo congolees congolese kameroen kameroens kameroense senegal senegalees senegalese
guinee guinees guinese angola angolees angolese kenia keniaans keniaanse oeganda oegandees oegandese
burundi burundees rwanda rwandees mongolie mongools mongoolse belarus wit-russisch moldavie moldavisch
turkmeen oezbeek oezbeeks kazach kazachs tadzjiek hindostaan javaan javaans javaanse
nationaliteit nationaliteiten paspoort verblijfsvergunning asielzoeker asielzoekers azc inburgering
inburgeringscursus expat expats achtergrond limburgs brabants
""".split()

# Languages spoken at home (and the lead-ins in _ALWAYS_PERSONAL drop the word after "thuis spreken we").
_LANGUAGES = """
papiaments papiamento sranan sranantongo tigrinya tigrinia tigrinja amhaars amhaarse dari farsi perzisch
pasjtoe pashto urdu hindi tamil tamazight tarifit riffijns chinees mandarijn kantonees tagalog swahili
twi yoruba igbo lingala engels moedertaal thuistaal
""".split()

# Skin colour. Colour words on their own stay (a painter likes colours): they go only next to a
# skin word, see _SKIN_PHRASE.
_SKIN = "huidskleur huidskleuren kleurling kleurlingen gekleurd gekleurde fries friese friezen".split()

# Religious clothing and places and feasts beyond _RELIGION.
_RELIGIOUS_MORE = """
hoofddoeken hidjab hidjaab chador abaya kippa keppeltje tulbanden djellaba qamis gebedskleed kruisketting
davidster moskeeen kerken gurdwara mandir koranschool zondagsschool gebedshuis cemevi kerkdienst
vrijdaggebed suikerfeest offerfeest divali diwali chanoeka pesach moslimmeisje moslimjongen
""".split()

SENSITIVE_WORDS = (frozenset(_NAMES) | frozenset(_ORIGINS) | frozenset(_RELIGION) | frozenset(_GENDER)
                   | frozenset(_NATIONALITIES) | frozenset(_LANGUAGES) | frozenset(_SKIN)
                   | frozenset(_RELIGIOUS_MORE))

# "een donkere huid", "lichte huidskleur", "licht getint": the colour word goes with the skin word.
_SKIN_PHRASE = re.compile(
    r"\b(?:heel\s+|erg\s+|vrij\s+)?(?:licht|lichte|donker|donkere|bruin|bruine|zwart|zwarte|wit|witte|blank|blanke"
    r"|getint|getinte|olijfkleurig\w*|roze)\s+(?:huids?kleur\w*|huid|huidje|kleur|getint|getinte)\b"
    # "mijn huid is licht", "huidskleur: donker"
    r"|\b(?:huids?kleur\w*|huid)\s*(?:is|was|:)?\s+(?:heel\s+|erg\s+|vrij\s+)?(?:licht|lichte|donker|donkere"
    r"|bruin|bruine|zwart|zwarte|wit|witte|blank|blanke|getint|getinte)\b",
    re.IGNORECASE,
)

# After these lead-ins the next word is who the student is or where they come from.
_ALWAYS_PERSONAL = ("ik heet", "mijn naam is", "naam is", "noem me", "ze noemen me", "ik kom uit", "kom uit",
                    "komen uit", "komt uit", "geboren in", "afkomstig uit", "mijn ouders zijn",
                    # the language spoken at home
                    "thuis spreken we", "thuis spreek ik", "spreken we thuis", "spreek ik thuis",
                    "spreken wij thuis", "thuis praten we", "mijn moedertaal is", "moedertaal is")
# After "ik ben" the next word is only dropped when the catalogue does not know it ("ik ben creatief" stays).
_MAYBE_PERSONAL = ("ik ben", "ben ik", "dit is", "hier is", "groetjes", "groeten", "xx", "doei")
_WORD = re.compile(r"[\w'\u2019-]+", re.UNICODE)


def neutralise(text: str, known: frozenset[str] | set[str] = frozenset()) -> str:
    """Folded text without names, origins, languages, skin colour, religion, gender or headscarf words.

    After "ik heet", "mijn naam is" or "ik kom uit" the next word is dropped whatever it is; after
    "ik ben" when it is not a word in ``known`` (the catalogue vocabulary). A capitalised word in the
    middle of the text that the catalogue does not know is taken to be a name and dropped too.
    """
    text = _SKIN_PHRASE.sub(" ", str(text))
    out: list[str] = []
    drop_next_always = drop_next_unknown = False
    for m in _WORD.finditer(text):
        tok = m.group(0)
        before = text[: m.start()].rstrip()
        sentence_start = not before or before[-1] in ".!?:;\n"
        f = fold(tok)
        if not f:
            continue
        for w in f.split():
            if drop_next_always:
                drop_next_always = False
                continue
            if drop_next_unknown:
                drop_next_unknown = False
                if w not in known and w not in STOPWORDS and not w.isdigit():
                    continue
            if w in SENSITIVE_WORDS:
                continue
            if not sentence_start and tok[:1].isupper() and not tok.isupper() and w not in known and w not in STOPWORDS:
                continue
            out.append(w)
            tail = " ".join(out[-4:])
            if any(tail.endswith(p) for p in _ALWAYS_PERSONAL):
                drop_next_always = True
            elif any(tail.endswith(p) for p in _MAYBE_PERSONAL):
                drop_next_unknown = True
    return " ".join(out)


# "mijn ouders komen uit", "ik ben geboren in", "familie uit": a place right after these is where
# someone comes from, not where they want to be (an internship place, a region).
_ORIGIN_BEFORE = re.compile(
    r"(?:\b(?:kom|komt|komen|kwam|kwamen|geboren|afkomstig|ouders|vader|moeder|familie|opa|oma|roots)"
    r"(?:\s+\w+){0,2}\s+(?:uit|in|van)|\bafkomst\w*\s*:?)\s*$",
    re.IGNORECASE,
)


def names_origin(text: str, start: int) -> bool:
    """True when the word at ``start`` in ``text`` says where someone comes from ("komen uit Utrecht")."""
    return bool(_ORIGIN_BEFORE.search(str(text)[: max(0, start)]))
