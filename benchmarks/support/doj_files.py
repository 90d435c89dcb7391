"""DOJ-format research files for the bulk benchmark, written from the format's description
(docs: doj-format.md), not by the code under test: nothing here imports ``app``.

Each file has a *shape*: how many rows a person has, the share of marijuana counts, the line ending,
a header row or not, and one county or all 58. Rows fill the columns a real extract fills (names,
descriptions, agencies, the padded blanks of fixed-width fields), so a bare ``csv.reader`` pass over
them costs what it costs on a real file.

    python benchmarks/support/doj_files.py OUT.csv --rows 400000 [--rows-per-person many] [--marijuana large]
                                   [--crlf] [--header] [--counties many] [--seed 14]
"""
from __future__ import annotations

import argparse
import csv
import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

COLUMNS = (
    "RECORD_ID,SUBJECT_STATUS,SUBJECT_ID,REQ_SEG_SEP,REQ_CII_NUMBER,REQ_NAME,REQ_GENDER,REQ_DOB,REQ_CDL,REQ_SSN,"
    "PII_SEG_SEP,CII_NUMBER,PRI_NAME,GENDER,PRI_DOB,PRI_SSN,PRI_CDL,PRI_IDN,PRI_INN,FBI_NUMBER,PDR_SEG_SEP,RACE_CODE,"
    "RACE_DESCR,EYE_COLOR_CODE,EYE_COLOR_DESCR,HAIR_COLOR_CODE,HAIR_COLOR_DESCR,HEIGHT,WEIGHT,SINGLE_SOURCE,"
    "MULTI_SOURCE,POB_CODE,POB_NAME,POB_TYPE,CITIZENSHIP_LIST,CYC_SEG_SEP,CYC_ORDER,CYC_DATE,STP_SEG_SEP,STP_ORDER,"
    "STP_EVENT_DATE,STP_TYPE_CODE,STP_TYPE_DESCR,STP_ORI_TYPE,STP_ORI_TYPE_DESCR,STP_ORI_CODE,STP_ORI_DESCR,"
    "STP_ORI_CNTY_CODE,STP_ORI_CNTY_NAME,CNT_SEG_SEP,CNT_ORDER,DISP_DATE,OFN,OFFENSE_CODE,OFFENSE_DESCR,OFFENSE_TOC,"
    "OFFENSE_QUAL_LST,DISP_OFFENSE_CODE,DISP_OFFENSE_DESCR,DISP_OFFENSE_TOC,DISP_OFFENSE_QUAL_LST,CONV_OFFENSE_ORDER,"
    "CONV_OFFENSE_CODE,CONV_OFFENSE_DESCR,CONV_OFFENSE_TOC,CONV_OFFENSE_QUAL_LST,FE_NUM_ORDER,FE_NUM_ARR_AGY,"
    "FE_NUM_BNCH_WARR,FE_NUM_CITE,FE_NUM_DOCKET,FE_NUM_INCIDENT,FE_NUM_BOOKING,FE_NUM_NUMBER,FE_NUM_REMAND,"
    "FE_NUM_OOS_INN,FE_NUM_CRT_CASE,FE_NUM_WARRANT,DISP_ORDER,DISP_CODE,DISP_DESCR,CONV_STAT_CODE,CONV_STAT_DESCR,"
    "SENT_SEG_SEP,SENT_ORDER,SENT_LOC_CODE,SENT_LOC_DESCR,SENT_LENGTH,SENT_TIME_CODE,SENT_TIME_DESCR,CYC_AGE,CII_TYPE,"
    "CII_TYPE_ALPHA,COMMENT_TEXT,END_OF_REC"
).split(",")
AT = {name: position for position, name in enumerate(COLUMNS)}

CALIFORNIA_COUNTIES = (
    "ALAMEDA", "ALPINE", "AMADOR", "BUTTE", "CALAVERAS", "COLUSA", "CONTRA COSTA", "DEL NORTE", "EL DORADO", "FRESNO",
    "GLENN", "HUMBOLDT", "IMPERIAL", "INYO", "KERN", "KINGS", "LAKE", "LASSEN", "LOS ANGELES", "MADERA", "MARIN",
    "MARIPOSA", "MENDOCINO", "MERCED", "MODOC", "MONO", "MONTEREY", "NAPA", "NEVADA", "ORANGE", "PLACER", "PLUMAS",
    "RIVERSIDE", "SACRAMENTO", "SAN BENITO", "SAN BERNARDINO", "SAN DIEGO", "SAN FRANCISCO", "SAN JOAQUIN",
    "SAN LUIS OBISPO", "SAN MATEO", "SANTA BARBARA", "SANTA CLARA", "SANTA CRUZ", "SHASTA", "SIERRA", "SISKIYOU",
    "SOLANO", "SONOMA", "STANISLAUS", "SUTTER", "TEHAMA", "TRINITY", "TULARE", "TUOLUMNE", "VENTURA", "YOLO", "YUBA",
)
COUNTY_NUMBER = {county: f"{number:02d}" for number, county in enumerate(CALIFORNIA_COUNTIES, start=1)}
SCREENED_COUNTY = "SAN JOAQUIN"
NEIGHBOURS = ("SACRAMENTO", "STANISLAUS", "ALAMEDA", "CALAVERAS")

# (OFFENSE_CODE, OFFENSE_DESCR, type of charge) as DOJ extracts spell them.
MARIJUANA = (
    ("32024", "11357(B)HS-POSSESS MARIJUANA", "M"),
    ("32023", "11357(A) HS-POSSESS CONCENTRATED CANNABIS", "M"),
    ("32025", "11357(C)HS-POSSESS MARIJUANA ON SCHOOL GROUNDS", "M"),
    ("32030", "11358 HS-CULTIVATE MARIJUANA", "F"),
    ("32035", "11359 HS-POSSESS MARIJUANA FOR SALE", "F"),
    ("32040", "11360(A) HS-TRANSPORT/SELL MARIJUANA", "F"),
)
OTHER = (
    ("29011", "11350(A) HS-POSSESS NARCOTIC CONTROLLED SUBSTANCE", "F"),
    ("29052", "11377(A) HS-POSSESS CONTROLLED SUBSTANCE", "M"),
    ("29068", "11364 HS-POSSESS NARCOTIC PARAPHERNALIA", "M"),
    ("05042", "459 PC-BURGLARY", "F"),
    ("07010", "484(A) PC-PETTY THEFT", "M"),
    ("54010", "23152(A) VC-DUI ALCOHOL/DRUGS", "M"),
    ("54090", "23152(B) VC-DUI .08 ALCOHOL", "M"),
    ("54210", "14601.1(A) VC-DRIVE W/SUSPENDED LICENSE", "M"),
    ("48010", "148(A)(1) PC-OBSTRUCT/RESIST PUBLIC OFFICER", "M"),
    ("13010", "242 PC-BATTERY", "M"),
    ("13045", "273.5(A) PC-INFLICT CORPORAL INJ SPOUSE/COHAB", "F"),
    ("13020", "245(A)(1) PC-ASSAULT WITH DEADLY WEAPON", "F"),
    ("24010", "10851(A) VC-TAKE VEHICLE W/O OWNER CONSENT", "F"),
    ("07030", "666 PC-PETTY THEFT W/PRIOR", "F"),
    ("12010", "211 PC-ROBBERY", "F"),
    ("", "SEE COMMENT FOR CHARGE", "M"),
)
SEX_OFFENCE = ("36010", "288(A) PC-LEWD OR LASCIVIOUS ACTS WITH CHILD", "F")
SENTENCES = (("PROBATION", "M", "MONTHS", (12, 24, 36)), ("JAIL", "D", "DAYS", (10, 30, 90, 180)),
             ("PRISON", "Y", "YEARS", (1, 2, 3, 5)), ("FINE", "", "", ("",)))
DISMISSALS = ("DISMISSED/FURTHERANCE OF JUSTICE", "DISMISSED", "ACQUITTED", "PROS REL-INSUFFICIENT EVID")
LAST = ("GARCIA", "SMITH", "NGUYEN", "JOHNSON", "LOPEZ", "WILLIAMS", "HERNANDEZ", "BROWN", "MARTINEZ", "LEE", "DAVIS",
        "RODRIGUEZ", "WILSON", "KIM", "ANDERSON", "PATEL", "THOMAS", "GONZALEZ", "MOORE", "JACKSON", "O'BRIEN")
FIRST = ("MARIA", "JAMES", "JOSE", "MICHAEL", "LINDA", "DAVID", "ANA", "ROBERT", "JENNIFER", "LUIS", "MARY", "JOHN",
         "PATRICIA", "CARLOS", "SUSAN", "DANIEL", "KAREN", "MIGUEL", "LISA", "ANTHONY")
RACES = (("W", "WHITE"), ("H", "HISPANIC"), ("B", "BLACK"), ("A", "OTHER ASIAN"), ("F", "FILIPINO"))
EYES = (("BRO", "BROWN"), ("BLU", "BLUE"), ("HAZ", "HAZEL"), ("GRN", "GREEN"))
HAIR = (("BLK", "BLACK"), ("BRO", "BROWN"), ("BLN", "BLOND"), ("GRY", "GRAY"))
PAD = " " * 14  # the fixed-width blanks real extracts carry in some fields


@dataclass(frozen=True)
class Shape:
    """What a file looks like; the defaults are a county's everyday extract."""

    rows_per_person: str = "mixed"  # "few" (one arrest, one court event), "mixed", "many" (long records)
    marijuana: str = "usual"  # share of counts that are HS 11357-11360: "small" 3%, "usual" 15%, "large" 45%
    crlf: bool = False
    header: bool = False
    counties: str = "one"  # "one": the screened county and its neighbours; "many": all 58

    @property
    def slug(self) -> str:
        """For file names."""
        ending, header = "crlf" if self.crlf else "lf", "header" if self.header else "noheader"
        return f"{self.rows_per_person}-{self.marijuana}-{ending}-{header}-{self.counties}"

    @property
    def label(self) -> str:
        parts = [f"{self.rows_per_person} rows/person", f"{self.marijuana} marijuana share",
                 "CRLF" if self.crlf else "LF", "header" if self.header else "no header", "one county" if self.counties == "one" else "all 58 counties"]
        return ", ".join(parts)


MARIJUANA_SHARE = {"small": 0.03, "usual": 0.15, "large": 0.45}
CYCLES = {"few": (1,), "mixed": (1, 1, 1, 2, 2, 3, 4, 6), "many": (8, 10, 12, 14)}
COUNTS = {"few": (1,), "mixed": (1, 1, 1, 2, 3), "many": (2, 3, 4)}


def _day(value: date) -> str:
    return value.isoformat().replace("-", "")  # YYYYMMDD (strftime is four times slower)


class _People:
    def __init__(self, shape: Shape, seed: int) -> None:
        self.shape = shape
        self.rng = random.Random(seed)
        self.subject = 30_000_000
        self.record = 0
        self.share = MARIJUANA_SHARE[shape.marijuana]

    def _county(self) -> str:
        rng = self.rng
        if self.shape.counties == "many":
            return rng.choice(CALIFORNIA_COUNTIES)
        return SCREENED_COUNTY if rng.random() < 0.85 else rng.choice(NEIGHBOURS)

    def _offence(self) -> tuple[str, str, str]:
        rng = self.rng
        draw = rng.random()
        if draw < self.share:
            return rng.choice(MARIJUANA)
        return SEX_OFFENCE if draw > 0.997 else rng.choice(OTHER)

    def person(self) -> list[list[str]]:
        rng = self.rng
        self.subject += rng.randint(1, 7)
        born = date(1945, 1, 1) + timedelta(days=rng.randint(0, 58 * 365))
        race, eyes, hair = rng.choice(RACES), rng.choice(EYES), rng.choice(HAIR)
        person = [""] * len(COLUMNS)
        person[AT["SUBJECT_STATUS"]] = "ACTIVE"
        person[AT["SUBJECT_ID"]] = str(self.subject)
        person[AT["CII_NUMBER"]] = f"A{self.subject * 7 % 10**9:09d}"
        person[AT["PRI_NAME"]] = f"{rng.choice(LAST)},{rng.choice(FIRST)} {chr(65 + rng.randrange(26))}"
        person[AT["GENDER"]] = rng.choice("MF")
        person[AT["PRI_DOB"]] = _day(born)
        person[AT["FBI_NUMBER"]] = f"{rng.randrange(10**8):08d}X{rng.randrange(10)}"
        person[AT["RACE_CODE"]], person[AT["RACE_DESCR"]] = race
        person[AT["EYE_COLOR_CODE"]], person[AT["EYE_COLOR_DESCR"]] = eyes
        person[AT["HAIR_COLOR_CODE"]], person[AT["HAIR_COLOR_DESCR"]] = hair
        person[AT["HEIGHT"]], person[AT["WEIGHT"]] = str(rng.randint(500, 607)), str(rng.randint(110, 280))
        person[AT["POB_CODE"]], person[AT["POB_NAME"]], person[AT["POB_TYPE"]] = "CA", "CALIFORNIA", "S"
        person[AT["CII_TYPE"]], person[AT["CII_TYPE_ALPHA"]] = "1", "A"
        rows: list[list[str]] = []
        when = born + timedelta(days=rng.randint(18 * 365, 35 * 365))
        registered = False
        for cycle in range(1, rng.choice(CYCLES[self.shape.rows_per_person]) + 1):
            if when > date(2025, 10, 1):
                break
            county = self._county()
            offences = [self._offence() for _ in range(rng.choice(COUNTS[self.shape.rows_per_person]))]
            age = str((when - born).days // 365)
            for position, offence in enumerate(offences, start=1):
                rows.append(self._row(person, cycle, 1, position, when, county, offence, age, "ARREST/DETAINED/CITED"))
            court = when + timedelta(days=rng.randint(20, 240))
            docket = f"{county[:3].strip()}{court.year % 100:02d}CR{rng.randint(1000, 999999):06d}"
            for position, offence in enumerate(offences, start=1):
                row = self._row(person, cycle, 2, position, court, county, offence, age, "COURT ACTION")
                row[AT["DISP_DATE"]] = _day(court)
                row[AT["OFN"]] = docket
                row[AT["FE_NUM_CRT_CASE"]] = docket
                if rng.random() < 0.7:
                    location, unit, unit_text, lengths = rng.choice(SENTENCES)
                    level = offence[2] if rng.random() < 0.85 else ("M" if offence[2] == "F" else offence[2])
                    row[AT["DISP_DESCR"]] = f"CONVICTED-{location}"
                    row[AT["CONV_STAT_CODE"]] = level
                    row[AT["CONV_STAT_DESCR"]] = {"F": "FELONY", "M": "MISDEMEANOR", "I": "INFRACTION"}[level]
                    row[AT["SENT_ORDER"]] = "001"
                    row[AT["SENT_LOC_DESCR"]] = location
                    row[AT["SENT_LENGTH"]] = str(rng.choice(lengths))
                    row[AT["SENT_TIME_CODE"]], row[AT["SENT_TIME_DESCR"]] = unit, unit_text
                    if location == "JAIL" and rng.random() < 0.4:  # a second sentence part of the same count
                        rows.append(row)
                        row = list(row)
                        row[AT["SENT_ORDER"]] = "002"
                        row[AT["SENT_LOC_DESCR"]] = "PROBATION"
                        row[AT["SENT_LENGTH"]], row[AT["SENT_TIME_CODE"]], row[AT["SENT_TIME_DESCR"]] = "36", "M", "MONTHS"
                    if offence is SEX_OFFENCE:
                        registered = True
                else:
                    row[AT["DISP_DESCR"]] = rng.choice(DISMISSALS)
                rows.append(row)
            if rng.random() < 0.01 and not registered:
                registered = True
                rows.append(self._row(person, cycle, 3, 1, court, county, ("", "290 PC-REGISTRATION OF SEX OFFENDER", ""),
                                      age, "REGISTRATION"))
            when = court + timedelta(days=rng.randint(90, 7 * 365))
        if rng.random() < 0.02:
            rows.append(self._row(person, 99, 1, 1, when, self._county(), ("", "", ""), "", "DECEASED"))
        return rows

    def _row(self, person: list[str], cycle: int, step: int, count: int, when: date, county: str,
             offence: tuple[str, str, str], age: str, event: str) -> list[str]:
        self.record += 1
        row = list(person)
        code, description, toc = offence
        row[AT["RECORD_ID"]] = str(self.record)
        row[AT["CYC_ORDER"]] = f"{cycle:03d}"
        row[AT["CYC_DATE"]] = _day(when)
        row[AT["STP_ORDER"]] = f"{step:03d}"
        row[AT["STP_EVENT_DATE"]] = _day(when)
        row[AT["STP_TYPE_CODE"]], row[AT["STP_TYPE_DESCR"]] = event[:1], event
        row[AT["STP_ORI_TYPE"]] = "C" if event == "COURT ACTION" else "L"
        row[AT["STP_ORI_TYPE_DESCR"]] = "COURT" if event == "COURT ACTION" else "LAW ENFORCEMENT"
        row[AT["STP_ORI_CODE"]] = f"CA0{COUNTY_NUMBER[county]}0000"
        row[AT["STP_ORI_DESCR"]] = f"{'SUPERIOR COURT' if event == 'COURT ACTION' else 'SO'} {county}"
        row[AT["STP_ORI_CNTY_CODE"]] = COUNTY_NUMBER[county]
        row[AT["STP_ORI_CNTY_NAME"]] = county
        row[AT["CNT_ORDER"]] = f"{cycle:03d}{step:03d}{count:03d}000"
        row[AT["OFFENSE_CODE"]], row[AT["OFFENSE_DESCR"]], row[AT["OFFENSE_TOC"]] = code, description, toc
        row[AT["OFFENSE_QUAL_LST"]] = PAD
        if description == "SEE COMMENT FOR CHARGE":
            row[AT["COMMENT_TEXT"]] = "11377 HS"
        row[AT["CYC_AGE"]] = age
        return row


def write_doj_file(path: Path, rows: int, shape: Shape = Shape(), seed: int = 14) -> Path:
    """Exactly ``rows`` data rows (the last person may be cut short, as a truncated extract is)."""
    people = _People(shape, seed)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\r\n" if shape.crlf else "\n")
        if shape.header:
            writer.writerow(COLUMNS)
        written = 0
        while written < rows:
            batch = people.person()[: rows - written]
            writer.writerows(batch)
            written += len(batch)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--rows", type=int, default=400_000)
    parser.add_argument("--rows-per-person", choices=sorted(CYCLES), default="mixed")
    parser.add_argument("--marijuana", choices=sorted(MARIJUANA_SHARE), default="usual")
    parser.add_argument("--crlf", action="store_true")
    parser.add_argument("--header", action="store_true")
    parser.add_argument("--counties", choices=("one", "many"), default="one")
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args()
    shape = Shape(args.rows_per_person, args.marijuana, args.crlf, args.header, args.counties)
    write_doj_file(args.out, args.rows, shape, args.seed)


if __name__ == "__main__":
    main()
