"""What the engine answers, and its JSON shape (docs: screening-api.md).

The vocabularies below are a public contract: the API, the packet renderer and the DA bulk
tool all switch on these strings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

OUTCOMES: tuple[str, ...] = ("eligible", "needs_review", "not_eligible")
REMEDIES: tuple[str, ...] = (
    "prop64",
    "prop47",
    "pc1203_4",
    "pc1203_4a",
    "pc1203_41",
    "pc1203_42",
    "pc1203_43",
    "pc1203_49",
    "pc17b",
    "pc17d2",
    "pc1203_3",
    "pc1203_45",
    "pc290_5",
    "pc236_15",
    "pc236_14",
    "pc851_91",
    "pc4852_01",
    "pc1473_7",
    "pc1170_91",
    "pc1170_9",
    "pc1203_4b",
    "wic781",
)
RELIEFS: tuple[str, ...] = (
    "dismiss_and_seal",
    "redesignate_misdemeanor",
    "redesignate_infraction",
    "resentence",
    "reduce_to_misdemeanor",
    "reduce_to_infraction",
    "dismiss",
    "terminate_probation",
    "seal",
    "terminate_registration",
    "vacate",
    "certificate_of_rehabilitation",
)
BASES: tuple[str, ...] = (
    "probation_fulfilled",
    "early_discharge",
    "interests_of_justice",
    "honest_upright",
    "a",
    "b",
    "c",
    "petition",
    "application",
)


@dataclass(frozen=True, slots=True)
class Offense:
    """A code section as the law names it: ``HS 11357(b)`` is code HS, section 11357, subdivision b."""

    code: str
    section: str
    subdivision: str | None
    label: str
    label_es: str
    # The whole subdivision path, e.g. ("c", "1") for "286(c)(1)"; ``subdivision`` is its first part.
    subparts: tuple[str, ...] = ()

    def citation(self) -> str:
        tail = "".join(f"({part})" for part in self.subparts)
        return f"{self.code} {self.section}{tail}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "section": self.section,
            "subdivision": self.subdivision,
            "label": self.label,
            "label_es": self.label_es,
        }


@dataclass(frozen=True, slots=True)
class Reason:
    """One or two plain sentences, in English and Spanish, citing the statute."""

    en: str
    es: str

    def to_dict(self) -> dict[str, str]:
        return {"en": self.en, "es": self.es}


@dataclass(frozen=True, slots=True)
class Determination:
    """What one remedy offers for one conviction."""

    remedy: str  # one of REMEDIES
    outcome: str  # one of OUTCOMES
    relief: str | None  # one of RELIEFS
    statute: str
    form: str | None
    reasons: tuple[Reason, ...]
    missing: tuple[str, ...]  # unknown facts that would change the answer (ConvictionFacts / "person." names)
    basis: str | None = None  # one of BASES, for remedies with more than one ground
    # Rules behind this answer that rest on text not yet re-read against the statute (app/eligibility/unverified.py).
    unverified: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "remedy": self.remedy,
            "outcome": self.outcome,
            "relief": self.relief,
            "statute": self.statute,
            "form": self.form,
            "basis": self.basis,
            "reasons": [reason.to_dict() for reason in self.reasons],
            "missing": list(self.missing),
            "unverified": list(self.unverified),
        }


@dataclass(frozen=True, slots=True)
class Chain:
    """Relief that opens other relief, in the order to ask for it: `steps` are remedy names, first to last."""

    steps: tuple[str, ...]
    reason: Reason

    def to_dict(self) -> dict[str, Any]:
        return {"steps": list(self.steps), "reason": self.reason.to_dict()}


@dataclass(frozen=True, slots=True)
class ConvictionResult:
    id: str
    offense: Offense | None
    determinations: tuple[Determination, ...]
    chain: Chain | None = None  # "first ..., then ..." when one relief opens another (app/eligibility/chains.py)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "offense": self.offense.to_dict() if self.offense is not None else None,
            "determinations": [d.to_dict() for d in self.determinations],
            "chain": self.chain.to_dict() if self.chain is not None else None,
        }


@dataclass(frozen=True, slots=True)
class AutomaticReliefNote:
    """The conviction may already be cleared by a state program; says how to check."""

    conviction: str
    statute: str
    note: Reason

    def to_dict(self) -> dict[str, Any]:
        return {"conviction": self.conviction, "statute": self.statute, "note": self.note.to_dict()}


@dataclass(frozen=True, slots=True)
class ArrestResult:
    """What the law offers for one arrest that did not lead to a conviction (PC 851.91 sealing, 851.93 note)."""

    id: str
    determinations: tuple[Determination, ...]
    automatic_relief: tuple[AutomaticReliefNote, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "determinations": [d.to_dict() for d in self.determinations],
            "automatic_relief": [note.to_dict() for note in self.automatic_relief],
        }


@dataclass(frozen=True, slots=True)
class Screening:
    engine_version: str
    today: date
    convictions: tuple[ConvictionResult, ...]
    automatic_relief: tuple[AutomaticReliefNote, ...]
    arrests: tuple[ArrestResult, ...] = ()
    # Routes for the person as a whole, not for one conviction or arrest (juvenile records, WIC 781/786).
    person_routes: tuple[Determination, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The JSON body of a 200 answer from POST /api/v1/screen."""
        return {
            "engine_version": self.engine_version,
            "today": self.today.isoformat(),
            "convictions": [result.to_dict() for result in self.convictions],
            "automatic_relief": [note.to_dict() for note in self.automatic_relief],
            "arrests": [result.to_dict() for result in self.arrests],
            "person_routes": [d.to_dict() for d in self.person_routes],
        }
