"""PC 851.91: sealing the record of an arrest that did not lead to a conviction, Judicial Council form CR-409.

An arrest did not result in a conviction when (a)(1)(A) the statute of limitations ran with no charges filed, or
(a)(1)(B) every charge filed was (i) dismissed and cannot be refiled, (ii) ended in an acquittal, or (iii) ended in a
conviction later vacated or reversed, with appeals exhausted. Not for an arrest that may still be charged, nor for
murder or an offense with no limitation period unless acquitted ((a)(2)(A)-(B)), nor when the person intentionally
evaded law enforcement efforts to prosecute the arrest, by absconding or by identity fraud later charged
((a)(2)(C)-(D)). Sealing is granted as of right, except that an arrest for domestic violence, child abuse or elder
abuse is sealed only in the interests of justice when the record shows a pattern of them ((c)(2)).
One petition per arrest, in the court where the case was filed or the county of the arrest.

What the record shows is encoded; what it cannot show goes to a reviewer with the reason:
- (a)(2)(C)-(D): no question asks about evading prosecution (the CR-409 has the petitioner declare it). A conviction
  not known to come before the arrest for failing to appear or for a false identity (``tables.EVASION_SIGNS``) is
  the sign a reviewer checks: ``needs_review``.
- (c)(2): an arrest for a listed domestic violence, child abuse or elder abuse section, with a pattern of the same kind
  on the record (two or more convictions, or five or more arrests, each within three years of another; undated ones
  may be), is ``needs_review`` on the interests-of-justice basis; without such a pattern it is as of right.
Sources: PC 851.91(a)(1)-(a)(2)(B) read on leginfo.legislature.ca.gov
(https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml?lawCode=PEN&sectionNum=851.91.), and law.md
s.4 [V; CR-409 Rev. January 1, 2024]. (a)(2)(C)-(D) and (c)(2) from a secondary copy (record-expungement.com) and
People v. I.C. (Mar. 13, 2023, F083780) [nonpub. opn.], which reads the pattern clause as subdivision (c)(2): [M]
unverified, flagged.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from app.eligibility import tables
from app.eligibility.context import Record, add_years
from app.eligibility.decide import decide, refuse
from app.eligibility.facts import ArrestFacts
from app.eligibility.offenses import parse_offense
from app.eligibility.results import Determination, Offense, Reason
from app.eligibility.statutes import NO, YES

REMEDY = "pc851_91"
FORM = "CR-409"
STATUTE_BY_OUTCOME = {
    "no_charges": "PC 851.91(a)(1)(A)",
    "dismissed": "PC 851.91(a)(1)(B)(i)",
    "acquitted": "PC 851.91(a)(1)(B)(ii)",
    "vacated": "PC 851.91(a)(1)(B)(iii)",
}
STATUTE = "PC 851.91"

ELIGIBLE_BY_OUTCOME = {
    "dismissed": Reason(
        "The charges from this arrest were dismissed, so PC 851.91(a)(1)(B)(i) lets you ask the court to seal the arrest record, as long as the charges can no longer be filed again. File form CR-409; the judge grants it as of right in most cases.",
        "Los cargos de este arresto fueron desestimados, así que el PC 851.91(a)(1)(B)(i) le permite pedir al tribunal que selle el expediente del arresto, siempre que los cargos ya no se puedan volver a presentar. Presente el formulario CR-409; en la mayoría de los casos el juez lo concede por derecho.",
    ),
    "acquitted": Reason(
        "You were found not guilty, so PC 851.91(a)(1)(B)(ii) lets you ask the court to seal the record of this arrest. File form CR-409; the judge grants it as of right in most cases.",
        "A usted lo declararon no culpable, así que el PC 851.91(a)(1)(B)(ii) le permite pedir al tribunal que selle el expediente de este arresto. Presente el formulario CR-409; en la mayoría de los casos el juez lo concede por derecho.",
    ),
    "vacated": Reason(
        "The conviction from this arrest was vacated or reversed, so PC 851.91(a)(1)(B)(iii) lets you ask the court to seal the arrest record once no appeal is left and the charge cannot be filed again. File form CR-409.",
        "La condena de este arresto fue anulada o revocada, así que el PC 851.91(a)(1)(B)(iii) le permite pedir al tribunal que selle el expediente del arresto cuando ya no quede apelación y el cargo no se pueda volver a presentar. Presente el formulario CR-409.",
    ),
}
NO_CHARGES = Reason(
    "No charges were filed after this arrest. PC 851.91(a)(1)(A) lets you seal it once the time to file charges (the statute of limitations) has run out: often one year for a misdemeanor and three years for most felonies, but longer for some. A lawyer should check the dates before you file form CR-409.",
    "No se presentaron cargos después de este arresto. El PC 851.91(a)(1)(A) le permite sellarlo cuando haya vencido el plazo para presentar cargos (la prescripción): a menudo un año para un delito menor y tres años para la mayoría de los delitos graves, pero más para algunos. Un abogado debe revisar las fechas antes de que presente el formulario CR-409.",
)
OUTCOME_UNKNOWN = Reason(
    "PC 851.91 lets the court seal the record of an arrest that did not lead to a conviction, but we need to know how the case ended.",
    "El PC 851.91 permite al tribunal sellar el expediente de un arresto que no terminó en condena, pero necesitamos saber cómo terminó el caso.",
)
NO_LIMITATION = Reason(
    "An arrest for murder, or for another offense that can be charged at any time, cannot be sealed under PC 851.91(a)(2)(B) unless you were found not guilty or factually innocent.",
    "Un arresto por asesinato, o por otro delito que se puede acusar en cualquier momento, no se puede sellar según el PC 851.91(a)(2)(B), a menos que lo hayan declarado no culpable o inocente de hecho.",
)
OFFENSE_UNKNOWN = Reason(
    "PC 851.91 lets the court seal the record of this arrest unless it was for murder or another offense that can be charged at any time (PC 851.91(a)(2)(B)). We do not know what the arrest was for, so a lawyer should check it before you file form CR-409.",
    "El PC 851.91 permite al tribunal sellar el expediente de este arresto, salvo que fuera por asesinato o por otro delito que se puede acusar en cualquier momento (PC 851.91(a)(2)(B)). No sabemos por qué fue el arresto, así que un abogado debe revisarlo antes de que presente el formulario CR-409.",
)
MAYBE_NO_LIMITATION = Reason(
    "Some serious sex offenses can be charged at any time (PC 799(b)); an arrest for one is outside PC 851.91 unless you were found not guilty. A lawyer should check this arrest before you file form CR-409.",
    "Algunos delitos sexuales graves se pueden acusar en cualquier momento (PC 799(b)); un arresto por uno de ellos queda fuera del PC 851.91 a menos que lo hayan declarado no culpable. Un abogado debe revisar este arresto antes de que presente el formulario CR-409.",
)


EVASION_SIGN = Reason(
    "Your record shows a conviction for failing to appear in court or for using a false identity. PC 851.91(a)(2)(C)-(D) does not allow sealing an arrest if you intentionally avoided being prosecuted for it, for example by leaving the area, or by identity fraud you were later charged for. A lawyer should check whether that conviction is tied to this arrest before you file form CR-409.",
    "Su historial muestra una condena por no presentarse en el tribunal o por usar una identidad falsa. El PC 851.91(a)(2)(C)-(D) no permite sellar un arresto si usted evitó a propósito que lo procesaran por él, por ejemplo al irse de la zona, o con un fraude de identidad por el que luego lo acusaron. Un abogado debe revisar si esa condena tiene relación con este arresto antes de que presente el formulario CR-409.",
)
ABUSE_PATTERN = Reason(
    "This arrest was for domestic violence, child abuse or elder abuse, and your record shows other arrests or convictions of the same kind within three years of each other. PC 851.91(c)(2) then lets the judge seal the arrest only if it serves the interests of justice, looking at the hardship the record causes you and your history. A lawyer should help you explain this on form CR-409.",
    "Este arresto fue por violencia doméstica, abuso de menores o abuso de personas mayores, y su historial muestra otros arrestos o condenas del mismo tipo con menos de tres años entre ellos. Entonces el PC 851.91(c)(2) permite al juez sellar el arresto solo si sirve a los intereses de la justicia, considerando las dificultades que el expediente le causa y sus antecedentes. Un abogado debe ayudarle a explicarlo en el formulario CR-409.",
)
# PC 851.91(c)(2)'s three kinds of abuse, each its own pattern.
ABUSE_KINDS = (tables.DOMESTIC_VIOLENCE_OFFENSES, tables.CHILD_ABUSE_OFFENSES, tables.ELDER_ABUSE_OFFENSES)


class ArrestHistory:
    """The rest of the person's record as PC 851.91's record-based bars read it: the convictions (as screened) and the
    other arrests. Built once per screening; empty when an arrest is screened alone."""

    __slots__ = ("_convictions", "_arrests")

    def __init__(self, record: Record | None = None, arrests: Sequence[ArrestFacts] = ()) -> None:
        self._convictions: tuple[tuple[Offense, date | None], ...] = tuple(
            (case.offense, case.facts.offense_date or case.facts.conviction_date)
            for case in (record.cases if record is not None else ()) if case.offense is not None
        )
        self._arrests: tuple[tuple[Offense, date | None], ...] = tuple(
            (offense, arrest.arrest_date) for arrest in arrests
            if arrest.offense_text and (offense := parse_offense(arrest.offense_text)) is not None
        )

    def evasion_sign(self, arrest: ArrestFacts) -> bool:
        """A conviction for failing to appear or a false identity, not known to come before the arrest."""
        arrested = arrest.arrest_date
        return any(
            tables.EVASION_SIGNS.match(offense) != NO and (arrested is None or when is None or when >= arrested)
            for offense, when in self._convictions
        )

    def abuse_pattern(self, offense: Offense | None) -> bool:
        """(c)(2): the arrest is for a listed kind of abuse and the record shows, or may show, a pattern of that kind.

        Every conviction of the kind also counts as an arrest. Same-day events are one occasion; an undated one may
        fall within three years of another, so it counts.
        """
        for kind in ABUSE_KINDS:
            if kind.match(offense) != YES:
                continue
            convictions = [when for other, when in self._convictions if kind.match(other) != NO]
            occasions = convictions + [when for other, when in self._arrests if kind.match(other) != NO]
            if (_near_another(convictions, occasions) >= tables.PC851_91_PATTERN_CONVICTIONS
                    or _near_another(occasions, occasions) >= tables.PC851_91_PATTERN_ARRESTS):
                return True
        return False


def _near_another(subjects: list[date | None], occasions: list[date | None]) -> int:
    """How many separate occasions among ``subjects`` fall within three years of another of ``occasions``.

    Events on the same day are one occasion. An undated one may fall anywhere, so it is near any other.
    """
    years = tables.PC851_91_PATTERN_YEARS
    near = sum(
        1 for when in {day for day in subjects if day is not None}
        if any(other is None or (other != when and add_years(min(other, when), years) >= max(other, when))
               for other in occasions)
    )
    undated = sum(1 for day in subjects if day is None)
    return near + (undated if len(occasions) > 1 else 0)


def assess(arrest: ArrestFacts, history: ArrestHistory | None = None) -> Determination:
    """Every arrest the person names gets an answer: there is no other remedy to fall back on."""
    outcome = arrest.outcome
    statute = STATUTE_BY_OUTCOME.get(outcome or "", STATUTE)
    offense = parse_offense(arrest.offense_text) if arrest.offense_text else None
    if outcome != "acquitted" and tables.NO_LIMITATION_OFFENSES.match(offense) == YES:
        return refuse(REMEDY, STATUTE + "(a)(2)(B)", FORM, NO_LIMITATION, relief="seal")
    missing = ["arrest.outcome"] if outcome is None else []
    if offense is None and outcome != "acquitted":
        missing.append("arrest.offense")  # the (a)(2)(B) bar is unknown; an acquittal is sealable whatever it was
    if outcome == "no_charges":
        return decide(REMEDY, relief="seal", statute=statute, form=FORM, reasons=(NO_CHARGES,), missing=missing,
                      review_reason=NO_CHARGES, review_only=True)
    if outcome != "acquitted" and tables.NO_LIMITATION_IN_SOME_CASES.match(offense) != NO:
        return decide(REMEDY, relief="seal", statute=statute, form=FORM, reasons=(MAYBE_NO_LIMITATION,),
                      missing=missing, review_reason=MAYBE_NO_LIMITATION, review_only=True)
    history = history or _NO_HISTORY
    if history.evasion_sign(arrest):
        return decide(REMEDY, relief="seal", statute=STATUTE + "(a)(2)(C)-(D)", form=FORM, reasons=(EVASION_SIGN,),
                      missing=missing, review_reason=EVASION_SIGN, review_only=True)
    if history.abuse_pattern(offense):
        return decide(REMEDY, relief="seal", statute=STATUTE + "(c)(2)", form=FORM, reasons=(ABUSE_PATTERN,),
                      missing=missing, review_reason=ABUSE_PATTERN, basis="interests_of_justice", review_only=True)
    return decide(REMEDY, relief="seal", statute=statute, form=FORM,
                  reasons=(ELIGIBLE_BY_OUTCOME.get(outcome or "", OUTCOME_UNKNOWN),), missing=missing,
                  review_reason=OUTCOME_UNKNOWN if outcome is None else OFFENSE_UNKNOWN)


_NO_HISTORY = ArrestHistory()
