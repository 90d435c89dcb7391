"""The screening engine: pure Python facts in, determinations out (no Flask, no database, no I/O).

Every audience (resident results, partner memo, JSON API, packets) calls ``screen``; the DA bulk tool, which needs
only Prop 64 for hundreds of thousands of people, calls ``screen_one_remedy``, the same rule on the same record.
"""

from app.eligibility.engine import screen, screen_one_remedy
from app.eligibility.facts import ARREST_OUTCOMES, LEVELS, SENTENCES, ArrestFacts, ConvictionFacts, Person
from app.eligibility.labels import OFFENSE_CHOICES
from app.eligibility.offenses import parse_offense
from app.eligibility.results import (
    BASES,
    OUTCOMES,
    RELIEFS,
    REMEDIES,
    ArrestResult,
    AutomaticReliefNote,
    Chain,
    ConvictionResult,
    Determination,
    Offense,
    Reason,
    Screening,
)
from app.eligibility.version import ENGINE_VERSION

__all__ = [
    "ARREST_OUTCOMES",
    "ArrestFacts",
    "ArrestResult",
    "BASES",
    "ENGINE_VERSION",
    "LEVELS",
    "OFFENSE_CHOICES",
    "OUTCOMES",
    "RELIEFS",
    "REMEDIES",
    "SENTENCES",
    "AutomaticReliefNote",
    "Chain",
    "ConvictionFacts",
    "ConvictionResult",
    "Determination",
    "Offense",
    "Person",
    "Reason",
    "Screening",
    "screen_one_remedy",
    "parse_offense",
    "screen",
]
