"""Reasons shared by several remedies: unknown facts and the person's present situation.

Remedy-specific reasons live in each remedy's module. All are module-level constants so the
bulk tool screens hundreds of thousands of convictions without building strings.
"""

from __future__ import annotations

from functools import lru_cache

from app.eligibility.results import Reason

# One plain question-like sentence per fact the engine may name in ``missing``.
MISSING_FACT: dict[str, Reason] = {
    "offense": Reason(
        "We could not tell exactly which offense this was; the code section and subdivision matter here.",
        "No pudimos saber con exactitud qué delito fue; aquí importan la sección y la subdivisión del código.",
    ),
    "level": Reason(
        "We do not know if this was a felony, a misdemeanor or an infraction.",
        "No sabemos si fue un delito grave (felony), un delito menor (misdemeanor) o una infracción.",
    ),
    "conviction_date": Reason(
        "We do not know the date of this conviction, or of another conviction that matters for it.",
        "No sabemos la fecha de esta condena, o de otra condena que importa para esta.",
    ),
    "sentence": Reason(
        "We do not know the sentence: probation, county jail, state prison or a fine only.",
        "No sabemos la sentencia: libertad condicional (probation), cárcel del condado, prisión estatal o solo una multa.",
    ),
    "probation_completed": Reason(
        "We do not know if probation for this conviction is finished.",
        "No sabemos si terminó la libertad condicional (probation) de esta condena.",
    ),
    "probation_violated": Reason(
        "We do not know if probation was ever violated.",
        "No sabemos si alguna vez se violó la libertad condicional (probation).",
    ),
    "sentence_completed": Reason(
        "We do not know if the sentence for this conviction is finished.",
        "No sabemos si ya terminó la sentencia de esta condena.",
    ),
    "sentence_completed_date": Reason(
        "We do not know when the sentence was finished.",
        "No sabemos cuándo terminó la sentencia.",
    ),
    "value_over_950": Reason(
        "We do not know if the property or check was worth more than $950.",
        "No sabemos si los bienes o el cheque valían más de 950 dólares.",
    ),
    "mandatory_supervision": Reason(
        "We do not know if the jail sentence included mandatory supervision.",
        "No sabemos si la sentencia de cárcel incluyó supervisión obligatoria.",
    ),
    "trafficking_victim": Reason(
        "We do not know if this happened because the person was a victim of human trafficking.",
        "No sabemos si esto ocurrió porque la persona era víctima de trata de personas.",
    ),
    "offense_date": Reason(
        "We do not know the date of the offense itself, which is the date this law looks at.",
        "No sabemos la fecha del delito en sí, que es la fecha que mira esta ley.",
    ),
    "prison_term_suspended": Reason(
        "We do not know if the judge gave a prison sentence and then suspended it when granting probation.",
        "No sabemos si el juez dio una sentencia de prisión y luego la suspendió al conceder la libertad condicional (probation).",
    ),
    "marijuana_over_limit": Reason(
        "We do not know if the amount of marijuana was more than 28.5 grams (about one ounce), or more than 8 grams of concentrate.",
        "No sabemos si la cantidad de marihuana era de más de 28.5 gramos (como una onza), o de más de 8 gramos de concentrado.",
    ),
    "fire_camp": Reason(
        "We do not know if the person served on a fire crew while incarcerated.",
        "No sabemos si la persona sirvió en una cuadrilla de bomberos mientras estaba encarcelada.",
    ),
    "arrest.outcome": Reason(
        "We do not know how the case after this arrest ended: no charges, dismissed, not guilty, or a conviction later vacated.",
        "No sabemos cómo terminó el caso después de este arresto: sin cargos, desestimado, no culpable, o una condena anulada después.",
    ),
    "arrest.offense": Reason(
        "We do not know what the arrest was for.",
        "No sabemos por qué fue el arresto.",
    ),
    "person.date_of_birth": Reason(
        "We do not know the person's date of birth, and their age at the time of the offense matters here.",
        "No sabemos la fecha de nacimiento de la persona, y aquí importa su edad en el momento del delito.",
    ),
    "person.superstrike_prior": Reason(
        "We do not know if there is an earlier conviction for a very serious offense listed in PC 667(e)(2)(C)(iv), such as murder or a violent sex offense.",
        "No sabemos si hay una condena anterior por un delito muy grave de la lista del PC 667(e)(2)(C)(iv), como asesinato o un delito sexual violento.",
    ),
    "person.registered_sex_offender": Reason(
        "We do not know if the person must register as a sex offender (PC 290).",
        "No sabemos si la persona debe registrarse como delincuente sexual (PC 290).",
    ),
    "person.on_probation_or_parole": Reason(
        "We do not know if the person is on probation or parole now.",
        "No sabemos si la persona está ahora en libertad condicional (probation o parole).",
    ),
    "person.in_custody": Reason(
        "We do not know if the person is in jail or prison now.",
        "No sabemos si la persona está ahora en la cárcel o en prisión.",
    ),
    "person.pending_charges": Reason(
        "We do not know if the person has open criminal charges now.",
        "No sabemos si la persona tiene ahora cargos penales pendientes.",
    ),
}


@lru_cache(maxsize=4096)
def missing_fact_reasons(missing: tuple[str, ...]) -> tuple[Reason, ...]:
    return tuple(MISSING_FACT[name] for name in missing)


# Dismissal remedies (PC 1203.4, 1203.4a, 1203.41, 1203.42) all wait until the person is free of these.
IN_CUSTODY = Reason(
    "A dismissal cannot be granted while the person is serving a sentence. Apply once it is over.",
    "No se puede conceder la anulación mientras la persona cumple una sentencia. Solicítela cuando termine.",
)
ON_SUPERVISION = Reason(
    "A dismissal cannot be granted while the person is on probation or parole. Apply once it ends, or ask the court to end probation early (PC 1203.3).",
    "No se puede conceder la anulación mientras la persona está en libertad condicional (probation o parole). Solicítela cuando termine, o pida al tribunal que la termine antes (PC 1203.3).",
)
PENDING_CHARGES = Reason(
    "A dismissal cannot be granted while criminal charges are open against the person. Apply once they are resolved.",
    "No se puede conceder la anulación mientras la persona tiene cargos penales pendientes. Solicítela cuando se resuelvan.",
)
