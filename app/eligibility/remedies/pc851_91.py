"""PC 851.91: sealing the record of an arrest that did not lead to a conviction, Judicial Council form CR-409.

An arrest did not result in a conviction when (a)(1)(A) the statute of limitations ran with no charges filed, or
(a)(1)(B) every charge filed was (i) dismissed and cannot be refiled, (ii) ended in an acquittal, or (iii) ended in a
conviction later vacated or reversed, with appeals exhausted. Not for an arrest that may still be charged, nor for
murder or an offense with no limitation period unless acquitted ((a)(2)). Sealing is granted as of right, except in
the interests of justice for a person with a pattern of domestic violence, child or elder abuse ((b)(1)-(2)), which a
reviewer checks. One petition per arrest, in the court where the case was filed or the county of the arrest.
Source: law.md s.4 [V: leginfo text; CR-409 Rev. January 1, 2024].
"""

from __future__ import annotations

from app.eligibility import tables
from app.eligibility.decide import decide, refuse
from app.eligibility.facts import ArrestFacts
from app.eligibility.offenses import parse_offense
from app.eligibility.results import Determination, Reason
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


def assess(arrest: ArrestFacts) -> Determination:
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
    return decide(REMEDY, relief="seal", statute=statute, form=FORM,
                  reasons=(ELIGIBLE_BY_OUTCOME.get(outcome or "", OUTCOME_UNKNOWN),), missing=missing,
                  review_reason=OUTCOME_UNKNOWN if outcome is None else OFFENSE_UNKNOWN)
