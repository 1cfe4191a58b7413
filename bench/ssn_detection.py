"""Full-SSN detection: casetrace's intake masker against Presidio's US SSN recognizer.

    python bench/ssn_detection.py [--count 400] [--seed 7] [--repeat 3]

Builds lines of page text in code (seeded): full SSNs in many formats (3-2-4 with
hyphens, spaces, dots or spaced hyphens, bare nine digits, 5-4 and 2-7 groupings
after a label, split over words, with OCR confusions O/o->0, l/I/|->1, S->5, B->8, area
numbers 000 / 666 / 9xx and the sample 123-45-6789), with and without a label, inside
realistic placement-sheet lines; and distractors that must stay (phones, ZIP+4, case
numbers, account numbers, dates, EINs, amounts, masked SSNs). Each detector marks spans;
a true SSN counts as found when a mark overlaps it, a mark that overlaps none is a false
alarm. Prints precision, recall, false alarms by kind, misses by kind and time per line.

Detectors: ``casetrace`` (``intake.redaction.find_full_ssns``); Presidio's
``UsSsnRecognizer`` (``pip install presidio-analyzer``; a pattern recognizer, no NLP
engine) at any score (>= 0.05, its weak patterns), at its medium score (>= 0.5), and
"context": a weak match counts when one of the recognizer's context words ("social",
"security", "ssn", "ssns", "ssid") is among the five words before it, which is what
Presidio's context enhancer would add with an NLP engine (emulated here: no spaCy run).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from intake.redaction import find_full_ssns  # noqa: E402

Span = tuple[int, int]


@dataclass
class Case:
    text: str
    kind: str
    truth: list[Span] = field(default_factory=list)


LABELS = ["SSN:", "SSN", "SSN #", "SS#", "S.S.N.", "Soc. Sec. No.", "Social Security Number:",
          "Social Security No.", "Social Sec #", "SSN/TIN:", "ITIN:", "Debtor SSN:"]
CONFUSE = {"0": "Oo", "1": "lI|", "5": "S", "8": "B"}
PREFIXES = ["Debtor: {name}  ", "Responsible party {name}, ", "", "Primary obligor ",
            "Co-signer {name} "]
SUFFIXES = ["", "  DOB 04/09/1981", "  Employer: ACME Logistics", ", Phone (217) 555-0143",
            "  Acct 4417-1234"]
NAMES = ["Maria L. Gonzalez", "JOHN Q SAMPLE", "Dwayne Okafor", "Li Wei", "Ann-Marie Boyd"]


def _digits(rng: random.Random, area: str) -> str:
    if area == "normal":
        first = f"{rng.randint(1, 899):03d}"
        while first == "666":
            first = f"{rng.randint(1, 899):03d}"
    elif area == "000":
        first = "000"
    elif area == "666":
        first = "666"
    elif area == "9xx":
        first = f"9{rng.randint(0, 99):02d}"
    else:  # the sample number printed in examples and tests
        return "123456789"
    return f"{first}{rng.randint(1, 99):02d}{rng.randint(1, 9999):04d}"


def _format(digits: str, style: str) -> str:
    a, b, c = digits[:3], digits[3:5], digits[5:]
    return {"hyphen": f"{a}-{b}-{c}", "space": f"{a} {b} {c}", "dot": f"{a}.{b}.{c}",
            "spaced-hyphen": f"{a} - {b} - {c}", "bare": digits, "5-4": f"{a}{b}-{c}",
            "2-7": f"{digits[:2]}-{digits[2:]}", "hyphen-space": f"{a}-{b} {c}"}[style]


def _confuse(rng: random.Random, value: str, count: int) -> str:
    chars = list(value)
    places = [i for i, ch in enumerate(chars) if ch in CONFUSE]
    for i in rng.sample(places, min(count, len(places))):
        chars[i] = rng.choice(CONFUSE[chars[i]])
    return "".join(chars)


def _wrap(rng: random.Random, label: str, value: str, kind: str) -> Case:
    prefix = rng.choice(PREFIXES).format(name=rng.choice(NAMES))
    head = f"{prefix}{label} " if label else prefix
    text = head + value + rng.choice(SUFFIXES)
    return Case(text, kind, [(len(head), len(head) + len(value))])


def ssn_cases(rng: random.Random, count: int) -> list[Case]:
    cases: list[Case] = []
    labelled_styles = ["hyphen", "space", "dot", "spaced-hyphen", "bare", "5-4", "2-7",
                       "hyphen-space"]
    unlabelled_styles = ["hyphen", "space", "dot", "spaced-hyphen"]
    areas = ["normal", "normal", "normal", "000", "666", "9xx", "sample"]
    for i in range(count):
        labelled = i % 3 != 2
        style = rng.choice(labelled_styles if labelled else unlabelled_styles)
        area = rng.choice(areas)
        value = _format(_digits(rng, area), style)
        ocr = rng.random() < 0.3
        if ocr:
            value = _confuse(rng, value, rng.randint(1, 2))
        label = rng.choice(LABELS) if labelled else ""
        kind = (f"{'labelled' if labelled else 'unlabelled'} {style}"
                f"{' ocr' if ocr else ''}{'' if area == 'normal' else ' area ' + area}")
        cases.append(_wrap(rng, label, value, kind))
    return cases


def distractor_cases(rng: random.Random, count: int) -> list[Case]:
    def n(width: int) -> str:
        return "".join(str(rng.randint(0, 9)) for _ in range(width))

    makers: list[tuple[str, Callable[[], str]]] = [
        ("phone (ddd) ddd-dddd", lambda: f"Phone: ({n(3)}) {n(3)}-{n(4)}"),
        ("phone ddd-ddd-dddd", lambda: f"Cell {n(3)}-{n(3)}-{n(4)}"),
        ("phone ddd.ddd.dddd", lambda: f"Tel. {n(3)}.{n(3)}.{n(4)}"),
        ("phone 10 digits", lambda: f"Home phone {n(10)}"),
        ("phone ddd ddd dddd", lambda: f"Work: {n(3)} {n(3)} {n(4)}"),
        ("ZIP+4", lambda: f"1420 W Elm St, Springfield, IL {n(5)}-{n(4)}"),
        ("ZIP+4 spaced", lambda: f"Springfield IL {n(5)} {n(4)}"),
        ("case number", lambda: f"Case No. 24-CV-{n(9)}"),
        ("case number 2024-CV", lambda: f"Case No. 2024-CV-{n(6)}"),
        ("docket bare 9", lambda: f"Docket {n(9)}"),
        ("account 16", lambda: f"Account No. {n(16)}"),
        ("account bare 9", lambda: f"Acct # {n(9)}"),
        ("account 3-3-3", lambda: f"Account: {n(3)}-{n(3)}-{n(3)}"),
        ("account 4-2-4", lambda: f"Reference {n(4)}-{n(2)}-{n(4)}"),
        ("loan 3-2-4-2", lambda: f"Loan {n(3)}-{n(2)}-{n(4)}-{n(2)}"),
        ("date", lambda: f"Date of last payment 0{rng.randint(1, 9)}/{rng.randint(10, 28)}/2024"),
        ("iso date", lambda: f"Charged off 2023-0{rng.randint(1, 9)}-{rng.randint(10, 28)}"),
        ("EIN", lambda: f"Employer EIN: {n(2)}-{n(7)}"),
        ("EIN bare label", lambda: f"EIN {n(2)}-{n(7)} ACME Logistics LLC"),
        ("TIN 2-7 (business)", lambda: f"Creditor TIN {n(2)}-{n(7)}"),
        ("amount", lambda: f"Balance ${rng.randint(100, 999)},{n(3)}.{n(2)}"),
        ("masked SSN", lambda: f"SSN: XXX-XX-{n(4)}"),
        ("masked SSN stars", lambda: f"SSN ***-**-{n(4)}"),
        ("last four", lambda: f"SSN (last four) {n(4)}"),
        # SSN-shaped without being one: the cost of masking the 3-2-4 shape unlabelled
        ("three numbers in a row (3 2 4)", lambda: f"Units {n(3)} {n(2)} {n(4)} shipped"),
    ]
    return [Case(maker(), f"distractor {name}") for name, maker in
            (makers[i % len(makers)] for i in range(count))]


def casetrace_spans(text: str) -> list[Span]:
    return [(s.start, s.end) for s in find_full_ssns(text)]


def presidio_detectors() -> dict[str, Callable[[str], list[Span]]]:
    try:
        from presidio_analyzer.predefined_recognizers import UsSsnRecognizer
    except ImportError:
        print("presidio-analyzer is not installed: pip install presidio-analyzer",
              file=sys.stderr)
        return {}
    recognizer = UsSsnRecognizer()
    context = set(recognizer.context)

    def results(text: str) -> list:
        return recognizer.analyze(text, entities=["US_SSN"], nlp_artifacts=None)

    def any_score(text: str) -> list[Span]:
        return [(r.start, r.end) for r in results(text)]

    def medium(text: str) -> list[Span]:
        return [(r.start, r.end) for r in results(text) if r.score >= 0.5]

    def with_context(text: str) -> list[Span]:
        spans = []
        for r in results(text):
            before = re.findall(r"[a-z]+", text[:r.start].lower())[-5:]
            if r.score >= 0.5 or context.intersection(before):
                spans.append((r.start, r.end))
        return spans

    return {"Presidio UsSsnRecognizer, any score (>= 0.05)": any_score,
            "Presidio UsSsnRecognizer, medium (>= 0.5)": medium,
            "Presidio UsSsnRecognizer, context words (emulated)": with_context}


@dataclass
class Score:
    found: int = 0
    truths: int = 0
    marks: int = 0
    false_alarms: int = 0
    seconds: float = 0.0
    misses: Counter = field(default_factory=Counter)
    alarms: Counter = field(default_factory=Counter)

    @property
    def precision(self) -> float:
        return (self.marks - self.false_alarms) / self.marks if self.marks else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.truths if self.truths else 1.0


GROUPS = (("clean 3-2-4 (hyphen/space/dot), issued area", re.compile(
              r"^(?:un)?labelled (?:hyphen|space|dot)$")),
          ("OCR-confused digits", re.compile(r" ocr")),
          ("area 000 / 666 / 9xx / 123-45-6789", re.compile(r" area ")),
          ("other groupings (bare, 5-4, 2-7, spaced, mixed)", re.compile(
              r"(?:bare|5-4|2-7|spaced-hyphen|hyphen-space)")))


def group_recall(score: Score, cases: list[Case]) -> list[str]:
    out = []
    for name, pattern in GROUPS:
        kinds = Counter(c.kind for c in cases if c.truth and pattern.search(c.kind))
        total = sum(kinds.values())
        missed = sum(v for k, v in score.misses.items() if k in kinds)
        out.append(f"{name}: {total - missed}/{total}")
    return out


def evaluate(detect: Callable[[str], list[Span]], cases: list[Case], repeat: int) -> Score:
    score = Score()
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for case in cases:
            detect(case.text)
        best = min(best, time.perf_counter() - start)
    score.seconds = best
    for case in cases:
        marks = detect(case.text)
        score.truths += len(case.truth)
        score.marks += len(marks)
        for t0, t1 in case.truth:
            if any(m0 < t1 and t0 < m1 for m0, m1 in marks):
                score.found += 1
            else:
                score.misses[case.kind] += 1
        for m0, m1 in marks:
            if not any(m0 < t1 and t0 < m1 for t0, t1 in case.truth):
                score.false_alarms += 1
                score.alarms[case.kind] += 1
    return score


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=400,
                        help="SSN lines (and as many distractors)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3, help="timing runs (best is kept)")
    parser.add_argument("--top", type=int, default=6, help="misses / false alarms listed")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    cases = ssn_cases(rng, args.count) + distractor_cases(rng, args.count)
    detectors: dict[str, Callable[[str], list[Span]]] = {"casetrace (intake.redaction)":
                                                         casetrace_spans}
    detectors.update(presidio_detectors())
    print(f"{args.count} lines with a full SSN, {args.count} distractor lines, seed {args.seed}")
    print("| detector | precision | recall | false alarms | missed | µs per line |")
    print("|---|---|---|---|---|---|")
    scores = {}
    for name, detect in detectors.items():
        score = evaluate(detect, cases, args.repeat)
        scores[name] = score
        print(f"| {name} | {score.precision:.3f} | {score.recall:.3f} | {score.false_alarms} | "
              f"{score.truths - score.found} | {score.seconds / len(cases) * 1e6:.1f} |")
    for name, score in scores.items():
        print(f"\n{name}")
        print("  recall by group:", "; ".join(group_recall(score, cases)))
        print("  missed:", ", ".join(f"{k} {v}" for k, v in score.misses.most_common(args.top))
              or "none")
        print("  false alarms:", ", ".join(f"{k} {v}" for k, v in
                                            score.alarms.most_common(args.top)) or "none")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
