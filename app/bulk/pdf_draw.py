"""A page of text, rules and patterned bars in PDF operators, laid out top to bottom: what report.pdf needs.

report.pdf is one or two pages of headings, small tables and two bar charts. Drawing them with the PDF standard fonts
(``app.bulk.pdf_lists.PdfFile``) takes milliseconds and imports nothing, where a layout engine (WeasyPrint) costs
about a second of CPU to load and render on every bulk run, on the path between the last row and the command's exit.
Text is measured with the fonts' own advance widths (``app.bulk.font_widths``), so numbers align right and long
lines wrap.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from app.bulk.font_widths import FIRST_BYTE, HELVETICA, HELVETICA_BOLD
from app.bulk.pdf_lists import escape

PORTRAIT = (612.0, 792.0)  # US letter
REGULAR, BOLD = "F3", "F2"  # PdfFile.FONTS: Helvetica, Helvetica-Bold
_WIDTHS = {REGULAR: HELVETICA, BOLD: HELVETICA_BOLD}


def text_width(text: str, font: str, size: float) -> float:
    widths = _WIDTHS[font]
    encoded = text.encode("cp1252", errors="replace")
    return sum(widths[byte - FIRST_BYTE] if byte >= FIRST_BYTE else 0 for byte in encoded) * size / 1000


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Words filled into lines no wider than ``width`` (a word longer than a line has a line of its own)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if line and text_width(candidate, font, size) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    return [*lines, line] if line else lines or [""]


def rgb(colour: str) -> str:
    """'#1b5e20' as PDF colour operands."""
    red, green, blue = (int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    return f"{red:.3f} {green:.3f} {blue:.3f}"


@dataclass
class Page:
    """One page's operators; y runs from the top (``top``) down, in points, as a reader reads."""

    width: float
    height: float
    margin: float
    ops: list[str] = field(default_factory=list)

    @property
    def top(self) -> float:
        return self.height - self.margin

    def text(self, x: float, y: float, text: str, font: str = REGULAR, size: float = 10, colour: str = "#111111") -> None:
        self.ops.append(f"BT {rgb(colour)} rg /{font} {size:g} Tf {x:.2f} {y:.2f} Td ({escape(text)}) Tj ET")

    def text_right(self, right: float, y: float, text: str, font: str = REGULAR, size: float = 10) -> None:
        self.text(right - text_width(text, font, size), y, text, font, size)

    def rule(self, x1: float, x2: float, y: float, width: float = 0.5, colour: str = "#bbbbbb") -> None:
        self.ops.append(f"{rgb(colour)} RG {width:g} w {x1:.2f} {y:.2f} m {x2:.2f} {y:.2f} l S")

    def patterned_box(self, x: float, y: float, width: float, height: float, colour: str, pattern: str) -> None:
        """A bar or swatch (``y`` its bottom) filled so that it reads without colour: solid, diagonal hatch, dots or
        open (app.bulk.report.OUTCOME_PATTERNS), outlined in near-black."""
        box = f"{x:.2f} {y:.2f} {width:.2f} {height:.2f} re"
        if pattern == "solid":
            self.ops.append(f"{rgb(colour)} rg {box} f")
        elif pattern in ("hatch", "dots"):
            self.ops.append(f"q {box} W n 1 1 1 rg {box} f {rgb(colour)} RG")
            self.ops.extend(_hatch(x, y, width, height) if pattern == "hatch" else _dots(x, y, width, height))
            self.ops.append("Q")
        self.ops.append(f"0.067 0.067 0.067 RG 0.8 w {box} S")

    def content(self) -> bytes:
        return "\n".join(self.ops).encode("cp1252", errors="replace")


def _hatch(x: float, y: float, width: float, height: float, step: float = 6, stroke: float = 2.5) -> Iterator[str]:
    """45-degree stripes across the (clipped) box."""
    yield f"{stroke:g} w"
    offset = -height
    while offset < width:
        yield f"{x + offset:.2f} {y:.2f} m {x + offset + height:.2f} {y + height:.2f} l S"
        offset += step


def _dots(x: float, y: float, width: float, height: float, step: float = 5, diameter: float = 2.8) -> Iterator[str]:
    """A grid of round dots: zero-length lines with round caps."""
    yield f"1 J {diameter:g} w"
    row = y + step / 2
    while row < y + height + step:
        column = x + step / 2
        while column < x + width + step:
            yield f"{column:.2f} {row:.2f} m {column:.2f} {row:.2f} l S"
            column += step
        row += step
