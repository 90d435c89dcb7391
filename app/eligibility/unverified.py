"""Which rules behind a determination still rest on text no one here has re-read (``[M] unverified`` in the code).

A determination names them in ``unverified`` so the attorney's memo can say so beside the reasons; the resident's
results do not show it. Each entry is one rule, in English, with the statute to re-read. Remove an entry here (and
its ``[M]`` mark) once the rule is confirmed against the Legislature's published code, with a CHANGELOG entry.
"""

from __future__ import annotations

from functools import lru_cache

from app.eligibility import tables
from app.eligibility.results import Determination, Offense
from app.eligibility.statutes import NO

PROP64_AGGRAVATORS = ("HS 11358(d), 11359(c), 11360(a)(3): the priors that keep a felony a felony, the age "
                      "subdivisions of HS 11358-11360, and HS 11359 as a felony only before Prop 64 (read only in "
                      "secondary copies of the code)")
PROP47_APPLICATION = "PC 1170.18(f)-(j): the application wording, the (i) disqualifier and the 2022-11-04 deadline"
PROP47_OLDER_SECTIONS = "PC 459, 470, 484, 487 read as Prop 47's 459.5, 473, 490.2 (our reading, not statute text)"
WOBBLER_ADDITIONS = "this section on the PC 17(b) wobbler list (an addition from secondary sources)"
WOBBLER_SECONDARY_LIST = ("this section on the PC 17(b) wobbler list (from a secondary list, rap-sheet-assistant after "
                          "wiperecord.com; its punishment clause not re-read)")
PC1203_45_EXCLUSIONS = "PC 1203.45's exclusions (PC 290 and Vehicle Code offenses), from secondary summaries"
PC799_SEX_OFFENSES = "PC 799(b): sex offenses with no statute of limitations (SB 813), for PC 851.91(a)(2)(B)"
PC851_91_RECORD_BARS = ("PC 851.91(a)(2)(C)-(D) and (c)(2): the evasion bars and the abuse-pattern clause, from a "
                        "secondary copy and People v. I.C. (2023, nonpub.), not the code text")
PC1170_9_RELIEF = ("PC 1170.9(h): the conditions and the dismissal of restorative relief for veterans, from the "
                   "bill digest and the Judicial Council's decision map, not the code text")
PC1203_4B_EXCLUSIONS = "PC 1203.4b(b): the offenses excluded from fire-crew dismissal, from secondary summaries"
WIC781_CONDITIONS = "WIC 781(a)(1) waits and the WIC 707(b) exception, from secondary summaries"
PC1170_18_OLDER = frozenset({"459", "470", "484", "487"})
_PC851_91_RECORD_BAR_STATUTES = frozenset({"PC 851.91(a)(2)(C)-(D)", "PC 851.91(c)(2)"})


# The remedies with an unverified rule: the others are answered without looking (the bulk tool screens millions).
FLAGGED_REMEDIES = frozenset({"prop64", "prop47", "pc17b", "pc1203_45", "pc851_91",
                              "pc1170_9", "pc1203_4b", "wic781"})


def unverified_rules(determination: Determination, offense: Offense | None) -> tuple[str, ...]:
    """The unverified rules this determination turned on, if any; () for an outcome no such rule reached."""
    if determination.remedy not in FLAGGED_REMEDIES:
        return ()
    rules = _rules_for(determination.remedy, offense)
    if determination.remedy == "pc851_91" and determination.statute in _PC851_91_RECORD_BAR_STATUTES:
        return (*rules, PC851_91_RECORD_BARS)
    return rules


@lru_cache(maxsize=8192)
def _rules_for(remedy: str, offense: Offense | None) -> tuple[str, ...]:
    """They depend on the remedy and the offense only, so they are worked out once per pair."""
    rules: list[str] = []
    if remedy == "prop64" and offense is not None and offense.section in tables.PROP64_AGGRAVATED_SECTIONS:
        rules.append(PROP64_AGGRAVATORS)
    if remedy == "prop47":
        rules.append(PROP47_APPLICATION)
        if offense is not None and offense.code == "PC" and offense.section in PC1170_18_OLDER:
            rules.append(PROP47_OLDER_SECTIONS)
    if remedy == "pc17b" and tables.UNVERIFIED_WOBBLERS.match(offense) != NO:
        rules.append(WOBBLER_ADDITIONS)
    elif remedy == "pc17b" and tables.RE_READ_WOBBLERS.match(offense) == NO:
        rules.append(WOBBLER_SECONDARY_LIST)
    if remedy == "pc1203_45":
        rules.append(PC1203_45_EXCLUSIONS)
    if remedy == "pc1203_4b":
        rules.append(PC1203_4B_EXCLUSIONS)
    if remedy == "wic781":
        rules.append(WIC781_CONDITIONS)
    if remedy == "pc1170_9":
        rules.append(PC1170_9_RELIEF)
    if remedy == "pc851_91" and tables.NO_LIMITATION_IN_SOME_CASES.match(offense) != NO:
        rules.append(PC799_SEX_OFFENSES)
    return tuple(rules)
