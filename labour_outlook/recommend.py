"""Rank programmes for a student's interests (lexical + MiniLM + RIASEC), suggest kansrijke alternatives, compare."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from .cache import per_catalogue
from .catalogue import Catalogue, Programme, get_catalogue
from .errors import InvalidComparison
from .foreign_words import BREAKS as FOREIGN_BREAKS
from .foreign_words import NEGATE_AFTER as FOREIGN_NEGATE_AFTER
from .foreign_words import NEGATORS as FOREIGN_NEGATORS
from .foreign_words import WORDS as FOREIGN_WORDS
from .index import EmbeddingIndex, LexicalIndex, embedding_index, lexical_index
from .prospects import SCALE, Prospects, get_prospects_table, prospects_for
from .regions import region_for_place
from .riasec import DESCRIPTIONS, code_vector, fit, profile_vector, top_letters
from .situation import Situation, allowed_niveaus
from .text import SLANG, STOPWORDS, fold, neutralise, stem

__all__ = ["Recommendation", "Alternative", "Query", "InterestScores", "analyse", "recommend", "alternatives", "compare",
           "interest_scores"]

W_LEX, W_EMB, W_RIASEC = 0.6, 0.4, 0.2
LEX_FLOOR = 8.0
NEGATORS = {"niet", "geen", "nooit", "hekel", "haat", "zonder", "nie", "geeneens"}
NEGATE_AFTER = {"saai", "stom", "kut", "vies", "eng", "niks", "irritant"}
BREAKS = {"maar", "wel", "en", "want", "dus", "of"}
# Two-word expressions that mean one known thing.
PHRASE_SLANG = {"oude mensen": "ouderen", "oudere mensen": "ouderen", "kleine kinderen": "kinderen",
                "eten klaarmaken": "koken", "eten maken": "koken", "in elkaar": "bouwen", "uit elkaar": "repareren",
                "op kantoor": "kantoor", "met geld": "geld", "mensen verzorgen": "verzorgen"}


@dataclass(frozen=True)
class Query:
    """What the recommender understood: content words (after fairness filter, slang and typo fixes)."""

    words: tuple[str, ...]
    negated: tuple[str, ...]
    text: str


# What the recommender says about a programme, in Dutch, by key: ``Recommendation.reason_parts`` and
# ``Alternative.reason_parts`` hold (key, values), so a conversation in another language says the same
# in its own words (texts/<code>.yml ``library.recommend``, the same keys and variables).
REASONS = {
    "matches": "past bij: {words}",
    "profile": "past bij je profiel: {types}",
    "after": "kan na {situation}",
    "similar": "lijkt op wat je vertelt",
    "alternative": "{name} (niveau {niveau}) past ook bij {why}, en de kans op werk is daar {werk} "
                   "(bij {base}: {base_werk}{note}).",
    "alternative_type": "wie houdt van {type}",
    "alternative_same": "dezelfde interesses",
    "sample": ", voorbeeldcijfers",
    "same_name": "niveau {niveau}",
}


def _reason(key: str, **values) -> tuple[str, dict]:
    return key, values


def said(part: tuple[str, dict]) -> str:
    """One reason part in Dutch: lists of words read "a, b" (profile types too)."""
    key, values = part
    if key == "profile":  # RIASEC letters
        values = {**values, "types": [DESCRIPTIONS[letter] for letter in values["types"]]}
    shown = {k: ", ".join(v) if isinstance(v, (list, tuple)) else v for k, v in values.items()}
    return REASONS[key].format(**shown)


@dataclass
class Recommendation:
    programme: Programme
    score: float
    reasons: list[str]
    prospects: Prospects
    reason_parts: list[tuple[str, dict]] = field(default_factory=list)

    @property
    def sample(self) -> bool:
        return self.prospects.sample

    def to_dict(self) -> dict:
        p, pr = self.programme, self.prospects
        return {
            "crebo": p.crebo,
            "name": p.name,
            "niveau": p.niveau,
            "domain": p.domain,
            "studierichting": p.studierichting,
            "leerwegen": list(p.leerwegen),
            "duration_years": p.duration_years,
            "kans_op_werk": pr.kans_op_werk,
            "kans_op_stage": pr.kans_op_stage,
            "kans_op_leerbaan": pr.kans_op_leerbaan,
            "region": pr.region,
            "year": pr.year,
            "source": pr.source,
            "score": round(float(self.score), 3),
            "reasons": list(self.reasons),
            "sample": self.sample,
            "code_confirmed": p.code_confirmed,
        }


@dataclass
class Alternative:
    programme: Programme
    prospects: Prospects
    reason: str
    score: float = 0.0
    shared: list[str] = field(default_factory=list)
    reason_parts: list[tuple[str, dict]] = field(default_factory=list)

    @property
    def sample(self) -> bool:
        return self.prospects.sample

    def to_dict(self) -> dict:
        p, pr = self.programme, self.prospects
        return {
            "crebo": p.crebo,
            "name": p.name,
            "niveau": p.niveau,
            "domain": p.domain,
            "kans_op_werk": pr.kans_op_werk,
            "kans_op_stage": pr.kans_op_stage,
            "kans_op_leerbaan": pr.kans_op_leerbaan,
            "reason": self.reason,
            "score": round(float(self.score), 3),
            "sample": self.sample,
            "code_confirmed": p.code_confirmed,
        }


# ------------------------------------------------------------------ query analysis


def _join(interests) -> str:
    if interests is None:
        return ""
    if isinstance(interests, str):
        return interests
    return ". ".join(str(i) for i in interests if i)


def analyse(interests, lex: LexicalIndex) -> Query:
    """Neutralise, map slang, fix typos, drop filler words and find what the student does not want."""
    text = neutralise(_join(interests), known=lex.known_words)
    raw = text.split()
    words: list[str] = []
    negated: list[str] = []
    neg_window = 0
    foreign_negator = False
    prev = ""
    for tok in raw:
        if tok in NEGATORS or tok in FOREIGN_NEGATORS:
            neg_window = 3
            foreign_negator = tok not in NEGATORS
            continue
        # Dutch "want" (because) ends a negation; English "don't want" does not.
        if (tok in BREAKS and not (tok == "want" and neg_window == 3 and foreign_negator)) or tok in FOREIGN_BREAKS:
            neg_window = 0
        if tok in NEGATE_AFTER or tok in FOREIGN_NEGATE_AFTER:
            # "kantoor is saai": the word before is disliked.
            if words:
                negated.append(words.pop())
            continue
        mapped = SLANG.get(tok, FOREIGN_WORDS.get(tok, tok))  # English and others: labour_outlook/data/words.*.yml
        if (prev + " " + tok) in PHRASE_SLANG and words and words[-1] == prev:
            words.pop()
            mapped = PHRASE_SLANG[prev + " " + tok]
        prev = tok
        if not mapped:
            continue
        for w0 in mapped.split():
            if w0 in STOPWORDS or len(w0) < 2:
                continue
            parts = [w0]
            if w0 not in lex.known_words and not w0.isdigit():
                fixed = lex.correct(w0)
                parts = [fixed] if fixed else (_split_compound(w0, lex.strong_words) or [w0])
            elif w0 not in lex.strong_words and not w0.isdigit():
                parts = [w0] + _split_compound(w0, lex.strong_words)
            for w in parts:
                (negated if neg_window > 0 else words).append(w)
        if neg_window > 0:
            neg_window -= 1
    return Query(tuple(words), tuple(negated), text)


def _split_compound(word: str, known) -> list[str]:
    """Dutch glues words together: "crossmotor" -> motor, "stroomkabels" -> stroom, kabels."""
    if len(word) < 7:
        return []
    parts = []
    for k in range(3, len(word) - 2):  # longest known tail first: the head of a Dutch compound
        tail = word[k:]
        if tail in known and tail not in STOPWORDS:
            parts.append(tail)
            head = word[:k]
            if head.endswith("s") and head[:-1] in known:
                head = head[:-1]
            if head in known and head not in STOPWORDS:
                parts.insert(0, head)
            return parts
    for k in range(len(word) - 3, 2, -1):  # else the longest known front part
        head = word[:k]
        if head in known and head not in STOPWORDS:
            return [head]
    return []


# ------------------------------------------------------------------ scoring


def _lexical_scores(q: Query, lex: LexicalIndex, n: int):
    scores = np.zeros(n, dtype=np.float64)
    contrib: dict[int, dict[str, float]] = {}
    covered: dict[int, set[str]] = {}
    stems_seq = [stem(w) for w in q.words]
    display = {}
    for w, s in zip(q.words, stems_seq):
        display.setdefault(s, w)
    for s in dict.fromkeys(stems_seq):
        idf = lex.idf.get(s)
        if idf is None:
            continue
        for i, w in lex.postings[s]:
            v = w * idf
            scores[i] += v
            contrib.setdefault(i, {})[display[s]] = contrib.get(i, {}).get(display[s], 0.0) + v
    seen_phr = set()
    for size in range(2, lex.max_phrase + 1):
        for start in range(0, len(stems_seq) - size + 1):
            key = tuple(stems_seq[start:start + size])
            if key in seen_phr or key not in lex.phrases:
                continue
            seen_phr.add(key)
            for i, w, disp in lex.phrases[key]:
                scores[i] += w * 1.5
                c = contrib.setdefault(i, {})
                c[disp] = c.get(disp, 0.0) + w * 1.5 + sum(c.pop(display[s], 0.0) for s in key if s in display)
                covered.setdefault(i, set()).update(display[s] for s in key if s in display)
    for w in dict.fromkeys(q.negated):
        s = stem(w)
        idf = lex.idf.get(s)
        if idf is None:
            continue
        for i, wt in lex.postings[s]:
            scores[i] -= 0.8 * wt * idf
    return scores, contrib


def _embedding_scores(q: Query, emb: EmbeddingIndex, n: int):
    rows = [emb.words[w] for w in dict.fromkeys(q.words) if w in emb.words]
    if not rows:
        return np.zeros(n), None, []
    wq = emb.word_vectors[rows]
    qv = wq.mean(0)
    qv /= np.linalg.norm(qv) or 1.0
    sent = emb.sentence @ qv
    per_prog = emb.word_programme_max[rows]  # (words, programmes), precomputed
    maxsim = per_prog.mean(0)
    raw = 0.5 * sent + 0.5 * maxsim
    med = float(np.median(raw))
    top = float(raw.max())
    norm = np.clip((raw - med) / max(top - med, 1e-6), 0.0, 1.0)
    used = [w for w in dict.fromkeys(q.words) if w in emb.words]
    return norm, per_prog, used


# eq=False: field-wise == on numpy arrays is ambiguous; two results are the same only if they are one object.
@dataclass(frozen=True, eq=False)
class InterestScores:
    """How well each programme fits the interests (arrays in catalogue order), and the evidence for it."""

    total: np.ndarray
    """Combined fit per programme: lexical + embedding, blended with the RIASEC fit when a profile is given."""
    query: Query
    """What was understood from the interests."""
    contributions: dict[int, dict[str, float]]
    """Programme row -> matched query word or phrase -> its lexical score."""
    word_similarity: np.ndarray | None
    """(embedded words, programmes): each word's best match with each programme; None without embeddings."""
    embedded_words: list[str]
    """The query words that have a vector, in the row order of ``word_similarity``."""
    riasec_fit: np.ndarray | None
    """RIASEC fit per programme; None without a profile."""
    profile: np.ndarray | None
    """The student's RIASEC profile vector; None when no profile was given."""


def interest_scores(interests, riasec=None, *, catalogue: Catalogue | None = None, model=None,
                    use_embeddings=True) -> InterestScores:
    """Fit of every catalogue programme with the interests, in catalogue order; plus what was understood."""
    catalogue = catalogue or get_catalogue()
    lex = lexical_index(catalogue)
    n = len(catalogue)
    q = analyse(interests, lex)
    lex_scores, contrib = _lexical_scores(q, lex, n)
    lex_norm = np.clip(lex_scores / max(float(lex_scores.max(initial=0.0)), LEX_FLOOR), -1.0, 1.0)
    if use_embeddings and q.words:
        emb = embedding_index(catalogue, model)
        emb_norm, per_prog, used = _embedding_scores(q, emb, n)
    else:
        emb_norm, per_prog, used = np.zeros(n), None, []
    if q.words:
        total = W_LEX * lex_norm + W_EMB * emb_norm
    else:
        total = np.zeros(n)
    profile = profile_vector(riasec)
    rfit = None
    if profile is not None:
        rfit = fit(profile, lex.code_matrix)
        total = (total + W_RIASEC * rfit) / (1.0 + W_RIASEC) if q.words else rfit
    return InterestScores(total=total, query=q, contributions=contrib, word_similarity=per_prog, embedded_words=used,
                          riasec_fit=rfit, profile=profile)


def _reasons(i: int, p: Programme, scores: InterestScores, situation) -> list[tuple[str, dict]]:
    per_prog, used, rfit, profile = scores.word_similarity, scores.embedded_words, scores.riasec_fit, scores.profile
    reasons: list[tuple[str, dict]] = []
    matched = sorted(scores.contributions.get(i, {}).items(), key=lambda kv: -kv[1])
    words = [w for w, v in matched if v > 0][:3]
    if per_prog is not None and len(words) < 3:
        for j in np.argsort(-per_prog[:, i]):
            w = used[j]
            if per_prog[j, i] >= 0.62 and w not in words and not any(w in x.split() for x in words):
                words.append(w)
            if len(words) >= 3:
                break
    if words:
        reasons.append(_reason("matches", words=list(words)))
    if profile is not None and rfit is not None and rfit[i] >= 0.6:
        shared = [letter for letter in top_letters(profile, 2) if letter in p.riasec]
        if shared:
            reasons.append(_reason("profile", types=list(shared)))
    if situation is not None and situation.school:
        reasons.append(_reason("after", situation=situation.describe()))
    if not reasons:
        reasons.append(_reason("similar"))
    return reasons


def recommend(interests, riasec=None, situation=None, place=None, top: int = 5, *, catalogue=None, model=None,
              use_embeddings: bool = True) -> list[Recommendation]:
    """Programmes that fit the interests, best first, within the niveaus the situation gives access to.

    ``interests``: a message or a list of messages. ``riasec``: {"R": 0.8, ...} or "RIA".
    ``situation``: a Situation, dict or text ("vmbo kader", "mbo 2"). ``place``: place or postcode,
    used for regional prospects. Names, origin, religion or a headscarf in the text change nothing.
    """
    catalogue = catalogue or get_catalogue()
    situation = Situation.parse(situation)
    allowed = allowed_niveaus(situation)
    scores = interest_scores(interests, riasec, catalogue=catalogue, model=model, use_embeddings=use_embeddings)
    total = scores.total
    if not scores.query.words and scores.profile is None:
        return []
    table = get_prospects_table()
    region = region_for_place(place) if place else None
    programmes = catalogue.programmes
    werk = _werk_vector(catalogue, table)
    # Prospects only break ties: the ranking follows the student's interests.
    ranked = total + 1e-4 * werk
    order = sorted(
        (i for i in range(len(programmes)) if programmes[i].niveau in allowed),
        key=lambda i: (-ranked[i], programmes[i].niveau, programmes[i].crebo),
    )
    out = []
    for i in order[: max(int(top), 0)]:
        p = programmes[i]
        parts = _reasons(i, p, scores, situation)
        out.append(
            Recommendation(
                programme=p,
                score=float(min(max(total[i], 0.0), 1.0)),
                reasons=[said(part) for part in parts],
                prospects=table.get(p.crebo, region),
                reason_parts=parts,
            )
        )
    return out


def _werk(value) -> int:
    return SCALE.index(value) if value in SCALE else 2


@per_catalogue
def _werk_vector(catalogue, table) -> np.ndarray:
    """Kans op werk (0-4, unknown = 2) per programme, in catalogue order."""
    return np.array([_werk(table.get(p.crebo).kans_op_werk) for p in catalogue.programmes], dtype=np.float64)


# ------------------------------------------------------------------ alternatives (the nudge)


def _shared_words(a: Programme, b: Programme, lex: LexicalIndex, limit: int | None = 2) -> list[str]:
    from .text import fold

    def terms(p):
        out = {}
        for t in p.synonyms:
            out.setdefault(" ".join(stem(w) for w in fold(t).split()), t.lower())
        return out

    ta, tb = terms(a), terms(b)
    shared = [ta[k] for k in ta if k in tb]
    shared.sort(key=lambda t: -lex.idf.get(stem(t.split()[-1]), 1.0))
    return shared[:limit]


def alternatives(crebo, interests=None, situation=None, top: int = 3, *, place=None, catalogue=None,
                 model=None) -> list[Alternative]:
    """Up to ``top`` programmes with a similar interest fit and clearly better prospects.

    Only when the programme's kans op werk is gering or matig; otherwise an empty list. The reason
    informs (what they share, what the figures say); the choice stays the student's.
    """
    catalogue = catalogue or get_catalogue()
    base = catalogue.get(crebo)
    region = region_for_place(place) if place else None
    table = get_prospects_table()
    base_pr = prospects_for(base.crebo, region, catalogue=catalogue, table=table)
    if not base_pr.weak:
        return []
    lex = lexical_index(catalogue)
    emb = embedding_index(catalogue, model)
    programmes = catalogue.programmes
    b = programmes.index(base)
    # How well the base programme's own words match each programme (precomputed word x programme table).
    from .index import programme_words

    rows = [emb.words[w] for w in programme_words(base) if w in emb.words]
    sem = emb.word_programme_max[rows].mean(0) if rows else emb.sentence @ emb.sentence[b]
    sem = sem.copy()
    sem[b] = np.median(sem)
    sem_norm = np.clip((sem - np.median(sem)) / max(float(sem.max() - np.median(sem)), 1e-6), 0, 1)
    codes = lex.code_matrix
    rsim = fit(code_vector(base.riasec), codes) if base.riasec else np.zeros(len(programmes))
    overlap = np.zeros(len(programmes))
    base_terms = {stem(w) for t in (*base.synonyms, *base.beroepen) for w in fold(t).split() if w not in STOPWORDS}
    for s in base_terms:
        for i, _w in lex.postings.get(s, []):
            overlap[i] += lex.idf.get(s, 1.0)
    overlap[b] = 0
    overlap_norm = overlap / max(float(overlap.max()), 1e-6)
    sim = 0.35 * sem_norm + 0.40 * overlap_norm + 0.25 * rsim
    if interests:
        fit_scores = interest_scores(interests, catalogue=catalogue, model=model).total
        sim = 0.5 * sim + 0.5 * np.clip(fit_scores, 0, 1)
    need = max((base_pr.werk_index or 0) + 2, 2)
    situation = Situation.parse(situation)
    allowed = allowed_niveaus(situation) if situation else {n for n in (1, 2, 3, 4) if abs(n - base.niveau) <= 1}
    candidates = []
    for i, p in enumerate(programmes):
        if i == b or p.niveau not in allowed:
            continue
        pr = table.get(p.crebo, region)
        if pr.werk_index is None or pr.werk_index < need:
            continue
        candidates.append((sim[i], i, pr))
    candidates.sort(key=lambda t: (-t[0], programmes[t[1]].crebo))
    from .alternative_reason import telling_words, worth_offering

    out = []
    for score, i, pr in candidates:
        if len(out) >= max(int(top), 0):
            break
        p = programmes[i]
        every = _shared_words(base, p, lex, limit=None)
        if not worth_offering(every, [t for t in (base.riasec or "")[:2] if t in (p.riasec or "")]):
            continue  # only generic words in common ("regels"), or nothing at all
        shared = telling_words(every)[:2]
        part = _alt_reason(base, base_pr, p, pr, shared)
        out.append(Alternative(p, pr, alternative_said(part), float(score), shared, [part]))
    return out


def _alt_reason(base: Programme, base_pr: Prospects, p: Programme, pr: Prospects, shared: list[str]
                ) -> tuple[str, dict]:
    """The alternative's reason as (key, values); ``why`` is shared words, or a part of its own."""
    if shared:
        why = list(shared)
    else:
        letters = [letter for letter in base.riasec[:2] if letter in p.riasec]
        why = _reason("alternative_type", type=letters[0]) if letters else _reason("alternative_same")
    # The same programme one niveau up ("Pianotechnicus" 3 and 4): name it once.
    base_label = _reason("same_name", niveau=base.niveau) if base.name == p.name else base.name
    return _reason("alternative", name=p.name, niveau=p.niveau, why=why, werk=pr.kans_op_werk, base=base_label,
                   base_werk=base_pr.kans_op_werk, note=_reason("sample") if (pr.sample or base_pr.sample) else "")


def alternative_said(part: tuple[str, dict]) -> str:
    """An alternative's reason in Dutch: shared words read "a en b", a RIASEC type its description."""
    _, values = part

    def dutch(value):
        if isinstance(value, list):
            return " en ".join(value)
        if isinstance(value, tuple):
            key, inner = value
            return REASONS[key].format(**{k: DESCRIPTIONS[v] if k == "type" else v for k, v in inner.items()})
        return value

    return REASONS["alternative"].format(**{k: dutch(v) for k, v in values.items()})


# ------------------------------------------------------------------ compare


def compare(crebos, *, place=None, catalogue=None) -> list[dict]:
    """2 to 4 programmes side by side. Raises InvalidComparison or UnknownCrebo."""
    if isinstance(crebos, str):
        crebos = re.findall(r"\d{5}", crebos) or [crebos]
    catalogue = catalogue or get_catalogue()
    # An earlier code and the current code of one programme are one programme.
    programmes = list({p.crebo: p for p in (catalogue.get(str(c).strip()) for c in crebos)}.values())
    if not 2 <= len(programmes) <= 4:
        raise InvalidComparison(f"vergelijken kan met 2 tot 4 verschillende opleidingen, niet {len(programmes)}")
    region = region_for_place(place) if place else None
    table = get_prospects_table()
    rows = []
    for p in programmes:
        pr = table.get(p.crebo, region)
        rows.append(
            {
                "crebo": p.crebo,
                "name": p.name,
                "niveau": p.niveau,
                "duration_years": p.duration_years,
                "domain": p.domain,
                "leerwegen": list(p.leerwegen),
                "kans_op_werk": pr.kans_op_werk,
                "kans_op_stage": pr.kans_op_stage,
                "kans_op_leerbaan": pr.kans_op_leerbaan,
                "beroepen": list(p.beroepen),
                "region": pr.region,
                "year": pr.year,
                "source": pr.source,
                "sample": pr.sample,
                "code_confirmed": p.code_confirmed,
            }
        )
    return rows
