"""Synthetic DOJ research files: realistic people, no real ones. Deterministic for a given seed.

Used by the tests (small files with hand-picked records via ``doj_row``) and by the benchmark
(millions of rows via ``write_synthetic_file``).
"""
from __future__ import annotations

import csv
import random
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from pathlib import Path

from app.doj import columns as col
from app.doj.columns import COLUMN_COUNT, COLUMNS

ARREST = "ARREST/DETAINED/CITED"
COURT = "COURT ACTION"
REGISTRATION = "REGISTRATION"
DECEASED = "DECEASED"
CONV_STATUS = {"F": "FELONY", "M": "MISDEMEANOR", "I": "INFRACTION"}

# (offense description, type of charge, weight): a county's everyday mix; about one count in six is HS 11357-11360.
OFFENSES: tuple[tuple[str, str, int], ...] = (
    ("11357(A) HS-POSSESS CONCENTRATED CANNABIS", "M", 2),
    ("11357(B)HS-POSSESS MARIJUANA", "M", 4),
    ("11357(C)HS-POSSESS MARIJUANA", "M", 2),
    ("11358 HS-CULTIVATE MARIJUANA", "F", 2),
    ("11359 HS-POSSESS MARIJUANA FOR SALE", "F", 3),
    ("11360(A) HS-TRANSPORT/SELL MARIJUANA", "F", 2),
    ("11350(A) HS-POSSESS NARCOTIC CONTROLLED SUBSTANCE", "F", 8),
    ("11377(A) HS-POSSESS CONTROLLED SUBSTANCE", "M", 8),
    ("459 PC-BURGLARY", "F", 6),
    ("484(A) PC-PETTY THEFT", "M", 8),
    ("23152(A) VC-DUI ALCOHOL/DRUGS", "M", 10),
    ("14601.1(A) VC-DRIVE W/SUSPENDED LICENSE", "M", 6),
    ("148(A)(1) PC-OBSTRUCT/RESIST PUBLIC OFFICER", "M", 5),
    ("242 PC-BATTERY", "M", 5),
    ("245(A)(1) PC-ASSAULT WITH DEADLY WEAPON", "F", 3),
    ("4060 BP-POSSESS CTRL SUBSTANCE", "M", 2),
    ("11364 HS-POSSESS NARCOTIC PARAPHERNALIA", "M", 3),
    ("187 PC-MURDER", "F", 1),
    ("220 PC-ASSAULT W/INTENT TO COMMIT MAYHEM", "F", 1),
    ("288(A) PC-LEWD OR LASCIVIOUS ACTS WITH CHILD", "F", 1),
    ("314(1) PC-INDECENT EXPOSURE", "M", 1),
)
SEX_OFFENSES = ("288(A) PC-LEWD OR LASCIVIOUS ACTS WITH CHILD", "314(1) PC-INDECENT EXPOSURE")
PLEA_SIGNAL = ("11364 HS-POSSESS NARCOTIC PARAPHERNALIA", "M")
OTHER_COUNTIES = ("SACRAMENTO", "YOLO", "ALAMEDA", "FRESNO")
LAST_NAMES = ("GARCIA", "SMITH", "NGUYEN", "JOHNSON", "LOPEZ", "WILLIAMS", "HERNANDEZ", "BROWN", "MARTINEZ", "LEE",
              "DAVIS", "RODRIGUEZ", "WILSON", "KIM", "ANDERSON", "PATEL", "THOMAS", "GONZALEZ", "MOORE", "JACKSON")
FIRST_NAMES = ("MARIA", "JAMES", "JOSE", "MICHAEL", "LINDA", "DAVID", "ANA", "ROBERT", "JENNIFER", "LUIS", "MARY",
               "JOHN", "PATRICIA", "CARLOS", "SUSAN", "DANIEL", "KAREN", "MIGUEL", "LISA", "ANTHONY")
SENTENCES = (("PROBATION", "M", (6, 12, 24, 36)), ("JAIL", "D", (10, 30, 90, 180)), ("PRISON", "Y", (1, 2, 3, 5)), ("FINE", "", ("",)))


def doj_row(
    subject_id: str,
    event_type: str = COURT,
    offense: str = "",
    *,
    name: str = "DOE,JANE",
    dob: str = "19700101",
    county: str = "SAN JOAQUIN",
    event_date: str = "20100101",
    count_order: str = "101001001000",
    disposition: str = "",
    offense_toc: str = "",
    conviction_status: str = "",
    ofn: str = "",
    sentence: tuple[str, str, str] = ("", "", ""),
    comment: str = "",
    disposition_date: str = "",
    cycle_date: str = "",
) -> list[str]:
    """One row of the 95 columns, everything not named left blank as in real extracts."""
    fields = [""] * COLUMN_COUNT
    fields[col.SUBJECT_ID] = subject_id
    fields[col.CII_NUMBER] = f"A{subject_id[-9:]:0>9}"
    fields[col.PRI_NAME] = name
    fields[col.PRI_DOB] = dob
    fields[col.STP_EVENT_DATE] = event_date
    fields[col.CYC_DATE] = cycle_date
    fields[col.STP_TYPE_DESCR] = event_type
    fields[col.STP_ORI_CNTY_NAME] = county
    fields[col.CNT_ORDER] = count_order
    fields[col.DISP_DATE] = disposition_date
    fields[col.OFN] = ofn
    fields[col.OFFENSE_DESCR] = offense
    fields[col.OFFENSE_TOC] = offense_toc
    fields[col.DISP_DESCR] = disposition
    fields[col.CONV_STAT_DESCR] = conviction_status
    fields[col.SENT_LOC_DESCR], fields[col.SENT_LENGTH], fields[col.SENT_TIME_CODE] = sentence
    fields[col.COMMENT_TEXT] = comment
    return fields


def conviction_row(subject_id: str, offense: str, level: str = "F", **kwargs: object) -> list[str]:
    """A COURT ACTION row convicting on ``offense`` at ``level`` (F, M or I)."""
    kwargs.setdefault("disposition", "CONVICTED-PROBATION")
    kwargs.setdefault("sentence", ("PROBATION", "12", "M"))
    kwargs.setdefault("offense_toc", level)
    kwargs.setdefault("conviction_status", CONV_STATUS[level])
    return doj_row(subject_id, COURT, offense, **kwargs)  # type: ignore[arg-type]


def _yyyymmdd(value: date) -> str:
    return value.strftime("%Y%m%d")


class _PersonFactory:
    def __init__(self, rng: random.Random, county: str) -> None:
        self.rng = rng
        self.county = county
        self.offenses = [(text, toc) for text, toc, _ in OFFENSES]
        self.weights = [weight for _, _, weight in OFFENSES]
        self.next_id = 10_000_000

    def person(self) -> Iterator[list[str]]:
        rng = self.rng
        self.next_id += rng.randint(1, 9)
        subject_id = str(self.next_id)
        name = f"{rng.choice(LAST_NAMES)},{rng.choice(FIRST_NAMES)}"
        born = date(1940, 1, 1) + timedelta(days=rng.randint(0, 60 * 365))
        common = {"name": name, "dob": _yyyymmdd(born)}
        registered = False
        when = born + timedelta(days=rng.randint(17 * 365, 30 * 365))
        for cycle in range(1, rng.choice((1, 1, 1, 2, 2, 3, 4, 6)) + 1):
            if when > date(2025, 6, 1):
                break
            county = self.county if rng.random() < 0.85 else rng.choice(OTHER_COUNTIES)
            counts = [rng.choices(self.offenses, self.weights)[0] for _ in range(rng.choice((1, 1, 1, 2, 3)))]
            if counts[0][0].startswith("11359") and rng.random() < 0.3:
                counts.append(PLEA_SIGNAL)
            arrest = {**common, "county": county, "event_date": _yyyymmdd(when)}
            for position, (offense, toc) in enumerate(counts, start=1):
                yield doj_row(subject_id, ARREST, offense, offense_toc=toc, conviction_status=CONV_STATUS[toc],
                              count_order=f"{cycle:03d}001{position:03d}000", **arrest)
            court_date = when + timedelta(days=rng.randint(20, 200))
            docket = f"{county[:2]}{court_date.year % 100:02d}CR{rng.randint(1000, 99999)}"
            for position, (offense, toc) in enumerate(counts, start=1):
                convicted = rng.random() < 0.7
                location, unit, lengths = rng.choice(SENTENCES)
                level = toc if rng.random() < 0.85 else ("M" if toc == "F" else toc)
                yield doj_row(
                    subject_id, COURT, offense, county=county, event_date=_yyyymmdd(court_date),
                    disposition_date=_yyyymmdd(court_date), count_order=f"{cycle:03d}002{position:03d}000",
                    ofn=docket, offense_toc=toc, conviction_status=CONV_STATUS[level] if convicted else "",
                    disposition="CONVICTED-" + location if convicted else "DISMISSED/CHARGE DROPPED",
                    sentence=(location, str(rng.choice(lengths)), unit) if convicted else ("", "", ""), **common,
                )
                if convicted and offense in SEX_OFFENSES and not registered:
                    registered = True
                    yield doj_row(subject_id, REGISTRATION, "290 PC-REGISTRATION OF SEX OFFENDER", county=county,
                                  event_date=_yyyymmdd(court_date), count_order=f"{cycle:03d}003001000", **common)
            when = court_date + timedelta(days=rng.randint(100, 8 * 365))
        if rng.random() < 0.02:
            yield doj_row(subject_id, DECEASED, "", county=self.county, event_date=_yyyymmdd(when),
                          count_order="999001001000", **common)


def synthetic_rows(rows: int, seed: int = 0, county: str = "SAN JOAQUIN") -> Iterator[list[str]]:
    """Exactly ``rows`` rows; the last person may be cut short, as a truncated extract would be."""
    factory = _PersonFactory(random.Random(seed), county.upper())
    produced = 0
    while produced < rows:
        for row in factory.person():
            yield row
            produced += 1
            if produced == rows:
                return


def write_rows(path: Path, rows: Iterable[list[str]], header: bool = False) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        if header:
            writer.writerow(COLUMNS)
        writer.writerows(rows)
    return path


def write_synthetic_file(path: Path, rows: int, seed: int = 0, county: str = "SAN JOAQUIN", header: bool = False) -> Path:
    return write_rows(path, synthetic_rows(rows, seed, county), header)
