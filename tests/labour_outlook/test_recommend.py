import pytest

from labour_outlook import InvalidRiasec, InvalidSituation, Recommendation, Situation, recommend

REQUIRED = {"crebo", "name", "niveau", "domain", "kans_op_werk", "kans_op_stage", "score", "reasons", "sample",
            "code_confirmed"}


def test_scooters_lead_to_mobility(model):
    recs = recommend("ik sleutel graag aan scooters", top=5)
    assert len(recs) == 5
    assert all(isinstance(r, Recommendation) for r in recs)
    assert recs[0].programme.domain == "Mobiliteit en voertuigen"
    assert recs[0].reasons[0].startswith("past bij: ")
    assert "scooter" in recs[0].reasons[0]
    scores = [r.score for r in recs]
    assert scores == sorted(scores, reverse=True)
    assert all(0 <= s <= 1 for s in scores)


def test_to_dict_has_the_contract_fields(model):
    d = recommend("ik wil met dieren werken", top=1)[0].to_dict()
    assert REQUIRED <= set(d)
    assert d["sample"] is True


def test_list_of_messages(model):
    recs = recommend(["ik hou van koken", "en taarten bakken"], top=3)
    assert {r.programme.domain for r in recs} == {"Horeca en bakkerij"}


def test_situation_limits_the_niveaus(model):
    basis = recommend("ik wil verpleegkundige worden in het ziekenhuis", situation=Situation("vmbo", "basis"), top=10)
    assert basis and all(r.programme.niveau <= 2 for r in basis)
    mbo1 = recommend("computers", situation={"school": "mbo", "niveau": 1}, top=10)
    assert all(r.programme.niveau <= 2 for r in mbo1)
    free = recommend("ik wil verpleegkundige worden in het ziekenhuis", top=1)
    assert free[0].programme.name == "Mbo-Verpleegkundige"
    assert any("kan na vmbo basis" in x for x in basis[0].reasons)
    with pytest.raises(InvalidSituation):
        recommend("koken", situation="mbo 9")


def test_riasec_profile_as_code_or_dict(model):
    social = recommend("ik weet het niet zo goed", riasec="SEA", top=10)
    assert sum(r.programme.riasec.startswith("S") for r in social) >= 7
    realistic = recommend("", riasec={"R": 1.0, "I": 0.2}, top=5)
    assert all(r.programme.riasec.startswith("R") for r in realistic)
    assert any("profiel" in x for x in realistic[0].reasons)
    with pytest.raises(InvalidRiasec):
        recommend("koken", riasec="XYZ")
    with pytest.raises(InvalidRiasec):
        recommend("koken", riasec={"Q": 1})


def test_nothing_to_go_on_gives_nothing(model):
    assert recommend("") == []
    assert recommend("   ") == []
    assert recommend([]) == []


def test_dislikes_push_down(model):
    plain = [r.programme.domain for r in recommend("geld en cijfers", top=5)]
    assert "Economie en administratie" in plain
    negated = [r.programme.domain for r in recommend("ik wil niet op kantoor, liever buiten met dieren", top=5)]
    assert "Economie en administratie" not in negated


def test_typos_and_slang(model):
    assert recommend("ik hou van dierren", top=1)[0].programme.domain == "Voedsel, natuur en leefomgeving"
    assert recommend("gamen en coden", top=1)[0].programme.domain == "Informatie en communicatietechnologie"


def test_place_gives_regional_prospects(model):
    recs = recommend("koken in een restaurant", place="Rotterdam", top=2)
    assert all(r.prospects.region == "Rijnmond" for r in recs)
    assert recommend("koken in een restaurant", top=1)[0].prospects.region == "Nederland"


def test_without_embeddings_still_works():
    recs = recommend("ik sleutel graag aan scooters", top=3, use_embeddings=False)
    assert recs[0].programme.domain == "Mobiliteit en voertuigen"


def test_interest_scores_has_named_fields():
    from labour_outlook import get_catalogue
    from labour_outlook.recommend import InterestScores, interest_scores

    catalogue = get_catalogue()
    scores = interest_scores("ik sleutel graag aan scooters", "RIA", catalogue=catalogue, use_embeddings=False)
    assert isinstance(scores, InterestScores)
    assert scores.total.shape == scores.riasec_fit.shape == (len(catalogue),)
    assert "scooters" in scores.query.words or "scooter" in scores.query.words
    assert scores.contributions and scores.profile is not None
    assert scores.word_similarity is None and scores.embedded_words == []
    with pytest.raises(AttributeError):
        scores.total = None


def test_a_basis_student_gets_the_niveau_2_route_of_a_family(model):
    """The register has a niveau 2, 3 and 4 programme for many trades; basis leads to niveau 2."""
    for text, route in [("ik wil op een schip varen", "Matroos binnenvaart"), ("ik wil koken in een restaurant", "Kok"),
                        ("ik sleutel graag aan autos", "Autotechnicus")]:
        recs = recommend(text, situation="vmbo basis", top=5)
        assert all(r.programme.niveau <= 2 for r in recs), text
        assert route in [r.programme.name for r in recs], text


def test_a_niveau_4_twin_does_not_crowd_out_the_niveau_2_route(model):
    from labour_outlook import Catalogue, Programme

    def twin(crebo, niveau):
        return Programme(crebo=crebo, name="Scheepsbouwer", niveau=niveau, domain="Transport, scheepvaart en logistiek",
                         studierichting="Scheepvaart", description="Je bouwt schepen op een werf.",
                         beroepen=("scheepsbouwer",), riasec="RC", synonyms=("schepen bouwen", "werf"))

    cat = Catalogue([twin("29004", 4), twin("29002", 2), twin("29003", 3)])
    kader = recommend("ik wil schepen bouwen op een werf", situation="vmbo kader", top=3, catalogue=cat)
    assert [r.programme.niveau for r in kader] == [2, 3, 4]  # same fit: the lowest niveau first
    basis = recommend("ik wil schepen bouwen op een werf", situation="vmbo basis", top=3, catalogue=cat)
    assert [r.programme.niveau for r in basis] == [2]
