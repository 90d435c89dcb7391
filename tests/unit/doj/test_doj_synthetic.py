"""The synthetic generator: deterministic, well-formed, and covering the cases the rules care about."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

from app.doj import columns as col
from app.doj.reader import DojReader, RejectedRow
from app.doj.synthetic import synthetic_rows, write_synthetic_file


def test_same_seed_gives_the_same_file(tmp_path: Path) -> None:
    first = write_synthetic_file(tmp_path / "a.csv", 2000, seed=11)
    second = write_synthetic_file(tmp_path / "b.csv", 2000, seed=11)
    assert first.read_bytes() == second.read_bytes()


def test_different_seeds_give_different_files() -> None:
    assert list(synthetic_rows(500, seed=1)) != list(synthetic_rows(500, seed=2))


def test_exactly_the_requested_number_of_rows_all_well_formed(tmp_path: Path) -> None:
    path = write_synthetic_file(tmp_path / "doj.csv", 3000, seed=5, header=True)
    items = list(DojReader([path]))
    assert len(items) == 3000 and not any(isinstance(item, RejectedRow) for item in items)


def test_rows_cover_marijuana_counts_super_strikes_registration_deceased_and_plea_signals() -> None:
    rows = list(synthetic_rows(20_000, seed=2026))
    offenses = Counter(row[col.OFFENSE_DESCR].split(" ")[0] for row in rows if row[col.DISP_DESCR].startswith("CONVICTED"))
    events = Counter(row[col.STP_TYPE_DESCR] for row in rows)
    assert all(offenses[section] for section in ("11357(A)", "11357(B)HS-POSSESS", "11358", "11359", "11360(A)", "187", "288(A)", "11364"))
    assert events["REGISTRATION"] and events["DECEASED"] and events["ARREST/DETAINED/CITED"]
    assert {row[col.STP_ORI_CNTY_NAME] for row in rows} > {"SAN JOAQUIN"}  # some counts from other counties
