"""One-off move of the 208 old profiles (labour_outlook/data/programmes.csv,
mostly on invented 9xxxx codes) onto real programmes of the register.

Rows whose name and niveau match a register programme (case, spaces and
hyphens ignored) move automatically. The rest are decided by hand in MANUAL:
the real current code, None to drop the profile, or MERGE to drop it and add
its search words to the profile of another programme. EDITS adjusts the text
where the real programme differs a little from the old one.

Usage: python scripts/profiles_move.py  (writes labour_outlook/data/profiles.csv)
"""

from __future__ import annotations

import csv
import sys

from profiles_common import ROOT, current_programmes, load_register, norm_name, write_profiles

OLD = ROOT / "labour_outlook" / "data" / "programmes.csv"

MERGE = "merge"

# old code -> real current code (None: no real programme fits, dropped)
MANUAL: dict[str, str | None | tuple[str, str]] = {
    "90107": (MERGE, "25740"),  # Assistent bouw en infra -> Assistent bouwen, wonen en onderhoud
    "90142": "25125",  # Betonwerker -> Betontimmerman
    "90149": "25929",  # Dakdekker -> Dakdekker pannen/leien
    "90163": "25119",  # Uitvoerder bouw en infra -> Uitvoerder bouw/infra
    "90170": "25754",  # Straatmaker 2 -> Opperman bestratingen 2
    "90177": "25755",  # Allround straatmaker 3 -> Straatmaker 3
    "90191": "25756",  # Vakman grond-, water- en wegenbouw -> Vakman gww
    "90212": "25924",  # Meubelmaker -> Meubelmaker/(scheeps)interieurbouwer
    "90219": "25926",  # Allround meubelmaker -> Allround meubelmaker/(scheeps)interieurbouwer
    "90226": "25927",  # Werkvoorbereider hout en meubel -> Werkvoorbereider meubelindustrie/...
    "90240": "25588",  # Allround schilder -> Gezel schilder
    "90254": "25037",  # Allround stukadoor -> Gezel stukadoor
    "90268": "25034",  # Schoonmaakmedewerker -> Schoonmaker in verschillende omgevingen
    "90275": "25031",  # Leidinggevende schoonmaak -> (Ambulant) objectleider
    "90282": "25792",  # Medewerker gebouwonderhoud -> Servicemedewerker gebouwen
    "90310": "25736",  # Eerste monteur elektrotechnische installaties -> ... in de gebouwde omgeving
    "90331": "26100",  # Eerste monteur werktuigkundige installaties -> Eerste monteur duurzame installaties
    "90338": "27076",  # Servicemonteur koudetechniek -> Servicemonteur koude- en klimaatsystemen
    "90345": "25124",  # Technicus installatietechniek -> Werkvoorbereider installaties
    "90401": "25761",  # Operator 2 -> Procesoperator A
    "90408": "25762",  # Allround operator 3 -> Procesoperator B
    "90415": "25802",  # Procestechnicus 4 -> Operator C
    "90422": "25941",  # Vliegtuigonderhoudstechnicus -> Technicus mechanica luchtvaartuigen
    "90429": None,  # Laboratoriummedewerker 2: no lab programme at niveau 2
    "90436": "25951",  # Laborant 3 -> Allround laborant
    "90443": "25952",  # Analist -> Chemisch fysisch analist
    "90450": "27032",  # Optiekmedewerker 3 -> Allround medewerker optiek
    "90464": "25664",  # Tandtechnicus -> Tandtechnicus kroon- en brugwerk
    "90485": "25856",  # Goudsmid 3 -> Basisgoudsmid
    "90492": "25897",  # Instrumentmaker 4 -> Researchinstrumentmaker
    "90520": "25798",  # Podium- en evenemententechnicus 4 -> Allround podium- en evenemententechnicus
    "90527": "25800",  # Medewerker podium- en evenemententechniek 3 -> Podium- en evenemententechnicus 3
    "90541": "27002",  # Signmaker 2 -> Medewerker sign
    "90555": "25208",  # Medewerker grafische media 3 -> Drukker
    "90562": (MERGE, "25633"),  # Game artist: a direction of Mediavormgever, no own kwalificatie
    "90597": "25190",  # Netwerkbeheerder -> Netwerk- en mediabeheerder
    "90604": "25191",  # Medewerker ICT-beheer -> Medewerker beheer ICT
    "90611": "27049",  # Expert cyber security -> Informatiebeveiliger
    "90618": "25188",  # Game developer -> Gamedeveloper
    "90646": "25249",  # Technisch specialist personenauto's -> Technisch Specialist Personenautos
    "90653": "25235",  # Motorvoertuigentechnicus 2 -> Scootertechnicus
    "90695": "25241",  # Eerste monteur mobiele werktuigen -> Allround monteur mobiele werktuigen
    "90751": "27042",  # Chauffeur goederenvervoer -> Chauffeur wegvervoer
    "90758": "25672",  # Chauffeur personenvervoer -> Chauffeur openbaar vervoer
    "90765": "25389",  # Planner wegtransport 4 -> Planner wegtransport (niveau 3 in the register)
    "90786": "25516",  # Maritiem officier -> Maritiem officier alle schepen
    "90814": "25167",  # Verkoopmedewerker -> Verkoper
    "90849": "25876",  # E-commerce medewerker 3 -> E-commerce specialist (niveau 4)
    "90856": "25689",  # Medewerker mode/maatkleding 2 -> Basismedewerker fashion
    "90884": None,  # Productiemedewerker textiel: no textile production programme
    "90891": "25149",  # Administratief medewerker -> Medewerker (financiele) administratie
    "90898": "25139",  # Medewerker financiele administratie 3 -> Financieel administratief medewerker
    "90912": "25152",  # Secretarieel medewerker -> Secretaresse
    "90919": "25151",  # Managementassistent -> Managementassistent/directiesecretaresse
    "90926": "25728",  # Office manager -> Office & Management Support Specialist
    "90933": "25145",  # Juridisch medewerker zakelijke dienstverlening -> Juridisch-administratief dienstverlener
    "90940": "25726",  # Juridisch medewerker personeel en arbeid -> Legal, Insurance & HR Services Specialist
    "90947": None,  # Juridisch medewerker openbaar bestuur: not in the register
    "90954": "25146",  # HR-medewerker -> Medewerker human resource management (HRM)
    "90961": "25874",  # Commercieel medewerker binnendienst -> Commercieel medewerker
    "90982": "25135",  # Contactcentermedewerker 2 -> Contactcenter medewerker (niveau 3)
    "90989": "25141",  # Commercieel medewerker bank- en verzekeringswezen -> Adviseur Bancaire Diensten
    "91017": None,  # Politiemedewerker: police training is not an mbo kwalificatie in the register
    "91024": None,  # Allround politiemedewerker: idem
    "91031": "25599",  # Veiligheid en vakmanschap -> Aankomend medewerker grondoptreden
    "91052": "25912",  # Fitnesstrainer -> Trainer-coach/Instructeur
    "91087": "25401",  # Kapper-ondernemer -> Salonmanager
    "91094": None,  # Medewerker schoonheidsverzorging 2: no beauty programme at niveau 2
    "91143": "25168",  # Gastheer/gastvrouw -> Gastheer/-vrouw
    "91150": "25171",  # Zelfstandig werkend gastheer/gastvrouw -> Zelfstandig werkend gastheer/-vrouw
    "91164": "26012",  # Receptionist -> Allround hospitality medewerker
    "91171": "25721",  # Bakker -> Uitvoerend bakker
    "91178": "25722",  # Allround bakker -> Zelfstandig werkend bakker
    "91185": "25797",  # Banketbakker -> Patissier
    "91199": "25608",  # Leidinggevende facilitaire dienstverlening 3 -> Facilitair leidinggevende (4)
    "91206": (MERGE, "25961"),  # Medewerker recreatie -> Medewerker sport en recreatie
    "91213": "25648",  # Zelfstandig medewerker recreatie -> Zelfstandig medewerker leisure & hospitality
    "91248": None,  # Gids/reisleider: no programme of its own
    "91262": None,  # Kraamverzorgende: not in the register
    "91269": "25479",  # Thuisbegeleider 3 -> Thuisbegeleider (niveau 4)
    "91346": "25488",  # Activiteitenbegeleider -> Sociaal-cultureel werker
    "91353": "25780",  # Medewerker maatschappelijke zorg -> Begeleider maatschappelijke zorg
    "91360": "25746",  # Assistent plant, dier en (groene) ruimte -> Assistent plant, dier of groene omgeving
    "91367": "25732",  # Dierverzorger -> Medewerker dierverzorging
    "91374": "25579",  # Vakbekwaam dierverzorger -> Vakbekwaam medewerker dierverzorging
    "91388": "25915",  # Paardenverzorger 2 -> Vakbekwaam medewerker paardensport en -houderij (3)
    "91395": "25621",  # Hovenier 2 -> Medewerker hovenier
    "91416": None,  # Bos- en natuurbeheerder 4: no such programme in the register
    "91423": "25707",  # Bloemist -> Medewerker bloem, groen en styling
    "91430": "25706",  # Allround bloemist -> Vakbekwaam medewerker bloem, groen en styling
    "91458": "25460",  # Productiemedewerker voedingsindustrie -> Medewerker voeding en technologie
    "91465": "26036",  # Procesoperator voedingsindustrie -> Vakbekwaam medewerker industrieel produceren van levensmiddelen
    "91472": "25701",  # Slager 2 -> Medewerker vers
    "91479": "25424",  # Allround slager -> Slager-traiteur
    "91486": "25992",  # Medewerker groen, grond en infra -> Medewerker groen, grond en groene infra
    "91493": "26024",  # Medewerker voeding en leefstijl 3 -> Voeding- en leefstijladviseur (4)
    "91500": (MERGE, "25701"),  # Verkoper versbranche -> Medewerker vers
}

# text changes where the real programme differs from the old profile
EDITS: dict[str, dict[str, str]] = {
    "25125": {
        "description": "Je maakt bekistingen van hout of staal en stort daarin beton voor vloeren, muren en bruggen.",
        "beroepen": "betontimmerman;betonwerker",
    },
    "25754": {
        "description": "Je helpt de straatmaker bij het aanleggen van stoepen, straten en pleinen. Je maakt de grond klaar en legt tegels en klinkers.",
        "beroepen": "opperman bestratingen;stratenmaker",
    },
    "25034": {
        "description": "Je maakt kantoren, scholen, ziekenhuizen en andere gebouwen schoon. Je werkt met machines en schoonmaakmiddelen.",
        "beroepen": "schoonmaker;schoonmaakmedewerker",
    },
    "25031": {"beroepen": "objectleider schoonmaak;teamleider schoonmaak;rayonleider"},
    "25736": {"beroepen": "eerste monteur;elektricien;storingsmonteur"},
    "26100": {"beroepen": "eerste monteur installaties;warmtepompmonteur;servicemonteur"},
    "25124": {
        "description": "Je bereidt het werk aan installaties voor verwarming, water en ventilatie voor. Je maakt tekeningen, berekeningen en planningen.",
    },
    "25802": {"beroepen": "operator c;procesoperator;procestechnicus"},
    "25952": {
        "description": "Je onderzoekt stoffen, water of voedsel in een lab met moderne apparaten en je werkt de uitkomsten uit.",
        "beroepen": "analist;laboratoriumanalist;chemisch analist",
    },
    "25897": {
        "description": "Je maakt heel precieze onderdelen en apparaten voor onderzoek, ziekenhuizen en bedrijven.",
    },
    "25800": {"beroepen": "podiumtechnicus;stagehand;roadie"},
    "25208": {
        "description": "Je stelt drukpersen in en bedient ze. Je drukt folders, boeken en verpakkingen en controleert de kwaliteit.",
        "beroepen": "drukker;printmedewerker",
    },
    "25235": {
        "description": "Je repareert en onderhoudt scooters en brommers.",
        "beroepen": "scootermonteur;brommermonteur;tweewielermonteur",
        "synonyms": "brommer;scooter;scooters;sleutelen;brommers;tweewieler;snorfiets;monteur;motorvoertuigentechniek;garage",
    },
    "25672": {
        "description": "Je rijdt met een bus door de stad of de regio en brengt reizigers veilig op hun plek.",
        "beroepen": "buschauffeur;chauffeur openbaar vervoer",
        "synonyms": "bus;buschauffeur;rijden;chauffeur;mensen vervoeren;openbaar vervoer;ov;reizigers",
    },
    "25876": {
        "description": "Je werkt voor een webshop. Je zet producten online, volgt de verkoop en bedenkt acties om meer klanten te trekken.",
        "beroepen": "webshopmedewerker;e-commerce specialist;online marketeer",
    },
    "25689": {
        "description": "Je naait, past en repareert kleding in een atelier of werkplaats.",
        "beroepen": "naaier;kleermaker;medewerker atelier",
    },
    "25149": {
        "description": "Je verwerkt post, gegevens, formulieren en facturen op kantoor en neemt de telefoon op.",
    },
    "25152": {"beroepen": "secretarieel medewerker;receptionist;officemedewerker"},
    "25151": {"beroepen": "managementassistent;directieassistent"},
    "25728": {"beroepen": "office manager;managementondersteuner"},
    "25145": {"beroepen": "juridisch medewerker;paralegal;incassomedewerker"},
    "25726": {
        "description": "Je helpt bij contracten, verzekeringen en personeelszaken. Je zoekt uit welke regels gelden en legt ze uit.",
        "beroepen": "juridisch medewerker;hr-medewerker;medewerker verzekeringen",
        "synonyms": "juridisch;recht;rechten;arbeidsrecht;wetten;verzekeringen;personeel;hr;regels;kantoor",
    },
    "25135": {
        "description": "Je helpt klanten via telefoon, chat en mail met vragen en klachten.",
    },
    "25141": {
        "description": "Je adviseert klanten van een bank over sparen, lenen, betalen en hypotheken.",
        "beroepen": "financieel adviseur;bankmedewerker;hypotheekadviseur",
        "synonyms": "bank;geld;financien;hypotheken;sparen;lenen;economie;adviseren;cijfers",
    },
    "25599": {
        "description": "Je leert bij Defensie werken in een team, buiten en onder zware omstandigheden. Je traint veel en werkt met materieel.",
        "beroepen": "militair;soldaat",
        "synonyms": "defensie;leger;militair;soldaat;landmacht;sport;buiten werken;avontuur;actie;discipline;veiligheid en vakmanschap;veva",
    },
    "25912": {
        "description": "Je geeft trainingen en lessen in sport en fitness. Je maakt schema's en begeleidt mensen bij het sporten.",
        "beroepen": "fitnesstrainer;personal trainer;sportinstructeur;trainer-coach",
    },
    "25401": {
        "description": "Je knipt, je stuurt een team aan en je leidt een kapsalon of barbershop.",
    },
    "26012": {
        "description": "Je ontvangt gasten in een hotel of park, checkt ze in en helpt met vragen, reserveringen en service.",
        "beroepen": "hotelreceptionist;front office medewerker;hospitality medewerker",
        "synonyms": "hotel;receptie;receptionist;gasten;talen;mensen helpen;reserveringen;hospitality;vakantiepark",
    },
    "25797": {"beroepen": "patissier;banketbakker;chocolatier"},
    "25608": {
        "description": "Je plant diensten zoals catering, schoonmaak en beveiliging in een gebouw en stuurt medewerkers aan.",
        "beroepen": "facilitair leidinggevende;facilitair teamleider;cateringmanager",
    },
    "25479": {
        "description": "Je helpt mensen thuis om hun leven en huishouden op orde te houden. Je maakt samen met hen een plan.",
    },
    "25488": {
        "description": "Je organiseert creatieve, culturele en sportieve activiteiten in de wijk voor jongeren, ouderen of mensen met een beperking.",
        "beroepen": "sociaal-cultureel werker;activiteitenbegeleider;jongerenwerker",
    },
    "25780": {"beroepen": "begeleider maatschappelijke zorg;groepsbegeleider"},
    "25746": {
        "description": "Je helpt bij het werk met planten of dieren: in een tuin, een kas, een park of op een boerderij.",
    },
    "25732": {"beroepen": "dierverzorger;medewerker dierenpension;medewerker dierenasiel"},
    "25915": {
        "description": "Je verzorgt paarden, houdt stallen schoon en helpt bij het trainen en africhten.",
        "beroepen": "paardenverzorger;stalmedewerker;groom",
        "synonyms": "paarden;paard;manege;paardrijden;stal;dieren;buiten werken;pony;rijden op een paard",
    },
    "25621": {"beroepen": "hovenier;tuinman;groenvoorziener"},
    "25707": {
        "description": "Je maakt boeketten en bloemstukken en helpt klanten in een bloemenwinkel of tuincentrum.",
        "beroepen": "bloemist;bloembinder",
    },
    "25706": {"beroepen": "bloemist;bloemstylist"},
    "25460": {
        "description": "Je maakt, controleert en verpakt voedsel in een fabriek. Je werkt met machines en let op hygiëne.",
        "beroepen": "productiemedewerker food;operator voedingsindustrie",
    },
    "26036": {"beroepen": "operator food;procesoperator voedingsindustrie"},
    "25701": {
        "description": "Je werkt in een slagerij, kaaswinkel, viszaak of groentezaak. Je bereidt de producten en helpt klanten.",
        "beroepen": "medewerker slagerij;verkoper versbranche;marktkoopman",
        "synonyms": "slager;vlees;slagerij;kaas;vis;groente;fruit;markt;verkopen;winkel;eten;klanten",
    },
    "25424": {"beroepen": "slager;slager-traiteur;chef slagerij"},
    "26024": {
        "description": "Je geeft voorlichting en advies over gezond eten en bewegen aan mensen, groepen of scholen.",
        "beroepen": "voedingsadviseur;leefstijlcoach",
    },
}

# words added to a profile: from a merged (dropped) profile, or to reach six search words
MERGE_WORDS: dict[str, dict[str, str]] = {
    "25740": {"beroepen": "bouwhulp", "synonyms": "bouw;bouwplaats;bouwvakker;sjouwen;wegen"},
    "25633": {"synonyms": "games;game artist;3d;characters"},
    "25961": {"synonyms": "camping;vakantiepark;animatie;vakantie"},
    # a few more search words where the old profile had fewer than six
    "25031": {"synonyms": "schoonmaakbedrijf;rooster maken"},
    "25037": {"synonyms": "stuken;plafonds"},
    "25153": {"synonyms": "kassa;supermarkt"},
    "25251": {"synonyms": "verpleeghuis;huishouden"},
    "25408": {"synonyms": "bewaking;rooster maken"},
    "25608": {"synonyms": "schoonmaak;gebouw"},
    "25693": {"synonyms": "voetverzorging;diabetes"},
    "25694": {"synonyms": "voetverzorging;pedicuresalon"},
    "25747": {"synonyms": "machines bedienen;inpakken"},
}


# Job titles are shown to students ("Je kunt bijvoorbeeld werken als ..."): only gender-neutral
# ones. The old gendered word stays a search term, because students type it.
NEUTRAL_BEROEPEN = {
    "kapster": None,
    "zuster": None,
    "verpleger": None,
    "steward": None,
    "deksman": None,
    "serveerster": "bedieningsmedewerker",
    "stewardess": "flight attendant",
    "grondstewardess": "medewerker passagiersafhandeling",
    "coupeuse": "modemaker",
    "naaister": "naaier",
    "nagelstyliste": "nagelstylist",
    "leidster kinderdagverblijf": "medewerker kinderdagverblijf",
    "gastvrouw": "gastheer/gastvrouw",
    "klusjesman": "klusser",
    "tuinman": "tuinier",
    "boerenknecht": "medewerker melkveebedrijf",
    "marktkoopman": "marktverkoper",
    "containerman": "medewerker containerterminal",
    "huismeester": "gebouwbeheerder",
    "voorman timmerwerk": "ploegleider timmerwerk",
    "voorman metselwerk": "ploegleider metselwerk",
    "voorman bestrating": "ploegleider bestrating",
    "voorman logistiek": "ploegleider logistiek",
}

# Search words that neutralise() removes from what a student types (gender, origin): useless as
# synonyms, and not wanted in the data.
DROP_SYNONYMS = {"gasten", "europa"}


def _neutral(profile: dict[str, str]) -> None:
    beroepen, extra = [], []
    for b in profile["beroepen"].split(";"):
        if b in NEUTRAL_BEROEPEN:
            extra.append(b)
            b = NEUTRAL_BEROEPEN[b]
        if b and b not in beroepen:
            beroepen.append(b)
    profile["beroepen"] = ";".join(beroepen)
    synonyms = [s for s in profile["synonyms"].split(";") if s and s not in DROP_SYNONYMS]
    profile["synonyms"] = _add(";".join(synonyms), ";".join(extra))


def _add(existing: str, extra: str) -> str:
    items = [x for x in existing.split(";") if x]
    for word in extra.split(";"):
        if word and word not in items:
            items.append(word)
    return ";".join(items)


def main() -> int:
    programmes = current_programmes(load_register())
    by_name = {(norm_name(r["kwalificatie"]), r["niveau"]): c for c, r in programmes.items()}
    with open(OLD, encoding="utf-8", newline="") as fh:
        old_rows = list(csv.DictReader(fh))
    out: dict[str, dict[str, str]] = {}
    dropped, merged, moved_by_hand = [], [], []
    for old in old_rows:
        code = by_name.get((norm_name(old["name"]), old["niveau"]))
        if code is None:
            if old["crebo"] not in MANUAL:
                print(f"no decision for {old['crebo']} {old['name']}", file=sys.stderr)
                return 1
            decision = MANUAL[old["crebo"]]
            if decision is None:
                dropped.append(old)
                continue
            if isinstance(decision, tuple):
                merged.append((old, decision[1]))
                continue
            code = decision
            moved_by_hand.append((old, code))
        elif old["crebo"] in MANUAL:
            print(f"{old['crebo']} matches by name but has a manual decision", file=sys.stderr)
            return 1
        if code in out:
            print(f"two profiles for {code}", file=sys.stderr)
            return 1
        reg = programmes[code]
        profile = {
            "crebo": code,
            "name": reg["kwalificatie"],
            "niveau": reg["niveau"],
            "description": old["description"],
            "beroepen": old["beroepen"],
            "riasec": old["riasec"],
            "synonyms": old["synonyms"],
        }
        profile.update(EDITS.get(code, {}))
        out[code] = profile
    for code, extra in MERGE_WORDS.items():
        for key, words in extra.items():
            out[code][key] = _add(out[code][key], words)
    for profile in out.values():
        _neutral(profile)
    write_profiles(list(out.values()))
    print(f"moved {len(out)} ({len(moved_by_hand)} by hand), merged {len(merged)}, dropped {len(dropped)}")
    for old, code in moved_by_hand:
        print(f"  hand: {old['crebo']} {old['name']} ({old['niveau']}) -> {code} {programmes[code]['kwalificatie']} ({programmes[code]['niveau']})")
    for old, code in merged:
        print(f"  merged: {old['crebo']} {old['name']} ({old['niveau']}) -> words into {code} {programmes[code]['kwalificatie']}")
    for old in dropped:
        print(f"  dropped: {old['crebo']} {old['name']} ({old['niveau']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
