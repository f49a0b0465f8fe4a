"""How large a chart's text is on a phone: charts are drawn with real <text> (matplotlib's
svg.fonttype none), so their type sizes can be read off the SVG and scaled to the width the
page shows the chart at."""

from __future__ import annotations

import re

# A 390-px phone less the page's margins (site.css: body padding 1rem each side).
PHONE_SHOWN_AT = 390 - 2 * 16
READABLE_PX = 11


def smallest_text_px(svg: bytes, shown_at: float = PHONE_SHOWN_AT) -> float:
    """The smallest text of a chart in CSS pixels when shown `shown_at` CSS pixels wide (its
    viewBox scaled to that width, never enlarged past its own width)."""
    view_width = float(re.search(rb'viewBox="0 0 ([\d.]+) ', svg).group(1))
    drawn_width = float(re.search(rb'width="([\d.]+)pt"', svg).group(1)) * 96 / 72
    sizes = [float(size) for size in re.findall(rb"font[^;\"]*?([\d.]+)px", svg)]
    assert sizes, "no text found"
    return min(sizes) * min(shown_at, drawn_width) / view_width
