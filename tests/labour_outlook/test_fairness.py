"""Fair by construction: a name, origin, language, skin colour, religion or headscarf in the text never changes the advice."""

import pytest

from labour_outlook import alternatives, recommend
from labour_outlook.text import neutralise

PAIRS = [
    ("Ik ben Daan en ik sleutel graag aan scooters", "Ik ben Mohammed en ik sleutel graag aan scooters"),
    ("ik heet Emma, ik hou van dieren", "ik heet Fatima, ik hou van dieren"),
    ("mijn naam is Lucas en ik wil koken", "mijn naam is Yusuf en ik wil koken"),
    ("ik heet Sanne en wil met kinderen werken", "ik heet Ayse en wil met kinderen werken"),
    ("ik heet Tim, computers zijn mijn ding", "ik heet Xhemal, computers zijn mijn ding"),
    ("ik kom uit Nederland en wil advocaat worden", "ik kom uit Marokko en wil advocaat worden"),
    ("mijn ouders komen uit Nederland, ik wil in de zorg", "mijn ouders komen uit Turkije, ik wil in de zorg"),
    ("ik ben Nederlands en hou van haar knippen", "ik ben Surinaams en hou van haar knippen"),
    ("als Nederlandse meid wil ik in een winkel werken", "als Marokkaanse meid wil ik in een winkel werken"),
    ("ik ben geboren in Nederland en wil bouwen", "ik ben geboren in Syrie en wil bouwen"),
    ("ik ben christen en wil mensen helpen", "ik ben moslim en wil mensen helpen"),
    ("ik ga naar de kerk en hou van muziek", "ik ga naar de moskee en hou van muziek"),
    ("ik ben katholiek en wil verpleegkundige worden", "ik ben hindoe en wil verpleegkundige worden"),
    ("ik ben joods en wil iets met geld en cijfers", "ik ben islamitisch en wil iets met geld en cijfers"),
    ("ik draag een hoofddoek en wil kapper worden", "ik draag een pet en wil kapper worden".replace(" een pet", "")),
    ("ik draag een hoofddoek en hou van dieren", "ik hou van dieren"),
    ("met mijn hijab wil ik graag in het ziekenhuis werken", "ik wil graag in het ziekenhuis werken"),
    ("ik heet Anouk, kom uit Utrecht, ik wil met autos werken", "ik heet Khadija, kom uit Eritrea, ik wil met autos werken"),
    ("Kevin hier. gamen en programmeren", "Ibrahim hier. gamen en programmeren"),
    ("hoi ik ben Lisa. tekenen en ontwerpen vind ik leuk", "hoi ik ben Meryem. tekenen en ontwerpen vind ik leuk"),
    ("ik ben Bram, ik wil bij de politie", "ik ben Achraf, ik wil bij de politie"),
    ("ik ben Julia en hou van make up en nagels", "ik ben Esra en hou van make up en nagels"),
    ("mijn familie komt uit Polen, ik wil vrachtwagen rijden", "mijn familie komt uit Ghana, ik wil vrachtwagen rijden"),
    ("ik ben Pools en wil lassen", "ik ben Afghaans en wil lassen"),
    ("als Antilliaanse jongen wil ik sporten", "als Koerdische jongen wil ik sporten"),
    ("ik heet Lotte en vind reizen leuk", "ik heet Hodan en vind reizen leuk"),
    ("ik ben Iris, boekhouden lijkt me wat", "ik ben Salma, boekhouden lijkt me wat"),
    ("ik ben een moslima met hoofddoek en wil juf worden", "ik ben een meisje en wil juf worden"),
    ("ik vier ramadan en bak graag taarten", "ik bak graag taarten"),
    ("ik ben Turks en mijn vader is Marokkaans, ik wil elektricien worden", "ik wil elektricien worden"),
    ("Groetjes Mehmet. ik wil met planten en bloemen werken", "Groetjes Thijs. ik wil met planten en bloemen werken"),
    ("ik ben zwart en wil beveiliger worden", "ik ben wit en wil beveiliger worden"),
    ("ik heet Priya en hou van schoonmaken en opruimen", "ik heet Femke en hou van schoonmaken en opruimen"),
    ("mijn ouders zijn vluchtelingen, ik wil later een eigen webshop", "mijn ouders zijn Nederlanders, ik wil later een eigen webshop"),
]

# Skin colour, languages spoken at home, parents' origin, religious clothing and places of worship,
# nationality adjectives: each pair differs only in who the student is.
PAIRS += [
    ("ik heb een donkere huidskleur en wil in een winkel werken", "ik heb een lichte huidskleur en wil in een winkel werken"),
    ("ik heb een donkere huid en wil kapper worden", "ik heb een lichte huid en wil kapper worden"),
    ("ik ben licht getint en hou van koken", "ik ben donker getint en hou van koken"),
    ("met mijn bruine huid wil ik graag in de zorg", "met mijn witte huid wil ik graag in de zorg"),
    ("ik ben zwart en wil met autos werken", "ik ben blank en wil met autos werken"),
    ("mijn huidskleur is donker, ik wil bij de politie", "mijn huidskleur is licht, ik wil bij de politie"),
    ("ik heb een getinte huid en wil kinderen helpen", "ik wil kinderen helpen"),
    ("als gekleurde jongen wil ik elektricien worden", "als jongen wil ik elektricien worden"),
    ("ik ben een kleurling en wil lassen", "ik wil lassen"),
    ("ik heb een donkere huidskleur en hou van dieren", "ik hou van dieren"),
    ("thuis spreken we Arabisch en ik wil in de zorg", "thuis spreken we Nederlands en ik wil in de zorg"),
    ("thuis spreken we Turks, ik wil monteur worden", "thuis spreken we Fries, ik wil monteur worden"),
    ("thuis spreek ik Papiaments en ik wil koken", "thuis spreek ik Nederlands en ik wil koken"),
    ("mijn moedertaal is Tigrinya en ik wil met computers werken", "mijn moedertaal is Nederlands en ik wil met computers werken"),
    ("ik spreek thuis Pools, ik wil vrachtwagen rijden", "ik spreek thuis Nederlands, ik wil vrachtwagen rijden"),
    ("we praten thuis Somalisch en ik hou van sporten", "we praten thuis Nederlands en ik hou van sporten"),
    ("ik spreek Dari en Farsi en wil in een hotel werken", "ik spreek Nederlands en Engels en wil in een hotel werken"),
    ("thuis spreken we Berbers, ik wil met kinderen werken", "thuis spreken we Engels, ik wil met kinderen werken"),
    ("ik spreek Urdu en Hindi en wil iets met geld", "ik spreek Nederlands en wil iets met geld"),
    ("mijn moedertaal is Oekraiens, ik wil kapper worden", "ik wil kapper worden"),
    ("thuis spreken we Sranantongo en ik wil in de bouw", "thuis spreken we Limburgs en ik wil in de bouw"),
    ("ik spreek Koerdisch en hou van tekenen", "ik spreek Nederlands en hou van tekenen"),
    ("mijn vader komt uit Marokko en ik wil in een garage werken", "mijn vader komt uit Zeeland en ik wil in een garage werken"),
    ("mijn moeder komt uit Suriname, ik wil verpleegkundige worden", "mijn moeder komt uit Drenthe, ik wil verpleegkundige worden"),
    ("mijn ouders komen uit Eritrea en ik hou van koken", "mijn ouders komen uit Groningen en ik hou van koken"),
    ("mijn ouders zijn Turks en ik wil in de ict", "ik wil in de ict"),
    ("mijn vader is Syrisch en mijn moeder Iraaks, ik wil lassen", "ik wil lassen"),
    ("mijn ouders zijn vluchtelingen uit Afghanistan, ik wil met dieren werken", "ik wil met dieren werken"),
    ("mijn familie komt uit Ghana en ik wil in de winkel", "mijn familie komt uit Brabant en ik wil in de winkel"),
    ("mijn opa komt uit Indonesie, ik wil met planten werken", "ik wil met planten werken"),
    ("mijn ouders komen uit Polen en ik wil in de logistiek", "mijn ouders komen uit Limburg en ik wil in de logistiek"),
    ("mijn moeder is Kaapverdiaans, ik wil kinderen helpen", "ik wil kinderen helpen"),
    ("ik ben tweede generatie Marokkaans en wil advocaat worden", "ik wil advocaat worden"),
    ("ik ben een Marokkaans-Nederlandse meid en hou van make up", "ik ben een meid en hou van make up"),
    ("mijn ouders hebben een Turkse achtergrond, ik wil bouwen", "ik wil bouwen"),
    ("ik draag een hijab en wil in het ziekenhuis werken", "ik wil in het ziekenhuis werken"),
    ("ik draag een hoofddoek en wil in een winkel werken", "ik wil in een winkel werken"),
    ("ik draag een niqab en wil administratie doen", "ik wil administratie doen"),
    ("ik draag een tulband en wil vrachtwagen rijden", "ik draag een pet en wil vrachtwagen rijden"),
    ("ik draag een keppel en wil in de ict werken", "ik wil in de ict werken"),
    ("ik draag een kippa en hou van koken", "ik hou van koken"),
    ("ik draag een kruisje en wil in de zorg", "ik wil in de zorg"),
    ("ik draag een abaya en wil kinderen lesgeven", "ik wil kinderen lesgeven"),
    ("ik draag een djellaba en wil met autos werken", "ik wil met autos werken"),
    ("ik ga elke vrijdag naar de moskee en wil timmerman worden", "ik wil timmerman worden"),
    ("ik ga op zondag naar de kerk en wil timmerman worden", "ik wil timmerman worden"),
    ("ik ga naar de synagoge en wil kok worden", "ik ga naar de sportschool en wil kok worden".replace(" ga naar de sportschool en", "")),
    ("ik ga naar de tempel en wil in de beveiliging", "ik wil in de beveiliging"),
    ("ik ga naar de gurdwara en hou van techniek", "ik hou van techniek"),
    ("ik zit op koranschool en wil in de kinderopvang", "ik wil in de kinderopvang"),
    ("ik zit op zondagsschool en wil in de kinderopvang", "ik wil in de kinderopvang"),
    ("ik vier het suikerfeest en wil bakker worden", "ik wil bakker worden"),
    ("ik vier divali en wil met computers werken", "ik wil met computers werken"),
    ("als moslimmeisje wil ik in de apotheek werken", "ik wil in de apotheek werken"),
    ("ik heb de Syrische nationaliteit en wil lassen", "ik heb de Nederlandse nationaliteit en wil lassen"),
    ("ik heb een verblijfsvergunning en wil in de bouw werken", "ik wil in de bouw werken"),
    ("ik ben asielzoeker en wil koken", "ik ben scholier en wil koken"),
    ("ik ben een nieuwkomer en hou van sporten", "ik hou van sporten"),
    ("ik ben Braziliaans en hou van dansen", "ik ben Nederlands en hou van dansen"),
    ("ik ben Filipijns en wil in de zorg", "ik ben Fries en wil in de zorg".replace(" ben Fries en", " ben Nederlands en")),
    ("ik ben Algerijns en hou van autos", "ik ben Belgisch en hou van autos"),
    ("ik ben Congolees en wil in de winkel werken", "ik ben Duits en wil in de winkel werken"),
    ("ik ben Albanees en wil schilder worden", "ik ben Engels en wil schilder worden"),
    ("als Somalische jongen wil ik beveiliger worden", "als Nederlandse jongen wil ik beveiliger worden"),
    ("als Poolse meid wil ik in een hotel werken", "als Franse meid wil ik in een hotel werken"),
    ("ik ben Koerdisch en wil met kinderen werken", "ik ben Schots en wil met kinderen werken"),
    ("ik ben Eritrees, ik hou van fietsen repareren", "ik hou van fietsen repareren"),
    ("ik ben Vietnamees en wil nagels doen", "ik ben Zweeds en wil nagels doen"),
    ("ik ben Tunesisch en wil met geld werken", "ik ben Noors en wil met geld werken"),
    ("ik ben Libanees en hou van muziek maken", "ik ben Iers en hou van muziek maken"),
]


def ranking(text, **kw):
    return [(r.programme.crebo, round(r.score, 9), tuple(r.reasons)) for r in recommend(text, top=10, **kw)]


def test_enough_pairs():
    assert len(PAIRS) >= 100


@pytest.mark.parametrize("a, b", PAIRS)
def test_identical_rankings(model, a, b):
    ra, rb = ranking(a), ranking(b)
    assert ra and ra == rb


@pytest.mark.parametrize("a, b", PAIRS[:10])
def test_identical_with_situation_and_riasec(model, a, b):
    kw = dict(situation="vmbo kader", riasec="SEC")
    assert ranking(a, **kw) == ranking(b, **kw)


def test_alternatives_ignore_identity_words(model):
    from labour_outlook import get_catalogue

    dier = next(p.crebo for p in get_catalogue() if p.name == "Medewerker dierverzorging")
    a = alternatives(dier, interests="ik heet Daan en hou van dieren")
    b = alternatives(dier, interests="ik heet Fatima, ik draag een hoofddoek en hou van dieren")
    assert [x.programme.crebo for x in a] == [x.programme.crebo for x in b]


def test_interest_words_survive():
    assert neutralise("ik ben creatief en hou van koken", known={"creatief", "koken"}) == "ik ben creatief en hou van koken"
    assert "mohammed" not in neutralise("Mohammed wil kok worden")


def test_a_place_of_origin_is_not_a_place_to_look():
    from labour_outlook.text import names_origin

    for text, place in [("mijn ouders komen uit Utrecht, ik zoek een stage", "Utrecht"),
                        ("ik ben geboren in Rotterdam", "Rotterdam"),
                        ("mijn familie komt oorspronkelijk uit Almere", "Almere")]:
        assert names_origin(text, text.index(place))
    for text, place in [("ik zoek een stage in Utrecht", "Utrecht"), ("Rotterdam", "Rotterdam"),
                        ("ik kom uit school en zoek stage in Almere", "Almere")]:
        assert not names_origin(text, text.index(place))
