"""How pages are printed (paper, orientation, colouring, month, language, scenario): the render layer draws with
these, the print operation and both print dialogs build them."""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from planner.core.printing.layout import PageLayout, commune_page_layout


@dataclass
class PageOptions:
    """How pages are printed: paper, orientation, colouring ('phase' or 'state' at `month`), language, footer."""

    paper: str = "A4"
    landscape: bool = False
    colour_by: str = "phase"
    month: str | None = None
    lang: str = "fr"
    print_date: _dt.date | None = None
    scenario_name: str | None = None

    def layout(self) -> PageLayout:
        return commune_page_layout(self.paper, self.landscape)
