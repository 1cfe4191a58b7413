"""extract_document: a read document's words -> CONTRACT.md fields and parties.

The stages, each its own module:
    page_to_lines (layout) -> lines_to_candidates (parsers) -> guess_role (label lexicon)
    -> role model (transformer head, optional) -> select and calibrate (confidence)
    lines_to_party_anchors (captions, labels, blocks) -> attach_contacts -> parties
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from core.document import BBox, ReadDocument
from core.lines import Line, page_to_lines, to_page_box
from core.results import ExtractedField, ExtractedParty, Extraction
from core.vocabulary import DOC_TYPE_SPECS, MULTI_VALUE_FIELDS, FieldKind, PartyRole
from extraction import confidence as calib
from extraction.candidates import Candidate, lines_to_candidates
from extraction.contacts import (
    PartyDraft,
    anchors_to_drafts,
    attach_contacts,
    is_court_heading,
    share_attorney_blocks,
)
from extraction.in_house import share_counsel_blocks
from extraction.itemization import OwnLabel, itemize, part_words
from extraction.kv_parties import ORG, kv_party_anchors
from extraction.label_meaning import field_similarities
from extraction.labels import NONE, guess_role
from extraction.letterhead import attach_letterhead
from extraction.name_blocks import MAX_PAGE, add_repeat_places, attach_exhibit_addresses
from extraction.named_fields import (
    find_charge_off_creditor,
    find_court_names,
    find_creditor_names,
    find_owed_to,
)
from extraction.party_anchors import lines_to_party_anchors
from extraction.party_names import PartyAnchor
from extraction.prose_addresses import attach_prose_addresses
from extraction.value_labels import LabelReading, decide, label_guesses, spelled_out
from intake.classify import classify_document

if TYPE_CHECKING:  # role_model is imported where used (it brings numpy)
    from extraction.role_model import Head

# Fields a document type can hold at all (a deed has no balance due, whatever it prints);
# a type not named here may hold any field.
TYPE_FIELDS = {name: spec.fields for name, spec in DOC_TYPE_SPECS.items() if spec.fields_only}
NO_BLOCK = -10_000  # the line index of a party anchor that owns no contact block
ZERO_PENALTY = 0.2  # "$0.00" rarely is the value a reader wants


@dataclass(slots=True)
class FieldHit:
    """One piece of evidence that a value fills a field."""

    name: str
    value: str
    raw: str
    page: int
    bbox: BBox
    score: float
    where: str
    extractor: str
    ocr_confidence: float = 1.0


def document_lines(doc: ReadDocument) -> list[list[Line]]:
    """Lines per readable page (failed pages give no lines)."""
    return [page_to_lines(page) if page.status == "ok" else [] for page in doc.pages]


def candidates_to_hits(candidates: list[Candidate], doc_type: str, *, use_transformer: bool,
                       own_labels: list[LabelReading | None] | None = None) -> list[FieldHit]:
    """Field evidence from typed candidates: label rules, refined by the role model; where a
    value has a label of its own that the rules did not read (``own_labels``, from
    ``value_labels.label_guesses``), that label's meaning decides."""
    guesses = [guess_role(c, doc_type) for c in candidates]
    rule_guesses = list(guesses)
    if use_transformer:
        from extraction import role_model

        asked = [g.where in role_model.ASKED_EVIDENCE for g in guesses]
        model_roles = role_model.predict_roles(candidates, doc_type, asked)
        if model_roles is not None:
            guesses = [role_model.combine(g, m, c.kind) for c, g, m in
                       zip(candidates, guesses, model_roles, strict=True)]
    if own_labels is not None:
        guesses = [decide(g, found) for g, found in
                   zip(guesses, own_labels, strict=True)]
    guesses = itemize(candidates, guesses, rule_guesses, _own_meanings(candidates, own_labels),
                      doc_type)
    hits = []
    allowed = TYPE_FIELDS.get(doc_type)
    for cand, guess in zip(candidates, guesses, strict=True):
        if guess.field == NONE or (allowed is not None and guess.field not in allowed):
            continue
        score = guess.score - (ZERO_PENALTY if cand.kind == FieldKind.AMOUNT and
                               cand.value == "0.00" else 0.0)
        hits.append(FieldHit(guess.field, cand.value, cand.raw, cand.page, cand.bbox,
                             score, guess.where,
                             "model" if guess.where == "model" else "rules",
                             cand.ocr_confidence))
    return hits


def _own_meanings(candidates: list[Candidate], own_labels: list[LabelReading | None] | None
                  ) -> list[OwnLabel]:
    """Per candidate, what its own label (``value_labels``) says, for ``itemize``."""
    if own_labels is None:
        return [OwnLabel() for _ in candidates]
    out = [OwnLabel(found is not None and found[1] == NONE,
                    found[0].where if found is not None else "") for found in own_labels]
    asked = [k for k, found in enumerate(own_labels) if found is not None
             and found[0].where in ("left", "above") and candidates[k].kind == "amount"]
    texts = [part_words(spelled_out(found[0].text)) for found in (own_labels[k] for k in asked)
             if found]
    for k, sims in zip(asked, field_similarities(texts, "amount"), strict=True):
        out[k] = out[k]._replace(sims=sims)
    return out


SHEET_ACCOUNT_DIGITS = 10  # a card or loan number; file and reference numbers run shorter


def sheet_account(candidates: list[Candidate], hits: list[FieldHit], doc_type: str
                  ) -> list[FieldHit]:
    """A placement sheet is about one account: where no label named its number, the
    longest number of ten digits or more it prints (not a phone) is that account's, as weak
    evidence of its own (``where`` = 'sheet'). Court papers and letters are left alone."""
    if doc_type != "placement" or any(h.name == "account_number" for h in hits):
        return []
    numbers = [c for c in candidates if c.kind == "account_number"
               and len(re.sub(r"\D", "", c.value)) >= SHEET_ACCOUNT_DIGITS]
    if not numbers:
        return []
    best = max(numbers, key=lambda c: (len(re.sub(r"\D", "", c.value)), -c.page))
    return [FieldHit("account_number", best.value, best.raw, best.page, best.bbox, 0.6,
                     "sheet", "rules", best.ocr_confidence)]


def drop_partial_accounts(hits: list[FieldHit]) -> list[FieldHit]:
    """'ending in 4821' is the same account as 'XXXXXXXXXXXX4821' printed elsewhere."""
    full = {re.sub(r"\D", "", h.value)[-4:] for h in hits
            if h.name == "account_number" and not h.value.lower().startswith("ending")}
    return [h for h in hits if not (h.name == "account_number"
                                    and h.value.lower().startswith("ending")
                                    and re.sub(r"\D", "", h.value)[-4:] in full)]


# A multi-value field (fees, account numbers) keeps every value scoring MULTI_VALUE_SURE or
# more, and any within MULTI_VALUE_MARGIN of its best value.
MULTI_VALUE_SURE = 0.85
MULTI_VALUE_MARGIN = 0.05


def select_fields(hits: list[FieldHit], doc_type: str, ocr: bool) -> list[ExtractedField]:
    """One value per field (several for account numbers), calibrated, best first."""
    hits = drop_partial_accounts(hits)
    grouped: dict[tuple[str, str], list[FieldHit]] = defaultdict(list)
    for hit in hits:
        grouped[(hit.name, hit.value.lower())].append(hit)
    per_field: dict[str, list[tuple[float, FieldHit, int, float]]] = defaultdict(list)
    for (name, _), group in grouped.items():
        best = max(group, key=lambda h: (h.score, -h.page))
        per_field[name].append((best.score, best, len(group), min(h.ocr_confidence
                                                                  for h in group)))
    out: list[ExtractedField] = []
    for name, options in per_field.items():
        options.sort(key=lambda o: (-o[0], -o[2], o[1].page))
        top_score = options[0][0]
        competitors = sum(1 for o in options[1:] if o[0] >= top_score - 0.05)
        keep = options[:1]
        if name in MULTI_VALUE_FIELDS:
            # every sure item, and those as sure as the best: a judgment's costs and its
            # attorney fees read alike, and a model that doubts both a little (a layout it
            # never saw) must not keep one and drop the other
            keep = [o for o in options if o[0] >= MULTI_VALUE_SURE
                    or o[0] >= top_score - MULTI_VALUE_MARGIN]
        elif name == "creditor_name":
            # several plaintiffs in the caption ("TRUSTEES OF FUND A and ... FUND B") are
            # each a party the debt is owed to; so is the charge-off creditor a pleading names
            # a label that names the original creditor gives way to one that names whom
            # the debt is owed to now (a sheet prints both)
            named = sorted((o for o in options if o[1].where != "charge-off"),
                           key=lambda o: "original" in o[1].where)
            keep = named[:1] + [o for o in named[1:] if named[0][1].where == "party"
                                and o[1].where == "party"]
            keep += [o for o in options if o[1].where == "charge-off"]
        for score, hit, repeats, ocr_conf in keep:
            key = calib.field_bucket(name, score, hit.where, repeats, competitors, ocr_conf, ocr)
            out.append(ExtractedField(name=name, value=hit.value, raw=hit.raw,
                                      confidence=calib.calibrate_field(key, score),
                                      page=hit.page, bbox=hit.bbox, extractor=hit.extractor,
                                      evidence=key))
    out.sort(key=lambda f: (f.name, -f.confidence))
    return out


def party_evidence(how: str) -> str:
    """The ``where`` of a creditor_name taken from a creditor party: ``party`` for the
    finders that read printed role words (captions, role labels, blocks: the evidence the
    committed calibration counted), ``party-<how>`` for a party read off key/value pairs
    (``kv_parties``: geometry and a label's nearest meaning). Those are a different kind of
    evidence, right at a rate of their own, so calibration counts them in buckets of their
    own; where a table never counted them the value gets the shrunk raw score, not the
    caption creditors' rate near 1.0."""
    return f"party-{how}" if how.startswith("kv") else "party"


def _creditor_hits_from_parties(drafts: list[PartyDraft]) -> list[FieldHit]:
    return [FieldHit("creditor_name", d.name, d.name, d.page, d.bbox, 0.75,
                     party_evidence(d.how), "rules")
            for d in drafts if d.role == PartyRole.CREDITOR and d.how != "title"]


def drafts_to_parties(drafts: list[PartyDraft], ocr: bool, *, use_ner: bool
                      ) -> list[ExtractedParty]:
    """Drafts to contract parties; spaCy's person/org call on each name is evidence."""
    kinds = ["unknown"] * len(drafts)
    if use_ner and drafts:
        from extraction.ner import name_kinds

        kinds = name_kinds([d.name for d in drafts])
    parties = []
    for draft, kind in zip(drafts, kinds, strict=True):
        contacts = (len(draft.addresses) + len(draft.phones) + len(draft.emails)
                    + (draft.dob is not None) + (draft.ssn_last4 is not None))
        key = calib.party_bucket(draft.role, draft.how, draft.anchors, contacts, kind, ocr)
        parties.append(ExtractedParty(
            role=draft.role, name=draft.name, dob=draft.dob, ssn_last4=draft.ssn_last4,
            addresses=draft.addresses, phones=draft.phones, emails=draft.emails,
            address_status=draft.address_status, phone_types=draft.phone_types,
            phone_status=draft.phone_status,
            confidence=calib.calibrate_party(key, draft.score), page=draft.page,
            bbox=draft.bbox, extractor=draft.how, evidence=key))
    parties.sort(key=lambda p: -p.confidence)
    return parties


EXHIBIT_RE = re.compile(r"^EXHIBIT\s+[\"'“”‘’]?[A-Z0-9]{1,2}\b", re.IGNORECASE)
# A cover sheet: the page holds little else than "EXHIBIT “A”" (anywhere on it)
EXHIBIT_COVER_RE = re.compile(r"^EXHIBIT\s+[\"'“”‘’]?[A-Z0-9]{1,2}[\"'“”‘’]?\s*$", re.IGNORECASE)


def starts_exhibit(lines: list[Line]) -> bool:
    """A page that opens with 'EXHIBIT A' starts the attachments."""
    if lines[0].page <= 1:
        return False
    if any(EXHIBIT_RE.match(line.text.strip()) for line in lines[:3]):
        return True
    return len(lines) <= 4 and any(EXHIBIT_COVER_RE.match(line.text.strip()) for line in lines)


def extract_lines(pages: list[list[Line]], doc_type: str, *, ocr: bool,
                  use_transformer: bool = True, use_ner: bool = True,
                  frames: dict[int, tuple[int, float, float]] | None = None) -> Extraction:
    """The extraction over already-built lines. ``frames`` holds, per page turned upright
    for reading, (rotation, width, height): boxes go back to the page's own frame."""
    candidates: list[Candidate] = []
    own_labels: list[LabelReading | None] = []
    named = []
    anchors = []
    exhibit_addresses: list[Candidate] = []
    body: list[list[Line]] = []  # the first pages before any exhibit
    in_exhibits = False
    # a court paper names its parties in the caption; its role words beside names and in
    # sentences are no key/value labels
    court_paper = any(is_court_heading(line) for line in (pages[0] if pages else [])[:40])
    for lines in pages:
        if not lines:
            continue
        in_exhibits = in_exhibits or starts_exhibit(lines)
        if in_exhibits:  # an attached statement's numbers are not this paper's values
            if lines[0].page <= MAX_PAGE:
                exhibit_addresses += [c for c in lines_to_candidates(lines)
                                      if c.kind == "address"]
            continue
        if lines[0].page <= MAX_PAGE:
            body.append(lines)
        page_candidates = lines_to_candidates(lines)
        candidates.extend(page_candidates)
        if use_transformer:  # label meanings: the role model's encoder
            own_labels.extend(label_guesses(lines, page_candidates))
        named.extend(find_court_names(lines) if lines[0].page <= 2 else [])
        named.extend(find_creditor_names(lines))
        named.extend(find_owed_to(lines))
        named.extend(find_charge_off_creditor(lines))
        anchors.extend(lines_to_party_anchors(lines, doc_type))
        if use_transformer and not court_paper:  # label meanings: the role model's encoder
            anchors.extend(kv_party_anchors(lines, doc_type))
    hits = candidates_to_hits(candidates, doc_type, use_transformer=use_transformer,
                              own_labels=own_labels if use_transformer else None)
    hits += sheet_account(candidates, hits, doc_type)
    hits += [FieldHit(n.name, n.value, n.raw, n.page, n.bbox, n.score, n.where, "rules")
             for n in named]
    # an organisation beside the account's numbers is the creditor only where nothing else
    # names one (a label, a caption, a sentence), and only the first the document prints
    # (or the one whose name a label gives as the creditor's field: that label names it too)
    labelled = {h.value.lower() for h in hits
                if h.name == "creditor_name" and "original" not in h.where}
    if any(a.role == PartyRole.CREDITOR and a.how != ORG for a in anchors):
        anchors = [a for a in anchors if a.how != ORG]
    elif labelled:
        anchors = [a for a in anchors if a.how != ORG] + \
            [a for a in anchors if a.how == ORG and a.name.lower() in labelled][:1]
    else:
        anchors = [a for a in anchors if a.how != ORG] + [a for a in anchors if a.how == ORG][:1]
    # the charge-off creditor named in a sentence is a party too; NO_BLOCK: no contact block
    anchors += [PartyAnchor("creditor", n.value, n.page, n.bbox, NO_BLOCK, n.score,
                            "charge-off") for n in named if n.where == "charge-off"]
    drafts = anchors_to_drafts(anchors)
    add_repeat_places(drafts, pages)
    attach_exhibit_addresses(drafts, exhibit_addresses)
    # a key/value sheet about a debtor (no caption, no counsel) keeps its unclaimed contacts
    sheet = any(a.how.startswith("kv") and a.role == "debtor" for a in anchors) and not any(
        a.how == "caption" or a.role == "attorney" for a in anchors)
    attach_contacts(drafts, candidates, doc_type, [line for lines in pages for line in lines],
                    sheet=sheet)
    share_attorney_blocks(drafts)
    all_lines = [line for lines in pages for line in lines]
    share_counsel_blocks(drafts, candidates, all_lines)
    attach_letterhead(drafts, candidates, body)
    attach_prose_addresses(drafts, body)
    if not any(h.name == "creditor_name" and h.where != "charge-off"
               and "original" not in h.where for h in hits):
        hits += _creditor_hits_from_parties(drafts)
    fields = select_fields(hits, doc_type, ocr)
    parties = drafts_to_parties(drafts, ocr, use_ner=use_ner)
    placed: list[ExtractedField | ExtractedParty] = [*fields, *parties]
    for item in placed:
        if frames and item.page in frames:
            rotation, width, height = frames[item.page]
            item.bbox = to_page_box(item.bbox, rotation, width, height)
    return Extraction(doc_type=doc_type, fields=fields, parties=parties)


def extract_document(doc: ReadDocument, *, use_transformer: bool = True,
                     use_ner: bool = True, calibration: calib.Table | Path | None = None,
                     role_head: Head | Path | None = None) -> Extraction:
    """Fields and parties of CONTRACT.md for one read document.

    ``doc.doc_type`` is set by intake; when it is missing ("other") we classify here, so
    the function also works on a document read by other means. ``calibration`` and
    ``role_head`` (a loaded table / head or a file) replace the committed learned parts
    for this call only (held-out evaluation fits its own per fold); None keeps them.
    """
    from extraction import role_model

    with calib.using_table(calibration), role_model.using_head(role_head):
        return _extract_read(doc, use_transformer=use_transformer, use_ner=use_ner)


def _extract_read(doc: ReadDocument, *, use_transformer: bool, use_ner: bool) -> Extraction:
    doc_type = doc.doc_type
    if doc_type == "other":
        doc_type, _ = classify_document(doc.pages)
    ocr = bool(doc.ocr_pages)
    pages = document_lines(doc)
    frames = {page.number: (lines[0].rotation, page.width, page.height)
              for page, lines in zip(doc.pages, pages, strict=True) if lines and lines[0].rotation}
    return extract_lines(pages, doc_type, ocr=ocr, use_transformer=use_transformer,
                         use_ner=use_ner, frames=frames)
