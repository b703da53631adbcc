"""Fair by construction: a name, origin, religion or headscarf in the text never changes the advice."""

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


def ranking(text, **kw):
    return [(r.programme.crebo, round(r.score, 9), tuple(r.reasons)) for r in recommend(text, top=10, **kw)]


def test_enough_pairs():
    assert len(PAIRS) >= 30


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

    dier = next(p.crebo for p in get_catalogue() if p.name == "Dierverzorger")
    a = alternatives(dier, interests="ik heet Daan en hou van dieren")
    b = alternatives(dier, interests="ik heet Fatima, ik draag een hoofddoek en hou van dieren")
    assert [x.programme.crebo for x in a] == [x.programme.crebo for x in b]


def test_interest_words_survive():
    assert neutralise("ik ben creatief en hou van koken", known={"creatief", "koken"}) == "ik ben creatief en hou van koken"
    assert "mohammed" not in neutralise("Mohammed wil kok worden")
