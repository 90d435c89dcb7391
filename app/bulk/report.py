"""report.pdf (the one-page summary a DA shows the office) and the court-ready list PDFs."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from app.bulk.outputs import REPORT_FILE, court_list_name
from app.bulk.pdf_lists import read_court_list, write_list_pdf
from app.bulk.policy import DA_OUTCOMES

TEMPLATES = Path(__file__).resolve().parents[2] / "templates" / "bulk" / "pdf"
OUTCOME_LABELS = {
    "dismissal": "Eligible for dismissal",
    "reduction": "Eligible for reduction to a misdemeanor",
    "needs_review": "Needs review",
    "not_eligible": "Not eligible",
}
# Each outcome has a fill pattern as well as a colour, so the charts read the same printed in black and white
# (templates/bulk/pdf/report.html draws the patterns): solid, diagonal hatch, dots, open.
OUTCOME_COLOURS = {"dismissal": "#1b5e20", "reduction": "#2e7d32", "needs_review": "#8a5a00", "not_eligible": "#4a3f7a"}
OUTCOME_PATTERNS = {"dismissal": "solid", "reduction": "hatch", "needs_review": "dots", "not_eligible": "open"}
LIST_TITLES = {
    "dismissal": "Convictions eligible for dismissal and sealing, HS 11361.8 / 11361.9",
    "reduction": "Felony convictions eligible for redesignation as misdemeanors, HS 11361.8 / 11361.9",
    "needs_review": "Convictions needing review before relief under HS 11361.8 / 11361.9",
    "not_eligible": "Convictions not eligible for relief under HS 11361.8 / 11361.9",
}
CHART_WIDTH = 460
BAR_HEIGHT = 16
BAR_GAP = 8
LABEL_WIDTH = 80
OUTCOME_LABEL_WIDTH = 200  # the outcome chart names each bar in full, to its left
FIGURE_WIDTH = 80  # room right of the longest bar for its count and share


@dataclass(frozen=True, slots=True)
class BarSegment:
    outcome: str
    colour: str
    x: float
    width: float
    count: int


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    y: float
    total: int
    segments: tuple[BarSegment, ...]

    @property
    def end(self) -> float:
        """Where the bar's figure goes: just right of its last segment."""
        return (self.segments[-1].x + self.segments[-1].width) if self.segments else float(LABEL_WIDTH)


@dataclass(frozen=True, slots=True)
class OutcomeBar:
    """One bar of "relief by outcome", labelled directly with its name, count and share."""

    outcome: str
    label: str
    y: float
    width: float
    count: int
    percent: str


def outcome_bars(outcomes: dict[str, int]) -> list[OutcomeBar]:
    """One horizontal bar per outcome, scaled to the largest, each with its share of all decisions."""
    total = sum(outcomes.values())
    largest = max(outcomes.values(), default=0) or 1
    scale = (CHART_WIDTH - OUTCOME_LABEL_WIDTH - FIGURE_WIDTH) / largest
    return [
        OutcomeBar(
            outcome, OUTCOME_LABELS[outcome], row * (BAR_HEIGHT + BAR_GAP), outcomes.get(outcome, 0) * scale,
            outcomes.get(outcome, 0), f"{outcomes.get(outcome, 0) * 100 / total:.0f}%" if total else "0%",
        )
        for row, outcome in enumerate(DA_OUTCOMES)
    ]


def chart_bars(by_section: dict[str, dict[str, int]]) -> list[Bar]:
    """Stacked horizontal bars, one per section, scaled to the largest section."""
    largest = max((sum(counts.values()) for counts in by_section.values()), default=0) or 1
    scale = (CHART_WIDTH - LABEL_WIDTH - 50) / largest
    bars = []
    for row, (section, counts) in enumerate(by_section.items()):
        x = float(LABEL_WIDTH)
        segments = []
        for outcome in DA_OUTCOMES:
            width = counts.get(outcome, 0) * scale
            if width:
                segments.append(BarSegment(outcome, OUTCOME_COLOURS[outcome], x, width, counts[outcome]))
            x += width
        bars.append(Bar(section, row * (BAR_HEIGHT + BAR_GAP), sum(counts.values()), tuple(segments)))
    return bars


def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(["html"]))


def write_report(out_dir: Path, summary: dict[str, Any]) -> Path:
    # imported here: loading WeasyPrint costs ~0.5 s and most callers never render
    from weasyprint import HTML

    from app.packets.rendering import FormsOnlyFetcher  # the packets' fence: no file outside TEMPLATES, no network

    bars = chart_bars(summary["prop64_convictions_by_section"])
    html = _environment().get_template("report.html").render(
        summary=summary,
        bars=bars,
        by_outcome=outcome_bars(summary["outcomes"]),
        chart_width=CHART_WIDTH,
        chart_height=max(len(bars), 1) * (BAR_HEIGHT + BAR_GAP),
        outcome_chart_height=len(DA_OUTCOMES) * (BAR_HEIGHT + BAR_GAP),
        outcome_label_width=OUTCOME_LABEL_WIDTH,
        bar_height=BAR_HEIGHT,
        outcome_labels=OUTCOME_LABELS,
        outcome_colours=OUTCOME_COLOURS,
        outcome_patterns=OUTCOME_PATTERNS,
        outcomes=DA_OUTCOMES,
    )
    path = out_dir / REPORT_FILE
    HTML(string=html, base_url=str(TEMPLATES), url_fetcher=FormsOnlyFetcher(TEMPLATES)).write_pdf(path)
    return path


def write_court_list_pdfs(out_dir: Path, county: str, as_of: str) -> list[Path]:
    paths = []
    for outcome in DA_OUTCOMES:
        path = out_dir / court_list_name(outcome, "pdf")
        subtitle = f"County of {county.title()} - prepared {as_of} - attachment to the People's motion and proposed order"
        write_list_pdf(path, LIST_TITLES[outcome], subtitle, read_court_list(out_dir / court_list_name(outcome, "csv")))
        paths.append(path)
    return paths
