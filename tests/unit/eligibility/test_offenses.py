"""The offense parser reads what people and records write, and gives None for anything else."""

from __future__ import annotations

import pytest

from app.eligibility import parse_offense


@pytest.mark.parametrize(
    ("text", "code", "section", "subdivision"),
    [
        pytest.param("HS 11357(b)", "HS", "11357", "b", id="code first"),
        pytest.param("H&S 11357(B)", "HS", "11357", "b", id="H&S with upper-case subdivision"),
        pytest.param("11357(b) HS", "HS", "11357", "b", id="section first"),
        pytest.param("11359 HS-POSSESS MARIJUANA FOR SALE", "HS", "11359", None, id="DOJ description"),
        pytest.param("PC 459.5", "PC", "459.5", None, id="decimal section"),
        pytest.param("VC 23152(a)", "VC", "23152", "a", id="vehicle code"),
        pytest.param("PC 288A(C)", "PC", "288a", "c", id="lettered section"),
        pytest.param("H. & S. 11350", "HS", "11350", None, id="dotted H. & S."),
        pytest.param("Health and Safety Code section 11377(a)", "HS", "11377", "a", id="written out"),
        pytest.param("Penal Code § 459.5", "PC", "459.5", None, id="section sign"),
        pytest.param("P.C. 647(b)", "PC", "647", "b", id="dotted P.C."),
        pytest.param("pc 647 (b)", "PC", "647", "b", id="lower case with space before subdivision"),
        pytest.param("VC23152(A)", "VC", "23152", "a", id="no space after code"),
        pytest.param("503 VC-TAKE CAR W/OUT OWNERS CONSENT", "VC", "503", None, id="DOJ vehicle row"),
        pytest.param("B&P 25662", "BP", "25662", None, id="B&P"),
        pytest.param("BPC 4060", "BP", "4060", None, id="BPC"),
        pytest.param("W&I 10980(c)", "WI", "10980", "c", id="W&I"),
        pytest.param("WIC 10980", "WI", "10980", None, id="WIC"),
        pytest.param("CVC 12500", "VC", "12500", None, id="CVC"),
        pytest.param("  hs   11357 ( b )  ", "HS", "11357", "b", id="extra spaces"),
    ],
)
def test_reads_common_spellings(text: str, code: str, section: str, subdivision: str | None) -> None:
    offense = parse_offense(text)

    assert offense is not None
    assert (offense.code, offense.section, offense.subdivision) == (code, section, subdivision)


def test_keeps_the_whole_subdivision_path() -> None:
    assert parse_offense("PC 286(c)(1)").subparts == ("c", "1")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("", id="empty"),
        pytest.param("   ", id="blank"),
        pytest.param("I don't remember", id="words"),
        pytest.param("SEE COMMENT FOR CHARGE", id="DOJ placeholder"),
        pytest.param("11357", id="section without a code"),
        pytest.param("PC", id="code without a section"),
        pytest.param("XYZ 123", id="unknown code"),
        pytest.param("PC 12345678", id="section too long"),
        pytest.param("PCX 11357", id="code glued to other letters"),
        pytest.param("(((((", id="punctuation"),
    ],
)
def test_junk_gives_none(text: str) -> None:
    assert parse_offense(text) is None


def test_non_string_gives_none() -> None:
    assert parse_offense(None) is None  # type: ignore[arg-type]


def test_known_sections_get_plain_labels_in_both_languages() -> None:
    offense = parse_offense("HS 11357(b)")

    assert (offense.label, offense.label_es) == ("Possession of marijuana", "Posesión de marihuana")


def test_subdivision_label_overrides_section_label() -> None:
    assert parse_offense("PC 647(b)").label == "Prostitution"


def test_unlabelled_sections_get_a_neutral_label() -> None:
    offense = parse_offense("PC 12022.55")

    assert offense.label == "Penal Code section 12022.55"
    assert offense.label_es == "Código Penal, sección 12022.55"
