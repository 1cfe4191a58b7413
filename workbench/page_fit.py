"""How wide the page column really is, measured in the browser, so the page can fit it.

The server cannot know a window's width, and a Vega-Lite chart that stretches to its
container cannot keep a page's aspect; so a tiny inline component (``st.components.v2``,
no build step, nothing fetched) reports the width of the column it sits in, again after
each resize, and the page is drawn at that width. Until the first report arrives the page
is drawn at ``FALLBACK_WIDTH``.
"""

from __future__ import annotations

import streamlit as st

FALLBACK_WIDTH = 420
MIN_WIDTH = 300
# The page panel's vertical scroll bar and the chart's own padding sit inside the column.
INSET_PX = 28
STEP_PX = 10  # widths are rounded down to this, so a resize by a pixel redraws nothing

_JS = """
export default function(component) {
  const { setStateValue, parentElement } = component;
  const column = parentElement.closest('[data-testid="stColumn"]') || parentElement;
  let last = 0;
  let timer = null;
  const report = () => {
    const width = Math.floor(column.getBoundingClientRect().width);
    if (width > 0 && Math.abs(width - last) >= 8) {
      last = width;
      setStateValue("width", width);
    }
  };
  const observer = new ResizeObserver(() => {
    clearTimeout(timer);
    timer = setTimeout(report, 150);
  });
  observer.observe(column);
  report();
  return () => { observer.disconnect(); clearTimeout(timer); };
}
"""

_measure = st.components.v2.component("casetrace_column_width", js=_JS, isolate_styles=False)


def fit_width(column_px: int | None) -> int:
    """The chart width that fits a column ``column_px`` wide (the fallback when unknown)."""
    if not column_px:
        return FALLBACK_WIDTH
    return max(MIN_WIDTH, (int(column_px) - INSET_PX) // STEP_PX * STEP_PX)


def column_width(key: str) -> int | None:
    """The width in px of the column this is called in, as the browser last reported it."""
    result = _measure(key=key, default={"width": None}, height=0,
                      on_width_change=lambda: None)
    width = getattr(result, "width", None)
    return int(width) if isinstance(width, int | float) else None
