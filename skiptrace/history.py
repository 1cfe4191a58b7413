"""An identity's contact history: every address, phone and e-mail, dated, sourced, ranked.

Each distinct value (merged on its normalized form) gets a first and last
seen date, the documents that carry it, and a score for how likely it is
current, with the reasons in words. The score multiplies:

* recency: halves for every two years between the value's last sighting and
  the identity's newest sighting of any contact (so the ranking does not
  depend on today's date);
* source strength: the best kind of document that shows it (a court filing
  outweighs a creditor's placement sheet);
* corroboration: more documents, a little more weight;
* status: 'bad address', 'returned mail', 'disconnected' push a value down,
  'current' / 'verified' push it up, 'previous' somewhat down (whole words:
  'unverified' is no confirmation).

A value whose documents carry no date of their own is "undated": it is never
"the most recent sighting" (a document's intake day is not when the person
lived there), and it ranks below every dated value (dated values first, each group by score; its
score is shown with a recency of ``UNDATED_RECENCY``).

Employers (from garnishments) are kept apart as workplaces.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from datetime import date

from sqlmodel import Session, col, select

from core.vocabulary import COURT_DOC_TYPES, source_strength
from models.row_ids import stored_id
from models.tables import Document, Identity, IdentityEvent, Observation, Party

RECENCY_HALF_LIFE_YEARS = 2.0
BAD_STATUS_WORDS = ("bad", "returned", "undeliverable", "disconnected", "wrong", "invalid",
                    "not in service", "deceased")
GOOD_STATUS_WORDS = ("current", "verified", "confirmed", "good")
PREVIOUS_STATUS_WORDS = ("previous", "former", "old", "prior")
PHONE_TYPES = ("mobile", "cell", "home", "work", "landline", "fax")
UNDATED_RECENCY = 0.05  # the recency an undated value's score is shown with


def _has_word(text: str, words: tuple[str, ...]) -> bool:
    return any(re.search(rf"(?<![a-z]){re.escape(word)}(?![a-z])", text) for word in words)


@dataclass(slots=True)
class SourceRef:
    document_id: int | None
    file_name: str
    doc_type: str
    observed_on: str | None
    status: str

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(slots=True)
class ContactHistory:
    """One distinct address / phone / e-mail / employer of an identity."""

    kind: str
    value: str
    normalized: str
    first_seen: str | None
    last_seen: str | None
    sources: list[SourceRef]
    score: float
    reasons: list[str]
    status: str = ""
    phone_type: str = ""

    def to_dict(self) -> dict:
        data = asdict(self)
        data["sources"] = [s.to_dict() for s in self.sources]
        return data


@dataclass(slots=True)
class IdentityHistory:
    identity_id: int
    display_name: str
    status: str
    names: list[str]
    dates_of_birth: list[str]
    ssn_last4: list[str]
    addresses: list[ContactHistory] = field(default_factory=list)
    phones: list[ContactHistory] = field(default_factory=list)
    emails: list[ContactHistory] = field(default_factory=list)
    employers: list[ContactHistory] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "identity_id": self.identity_id, "display_name": self.display_name,
            "status": self.status, "names": self.names, "dates_of_birth": self.dates_of_birth,
            "ssn_last4": self.ssn_last4,
            "addresses": [c.to_dict() for c in self.addresses],
            "phones": [c.to_dict() for c in self.phones],
            "emails": [c.to_dict() for c in self.emails],
            "employers": [c.to_dict() for c in self.employers],
            "events": self.events,
        }


def _status_factor(statuses: list[str]) -> tuple[float, str]:
    """The effect of the newest status note, and that note."""
    for status in statuses:
        if _has_word(status, BAD_STATUS_WORDS):
            return 0.15, status
        if _has_word(status, PREVIOUS_STATUS_WORDS):
            return 0.6, status
        if _has_word(status, GOOD_STATUS_WORDS):
            return 1.25, status
    return 1.0, ""


def _phone_type(statuses: list[str]) -> str:
    for status in statuses:
        for kind in PHONE_TYPES:
            if _has_word(status, (kind,)):
                return "mobile" if kind == "cell" else kind
    return ""


def _years_between(earlier: date | None, later: date | None) -> float | None:
    if earlier is None or later is None:
        return None
    return max((later - earlier).days, 0) / 365.25


def rank_contacts(observations: list[Observation], documents: dict[int, Document],
                  newest: date | None) -> list[ContactHistory]:
    """Merge observations of one kind on their normalized value and rank them, best first."""
    groups: dict[str, list[Observation]] = defaultdict(list)
    for row in observations:
        groups[row.normalized].append(row)
    ranked: list[ContactHistory] = []
    for normalized, rows in groups.items():
        rows.sort(key=lambda r: (r.observed_on or date.min, r.id or 0), reverse=True)
        dates = [r.observed_on for r in rows if r.observed_on]
        first_seen, last_seen = (min(dates), max(dates)) if dates else (None, None)
        statuses = [r.detail.lower() for r in rows if r.detail]
        sources = [SourceRef(document_id=r.document_id,
                             file_name=documents[r.document_id].file_name
                             if r.document_id in documents else "",
                             doc_type=r.source_type,
                             observed_on=r.observed_on.isoformat() if r.observed_on else None,
                             status=r.detail) for r in rows]
        reasons: list[str] = []
        years = _years_between(last_seen, newest)
        recency = (0.5 ** (years / RECENCY_HALF_LIFE_YEARS) if years is not None
                   else UNDATED_RECENCY)
        if last_seen is None:
            reasons.append("undated: no date on its documents, ranked below dated sightings")
        elif years is not None and years < 0.1:
            reasons.append(f"most recent sighting of this person ({last_seen.isoformat()})")
        else:
            reasons.append(f"last seen {last_seen.isoformat()}, {years:.1f} years before the "
                           "newest sighting")
        best_source = max(rows, key=lambda r: source_strength(r.source_type))
        strength = source_strength(best_source.source_type)
        if best_source.source_type in COURT_DOC_TYPES:
            reasons.append(f"on a court filing ({best_source.source_type})")
        else:
            reasons.append(f"best source: {best_source.source_type or 'unknown'}")
        document_count = len({r.document_id for r in rows})
        corroboration = 1.0 + 0.25 * math.log2(document_count) if document_count > 1 else 1.0
        if document_count > 1:
            reasons.append(f"on {document_count} documents")
        status_factor, status = _status_factor(statuses)
        if status:
            reasons.append(f"marked '{status}' ({_status_effect(status_factor)})")
        score = min(1.0, recency * strength * corroboration * status_factor)
        kind = rows[0].kind
        if kind == "employer":
            reasons.append("a workplace (garnishee), not a home address")
        ranked.append(ContactHistory(
            kind=kind, value=rows[0].value, normalized=normalized,
            first_seen=first_seen.isoformat() if first_seen else None,
            last_seen=last_seen.isoformat() if last_seen else None, sources=sources,
            score=round(score, 4), reasons=reasons, status=status,
            phone_type=_phone_type(statuses) if kind == "phone" else ""))
    ranked.sort(key=lambda c: (c.last_seen is None, -c.score, c.value))
    return ranked


def _status_effect(factor: float) -> str:
    if factor < 0.5:
        return "ranked down: not a working contact"
    if factor < 1.0:
        return "ranked down: an older contact"
    return "ranked up: confirmed"


def identity_history(session: Session, identity_id: int) -> IdentityHistory:
    """Everything known about where an identity lives and how to reach it, ranked."""
    identity = session.get(Identity, identity_id)
    if identity is None:
        raise LookupError(f"identity {identity_id} does not exist")
    if identity.status == "merged" and identity.merged_into:
        return identity_history(session, identity.merged_into)
    parties = session.exec(select(Party).where(Party.identity_id == identity_id)).all()
    observations = session.exec(select(Observation)
                                .where(Observation.identity_id == identity_id)).all()
    document_ids = sorted({o.document_id for o in observations if o.document_id}
                          | {p.document_id for p in parties})
    documents = ({stored_id(d): d for d in session.exec(select(Document)
                                               .where(col(Document.id).in_(document_ids)))}
                 if document_ids else {})
    dated = [o.observed_on for o in observations if o.observed_on]
    newest = max(dated) if dated else None
    by_kind: dict[str, list[Observation]] = defaultdict(list)
    for row in observations:
        by_kind[row.kind].append(row)
    events = session.exec(select(IdentityEvent).where(IdentityEvent.identity_id == identity_id)
                          .order_by(col(IdentityEvent.created_at), col(IdentityEvent.id))).all()
    return IdentityHistory(
        identity_id=stored_id(identity), display_name=identity.display_name, status=identity.status,
        names=sorted({" ".join(p.name.split()) for p in parties}),
        dates_of_birth=sorted({p.dob for p in parties if p.dob}),
        ssn_last4=sorted({p.ssn_last4 for p in parties if p.ssn_last4}),
        addresses=rank_contacts(by_kind["address"], documents, newest),
        phones=rank_contacts(by_kind["phone"], documents, newest),
        emails=rank_contacts(by_kind["email"], documents, newest),
        employers=rank_contacts(by_kind["employer"], documents, newest),
        events=[{"kind": e.kind, "other_identity_id": e.other_identity_id, "detail": e.detail,
                 "user": e.user, "at": e.created_at.isoformat()} for e in events],
    )
