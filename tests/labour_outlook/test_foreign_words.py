"""Interest words in other languages come from files (labour_outlook/data/words.<code>.yml): a language is a file."""
import shutil

from labour_outlook import foreign_words, paths


def test_english_is_a_word_file():
    assert "en" in foreign_words.languages()
    assert foreign_words.WORDS["animals"] == "dieren" and foreign_words.WORDS["really"] == ""
    assert "not" in foreign_words.NEGATORS and "but" in foreign_words.BREAKS
    assert foreign_words.shown_in("en")["dieren"] == "animals"
    assert foreign_words.shown_in("xx") == {}


def test_another_language_is_another_file(tmp_path, monkeypatch):
    shutil.copy(paths.SHIPPED_DIR / "words.en.yml", tmp_path / "words.en.yml")
    (tmp_path / "words.tr.yml").write_text(
        "fillers: [ve, cok]\nwords:\n  hayvanlar: dieren\n  arabalar: autos\n"
        "breaks: [ama]\nnegators: [degil]\nnegate_after: [sikici]\n", encoding="utf-8")
    monkeypatch.setattr(paths, "SHIPPED_DIR", tmp_path)
    foreign_words._read.cache_clear()
    foreign_words.shown_in.cache_clear()
    try:
        words, breaks, negators, after = foreign_words._merged()
        assert foreign_words.languages() == ["en", "tr"]
        assert words["hayvanlar"] == "dieren" and words["animals"] == "dieren" and words["ve"] == ""
        assert {"ama", "but"} <= breaks and "degil" in negators and "sikici" in after
        assert foreign_words.shown_in("tr")["autos"] == "arabalar"
    finally:
        foreign_words._read.cache_clear()
        foreign_words.shown_in.cache_clear()
