"""How many convictions per second ``screen()`` handles on one core, with a DOJ-like mix.

Run: ``.venv/bin/python benchmarks/screen.py [convictions]``. Prints figures; no pass/fail.
Every audience but the bulk tool calls ``screen()`` once per person with their whole record (the bulk
tool asks ``screen_one_remedy(..., "prop64")``; benchmarks/bulk.py times it), so the mix below is
people with 1-8 convictions, complete person facts (a full DOJ record settles them), common
offenses in realistic proportions, and a few unreadable offense texts.
"""

from __future__ import annotations

import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.eligibility import ConvictionFacts, Person, screen  # noqa: E402

TODAY = date(2026, 11, 29)
# (offense text as a record writes it, weight)
OFFENSE_MIX: tuple[tuple[str, int], ...] = (
    ("11357 HS-POSSESS MARIJUANA", 14), ("11358 HS-CULTIVATE MARIJUANA", 5), ("11359 HS-POSSESS MARIJUANA FOR SALE", 8),
    ("11360(A) HS-TRANSPORT/SELL MARIJUANA", 5), ("HS 11350(a)", 8), ("HS 11377(a)", 8), ("HS 11364", 4),
    ("PC 459", 5), ("PC 484(a)", 6), ("PC 487(a)", 4), ("PC 496(a)", 4), ("PC 666", 2), ("PC 242", 4),
    ("PC 243(e)(1)", 3), ("PC 245(a)(1)", 2), ("PC 273.5(a)", 2), ("VC 23152(a)", 10), ("VC 14601.1(a)", 4),
    ("VC 12500(a)", 3), ("PC 647(f)", 3), ("PC 647(b)", 1), ("PC 415", 2), ("PC 32", 1), ("PC 211", 1),
    ("PC 288(a)", 1), ("PC 187", 1), ("SEE COMMENT FOR CHARGE", 2),
)
LEVELS = ("felony", "misdemeanor", "misdemeanor", "infraction")
SENTENCES = ("probation", "probation", "county_jail", "state_prison", "fine_only")


def make_people(convictions_wanted: int, seed: int = 7) -> list[tuple[Person, list[ConvictionFacts]]]:
    rng = random.Random(seed)
    texts = [text for text, weight in OFFENSE_MIX for _ in range(weight)]
    people: list[tuple[Person, list[ConvictionFacts]]] = []
    made = 0
    while made < convictions_wanted:
        person = Person(
            date_of_birth=date(1950, 1, 1) + timedelta(days=rng.randrange(20000)),
            registered_sex_offender=rng.random() < 0.02,
            superstrike_prior=False,
            on_probation_or_parole=rng.random() < 0.05,
            in_custody=False,
            pending_charges=False,
        )
        count = min(rng.randint(1, 8), convictions_wanted - made)
        convictions = []
        for index in range(count):
            convicted = date(1975, 1, 1) + timedelta(days=rng.randrange(18000))
            sentence = rng.choice(SENTENCES)
            convictions.append(
                ConvictionFacts(
                    id=f"{len(people)}-{index}",
                    offense_text=rng.choice(texts),
                    county="ALAMEDA",
                    case_number=f"C{rng.randrange(count)}" if rng.random() < 0.8 else None,
                    level=rng.choice(LEVELS),
                    conviction_date=convicted,
                    sentence=sentence if rng.random() < 0.9 else None,
                    probation_completed=True if sentence == "probation" else None,
                    probation_violated=rng.random() < 0.2 if sentence == "probation" else None,
                    sentence_completed=rng.random() < 0.95,
                    sentence_completed_date=convicted + timedelta(days=rng.randrange(30, 2000)),
                    value_over_950=None,
                )
            )
        people.append((person, convictions))
        made += count
    return people


def main() -> None:
    wanted = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    people = make_people(wanted)
    screen(*people[0], TODAY)  # warm the parser cache as a long bulk run would be
    started = time.perf_counter()
    determinations = 0
    for person, convictions in people:
        result = screen(person, convictions, TODAY)
        determinations += sum(len(c.determinations) for c in result.convictions)
    elapsed = time.perf_counter() - started
    print(f"people screened:       {len(people):>10,}")
    print(f"convictions screened:  {wanted:>10,}")
    print(f"determinations:        {determinations:>10,}")
    print(f"seconds:               {elapsed:>10.2f}")
    print(f"convictions/second:    {wanted / elapsed:>10,.0f}")


if __name__ == "__main__":
    main()
