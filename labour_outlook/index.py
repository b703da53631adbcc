"""Search structures over the catalogue: a stemmed lexical index and precomputed MiniLM vectors (cached on disk)."""

from __future__ import annotations

import hashlib
import math
import os
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from . import paths
from .cache import disk_cached, per_catalogue
from .catalogue import Catalogue, Programme, get_catalogue
from .riasec import code_vector
from .text import GENERIC, SLANG, STOPWORDS, fold, stem

__all__ = ["LexicalIndex", "EmbeddingIndex", "lexical_index", "embedding_index", "INTEREST_WORDS"]

# Everyday words students use for what they like; their vectors are precomputed so a request never
# has to run the model. Words the catalogue already contains are added automatically.
INTEREST_WORDS = """
dieren honden katten paarden vogels vissen konijnen kinderen baby peuters ouderen mensen helpen zorgen
luisteren praten uitleggen lesgeven koken bakken eten drinken taarten recepten restaurant keuken
auto motor scooter brommer fiets vrachtwagen trein vliegtuig schip boot rijden sleutelen repareren
techniek machines robots elektronica computer computers games gamen programmeren internet telefoon apps
website hacken tekenen schilderen ontwerpen fotograferen filmen muziek zingen dansen theater mode kleding
haar make-up nagels sport voetbal fitness basketbal zwemmen hardlopen boksen vechtsport kickboksen
buiten natuur bos tuin planten bloemen boerderij bouwen timmeren klussen hout metaal lassen verven
geld rekenen cijfers administratie kantoor regels wetten recht politie veiligheid leger brandweer
verkopen winkel klanten ondernemen handel organiseren plannen leidinggeven reizen vakantie talen
chemie scheikunde biologie natuurkunde onderzoek laboratorium ziekenhuis dokter verpleegkundige
medicijnen gezondheid schoonmaken opruimen magazijn logistiek vervoer transport haven vrachtwagens
creatief handig precies sociaal sportief stoer avontuur actie rustig drukte samenwerken alleen
huiswerk gezelschap fit gezond bewegen feesten evenementen
""".split()


@dataclass
class LexicalIndex:
    """Inverted index stem -> (programme row, weight), plus phrases of two or more stems."""

    programmes: list[Programme]
    postings: dict[str, list[tuple[int, float]]]
    phrases: dict[tuple[str, ...], list[tuple[int, float, str]]]
    idf: dict[str, float]
    vocabulary: list[str]  # folded surface words, for typo correction
    known_words: frozenset[str]
    strong_words: frozenset[str]
    stem_display: dict[str, str]
    code_matrix: np.ndarray
    max_phrase: int = 4
    _fuzzy_cache: dict = field(default_factory=dict, repr=False)

    def correct(self, word: str) -> str | None:
        """The catalogue word a typo most likely means ("dierren" -> "dieren"), else None."""
        if word in self._fuzzy_cache:
            return self._fuzzy_cache[word]
        from rapidfuzz import fuzz, process

        best = None
        if len(word) >= 4:
            hit = process.extractOne(word, self.vocabulary, scorer=fuzz.ratio, score_cutoff=84)
            if hit is not None:
                best = hit[0]
        if len(self._fuzzy_cache) < 20_000:
            self._fuzzy_cache[word] = best
        return best


def _phrase_stems(text: str) -> tuple[str, ...]:
    return tuple(stem(w) for w in fold(text).split() if w not in STOPWORDS)


def build_lexical_index(catalogue: Catalogue) -> LexicalIndex:
    postings: dict[str, dict[int, float]] = {}
    phrases: dict[tuple[str, ...], dict[int, tuple[float, str]]] = {}
    surface: set[str] = set()
    strong: set[str] = set()
    stem_display: dict[str, str] = {}

    def add_stem(i: int, word: str, weight: float):
        if word in STOPWORDS or len(word) < 2:
            return
        s = stem(word)
        surface.add(word)
        if weight >= 1.0:
            strong.add(word)
        stem_display.setdefault(s, word)
        slot = postings.setdefault(s, {})
        slot[i] = max(slot.get(i, 0.0), weight)

    def add_phrase(i: int, text: str, weight: float, word_weight: float):
        words = [w for w in fold(text).split()]
        content = [w for w in words if w not in STOPWORDS]
        for w in content:
            add_stem(i, w, word_weight if len(content) > 1 else weight)
        key = tuple(stem(w) for w in content)
        if len(key) >= 2:
            slot = phrases.setdefault(key, {})
            if slot.get(i, (0.0, ""))[0] < weight:
                slot[i] = (weight, text.strip().lower())

    for i, p in enumerate(catalogue.programmes):
        add_phrase(i, p.name, 4.0, 2.0)
        for w in fold(p.name).split():
            if w not in GENERIC:
                add_stem(i, w, 3.0)
        for b in p.beroepen:
            add_phrase(i, b, 3.0, 2.0)
        for s in p.synonyms:
            add_phrase(i, s, 3.0, 1.5)
        for w in fold(p.studierichting).split():
            add_stem(i, w, 1.0)
        for w in fold(p.description).split():
            if len(w) > 3:
                add_stem(i, w, 0.5)
    n = len(catalogue.programmes)
    idf = {s: math.log(1.0 + n / len(docs)) for s, docs in postings.items()}
    for key in phrases:
        idf.setdefault(" ".join(key), 1.0)
    vocabulary = sorted(surface | {v for v in SLANG.values() if v} | set(SLANG))
    code_matrix = np.stack([code_vector(p.riasec) for p in catalogue.programmes]) if n else np.zeros((0, 6))
    return LexicalIndex(
        programmes=list(catalogue.programmes),
        postings={s: sorted(d.items()) for s, d in postings.items()},
        phrases={k: [(i, w, disp) for i, (w, disp) in d.items()] for k, d in phrases.items()},
        idf=idf,
        vocabulary=vocabulary,
        known_words=frozenset(surface | set(INTEREST_WORDS) | set(SLANG) | {v for v in SLANG.values() if v}),
        strong_words=frozenset(strong | set(INTEREST_WORDS)),
        stem_display=stem_display,
        code_matrix=code_matrix,
    )


@per_catalogue
def _lexical_index(catalogue: Catalogue) -> LexicalIndex:
    return disk_cached("lexical", catalogue, build_lexical_index)


def lexical_index(catalogue: Catalogue | None = None) -> LexicalIndex:
    """Built once per catalogue content (cached on disk), kept for the life of the catalogue."""
    return _lexical_index(catalogue or get_catalogue())


# ---------------------------------------------------------------- embeddings


def programme_text(p: Programme) -> str:
    """What the model reads for a programme: the name, the work, the trades."""
    return f"{p.name}. {p.description} {', '.join(p.beroepen)}."


def programme_words(p: Programme) -> list[str]:
    """Single words that stand for the programme; each has its own precomputed vector."""
    words: list[str] = []
    for text in (p.name, *p.beroepen, *p.synonyms):
        for w in fold(text).split():
            if w not in STOPWORDS and w not in GENERIC and len(w) > 2 and w not in words:
                words.append(w)
    return words


@dataclass
class EmbeddingIndex:
    """Programme sentence vectors, a word-vector table, and per-programme word vectors for max-similarity."""

    model_name: str
    sentence: np.ndarray  # (programmes, dim)
    words: dict[str, int]  # word -> row in word_vectors
    word_vectors: np.ndarray  # (words, dim)
    term_rows: np.ndarray  # row in word_vectors of each programme term, grouped by programme
    term_starts: np.ndarray  # start offset of each programme's terms in term_rows
    term_owner: np.ndarray  # programme of each term
    cache_file: Path | None = None
    term_vectors: np.ndarray | None = None
    word_programme_max: np.ndarray | None = None  # (words, programmes): best match of a word with each programme

    def vector(self, word: str) -> np.ndarray | None:
        row = self.words.get(word)
        return None if row is None else self.word_vectors[row]


class _TextVectorStore:
    """A persistent text -> vector memo per model, so a changed catalogue only encodes what is new."""

    def __init__(self, directory: Path, model_name: str):
        self.file = directory / f"texts-{_slug(model_name)}.npz"
        self.vectors: dict[str, np.ndarray] = {}
        if self.file.exists():
            try:
                data = np.load(self.file, allow_pickle=False)
                self.vectors = dict(zip(data["texts"].tolist(), data["vectors"]))
            except Exception:  # a damaged cache is rebuilt, never fatal
                self.vectors = {}
        self.dirty = False

    def get_many(self, texts: list[str], model) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in self.vectors]
        if missing:
            vecs = model.encode(missing)
            for t, v in zip(missing, np.atleast_2d(vecs)):
                self.vectors[t] = np.asarray(v, dtype=np.float32)
            self.dirty = True
        return np.stack([self.vectors[t] for t in texts]) if texts else np.zeros((0, 384), np.float32)

    def save(self):
        if not self.dirty:
            return
        texts = list(self.vectors)
        _atomic_savez(self.file, texts=np.array(texts), vectors=np.stack([self.vectors[t] for t in texts]))
        self.dirty = False


def _slug(name: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in name).strip("-")


def _atomic_savez(path: Path, **arrays):
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp.npz")
    np.savez(tmp, **arrays)
    os.replace(tmp, path)


def _index_key(catalogue: Catalogue, model_name: str, vocab: list[str]) -> str:
    h = hashlib.sha256()
    h.update(catalogue.content_hash.encode())
    h.update(model_name.encode())
    h.update("\n".join(vocab).encode())
    h.update(b"v2")
    return h.hexdigest()[:16]


def build_embedding_index(catalogue: Catalogue, model, lex: LexicalIndex, cache: Path | None = None) -> EmbeddingIndex:
    """Load the catalogue vectors from the cache, or encode them once and store them."""
    model_name = getattr(model, "name", type(model).__name__)
    per_programme = [programme_words(p) for p in catalogue.programmes]
    vocab = sorted(set(lex.known_words) | {w for ws in per_programme for w in ws})
    cache = Path(cache) if cache is not None else paths.cache_dir() / "labour_outlook"
    key = _index_key(catalogue, model_name, vocab)
    index_file = cache / f"catalogue-{key}.npz"
    words = {w: i for i, w in enumerate(vocab)}
    if index_file.exists():
        try:
            data = np.load(index_file, allow_pickle=False)
            sentence, word_vectors, wpm = data["sentence"], data["word_vectors"], data["word_programme_max"]
            if sentence.shape[0] == len(catalogue) and word_vectors.shape[0] == len(vocab):
                return _assemble(model_name, sentence, words, word_vectors, per_programme, index_file, wpm)
        except Exception:
            pass
    store = _TextVectorStore(cache, model_name)
    sentence = store.get_many([programme_text(p) for p in catalogue.programmes], model)
    word_vectors = store.get_many(vocab, model)
    store.save()
    emb = _assemble(model_name, sentence, words, word_vectors, per_programme, index_file)
    _atomic_savez(index_file, sentence=sentence, word_vectors=word_vectors, word_programme_max=emb.word_programme_max)
    return emb


def _assemble(model_name, sentence, words, word_vectors, per_programme, cache_file, wpm=None) -> EmbeddingIndex:
    rows, starts, owner = [], [], []
    for i, ws in enumerate(per_programme):
        starts.append(len(rows))
        for w in ws or ["?"]:
            rows.append(words.get(w, 0))
            owner.append(i)
    word_vectors = np.ascontiguousarray(word_vectors, dtype=np.float32)
    term_vectors = np.ascontiguousarray(word_vectors[np.asarray(rows, dtype=np.int64)])
    if wpm is None:
        # Every query word is a vocabulary word, so its best match per programme can be computed once.
        wpm = np.maximum.reduceat(word_vectors @ term_vectors.T, np.asarray(starts, dtype=np.int64), axis=1)
    return EmbeddingIndex(
        model_name=model_name,
        sentence=np.ascontiguousarray(sentence, dtype=np.float32),
        words=words,
        word_vectors=np.ascontiguousarray(word_vectors, dtype=np.float32),
        term_rows=np.asarray(rows, dtype=np.int64),
        term_starts=np.asarray(starts, dtype=np.int64),
        term_owner=np.asarray(owner, dtype=np.int64),
        cache_file=cache_file,
        term_vectors=term_vectors,
        word_programme_max=np.ascontiguousarray(wpm, dtype=np.float32),
    )


@per_catalogue
def _embedding_index(catalogue: Catalogue, model, cache_dir: Path) -> EmbeddingIndex:
    return build_embedding_index(catalogue, model, lexical_index(catalogue), cache_dir / "labour_outlook")


def embedding_index(catalogue: Catalogue | None = None, model=None) -> EmbeddingIndex:
    """Cached per (catalogue, model, cache dir) for the life of the catalogue."""
    from .encoder import load_model

    return _embedding_index(catalogue or get_catalogue(), model or load_model(), paths.cache_dir())
