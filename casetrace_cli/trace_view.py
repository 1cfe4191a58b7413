"""`casetrace trace` for people: the matches, then the best one's ranked history."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

PURPOSE_KEYS = ("collection", "judgment", "skiptrace", "verify", "fraud", "court")


def purpose_from_key(key: str) -> str:
    """The full permissible-purpose text for a short key (or the text itself)."""
    from review.purpose_log import PERMISSIBLE_PURPOSES

    by_key = dict(zip(PURPOSE_KEYS, PERMISSIBLE_PURPOSES, strict=True))
    if key in by_key:
        return by_key[key]
    if key in PERMISSIBLE_PURPOSES:
        return key
    choices = ", ".join(f"{k} ({v})" for k, v in by_key.items())
    raise ValueError(f"unknown permissible purpose {key!r}; pick one of: {choices}")


def _history_table(title: str, entries: list[dict]) -> Table:
    table = Table(title=title, title_justify="left", show_lines=False)
    for column in ("#", "value", "first seen", "last seen", "sources", "score", "why"):
        table.add_column(column)
    for rank, entry in enumerate(entries, start=1):
        sources = ", ".join(f"{s['file_name']} ({s['doc_type']})" for s in entry["sources"])
        value = entry["value"]
        if entry.get("phone_type"):
            value += f" [{entry['phone_type']}]"
        if entry.get("status"):
            value += f" [{entry['status']}]"
        table.add_row(str(rank), value, str(entry.get("first_seen") or ""),
                      str(entry.get("last_seen") or ""), sources, f"{entry['score']:.2f}",
                      "; ".join(entry.get("reasons", [])))
    return table


def print_trace(report: dict, console: Console | None = None) -> None:
    console = console or Console(soft_wrap=True)
    if not report["identities"]:
        console.print(f"no identity matches {report['query']!r}")
        return
    matches = Table(title=f"identities matching {report['query']!r}", title_justify="left")
    for column in ("identity", "name", "score", "why"):
        matches.add_column(column)
    for hit in report["identities"]:
        matches.add_row(str(hit["identity_id"]), hit["display_name"], f"{hit['score']:.2f}",
                        "; ".join(hit["reasons"]))
    console.print(matches)
    best = report.get("best")
    if not best:
        return
    console.print(f"\n[bold]identity {best['identity_id']}: {best['display_name']}[/bold]  "
                  f"names: {', '.join(best['names'])}")
    if best.get("dates_of_birth"):
        console.print(f"dates of birth: {', '.join(best['dates_of_birth'])}")
    if best.get("ssn_last4"):
        console.print(f"SSN last four: {', '.join(best['ssn_last4'])}")
    for key, title in (("addresses", "addresses, most likely current first"),
                       ("phones", "phones, most likely current first"),
                       ("emails", "emails"), ("employers", "employers (workplaces)")):
        if best.get(key):
            console.print(_history_table(title, best[key]))
