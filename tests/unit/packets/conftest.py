"""Builders for packet tests: hand-made screenings (so form placement is tested apart from the rules) and PDF read-back."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from io import BytesIO

import pytest
from pypdf import PdfReader

from app.eligibility import ConvictionFacts, ConvictionResult, Determination, Offense, Reason, Screening
from app.packets import Applicant, Attorney

TODAY = date(2026, 11, 29)

FORMS_BY_REMEDY = {"prop64": "CR-400", "prop47": "Prop 47 petition"}


def determination(remedy: str, outcome: str = "eligible", basis: str | None = None) -> Determination:
    reasons = (Reason(en="The sentence end date is unknown.", es="Se desconoce la fecha de fin de la condena."),)
    return Determination(
        remedy=remedy,
        outcome=outcome,
        relief="dismiss",
        statute="PC 1203.4",
        form=FORMS_BY_REMEDY.get(remedy, "CR-180"),
        reasons=reasons if outcome != "eligible" else (),
        missing=("sentence_completed_date",) if outcome == "needs_review" else (),
        basis=basis,
    )


def offense(citation: str) -> Offense:
    """'PC 459.5' or 'HS 11357(b)' as the engine would have parsed it."""
    match = re.fullmatch(r"(\w+) ([\d.]+)((?:\(\w+\))*)", citation)
    assert match, citation
    parts = tuple(re.findall(r"\((\w+)\)", match[3]))
    return Offense(match[1], match[2], parts[0] if parts else None, "label", "etiqueta", parts)


class ScreeningBuilder:
    """Collects convictions with their determinations and hands back (facts, screening)."""

    def __init__(self) -> None:
        self.facts: list[ConvictionFacts] = []
        self.results: list[ConvictionResult] = []

    def add(
        self,
        citation: str,
        *determinations: Determination,
        county: str | None = "Alameda",
        case_number: str | None = "12-CR-3456",
        level: str | None = "felony",
        conviction_date: date | None = date(2012, 5, 1),
        sentence: str | None = "probation",
        parsed: bool = True,
    ) -> ScreeningBuilder:
        conviction_id = f"c{len(self.facts) + 1}"
        self.facts.append(
            ConvictionFacts(
                id=conviction_id, offense_text=citation, county=county, case_number=case_number, level=level,
                conviction_date=conviction_date, sentence=sentence,
            )
        )
        self.results.append(ConvictionResult(conviction_id, offense(citation) if parsed else None, determinations))
        return self

    def build(self) -> tuple[list[ConvictionFacts], Screening]:
        return self.facts, Screening("test", TODAY, tuple(self.results), ())


@pytest.fixture
def builder() -> ScreeningBuilder:
    return ScreeningBuilder()


@pytest.fixture
def applicant() -> Applicant:
    return Applicant(
        name="Maria Example", address="1 Main St", city="Oakland", state="CA", zip="94612",
        phone="510-555-0100", email="maria@example.org",
    )


@pytest.fixture
def attorney() -> Attorney:
    return Attorney(
        name="Ana Lawyer", bar_number="123456", firm="Example Public Defender", street="2 Court St",
        city="Oakland", state="CA", zip="94612", phone="510-555-0199", email="ana@example.org",
    )


class PacketText:
    """A rendered packet read back page by page with pypdf's layout extraction."""

    def __init__(self, pdf: bytes) -> None:
        self.reader = PdfReader(BytesIO(pdf))
        self.pages: list[str] = [page.extract_text(extraction_mode="layout") for page in self.reader.pages]

    @property
    def title(self) -> str | None:
        return self.reader.metadata.title if self.reader.metadata else None

    @property
    def language(self) -> str:
        return str(self.reader.root_object["/Lang"])

    def pages_of(self, form_footer: str) -> list[str]:
        """Pages whose footer carries this revision line, e.g. 'CR-180 [Rev. January 1, 2024]'."""
        return [page for page in self.pages if form_footer in page]

    def cover_sheets(self, heading: str = "Your court papers") -> list[str]:
        return [page for page in self.pages if page.lstrip().startswith(heading)]


def line_with(text: str, label: str) -> str:
    """The one line of a page that holds this label."""
    lines = [line for line in text.splitlines() if label in line]
    assert len(lines) == 1, f"expected one line with {label!r}, found {len(lines)}"
    return lines[0]


def field(text: str, label: str) -> str:
    """The value printed after a caption label such as 'NAME:' (a label starts a line or follows a wide gap)."""
    pattern = re.compile(r"(?:^\s*|\s{2,})" + re.escape(label) + r"[ ]*(.*?)(?=\s{3,}|$)")
    values = [match[1] for line in text.splitlines() if (match := pattern.search(line))]
    assert len(values) == 1, f"expected one {label!r} field, found {len(values)}"
    return values[0]


def flat(text: str) -> str:
    """Whitespace folded, so a sentence reads the same wherever the layout wrapped it."""
    return " ".join(text.split())


def is_checked(text: str, label: str) -> bool:
    """A checked box prints an 'X' just before its label on the same line."""
    return re.search(r"X\s+" + re.escape(label), line_with(text, label)) is not None


CR180 = "CR-180 [Rev. January 1, 2024]"
CR181 = "CR-181 [Rev. January 1, 2024]"
CR400 = "CR-400 [New July 1, 2017]"
CR401 = "CR-401 [New July 1, 2017]"
MC025 = "MC-025 [Rev. July 1, 2009]"
MC031 = "MC-031 [Rev. July 1, 2005]"


def render(
    builder: ScreeningBuilder, applicant: Applicant, **options: object
) -> PacketText:
    from app.packets import build_packet

    facts, screening = builder.build()
    options.setdefault("today", TODAY)
    return PacketText(build_packet(applicant, facts, screening, **options))  # type: ignore[arg-type]


def only(items: Sequence[str]) -> str:
    assert len(items) == 1, f"expected exactly one page, found {len(items)}"
    return items[0]
