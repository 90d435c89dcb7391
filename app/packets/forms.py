"""The forms a packet can hold: number, revision line, titles and authority, as printed in each footer."""

from __future__ import annotations

from dataclasses import dataclass

OPTIONAL_USE = "Form Approved for Optional Use"


@dataclass(frozen=True, slots=True)
class FormMeta:
    key: str
    template: str
    number: str
    revision: str
    footer_title: str
    authority: tuple[str, ...] = ()
    approval: str = OPTIONAL_USE
    footer_subtitle: str = ""


FORMS: dict[str, FormMeta] = {
    meta.key: meta
    for meta in (
        FormMeta(
            "CR-400", "cr400.html", "CR-400", "New July 1, 2017",
            "PETITION/APPLICATION",
            ("Health and Safety Code, § 11361.8",), footer_subtitle="(Health and Safety Code, § 11361.8) ADULT CRIME(S)",
        ),
        FormMeta(
            "CR-401", "cr401.html", "CR-401", "New July 1, 2017",
            "PROOF OF SERVICE FOR PETITION/APPLICATION",
            ("Health and Safety Code, § 11361.8",), footer_subtitle="(Health and Safety Code, § 11361.8) ADULT CRIME(S)",
        ),
        FormMeta(
            "PROP-47", "prop47.html", "", "",
            "PETITION/APPLICATION (Pen. Code, § 1170.18)",
            approval="",
        ),
        FormMeta(
            "CR-180", "cr180.html", "CR-180", "Rev. January 1, 2024", "PETITION FOR DISMISSAL",
            ("Penal Code, §§ 17(b), 17(d)(2), 1203.4, 1203.4a,", "1203.41, 1203.42, 1203.43, and 1203.49"),
        ),
        FormMeta(
            "MC-025", "mc025.html", "MC-025", "Rev. July 1, 2009", "ATTACHMENT",
            footer_subtitle="to Judicial Council Form",
        ),
        FormMeta("MC-031", "mc031.html", "MC-031", "Rev. July 1, 2005", "ATTACHED DECLARATION"),
        FormMeta(
            "CR-181", "cr181.html", "CR-181", "Rev. January 1, 2024", "ORDER FOR DISMISSAL",
            ("Penal Code, §§ 17(b), 17(d)(2), 1203.4,", "1203.4a, 1203.41, 1203.42, 1203.43, and 1203.49"),
        ),
        FormMeta(
            "CR-409", "cr409.html", "CR-409", "Rev. January 1, 2024", "PETITION TO SEAL ARREST AND RELATED RECORDS",
            ("Penal Code, § 851.91",), footer_subtitle="(Penal Code, § 851.91)",
        ),
        # CR-410 2019 text reads "New January 1, 2019, Optional Form" (law.md s.4; legalease contact sheet of the PDF).
        FormMeta(
            "CR-410", "cr410.html", "CR-410", "New January 1, 2019", "ORDER TO SEAL ARREST AND RELATED RECORDS",
            ("Penal Code, §§ 851.91, 851.92",), footer_subtitle="(Pen. Code, §§ 851.91, 851.92)",
        ),
        # JV-595: number and title verified (Judicial Council forms list; JV-595-INFO; selfhelp.courts.ca.gov), adopted
        # July 1, 2016 (invitation to comment W16-07); its current edition and items were not seen, so no revision is
        # printed and no approval line is claimed.
        FormMeta(
            "JV-595", "jv595.html", "JV-595", "edition not confirmed", "REQUEST TO SEAL JUVENILE RECORDS",
            ("Welfare and Institutions Code, § 781",), approval="", footer_subtitle="(Welf. & Inst. Code, § 781)",
        ),
        FormMeta(
            "POS", "proof_of_service.html", "", "", "PROOF OF SERVICE FOR PETITION/APPLICATION", approval="",
        ),
    )
}
