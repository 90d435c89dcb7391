"""report.pdf (the one-page summary a DA shows the office) and the court-ready list PDFs."""
from __future__ import annotations

import multiprocessing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.bulk.outputs import REPORT_FILE, court_list_name
from app.bulk.pdf_draw import BOLD, PORTRAIT, REGULAR, Page, text_width, wrap
from app.bulk.pdf_lists import PdfFile, read_court_list, write_list_pdf
from app.bulk.policy import DA_OUTCOMES

OUTCOME_LABELS = {
    "dismissal": "Eligible for dismissal",
    "reduction": "Eligible for reduction to a misdemeanor",
    "needs_review": "Needs review",
    "not_eligible": "Not eligible",
}
# Each outcome has a fill pattern as well as a colour, so the charts read the same printed in black and white
# (app.bulk.pdf_draw.Page.patterned_box draws the patterns): solid, diagonal hatch, dots, open.
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


def write_report(out_dir: Path, summary: dict[str, Any]) -> Path:
    """report.pdf: the run's outcomes, two charts, the people and the file, and the policy applied."""
    pages = _ReportLayout().draw(summary)
    path = out_dir / REPORT_FILE
    with open(path, "wb") as handle:
        pdf = PdfFile(handle, PORTRAIT)
        for number, page in enumerate(pages, start=1):
            page.text_right(page.width - MARGIN, MARGIN - 20, f"Page {number} of {len(pages)}", size=8)
            pdf.add_page(page.content())
        pdf.finish(f"Prop 64 bulk screening - {summary['county']}")
    return path


MARGIN = 50.4  # 0.7 in
BODY, SMALL, NOTE = 10.0, 9.0, 8.5
ROW_HEIGHT = 18.0  # a table row: 10 pt text, 3 pt above and below, and its rule
GREY, DARK = "#444444", "#111111"


class _ReportLayout:
    """Blocks placed top to bottom, a new page when the next one does not fit."""

    def __init__(self) -> None:
        self.pages: list[Page] = []
        self.width = PORTRAIT[0] - 2 * MARGIN
        self._new_page()

    def _new_page(self) -> None:
        self.page = Page(PORTRAIT[0], PORTRAIT[1], MARGIN)
        self.pages.append(self.page)
        self.y = self.page.top

    def _room(self, height: float) -> None:
        if self.y - height < MARGIN:
            self._new_page()

    def draw(self, summary: dict[str, Any]) -> list[Page]:
        self._heading("Prop 64 relief: bulk screening of the DOJ file", 16, after=6)
        meta = (f"County of {summary['county'].title()} \u00b7 as of {summary['as_of']} \u00b7 engine "
                f"{summary['engine_version']} \u00b7 {', '.join(summary['files'])}")
        self._paragraph(meta, BODY, GREY)
        self._section("Outcomes")
        self._row("Outcome", "Convictions", BOLD)
        for outcome in DA_OUTCOMES:
            self._row(OUTCOME_LABELS[outcome], _number(summary["outcomes"][outcome]), swatch=outcome)
        self._row("HS 11357-11360 convictions in the county", _number(summary["prop64_convictions"]), BOLD)
        self._row("Possible plea bargains in a marijuana case (PC 32, HS 11364, HS 11366)",
                  _number(summary["plea_signal_convictions"]))
        self._section("Relief by outcome")
        self._outcome_chart(outcome_bars(summary["outcomes"]))
        self._section("Outcomes by code section")
        self._section_chart(chart_bars(summary["prop64_convictions_by_section"]))
        self._legend()
        self._section_table(summary["prop64_convictions_by_section"])
        people = summary["people"]
        self._section("People")
        for label, value in (
            ("People in the file", summary["subjects"]),
            ("People with HS 11357-11360 convictions in the county", people["with_prop64_convictions"]),
            ("People granted dismissal or reduction", people["granted_relief"]),
            ("... who would be left with no felony", people["left_with_no_felony"]),
            ("... who would be left with no conviction in the last 7 years", people["left_with_no_conviction_in_last_7_years"]),
            ("... who would be left with no conviction at all", people["left_with_no_conviction"]),
        ):
            self._row(label, _number(value))
        self._section("The file")
        self._row("Rows read", _number(summary["rows_read"]))
        self._row("Rows rejected (listed with line numbers in errors.csv)", _number(summary["rows_rejected"]))
        self._row("Convictions on all records", _number(summary["convictions"]))
        self._row("Processing time", f"{summary['processing_seconds']:.1f} s")
        if summary["warnings"]:
            self.y -= 6
            self._paragraph("Warnings: " + "; ".join(summary["warnings"]), NOTE, GREY)
        self._section("Policy applied")
        self._paragraph(STATUTE_POLICY, NOTE, GREY)
        self.y -= 4
        self._paragraph(_office_options(summary["options"]), NOTE, GREY)
        return self.pages

    def _heading(self, text: str, size: float, after: float) -> None:
        self._room(size * 1.2 + after + ROW_HEIGHT)  # never a heading alone at the foot of a page
        self.y -= size
        self.page.text(MARGIN, self.y, text, BOLD, size, DARK)
        self.y -= after

    def _section(self, title: str) -> None:
        self._room(16 + 12 * 1.2 + 8 + 3 * ROW_HEIGHT)
        self.y -= 16
        self._heading(title, 12, after=4)
        self.page.rule(MARGIN, MARGIN + self.width, self.y, 1, "#999999")
        self.y -= 6

    def _paragraph(self, text: str, size: float, colour: str) -> None:
        for line in wrap(text, REGULAR, size, self.width):
            self._room(size * 1.3)
            self.y -= size * 1.3
            self.page.text(MARGIN, self.y + size * 0.3, line, REGULAR, size, colour)

    def _row(self, label: str, figure: str, font: str = REGULAR, swatch: str | None = None) -> None:
        self._room(ROW_HEIGHT)
        baseline = self.y - 3 - BODY * 0.8
        x = MARGIN + 6
        if swatch is not None:
            self.page.patterned_box(x, baseline - 1, 11, 11, OUTCOME_COLOURS[swatch], OUTCOME_PATTERNS[swatch])
            x += 15
        self.page.text(x, baseline, label, font, BODY)
        self.page.text_right(MARGIN + self.width - 6, baseline, figure, font, BODY)
        self.y -= ROW_HEIGHT
        self.page.rule(MARGIN, MARGIN + self.width, self.y + 1)

    def _outcome_chart(self, bars: list[OutcomeBar]) -> None:
        self._room(len(bars) * (BAR_HEIGHT + BAR_GAP))
        top = self.y
        for bar in bars:
            bottom = top - bar.y - BAR_HEIGHT
            baseline = bottom + BAR_HEIGHT * 0.3
            self.page.text(MARGIN, baseline, bar.label, size=SMALL)
            self.page.patterned_box(MARGIN + OUTCOME_LABEL_WIDTH, bottom, max(bar.width, 0.5), BAR_HEIGHT,
                                    OUTCOME_COLOURS[bar.outcome], OUTCOME_PATTERNS[bar.outcome])
            self.page.text(MARGIN + OUTCOME_LABEL_WIDTH + bar.width + 4, baseline, f"{bar.count:,} ({bar.percent})", size=SMALL)
        self.y = top - len(bars) * (BAR_HEIGHT + BAR_GAP)

    def _section_chart(self, bars: list[Bar]) -> None:
        self._room(max(len(bars), 1) * (BAR_HEIGHT + BAR_GAP))
        top = self.y
        for bar in bars:
            bottom = top - bar.y - BAR_HEIGHT
            baseline = bottom + BAR_HEIGHT * 0.3
            self.page.text(MARGIN, baseline, bar.label, size=BODY)
            for segment in bar.segments:
                self.page.patterned_box(MARGIN + segment.x, bottom, segment.width, BAR_HEIGHT, segment.colour,
                                        OUTCOME_PATTERNS[segment.outcome])
            self.page.text(MARGIN + bar.end + 4, baseline, f"{bar.total:,}", size=SMALL)
        self.y = top - max(len(bars), 1) * (BAR_HEIGHT + BAR_GAP)

    def _legend(self) -> None:
        self._room(2 * ROW_HEIGHT)
        self.y -= 6
        x = MARGIN
        baseline = self.y - SMALL
        for outcome in DA_OUTCOMES:
            label = OUTCOME_LABELS[outcome]
            width = 15 + text_width(label, REGULAR, SMALL) + 12
            if x + width > MARGIN + self.width:
                x, baseline = MARGIN, baseline - ROW_HEIGHT
            self.page.patterned_box(x, baseline - 1, 11, 11, OUTCOME_COLOURS[outcome], OUTCOME_PATTERNS[outcome])
            self.page.text(x + 15, baseline, label, size=SMALL)
            x += width
        self.y = baseline - 10

    def _section_table(self, by_section: dict[str, dict[str, int]]) -> None:
        first = 90.0
        column = (self.width - first) / len(DA_OUTCOMES)
        headings = [wrap(OUTCOME_LABELS[outcome], BOLD, BODY, column - 12) for outcome in DA_OUTCOMES]
        height = max(map(len, headings)) * BODY * 1.2 + 6
        self._room(height + ROW_HEIGHT)
        self.page.text(MARGIN + 6, self.y - height + 3 + BODY * 0.2, "Section", BOLD, BODY)
        for index, lines in enumerate(headings):
            right = MARGIN + first + (index + 1) * column - 6
            for depth, line in enumerate(lines):
                self.page.text_right(right, self.y - 3 - BODY * 0.8 - depth * BODY * 1.2, line, BOLD, BODY)
        self.y -= height
        self.page.rule(MARGIN, MARGIN + self.width, self.y + 1)
        for section, counts in by_section.items():
            self._room(ROW_HEIGHT)
            baseline = self.y - 3 - BODY * 0.8
            self.page.text(MARGIN + 6, baseline, section, REGULAR, BODY)
            for index, outcome in enumerate(DA_OUTCOMES):
                self.page.text_right(MARGIN + first + (index + 1) * column - 6, baseline, _number(counts[outcome]))
            self.y -= ROW_HEIGHT
            self.page.rule(MARGIN, MARGIN + self.width, self.y + 1)


def _number(value: int) -> str:
    return f"{value:,}"


STATUTE_POLICY = (
    "Statute (HS 11361.8): misdemeanors and infractions dismissed and sealed; felonies redesignated as misdemeanors "
    "unless a prior super strike, a prior PC 290 offense or two prior convictions of the same section keep them "
    "(HS 11358(d), 11359(c), 11360(a)(3)); plea-bargain signals and missing facts go to review; convictions after "
    "2016-11-09 are not eligible."
)


def _office_options(options: dict[str, Any]) -> str:
    baseline = options["baselineEligibility"]
    extra = ", ".join(f"{key} = {value}" for key, value in options["additionalRelief"].items())
    return (f"Office options: dismiss {', '.join(baseline['dismiss']) or 'none beyond the statute'}; "
            f"reduce {', '.join(baseline['reduce']) or 'as the statute'}. Additional relief: {extra}.")


PARALLEL_LISTS_BYTES = 1 << 20  # below ~1 MB of list CSVs (~5,000 cases) a second process costs more than it saves


def write_court_list_pdfs(out_dir: Path, county: str, as_of: str, processes: int = 1) -> list[Path]:
    """Each outcome's court list as a PDF. With ``processes`` > 1 (a forked helper), the lists are shared between two
    processes by size: they are written after the last row, so on a big run this halves the wait at the end."""
    subtitle = f"County of {county.title()} - prepared {as_of} - attachment to the People's motion and proposed order"
    lists = [(outcome, out_dir / court_list_name(outcome, "csv"), out_dir / court_list_name(outcome, "pdf"))
             for outcome in DA_OUTCOMES]
    sizes = {source: source.stat().st_size for _, source, _ in lists}
    if processes > 1 and sum(sizes.values()) >= PARALLEL_LISTS_BYTES:
        mine: list[tuple[str, Path, Path]] = []
        theirs: list[tuple[str, Path, Path]] = []
        mine_bytes = theirs_bytes = 0
        for item in sorted(lists, key=lambda item: -sizes[item[1]]):  # the largest first, each to the lighter side
            if mine_bytes <= theirs_bytes:
                mine.append(item)
                mine_bytes += sizes[item[1]]
            else:
                theirs.append(item)
                theirs_bytes += sizes[item[1]]
        helper = multiprocessing.get_context("fork").Process(target=_write_lists, args=(theirs, subtitle), daemon=True)
        helper.start()
        try:
            _write_lists(mine, subtitle)
        finally:
            helper.join()
        if helper.exitcode != 0:
            raise RuntimeError(f"writing the court-list PDFs failed in a helper process (exit code {helper.exitcode})")
    else:
        _write_lists(lists, subtitle)
    return [target for _, _, target in lists]


def _write_lists(lists: list[tuple[str, Path, Path]], subtitle: str) -> None:
    for outcome, source, target in lists:
        write_list_pdf(target, LIST_TITLES[outcome], subtitle, read_court_list(source))
