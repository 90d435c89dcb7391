"""What the engine is told: facts about a person and their convictions.

Every field is optional because residents and records often do not know; ``None`` always
means "unknown", never "no", so a rule can tell the difference and ask instead of guess.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

LEVELS: tuple[str, ...] = ("felony", "misdemeanor", "infraction")
SENTENCES: tuple[str, ...] = ("probation", "county_jail", "state_prison", "fine_only")
# How an arrest ended without a conviction (PC 851.91(a)(1)): no charges filed (the statute of limitations runs), the
# charges dismissed, an acquittal, or a conviction vacated or reversed on appeal.
ARREST_OUTCOMES: tuple[str, ...] = ("no_charges", "dismissed", "acquitted", "vacated")


@dataclass(frozen=True, slots=True)
class Person:
    """Facts about the person as a whole, not about one conviction."""

    date_of_birth: date | None = None
    registered_sex_offender: bool | None = None  # must register under PC 290
    superstrike_prior: bool | None = None  # has a prior PC 667(e)(2)(C)(iv) conviction
    on_probation_or_parole: bool | None = None
    in_custody: bool | None = None
    pending_charges: bool | None = None
    # Says a conviction came from being a victim of intimate partner or sexual violence (PC 236.15); asked once.
    partner_violence_survivor: bool | None = None
    # Says an arrest or conviction came from being a victim of human trafficking (PC 236.14); asked once, privately.
    trafficking_survivor: bool | None = None
    # Is a U.S. citizen (PC 1473.7 and the immigration warning); asked once with "I'd rather not say". False only
    # when the person says so: None raises nothing.
    us_citizen: bool | None = None
    veteran: bool | None = None  # served in the U.S. military (PC 1170.91); asked once
    juvenile_case: bool | None = None  # has a juvenile court case (WIC 781, 786); asked once
    # The convictions given are the whole record (a DOJ rap sheet), so an offense not in them did not happen: an
    # unanswered super-strike question is then settled by the record, except by an offense listed only in some forms.
    full_record: bool = False


@dataclass(frozen=True, slots=True)
class ConvictionFacts:
    """One count as a person or a record describes it.

    Convictions sharing a non-empty ``case_number`` are one court case; the engine uses that
    to tell same-case counts from priors.
    """

    id: str
    offense_text: str
    county: str | None = None
    case_number: str | None = None
    level: str | None = None  # one of LEVELS
    conviction_date: date | None = None
    sentence: str | None = None  # one of SENTENCES
    probation_completed: bool | None = None
    probation_violated: bool | None = None
    sentence_completed: bool | None = None
    sentence_completed_date: date | None = None
    value_over_950: bool | None = None
    # Added beyond the first contract; each one unlocks a remedy that needs it.
    probation_terminated_early: bool | None = None  # PC 1203.4(a)(1) early discharge
    mandatory_supervision: bool | None = None  # PC 1170(h)(5)(B) split sentence, for PC 1203.41(a)
    dej_dismissed: bool | None = None  # charge dismissed after deferred entry of judgment (former PC 1000.3)
    trafficking_victim: bool | None = None  # PC 647(b) conviction arose from being trafficked (PC 1203.49)
    # The date Prop 47 and Prop 64 turn on ("at the time of the offense", PC 1170.18(f), HS 11361.8(a), (e)).
    offense_date: date | None = None
    # The latest the offense can have been, when its own date is unknown: an arrest date (a DOJ arrest cycle).
    offense_date_latest: date | None = None
    # Probation granted after a state prison term was imposed and its execution suspended: no PC 17(b) reduction
    # afterwards (People v. Wood (1998) 62 Cal.App.4th 1262).
    prison_term_suspended: bool | None = None
    # Marijuana possession: more than 28.5 grams (or 8 grams of concentrate), the line HS 11357 draws today.
    marijuana_over_limit: bool | None = None
    # Served on an incarcerated fire crew (conservation camp, county hand crew, institutional firefighter): PC 1203.4b.
    fire_camp: bool | None = None


@dataclass(frozen=True, slots=True)
class ArrestFacts:
    """One arrest that did not end in a conviction, as the person remembers it (PC 851.91, 851.93).

    Kept apart from ConvictionFacts: an arrest has no sentence, and none of the conviction remedies reach it.
    """

    id: str
    county: str | None = None
    arrest_date: date | None = None
    agency: str | None = None  # the arresting agency, which the CR-409 petition names and serves
    outcome: str | None = None  # one of ARREST_OUTCOMES
    offense_text: str = ""  # optional: murder and offenses with no statute of limitations are outside 851.91
