"""Blocking keys and name counts of linked parties, kept in the database.

Linking one new document must not cost more as the database grows. Each
linked person party stores the values of every blocking key it has (the same
keys the batch linker blocks on) and its given name and surname; a new party
then loads only the parties that share a key with it, and the term
frequencies its scores need come from counting names here, not from loading
the population.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np
from sqlalchemy import delete, func, insert
from sqlmodel import Session, col, select

from models.tables import Party, PartyKey
from skiptrace.blocking import BLOCKING_KEYS, DEFAULT_MAX_BLOCK_SIZE, MAX_BLOCK_SIZE_OF_KEY
from skiptrace.comparisons import FIELDS
from skiptrace.normalize import PersonTable

TF_PREFIX = "tf."
# Stored with every party's keys. Change it whenever ``BLOCKING_KEYS`` change: a database
# whose keys carry another version (or none) has them rewritten on its next link
# (``has_keys`` is false there), instead of new parties silently missing old ones.
KEYS_VERSION = "keys.version=7"  # 2: issue 13's compound keys (dob+name_sound, ...);
# 3: house number or ZIP + the street's first letter + a name's sound; 4: the street's
# first letter also where it has no house number; 5: city or ZIP + the street's name + an
# initial; 6: "P.O. Box" read as a PO box (it was "p o box", which gave a street-name key);
# 7: the street's initial skips a directional ('12 s lamb blvd' -> 'l')
IN_CHUNK = 500  # values per IN (...) list: well under every database's parameter limit


def in_chunks(values: Sequence) -> Iterable[Sequence]:
    """Slices of ``values`` short enough for one IN (...) list."""
    for start in range(0, len(values), IN_CHUNK):
        yield values[start:start + IN_CHUNK]


def record_keys(table: PersonTable) -> list[set[str]]:
    """Per record, its blocking keys as ``name=value``, its names as ``tf.column=value``
    and ``KEYS_VERSION``."""
    keys: list[set[str]] = [{KEYS_VERSION} for _ in range(len(table))]
    for name, make_key in BLOCKING_KEYS.items():
        values = make_key(table)
        for column in values if isinstance(values, tuple) else (values,):
            for k, value in enumerate(column.tolist()):
                if value:
                    keys[k].add(f"{name}={value}")
    for spec in FIELDS:
        if spec.tf_column:
            for k, value in enumerate(getattr(table, spec.tf_column).tolist()):
                if value:
                    keys[k].add(f"{TF_PREFIX}{spec.tf_column}={value}")
    return keys


def _bound(key: str) -> int:
    name = key.split("=", 1)[0]
    return MAX_BLOCK_SIZE_OF_KEY.get(name, DEFAULT_MAX_BLOCK_SIZE)


def store_keys(session: Session, party_ids: Sequence[int], keys: Sequence[set[str]],
               replace: bool = True) -> None:
    """Store the keys of these parties (replacing what they had, unless told there is none)."""
    if replace:
        forget_keys(session, party_ids)
    rows = [{"party_id": party_id, "key": key}
            for party_id, party_keys in zip(party_ids, keys, strict=True)
            for key in sorted(party_keys)]
    if rows:  # one executemany, not an ORM object per key (a relink writes millions)
        session.execute(insert(PartyKey), rows)


def forget_keys(session: Session, party_ids: Iterable[int]) -> None:
    ids = sorted({int(i) for i in party_ids})
    for chunk in in_chunks(ids):
        session.execute(delete(PartyKey).where(col(PartyKey.party_id).in_(chunk)))


def has_keys(session: Session) -> bool:
    """Whether parties' keys are stored, and made by the current ``BLOCKING_KEYS``."""
    return session.exec(select(PartyKey.id).where(PartyKey.key == KEYS_VERSION)
                        .limit(1)).first() is not None


def key_counts(session: Session, keys: Iterable[str]) -> Counter:
    """How many stored parties hold each key."""
    wanted = sorted(set(keys))
    counts: Counter = Counter()
    for chunk in in_chunks(wanted):
        rows = session.exec(select(PartyKey.key, func.count()).where(
            col(PartyKey.key).in_(chunk)).group_by(PartyKey.key)).all()
        counts.update({key: int(count) for key, count in rows})
    return counts


def parties_sharing_keys(session: Session, keys: Iterable[set[str]]) -> set[int]:
    """Ids of stored parties that share a blocking key with any of ``keys``, skipping keys
    held by more parties than the batch linker's bound for that key allows."""
    blocking = sorted({key for party_keys in keys for key in party_keys
                       if not key.startswith(TF_PREFIX) and key != KEYS_VERSION})
    counts = key_counts(session, blocking)
    usable = [key for key in blocking if 0 < counts[key] < _bound(key)]
    found: set[int] = set()
    for chunk in in_chunks(usable):
        found.update(session.exec(select(PartyKey.party_id).where(
            col(PartyKey.key).in_(chunk))).all())
    return found


def stored_population(session: Session) -> int:
    """Linked parties: the population the stored name counts refer to (every linked party
    has its keys stored). Counted on the indexed ``identity_id``, not by a DISTINCT over
    every stored key."""
    return int(session.exec(select(func.count()).select_from(Party).where(
        col(Party.identity_id).is_not(None))).one())


def term_frequencies(session: Session, table: PersonTable, unstored: np.ndarray,
                     population: int) -> dict[int, np.ndarray]:
    """Per record of ``table``, the share of the population holding its given name and its
    surname: the stored counts plus the ``unstored`` records (the new ones) of the table."""
    out: dict[int, np.ndarray] = {}
    total = max(population, 1)
    for f, spec in enumerate(FIELDS):
        if not spec.tf_column:
            continue
        values = getattr(table, spec.tf_column).tolist()
        stored = key_counts(session, (f"{TF_PREFIX}{spec.tf_column}={v}" for v in values if v))
        new = Counter(v for v, is_new in zip(values, unstored.tolist(), strict=True)
                      if v and is_new)
        out[f] = np.asarray([(stored[f"{TF_PREFIX}{spec.tf_column}={v}"] + new[v]) / total
                             if v else 0.0 for v in values], dtype=float)
    return out


