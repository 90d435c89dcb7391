"""Known answers for every default rule: one person's record through the engine and the default policy."""
from __future__ import annotations

from datetime import date

from app.bulk.policy import BulkOptions
from app.bulk.screening import SubjectResult, describe_offense, relief_impact, screen_subject
from app.doj.reader import DojRow
from app.doj.records import build_subject
from app.doj.synthetic import REGISTRATION, conviction_row, doj_row

AS_OF = date(2026, 11, 29)
COUNTY = "San Joaquin"


def _screen(*rows: list[str], options: BulkOptions | None = None) -> SubjectResult:
    subject = build_subject([DojRow("doj.csv", line, fields) for line, fields in enumerate(rows, start=1)])
    return screen_subject(subject, COUNTY, options or BulkOptions(), AS_OF)


def _outcomes(result: SubjectResult) -> list[tuple[str, str | None]]:
    return [(r.citation, r.decision.outcome if r.decision else None) for r in result.counts]


def _count(order: int, offense: str, level: str = "F", when: str = "20100101", **kwargs: object) -> list[str]:
    """A conviction in its own court event (CNT_ORDER prefix) unless ``count_order`` says otherwise."""
    kwargs.setdefault("count_order", f"{order:03d}002001000")
    return conviction_row("1", offense, level, event_date=when, **kwargs)


def test_misdemeanor_marijuana_conviction_is_dismissed() -> None:
    assert _outcomes(_screen(_count(1, "11357(B) HS-POSSESS", "M"))) == [("HS 11357(b)", "dismissal")]


def test_infraction_marijuana_conviction_is_dismissed() -> None:
    assert _outcomes(_screen(_count(1, "11357(B) HS-POSSESS", "I"))) == [("HS 11357(b)", "dismissal")]


def test_felony_marijuana_conviction_is_reduced() -> None:
    assert _outcomes(_screen(_count(1, "11359 HS-POSSESS FOR SALE"))) == [("HS 11359", "reduction")]


def test_conviction_after_november_9_2016_with_the_arrest_after_it_needs_review() -> None:
    """HS 11361.8 looks at the time of the offense; the record gives only the arrest and conviction dates."""
    result = _screen(_count(1, "11357(B) HS", "M", when="20161110", cycle_date="20161001"))
    assert _outcomes(result) == [("HS 11357(b)", "dismissal")]
    result = _screen(_count(1, "11357(B) HS", "M", when="20170110", cycle_date="20161201"))
    assert _outcomes(result) == [("HS 11357(b)", "needs_review")]
    assert result.counts[0].after_prop64 is True


def test_conviction_after_november_9_2016_for_an_offense_before_it_is_covered() -> None:
    result = _screen(_count(1, "11357(B) HS", "M", when="20170110", cycle_date="20160801"))
    assert _outcomes(result) == [("HS 11357(b)", "dismissal")]


def test_conviction_on_november_9_2016_is_still_covered() -> None:
    assert _outcomes(_screen(_count(1, "11357(B) HS", "M", when="20161109"))) == [("HS 11357(b)", "dismissal")]


def test_adult_possession_of_more_than_an_ounce_is_the_same_misdemeanor_today() -> None:
    """HS 11361.8(e): no relief where today's HS 11357(b)(2) punishes the same conduct the same way."""
    assert _outcomes(_screen(_count(1, "11357(C) HS", "M"))) == [("HS 11357(c)", "not_eligible")]


def test_possession_of_an_unknown_amount_needs_review() -> None:
    assert _outcomes(_screen(_count(1, "11357 HS", "M"))) == [("HS 11357", "needs_review")]


def test_prior_super_strike_keeps_a_cultivation_felony() -> None:
    result = _screen(_count(1, "187 PC-MURDER", when="19950101"), _count(2, "11358 HS-CULTIVATE"))
    assert _outcomes(result) == [("PC 187", None), ("HS 11358", "not_eligible")]
    assert result.counts[1].prior_superstrikes == ("PC 187",)


def test_prior_super_strike_does_not_block_a_possession_felony() -> None:
    result = _screen(_count(1, "187 PC-MURDER", when="19950101"), _count(2, "11357(A) HS"))
    assert _outcomes(result)[1] == ("HS 11357(a)", "reduction")


def test_super_strike_in_the_same_case_is_not_a_prior() -> None:
    same_case = [_count(1, "220 PC-MAYHEM", count_order="001002001000"), _count(1, "11359 HS", count_order="001002002000")]
    assert _outcomes(_screen(*same_case))[1] == ("HS 11359", "reduction")


def test_super_strike_after_the_marijuana_count_is_not_a_prior() -> None:
    result = _screen(_count(1, "11360(A) HS"), _count(2, "187 PC", when="20200101"))
    assert _outcomes(result)[0] == ("HS 11360(a)", "reduction")


def test_prior_pc290_offense_keeps_a_transport_felony() -> None:
    result = _screen(_count(1, "288(A) PC-LEWD ACT", when="19990101"), _count(2, "11360(A) HS"))
    assert _outcomes(result)[1] == ("HS 11360(a)", "not_eligible")
    assert result.pc290_sections == ("PC 288(a)",)


def test_two_prior_convictions_of_the_same_section_keep_the_third_felony() -> None:
    result = _screen(
        _count(1, "11359 HS", when="19990101"), _count(2, "11359 HS", when="20030101"), _count(3, "11359 HS", when="20080101")
    )
    assert _outcomes(result) == [("HS 11359", "reduction"), ("HS 11359", "reduction"), ("HS 11359", "not_eligible")]


def test_priors_from_another_county_count() -> None:
    result = _screen(
        _count(1, "11358 HS", when="19990101", county="YOLO"),
        _count(2, "11358 HS", when="20030101", county="YOLO"),
        _count(3, "11358 HS", when="20080101"),
    )
    assert _outcomes(result) == [("HS 11358", None), ("HS 11358", None), ("HS 11358", "not_eligible")]


def test_marijuana_conviction_in_another_county_gets_no_determination() -> None:
    result = _screen(_count(1, "11357 HS", "M", county="YOLO"))
    assert _outcomes(result) == [("HS 11357", None)] and not result.counts[0].in_county


def test_plea_bargain_signal_in_the_same_case_needs_review() -> None:
    result = _screen(_count(1, "11359 HS", count_order="001002001000"), _count(1, "11364 HS-PARAPHERNALIA", "M", count_order="001002002000"))
    assert _outcomes(result) == [("HS 11359", "reduction"), ("HS 11364", "needs_review")]


def test_unknown_conviction_date_needs_review() -> None:
    assert _outcomes(_screen(_count(1, "11357 HS", "M", when="")))[0][1] == "needs_review"


def test_unknown_level_needs_review() -> None:
    assert _outcomes(_screen(_count(1, "11359 HS", conviction_status="", offense_toc="")))[0][1] == "needs_review"


def test_registration_without_a_known_date_sends_an_aggravated_felony_to_review() -> None:
    registration = doj_row("1", REGISTRATION, "290 PC-REGISTRATION OF SEX OFFENDER", count_order="009001001000")
    assert _outcomes(_screen(registration, _count(1, "11358 HS")))[0][1] == "needs_review"


def test_felony_reduction_leaves_a_person_with_no_felony() -> None:
    impact = relief_impact(_screen(_count(1, "11359 HS"), _count(2, "23152(A) VC-DUI", "M")), AS_OF)
    assert impact.no_felony and not impact.no_conviction


def test_dismissing_the_only_conviction_leaves_no_conviction_at_all() -> None:
    impact = relief_impact(_screen(_count(1, "11357(B) HS", "M", when="20150101")), AS_OF)
    assert impact.no_conviction and not impact.no_felony


def test_dismissing_the_only_recent_conviction_leaves_none_in_seven_years() -> None:
    result = _screen(_count(1, "11357(B) HS", "M", when="20160101"), _count(2, "459 PC", when="19900101"))
    impact = relief_impact(result, date(2022, 1, 1))
    assert impact.no_recent_conviction and not impact.no_conviction


def test_person_granted_no_relief_is_left_as_they_were() -> None:
    impact = relief_impact(_screen(_count(1, "459 PC-BURGLARY", when="20250101")), AS_OF)
    assert (impact.no_felony, impact.no_recent_conviction, impact.no_conviction) == (False, False, False)


def test_relief_for_a_person_whose_rows_are_split_across_the_file_goes_to_review() -> None:
    subject = build_subject([DojRow("doj.csv", 1, _count(1, "11357(B) HS", "M"))])
    subject.rows_not_contiguous = True
    [count] = screen_subject(subject, COUNTY, BulkOptions(), AS_OF).counts
    assert count.decision is not None and count.decision.outcome == "needs_review"
    assert count.decision.reason.startswith("This person's rows are split across the file")


def test_offense_description_follows_the_engine_lists_and_the_da_tool_sections() -> None:
    """The engine's reading of a text decides each flag; 11362.1 (Prop 64, but not one of the DA tool's four
    sections) and a gang-enhanceable super strike (a prior only with PC 186.22(b)(4)) are not reported."""
    cases = {
        "11358(C) HS-CULTIVATE MARIJUANA": ("HS 11358(c)", "11358", False, False),
        "HS 11362.1": ("HS 11362.1", None, False, False),
        "PC 11357": ("PC 11357", None, False, False),
        "187 PC-MURDER": ("PC 187", None, True, False),
        "PC 215": ("PC 215", None, False, False),
        "288(A) PC-LEWD": ("PC 288(a)", None, True, True),
        "SEE COMMENT FOR CHARGE": ("SEE COMMENT FOR CHARGE", None, False, False),
    }
    for text, (citation, section, superstrike, pc290) in cases.items():
        info = describe_offense(text)
        assert (info.citation, info.prop64_section, info.superstrike, info.pc290) == (citation, section, superstrike, pc290), text
        assert (info.offense is None) == (text == "SEE COMMENT FOR CHARGE")
