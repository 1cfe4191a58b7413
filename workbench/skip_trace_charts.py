"""What the skip-trace page shows as tables and charts: search hits, contact histories
(best first, with their reasons) and the address timeline. No Streamlit here."""

from __future__ import annotations

import altair as alt
import pandas as pd

from workbench.identity_view import short_label

TIMELINE_ROW_PX = 30  # one band per value; the chart grows a row per value


def hit_row(hit) -> dict:
    return {"identity": int(hit.identity_id),
            "name": getattr(hit, "display_name", None) or getattr(hit, "name", ""),
            "score": round(float(getattr(hit, "score", 0.0)), 2),
            "why": "; ".join(getattr(hit, "reasons", None) or [str(getattr(hit, "reason", ""))])}


def history_rows(entries: list[dict]) -> pd.DataFrame:
    """One row per address / phone / email, best (most likely current) first."""
    rows = []
    for entry in entries:
        reasons = entry.get("reasons") or []
        sources = entry.get("sources") or []
        rows.append({
            "value": entry.get("value", ""),
            "score": entry.get("score"),
            "first seen": entry.get("first_seen"),
            "last seen": entry.get("last_seen"),
            "documents": len(sources),
            "why": "; ".join(map(str, reasons)) if isinstance(reasons, list) else str(reasons),
            "status": " ".join(filter(None, (entry.get("status"), entry.get("phone_type")))),
        })
    frame = pd.DataFrame(rows)
    if not frame.empty and frame["score"].notna().any():
        frame = frame.sort_values("score", ascending=False, na_position="last")
    return frame


def timeline_chart(frame: pd.DataFrame) -> alt.Chart | None:
    """One band per value (best first), its span from first to last seen; long values are
    cut on the axis and whole in the tooltip; the chart grows a row per value."""
    spans = frame.dropna(subset=["first seen"]).copy()
    if spans.empty:
        return None
    spans["first seen"] = pd.to_datetime(spans["first seen"])
    spans["last seen"] = pd.to_datetime(spans["last seen"].fillna(spans["first seen"]))
    spans["rank"] = range(1, len(spans) + 1)
    spans["row"] = [f"{rank}. {short_label(value)}"
                    for rank, value in zip(spans["rank"], spans["value"], strict=True)]
    spans["why"] = spans["why"].map(lambda text: short_label(text, 160))
    order = list(spans["row"])
    colour = alt.condition(alt.datum.rank == 1, alt.value("#1f6feb"), alt.value("#9aa4b2"))
    base = alt.Chart(spans).encode(
        y=alt.Y("row:N", sort=order, title=None,
                scale=alt.Scale(paddingInner=0.35, paddingOuter=0.2),
                axis=alt.Axis(labelLimit=360, labelFontSize=12, labelPadding=6, ticks=False,
                              domain=False)),
        tooltip=[alt.Tooltip("value:N", title="value"),
                 alt.Tooltip("first seen:T", format="%Y-%m-%d"),
                 alt.Tooltip("last seen:T", format="%Y-%m-%d"),
                 alt.Tooltip("documents:Q"), alt.Tooltip("why:N")])
    bars = base.mark_bar(cornerRadius=3).encode(
        x=alt.X("first seen:T", title=None, scale=alt.Scale(padding=14),
                axis=alt.Axis(format="%Y", grid=True)),
        x2="last seen:T", color=colour)
    ends = base.mark_point(filled=True, size=60, opacity=1).encode(x="last seen:T", color=colour)
    return (bars + ends).properties(height=TIMELINE_ROW_PX * len(spans) + 24)
