"""What the identity page shows beside the skip-trace history: who the identity is made
of and where each piece came from (document, page, the words around it)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from models.tables import Document, Identity, IdentityEvent, Observation, Page, Party
from skiptrace.search import QueryTooLong, check_query_length
from workbench.page_words import page_lines

SNIPPET_LINES = 2
TIMELINE_LABEL_CHARS = 42  # longer values are cut on the axis; the tooltip has them whole


@dataclass(frozen=True, slots=True)
class SourceRow:
    party_id: int
    document_id: int
    file_name: str
    doc_type: str
    document_date: str
    role: str
    name: str
    dob: str
    ssn: str
    page: int
    snippet: str


def mask_ssn(last4: str | None) -> str:
    """How an SSN is shown anywhere: its last four only."""
    return f"•••-••-{last4}" if last4 else ""


def snippet(page: Page | None, bbox: list, extra_lines: int = SNIPPET_LINES) -> str:
    """The page's lines that start at the party's box, a few lines long."""
    if page is None or not page.words:
        return ""
    lines = page_lines(page.words)
    if len(bbox) == 4 and any(bbox):
        start = next((i for i, line in enumerate(lines) if line.bbox[3] >= bbox[1]), 0)
    else:
        start = 0
    return " / ".join(line.text for line in lines[start:start + 1 + extra_lines])


def identity_sources(session: Session, identity_id: int) -> list[SourceRow]:
    """Every party linked to the identity, with its document and a snippet of the page."""
    parties = session.exec(select(Party).where(Party.identity_id == identity_id)
                           .order_by(col(Party.document_id), col(Party.id))).all()
    rows = []
    for party in parties:
        document = session.get(Document, party.document_id)
        page = session.exec(select(Page).where(Page.document_id == party.document_id,
                                               Page.number == party.page)).first()
        rows.append(SourceRow(
            party_id=party.id or 0, document_id=party.document_id,
            file_name=document.file_name if document else "", doc_type=document.doc_type
            if document else "", document_date=str(document.document_date or "")
            if document else "", role=party.role, name=party.name, dob=party.dob or "",
            ssn=mask_ssn(party.ssn_last4), page=party.page,
            snippet=snippet(page, list(party.bbox))))
    return rows


def identity_events(session: Session, identity_id: int) -> list[IdentityEvent]:
    return list(session.exec(select(IdentityEvent).where(IdentityEvent.identity_id == identity_id)
                             .order_by(col(IdentityEvent.id).desc())).all())


def resolve_identity(session: Session, identity_id: int) -> Identity | None:
    """Follow merges to the surviving identity (an old id still finds its person)."""
    seen = set()
    identity = session.get(Identity, identity_id)
    while identity is not None and identity.merged_into and identity.id not in seen:
        seen.add(identity.id)
        identity = session.get(Identity, identity.merged_into)
    return identity


@dataclass(frozen=True, slots=True)
class IdentitySummary:
    """What the merge preview shows of one identity, side by side with the other."""

    identity_id: int
    status: str
    display_name: str
    names: list[str]
    dobs: list[str]
    ssn: list[str]  # masked: last four only
    addresses: int
    phones: int
    documents: int


def identity_summary(session: Session, identity_id: int) -> IdentitySummary | None:
    """Names, dates of birth, SSN last four and counts of one identity (as stored, no merge
    followed: a merged identity says so in ``status``)."""
    identity = session.get(Identity, identity_id)
    if identity is None:
        return None
    parties = session.exec(select(Party).where(Party.identity_id == identity_id)).all()
    observations = session.exec(select(Observation.kind, Observation.normalized)
                                .where(Observation.identity_id == identity_id)).all()
    distinct = set(observations)
    return IdentitySummary(
        identity_id=identity_id, status=identity.status, display_name=identity.display_name,
        names=sorted({p.name for p in parties}), dobs=sorted({p.dob for p in parties if p.dob}),
        ssn=sorted({mask_ssn(p.ssn_last4) for p in parties if p.ssn_last4}),
        addresses=sum(kind == "address" for kind, _ in distinct),
        phones=sum(kind == "phone" for kind, _ in distinct),
        documents=len({p.document_id for p in parties}))


def active_identity_ids(session: Session, identity_ids: list[int]) -> set[int]:
    """Those of ``identity_ids`` still active (not merged into another, not retired)."""
    if not identity_ids:
        return set()
    found = session.exec(select(Identity.id).where(col(Identity.id).in_(identity_ids),
                                                   Identity.status == "active")).all()
    return {identity_id for identity_id in found if identity_id is not None}


def short_label(value: str, limit: int = TIMELINE_LABEL_CHARS) -> str:
    """A value cut to fit a chart axis, with an ellipsis when cut."""
    value = " ".join(str(value).split())
    return value if len(value) <= limit else value[:limit - 1].rstrip() + "…"


def query_refusal(query: str) -> str | None:
    """Why a query is not searched, as the page says it (None when it may be searched)."""
    try:
        check_query_length(query)
    except QueryTooLong as refusal:
        return f"Not searched: the {refusal}."
    return None
