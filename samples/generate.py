"""Write a corpus of synthetic debt-collection documents with their ground truth.

The corpus follows accounts through their life (placement, validation letter, complaint
and summons, default judgment, garnishment; property records on the side), so the same
debtor recurs across documents with the changes skip tracing meets: a nickname, a typo,
a new address or phone. Everything derives from ``seed``: the same seed writes the same
bytes.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pypdfium2 as pdfium

from samples.documents import court_filings, court_orders, letters, placements
from samples.documents import property as property_records
from samples.documents.common import DocContext, Lawsuit, make_lawsuit
from samples.layout import Sheet, render_pdf
from samples.paperwork import other_filings
from samples.population import COMMON_NAMES, Account, Population
from samples.procedural import LAYOUTS as PROCEDURAL_LAYOUTS
from samples.procedural import TEMPLATES as PROCEDURAL_TEMPLATES
from samples.scan import scan_document

Layout = tuple[str, Callable, int]
LAYOUTS: dict[str, tuple[Layout, ...]] = {
    # the fixed placement templates, then the procedurally composed key-value sheets
    "placement": placements.LAYOUTS + PROCEDURAL_LAYOUTS,
    "collection_letter": letters.LAYOUTS,
    "complaint": court_filings.COMPLAINT_LAYOUTS,
    "summons": court_filings.SUMMONS_LAYOUTS,
    "judgment": court_orders.JUDGMENT_LAYOUTS,
    "garnishment": court_orders.GARNISHMENT_LAYOUTS,
    "property_record": property_records.LAYOUTS,
    "other": other_filings.LAYOUTS,  # declarations, requests for default, minutes...
}
ACCOUNT_LIFE = ("placement", "collection_letter", "complaint", "summons", "judgment",
                "garnishment")
# How likely each stage is to be in the batch at all (letters and complaints are common).
STAGE_WEIGHTS = {"placement": 0.55, "collection_letter": 0.6, "complaint": 0.55,
                 "summons": 0.3, "judgment": 0.45, "garnishment": 0.4}


@dataclass(slots=True)
class DocPlan:
    doc_type: str
    account: Account
    doc_date: date
    lawsuit: Lawsuit | None


def generate_corpus(out_dir: Path, count: int, seed: int, *, scans: bool = True,
                    procedural: bool = True,
                    progress: Callable[[int, int], None] | None = None) -> list[Path]:
    """Write `count` documents + truth files into out_dir; return the truth-file paths.

    ``procedural=False`` draws the fixed templates only: the committed ``samples/corpus``
    and the doc-type model's rendered training documents were drawn that way and stay
    reproducible byte for byte (samples/README.md)."""
    if count < 1:
        raise ValueError(f"count must be at least 1, got {count}")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    plans = plan_documents(count, seed)
    layout_rng = random.Random(f"{seed}:layouts")
    used: set[str] = set()
    truths = []
    for index, plan in enumerate(plans, start=1):
        doc_id = f"d{index:04d}-{plan.doc_type.replace('_', '-')}"
        layout = _choose_layout(plan, layout_rng, used, procedural)
        used.add(layout[0])
        scan_kind = _scan_kind(index) if scans else None
        truths.append(write_document(out_dir, doc_id, plan, seed, layout, scan_kind))
        if progress:
            progress(index, len(plans))
    return truths


def plan_documents(count: int, seed: int) -> list[DocPlan]:
    """Draw debtors and accounts until their documents number ``count``; shuffle them."""
    rng = random.Random(seed)
    population = Population(random.Random(rng.randrange(1 << 32)))
    plans: list[DocPlan] = []
    timelines: dict[str, tuple[dict[str, date], Lawsuit]] = {}
    debtor_index = 0
    namesake: tuple[str, str] | None = None
    while len(plans) < count:
        start = date(2022, 3, 1) + timedelta(days=rng.randint(0, 900))
        name = None
        if debtor_index % 9 == 1:
            namesake = COMMON_NAMES[(debtor_index // 9) % len(COMMON_NAMES)]
            name = namesake
        elif debtor_index % 9 == 4 and namesake:
            name = namesake  # a different person with the same common name
        debtor = population.person(start, name=name)
        account = population.account(debtor, start)
        if rng.random() < 0.4:
            account.co_owner = population.person(start, state=debtor.residences[-1].address.state)
            account.co_owner.surname = debtor.surname
        debtor_index += 1
        stages = _pick_stages(rng, min(4, count - len(plans)))
        timelines[debtor.person_id] = _timeline(account, rng)
        plans.extend(_stage_plans(stages, account, timelines[debtor.person_id]))
    _cover_every_type(plans, timelines)
    rng.shuffle(plans)
    return plans


def _pick_stages(rng: random.Random, room: int) -> list[str]:
    wanted = rng.choice((1, 2, 2, 3, 3, 4))
    wanted = min(wanted, room)
    chosen = [stage for stage in ACCOUNT_LIFE if rng.random() < STAGE_WEIGHTS[stage]]
    if rng.random() < 0.3:
        chosen.append("property_record")
    while len(chosen) < wanted:
        extra = rng.choice(ACCOUNT_LIFE)
        if extra not in chosen:
            chosen.append(extra)
    if len(chosen) > wanted:
        chosen = sorted(rng.sample(chosen, wanted), key=_life_order)
    return sorted(chosen, key=_life_order)


def _life_order(stage: str) -> int:
    return ACCOUNT_LIFE.index(stage) if stage in ACCOUNT_LIFE else len(ACCOUNT_LIFE)


def _cover_every_type(plans: list[DocPlan], timelines: dict) -> None:
    """Swap surplus documents for missing types so even a small corpus has each kind
    (two of each once there are 21 documents or more)."""
    if len(plans) < len(LAYOUTS):
        return
    least = 2 if len(plans) >= 3 * len(LAYOUTS) else 1
    for missing in [doc_type for doc_type in LAYOUTS for _ in range(least)]:
        counts: dict[str, int] = {}
        for plan in plans:
            counts[plan.doc_type] = counts.get(plan.doc_type, 0) + 1
        if counts.get(missing, 0) >= least:
            continue
        surplus = max(counts, key=lambda doc_type: counts[doc_type])
        covered = {id(plan.account) for plan in plans if plan.doc_type == missing}
        candidates = [i for i, plan in enumerate(plans)
                      if plan.doc_type == surplus and id(plan.account) not in covered]
        if not candidates:
            continue
        index = candidates[-1]
        account = plans[index].account
        plans[index] = _stage_plans([missing], account, timelines[account.debtor.person_id])[0]


def _timeline(account: Account, rng: random.Random) -> tuple[dict[str, date], Lawsuit]:
    """The dates of an account's documents, in the order life gives them, and its lawsuit."""
    letter_day = account.placed + timedelta(days=rng.randint(3, 20))
    filing = letter_day + timedelta(days=rng.randint(90, 420))
    suit = make_lawsuit(account, filing, rng)
    days = {
        "placement": account.placed,
        "collection_letter": letter_day,
        "complaint": suit.filing_date,
        "summons": suit.filing_date,
        "judgment": suit.judgment_date,
        "garnishment": suit.writ_date,
        "property_record": account.placed - timedelta(days=rng.randint(200, 1500)),
        "other": suit.filing_date + (suit.judgment_date - suit.filing_date) / 2,
    }
    return days, suit


def _stage_plans(stages: list[str], account: Account,
                 timeline: tuple[dict[str, date], Lawsuit]) -> list[DocPlan]:
    days, suit = timeline
    court_stage = {"complaint", "summons", "judgment", "garnishment", "other"}
    return [DocPlan(stage, account, days[stage], suit if stage in court_stage else None)
            for stage in stages]


def _choose_layout(plan: DocPlan, rng: random.Random, used: set[str],
                   procedural: bool = True) -> Layout:
    """Pick a layout, each one at least once per corpus before any repeats by chance.

    Line-numbered pleading paper is mostly a California and federal habit.
    """
    options = LAYOUTS[plan.doc_type]
    if not procedural:
        options = tuple(o for o in options if o[0] not in PROCEDURAL_TEMPLATES)
    weights = [weight for _, _, weight in options]
    if plan.doc_type == "complaint" and plan.lawsuit is not None:
        pleading_court = plan.lawsuit.state == "CA" or plan.lawsuit.federal
        weights = [4, 1] if pleading_court else [1, 3]
    unused = [i for i, option in enumerate(options) if option[0] not in used]
    if unused:
        options = tuple(options[i] for i in unused)
        weights = [weights[i] for i in unused]
    return rng.choices(options, weights=weights)[0]


def generate_layout_corpus(out_dir: Path, count: int, seed: int, templates: list[str], *,
                           scans: bool = False, prefix: str = "p") -> list[Path]:
    """``count`` documents in the named templates only (cycled in a drawn order), one per
    account of ``plan_documents``: enough of each family to score it held out. Ids start
    with ``prefix`` so the set can share a folder with a ``generate_corpus`` one."""
    by_name = {layout[0]: (doc_type, layout) for doc_type, options in LAYOUTS.items()
               for layout in options}
    unknown = [name for name in templates if name not in by_name]
    if unknown:
        raise ValueError(f"unknown templates: {', '.join(unknown)}")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(f"{seed}:layout-corpus")
    order = list(templates)
    rng.shuffle(order)
    accounts: list[Account] = []
    for plan in plan_documents(max(count, 1) * 2, seed):
        if all(plan.account is not known for known in accounts):
            accounts.append(plan.account)
    truths = []
    for index in range(count):
        doc_type, layout = by_name[order[index % len(order)]]
        account = accounts[index % len(accounts)]
        timeline = _timeline(account, random.Random(f"{seed}:{index}:timeline"))
        plan = _stage_plans([doc_type], account, timeline)[0]
        doc_id = f"{prefix}{index + 1:04d}-{doc_type.replace('_', '-')}"
        scan_kind = _scan_kind(index + 1) if scans else None
        truths.append(write_document(out_dir, doc_id, plan, seed, layout, scan_kind))
    return truths


def _scan_kind(index: int) -> str:
    """Most scans are image-only PDFs; every sixth is an image file (PNG or TIFF)."""
    if index % 6 == 3:
        return "tiff" if index % 12 == 9 else "png"
    return "pdf"


def write_document(out_dir: Path, doc_id: str, plan: DocPlan, seed: int, layout: Layout,
                   scan_kind: str | None) -> Path:
    """Render one document and its scan; write and return its truth file."""
    rng = random.Random(f"{seed}:{doc_id}")
    template, build, _ = layout
    ctx = DocContext(doc_id, plan.doc_type, plan.account, plan.doc_date, plan.lawsuit, rng)
    sheet, setup = build(ctx)
    pdf_path = out_dir / f"{doc_id}.pdf"
    pages = render_pdf(sheet, pdf_path, setup, title=doc_id)
    place_fields_on_pages(sheet, pdf_path)
    renderings = [pdf_path.name]
    if scan_kind:
        kind = "tiff" if scan_kind == "png" and pages > 1 else scan_kind
        scan_path = scan_document(pdf_path, out_dir / doc_id, kind, rng.randrange(1 << 32),
                                  plan.doc_date)
        renderings.append(scan_path.name)
    truth = {
        "doc_id": doc_id,
        "doc_type": plan.doc_type,
        "pages": pages,
        "fields": [{"name": f.name, "value": f.value, "raw": f.raw, "page": f.page}
                   for f in sheet.fields],
        "parties": [party.to_truth() for party in sheet.parties.values()],
        "document_date": plan.doc_date.isoformat(),
        "seed": seed,
        "template": template,
        "renderings": renderings,
    }
    truth_path = out_dir / f"{doc_id}.truth.json"
    truth_path.write_text(json.dumps(truth, indent=2, ensure_ascii=False) + "\n",
                          encoding="utf-8")
    return truth_path


def _squash(text: str) -> str:
    return "".join(text.split())


def place_fields_on_pages(sheet: Sheet, pdf_path: Path) -> None:
    """Check each field's printed text is on its anchored page, else find its real page.

    A table or paragraph may split across a page break after the anchor was drawn; the
    text layer is the arbiter. A value printed nowhere is a template bug and stops the run.
    """
    document = pdfium.PdfDocument(str(pdf_path))
    try:
        texts = []
        for page in document:
            textpage = page.get_textpage()
            texts.append(_squash(textpage.get_text_range()))
            textpage.close()
            page.close()
    finally:
        document.close()
    for field in sheet.fields:
        raw = _squash(field.raw)
        if 1 <= field.page <= len(texts) and raw in texts[field.page - 1]:
            continue
        found = [number for number, text in enumerate(texts, start=1) if raw in text]
        if not found:
            raise RuntimeError(f"{pdf_path.name}: {field.name} {field.raw!r} is not printed")
        field.page = found[0]
