"""The sample corpus generator: truth printed in its documents, valid, reproducible."""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from pathlib import Path

import pdfplumber
import pytest
from PIL import Image

from core.results import DOC_TYPES, FIELD_NAMES, PARTY_ROLES
from samples.generate import generate_corpus
from samples.scan import scan_document

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
DATE_FIELDS = {"filing_date", "judgment_date", "due_date"}
MONEY_FIELDS = {"amount_due", "judgment_amount", "principal", "interest", "fees"}
PLEADING_MARGIN = 100  # points: the line numbers of pleading paper sit left of this
COMMITTED = Path(__file__).resolve().parents[2] / "samples" / "corpus"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[dict]:
    out = tmp_path_factory.mktemp("corpus")
    paths = generate_corpus(out, 8, seed=5, scans=False)
    truths = []
    for path in paths:
        truth = json.loads(path.read_text(encoding="utf-8"))
        texts = _page_texts(out / f"{truth['doc_id']}.pdf")
        truths.append(truth | {"_dir": str(out), "_texts": texts})
    return truths


def _squash(text: str) -> str:
    return "".join(text.split())


def _page_texts(pdf_path: Path) -> list[str]:
    """Page text without pleading-paper line numbers (1-28 in the left margin)."""
    texts = []
    with pdfplumber.open(pdf_path) as pdf:
        for page in pdf.pages:
            margin = [char for char in page.chars if char["x1"] < PLEADING_MARGIN]
            if len(margin) >= 20 and all(char["text"].isdigit() for char in margin):
                page = page.crop((PLEADING_MARGIN, 0, page.width, page.height))
            texts.append(page.extract_text() or "")
    return texts


def _printed(raw: str, text: str) -> bool:
    """Printed as one run, or (in a two-column layout, where a reader's lines interleave the
    columns) every one of its words on the page."""
    if _squash(raw) in _squash(text):
        return True
    def words(value: str) -> Counter:
        return Counter(word.strip(".,;:()") for word in value.split())

    on_page = words(text)
    return all(on_page[word] >= n for word, n in words(raw).items())


def _date_printed(value: str, raw: str) -> bool:
    year, month, day = (int(part) for part in value.split("-"))
    numbers = [int(n) for n in re.findall(r"\d+", raw)]
    month_named = MONTHS[month - 1] in raw or f"{MONTHS[month - 1][:3]}." in raw
    return year in numbers and day in numbers and (month_named or month in numbers)


def _money_printed(value: str, raw: str) -> bool:
    figures = [figure.replace(",", "") for figure in re.findall(r"\d[\d,]*\.\d\d", raw)]
    return value in figures


def test_generate_truth_values_are_printed_on_their_page(corpus: list[dict]) -> None:
    for truth in corpus:
        texts = truth["_texts"]
        assert len(texts) == truth["pages"]
        for field in truth["fields"]:
            assert _printed(field["raw"], texts[field["page"] - 1]), (truth["doc_id"], field)
            if field["name"] in DATE_FIELDS:
                assert _date_printed(field["value"], field["raw"]), field
            elif field["name"] in MONEY_FIELDS:
                assert _money_printed(field["value"], field["raw"]), field
            else:
                assert field["value"] == " ".join(field["raw"].split()), field


def test_generate_parties_are_printed(corpus: list[dict]) -> None:
    for truth in corpus:
        text = " ".join(truth["_texts"])
        digits = re.sub(r"\D", "", text)
        for party in truth["parties"]:
            where = (truth["doc_id"], party["name"])
            assert _printed(party["name"], text), where
            for address in party["addresses"]:
                for part in address.split(", "):
                    assert _printed(part, text), (where, address, part)
            for phone in party["phones"]:
                assert phone[2:] in digits, (where, phone)
            for email in party["emails"]:
                assert email in text.lower(), (where, email)
            if party["ssn_last4"]:
                assert party["ssn_last4"] in text, where
            if party["dob"]:
                assert party["dob"][:4] in text, where


def _check_schema(truth: dict) -> None:
    assert truth["doc_type"] in DOC_TYPES
    assert re.fullmatch(r"d\d{4}-[a-z-]+", truth["doc_id"])
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", truth["document_date"])
    assert truth["renderings"][0] == f"{truth['doc_id']}.pdf"
    for field in truth["fields"]:
        assert set(field) >= {"name", "value", "page"}
        assert field["name"] in FIELD_NAMES, field
        assert 1 <= field["page"] <= truth["pages"]
        if field["name"] in DATE_FIELDS:
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", field["value"]), field
        if field["name"] in MONEY_FIELDS:
            assert re.fullmatch(r"\d+\.\d{2}", field["value"]), field
    for party in truth["parties"]:
        assert set(party) == {"role", "name", "dob", "ssn_last4", "addresses", "phones",
                              "emails", "person_id"}
        assert party["role"] in PARTY_ROLES
        assert party["name"] == " ".join(party["name"].split())
        assert all(re.fullmatch(r"\+1\d{10}", phone) for phone in party["phones"])
        assert all(email == email.lower() for email in party["emails"])
        assert party["ssn_last4"] is None or re.fullmatch(r"\d{4}", party["ssn_last4"])
        for address in party["addresses"]:
            assert re.search(r", [A-Z]{2} \d{5}$", address), address


def test_generate_truth_matches_schema(corpus: list[dict]) -> None:
    for truth in corpus:
        _check_schema(truth)


def test_generate_truth_never_holds_a_full_ssn(corpus: list[dict]) -> None:
    for truth in corpus:
        serialized = json.dumps({k: v for k, v in truth.items() if not k.startswith("_")})
        assert not re.search(r"\b\d{3}-\d{2}-\d{4}\b", serialized), truth["doc_id"]


def test_generate_is_deterministic_for_a_seed(tmp_path: Path) -> None:
    first = generate_corpus(tmp_path / "a", 3, seed=11, scans=False)
    second = generate_corpus(tmp_path / "b", 3, seed=11, scans=False)
    other = generate_corpus(tmp_path / "c", 3, seed=12, scans=False)
    for left, right in zip(first, second, strict=True):
        assert left.read_bytes() == right.read_bytes()
        pdf_name = left.name.replace(".truth.json", ".pdf")
        assert (left.parent / pdf_name).read_bytes() == (right.parent / pdf_name).read_bytes()
    assert [p.read_bytes() for p in first] != [p.read_bytes() for p in other]


def _shortest(corpus: list[dict]) -> dict:
    return min(corpus, key=lambda truth: truth["pages"])


def test_scan_pdf_has_no_text_layer(corpus: list[dict], tmp_path: Path) -> None:
    truth = _shortest(corpus)
    source = Path(truth["_dir"]) / f"{truth['doc_id']}.pdf"
    scan = scan_document(source, tmp_path / truth["doc_id"], "pdf", seed=3)
    with pdfplumber.open(scan) as pdf:
        assert len(pdf.pages) == truth["pages"]
        assert all(not page.chars for page in pdf.pages)
        assert all(page.images for page in pdf.pages)


def test_scan_tiff_stores_its_dpi(corpus: list[dict], tmp_path: Path) -> None:
    truth = _shortest(corpus)
    source = Path(truth["_dir"]) / f"{truth['doc_id']}.pdf"
    scan = scan_document(source, tmp_path / truth["doc_id"], "tiff", seed=3)
    with Image.open(scan) as image:
        assert round(image.info["dpi"][0]) == 300
        assert image.n_frames == truth["pages"]


@pytest.mark.skipif(not COMMITTED.is_dir(), reason="committed corpus not present")
def test_committed_corpus_is_valid_and_people_recur() -> None:
    truths = [json.loads(p.read_text(encoding="utf-8"))
              for p in sorted(COMMITTED.glob("*.truth.json"))]
    assert len(truths) >= 25
    docs_per_person: dict[str, set[str]] = defaultdict(set)
    ids_per_surname: dict[str, set[str]] = defaultdict(set)
    for truth in truths:
        _check_schema(truth)
        for rendering in truth["renderings"]:
            assert (COMMITTED / rendering).is_file(), rendering
        for party in truth["parties"]:
            if party["role"] == "debtor":
                docs_per_person[party["person_id"]].add(truth["doc_id"])
                ids_per_surname[party["name"].split()[-1].upper()].add(party["person_id"])
    assert max(len(docs) for docs in docs_per_person.values()) >= 2
    assert any(len(ids) >= 2 for ids in ids_per_surname.values())
    assert {truth["doc_type"] for truth in truths} >= set(DOC_TYPES) - {"other"}
