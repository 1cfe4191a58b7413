"""How fast the review screen answers on a large backlog.

Fills a temporary SQLite database with N extracted documents of F fields each
(random confidences, a few without any field), then measures, as medians over
``--repeat`` runs:

- the review queue (``review.work_queue.review_queue``: counting and ordering in SQL)
  against a baseline that loads every reviewable document and its fields and
  filters in Python (what a first version did), and the ratio of the two;
- the per-page-view triage check (``triage_pending`` once everything is triaged);
- one rerun of the Review page through Streamlit's AppTest (queue, lock, page image,
  fields table), the time a reviewer waits after each click;
- each review action through AppTest (switch field, accept, correct, next document):
  the callback and the rerun it causes, medians over ``--repeat`` rounds, for the page
  as it is and for a baseline page file (``--baseline-rev``, default the commit before
  the review rework, read with ``git show``) measured in the same run on the same
  database. AppTest reruns the whole script on every click, so these are upper bounds:
  in a browser a click inside the page's ``st.fragment`` reruns only the panels.

    nice -n 10 python bench/workbench_review.py --documents 5000 --fields 8
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlmodel import Session, col, select  # noqa: E402

from core.vocabulary import FIELD_NAMES, DocumentStatus  # noqa: E402
from models.tables import Document, ExtractedFieldRow, Page  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def fill(session: Session, documents: int, fields: int, seed: int) -> None:
    rng = random.Random(seed)
    words = [{"text": f"w{i}", "bbox": [72.0 + 40 * (i % 12), 72.0 + 14 * (i // 12),
                                        100.0 + 40 * (i % 12), 82.0 + 14 * (i // 12)],
              "confidence": 1.0, "line": i // 12} for i in range(300)]
    for start in range(0, documents, 500):
        batch = [Document(sha256=f"{n:064x}", file_name=f"doc{n}.pdf",
                          status=DocumentStatus.EXTRACTED,
                          doc_type=rng.choice(("complaint", "judgment", "placement")),
                          page_count=1) for n in range(start, min(start + 500, documents))]
        session.add_all(batch)
        session.flush()
        for document in batch:
            session.add(Page(document_id=document.id, number=1, width=612.0, height=792.0,
                             words=words))
            if rng.random() < 0.02:
                continue  # nothing found: goes first in the queue
            for name in rng.sample(FIELD_NAMES, fields):
                session.add(ExtractedFieldRow(
                    document_id=document.id, name=name, value="1", raw="1",
                    confidence=round(rng.betavariate(5, 1.5), 3), page=1,
                    bbox=[72.0, 72.0, 120.0, 82.0]))
        session.commit()


def queue_in_python(session: Session, limit: int = 200) -> list[tuple[float, int]]:
    """The baseline: every reviewable document and its fields loaded, filtered in Python."""
    from review.policy import needs_review
    from review.work_queue import REVIEWABLE_DOCS

    documents = session.exec(select(Document).where(
        Document.status == DocumentStatus.EXTRACTED,
        col(Document.review_status).in_(REVIEWABLE_DOCS))).all()
    rows = session.exec(select(ExtractedFieldRow).where(
        col(ExtractedFieldRow.document_id).in_([d.id for d in documents]))).all()
    by_doc: dict[int, list[ExtractedFieldRow]] = {}
    for row in rows:
        by_doc.setdefault(row.document_id, []).append(row)
    items = []
    for document in documents:
        fields = by_doc.get(document.id, [])
        open_fields = [f for f in fields if needs_review(f, document)]
        if fields and not open_fields:
            continue
        items.append((min((f.confidence for f in open_fields), default=-1.0), document.id))
    items.sort()
    return items[:limit]


def median_ms(action, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(times), 1)


def action_timings(page_file: Path, repeat: int) -> dict[str, float]:
    """Median ms of each review action on ``page_file`` (AppTest: callback + rerun)."""
    from streamlit.testing.v1 import AppTest

    from review.users import SignedIn
    from workbench.db import db_session

    app = AppTest.from_file(str(page_file), default_timeout=120)
    app.session_state["signed_in"] = SignedIn(f"bench-{page_file.stem}", "reviewer")
    app.run()
    times: dict[str, list[float]] = {"open_document": [], "switch_field": [], "accept": [],
                                     "correct": [], "next_document": []}

    def timed(name: str, act, *args) -> None:
        started = time.perf_counter()
        act(*args)
        app.run()
        times[name].append((time.perf_counter() - started) * 1000)
        if app.exception:
            raise RuntimeError(f"{page_file.name}: {name}: {app.exception[0].message}")

    def button(label: str):
        return next(b for b in app.button if b.label == label)

    for round_ in range(repeat + 1):  # the first round warms the caches and is dropped
        queue = next(s for s in app.selectbox if s.label.startswith("Review queue"))
        # (AppTest's select_index hands format_func a label: pick by the id in the label)
        with_fields = [o for o in queue.options if "nothing found" not in o]
        option = with_fields[min(round_ + 1, len(with_fields) - 1)]
        timed("open_document", queue.set_value, int(option.split(" ")[0].lstrip("#")))
        in_hand = app.selectbox(key="review_field")
        with db_session() as session:
            ids = [f.id for f in session.exec(select(ExtractedFieldRow).where(
                ExtractedFieldRow.document_id == app.session_state["review_doc"]))]
        timed("switch_field", in_hand.set_value, next(i for i in ids if i != in_hand.value))
        timed("accept", button("Accept & next").click)
        value = next(t for t in app.text_input if t.label.startswith("Value of "))
        value.input("2024-03-02" if value.label.endswith("_date") else "1300.00")
        timed("correct", button("Save correction").click)
        timed("next_document", button("Next document").click)
        if round_ == 0:
            times = {name: [] for name in times}
    return {name: round(statistics.median(values), 1) for name, values in times.items()}


def baseline_page(rev: str, folder: Path) -> Path | None:
    """The review page as it was at ``rev`` (git show), or None without git history."""
    try:
        text = subprocess.run(["git", "show", f"{rev}:workbench/pages/review.py"], cwd=ROOT,
                              capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    path = folder / "review_baseline.py"
    path.write_text(text)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=5000)
    parser.add_argument("--fields", type=int, default=8)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--baseline-rev", default="80fb2bf",
                        help="git revision of the baseline review page (before the rework)")
    args = parser.parse_args(argv)

    folder = Path(tempfile.mkdtemp(prefix="casetrace-bench-"))
    url = f"sqlite:///{folder / 'bench.db'}"
    os.environ["CASETRACE_DATABASE_URL"] = url
    os.environ["CASETRACE_FILE_STORE"] = str(folder / "files")
    os.environ["CASETRACE_WORKBENCH_WORKER"] = "0"
    from review.policy import ReviewSettings, triage_pending
    from review.users import SignedIn
    from review.work_queue import review_queue
    from workbench.db import db_session, ensure_schema

    ensure_schema(url)
    with db_session(url) as session:
        fill(session, args.documents, args.fields, args.seed)
    settings = ReviewSettings()
    with db_session(url) as session:
        started = time.perf_counter()
        triage_pending(session, settings, random.Random(args.seed))
        first_triage_ms = round((time.perf_counter() - started) * 1000, 1)
    with db_session(url) as session:
        fast = median_ms(lambda: review_queue(session), args.repeat)
        slow = median_ms(lambda: queue_in_python(session), args.repeat)
        same = [i.document_id for i in review_queue(session)] == [
            d for _, d in queue_in_python(session)]
        triage_ms = median_ms(lambda: triage_pending(session, settings), args.repeat)

    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(str(ROOT / "workbench" / "pages" / "review.py"), default_timeout=120)
    app.session_state["signed_in"] = SignedIn("bench", "reviewer")
    app.run()  # first run: imports, page render cached
    page_ms = median_ms(app.run, args.repeat)
    actions = action_timings(ROOT / "workbench" / "pages" / "review.py", args.repeat)
    old_page = baseline_page(args.baseline_rev, folder)
    baseline = action_timings(old_page, args.repeat) if old_page else None
    print(json.dumps({
        "documents": args.documents, "fields_per_document": args.fields,
        "queue_sql_median_ms": fast, "queue_python_baseline_median_ms": slow,
        "queue_speedup": round(slow / fast, 1) if fast else None, "same_order": same,
        "first_triage_ms": first_triage_ms, "triage_check_median_ms": triage_ms,
        "review_page_rerun_median_ms": page_ms, "page_exception": bool(app.exception),
        "review_action_median_ms": actions,
        "baseline_rev": args.baseline_rev if baseline else None,
        "baseline_review_action_median_ms": baseline,
    }))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
