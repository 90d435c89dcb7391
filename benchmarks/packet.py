"""Benchmark: a four-form packet through build_packet vs a plain WeasyPrint render of the same HTML.

Three timings in one run, interleaved: stock WeasyPrint on the same HTML documents (stylesheet parsed per
document), stock WeasyPrint sharing one stylesheet and font configuration (what build_packet does, so the
ratio to it is the service's own overhead: planning, Jinja, the fenced URL fetcher, the worker thread), and
build_packet end to end. Goal (issue 5): build_packet at most 1.5x the plain render, and under one second.
Run: .venv/bin/python benchmarks/packet.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from io import BytesIO
from collections.abc import Callable
from datetime import date
from typing import Any
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pypdf import PdfReader  # noqa: E402
from weasyprint import CSS, HTML  # noqa: E402
from weasyprint.text.fonts import FontConfiguration  # noqa: E402

from app.eligibility import ConvictionFacts, ConvictionResult, Determination, Offense, Reason, Screening  # noqa: E402
from app.packets import Applicant, PacketChoices, build_packet  # noqa: E402
from app.packets.planning import plan_packet  # noqa: E402
from app.packets.rendering import FORMS_DIR  # noqa: E402
from app.packets.service import packet_html  # noqa: E402

TODAY = date(2026, 11, 29)
APPLICANT = Applicant(name="Maria Example", address="1 Main St", city="Oakland", zip="94612", phone="510-555-0100")
CHOICES = PacketChoices(personal_statement="I have worked as a nurse since 2015 and care for my mother.\n" * 6)


def four_form_case() -> tuple[list[ConvictionFacts], Screening]:
    """One Alameda case asking 1203.4 dismissal in the interests of justice: CR-180, MC-031, CR-181, proof of service."""
    facts = [
        ConvictionFacts(id=f"c{n}", offense_text=f"PC {section}", county="Alameda", case_number="12-CR-3456",
                        level="felony", conviction_date=date(2012, 5, 1), sentence="probation")
        for n, section in enumerate(("459.5", "484", "496"), 1)
    ]
    dismissal = Determination("pc1203_4", "eligible", "dismiss", "PC 1203.4", "CR-180", (Reason("r", "r"),), (),
                              "interests_of_justice")
    results = tuple(
        ConvictionResult(f.id, Offense("PC", f.offense_text.split()[1], None, "label", "etiqueta"), (dismissal,))
        for f in facts
    )
    return facts, Screening("bench", TODAY, results, ())


def interleaved(actions: dict[str, Callable[[], bytes]], runs: int) -> dict[str, list[float]]:
    """Alternate the actions so a busy shared machine slows all alike; one warm-up each (imports, templates, font reads)."""
    for action in actions.values():
        action()
    times: dict[str, list[float]] = {label: [] for label in actions}
    for _ in range(runs):
        for label, action in actions.items():
            start = time.perf_counter()
            action()
            times[label].append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs

    facts, screening = four_form_case()
    (case_set,) = plan_packet(facts, screening, today=TODAY)
    html_documents = packet_html([case_set], APPLICANT, language="en", attorney=None, choices=CHOICES, office=None, today=TODAY)
    base_url = FORMS_DIR.as_uri() + "/"

    stylesheet = FORMS_DIR / "print.css"

    def join(documents: list[Any]) -> bytes:
        pdf: bytes = documents[0].copy([page for document in documents for page in document.pages]).write_pdf()
        return pdf

    def plain() -> bytes:
        """Stock WeasyPrint: default URL fetcher, the stylesheet parsed for each document."""
        return join([HTML(string=html, base_url=base_url).render(stylesheets=[CSS(filename=stylesheet)]) for html in html_documents])

    def plain_shared() -> bytes:
        """Stock WeasyPrint given what build_packet shares: one parsed stylesheet and font configuration per packet."""
        fonts = FontConfiguration()
        css = CSS(filename=stylesheet, font_config=fonts)
        return join([HTML(string=html, base_url=base_url).render(stylesheets=[css], font_config=fonts) for html in html_documents])

    def ours() -> bytes:
        return build_packet(APPLICANT, facts, screening, choices=CHOICES, today=TODAY)

    labels = {"plain WeasyPrint render": plain, "plain, shared stylesheet": plain_shared, "build_packet end to end": ours}
    times = interleaved(labels, runs)
    our_pdf = ours()
    print(f"forms: {', '.join(case_set.form_numbers)} (+ cover sheet), {len(PdfReader(BytesIO(our_pdf)).pages)} pages, {len(our_pdf)} bytes")
    for label, samples in times.items():
        print(f"{label:<26}: median {statistics.median(samples) * 1000:6.0f} ms, best {min(samples) * 1000:6.0f} ms"
              f"  (runs: {', '.join(f'{t * 1000:.0f}' for t in samples)})")
    ours_median = statistics.median(times["build_packet end to end"])
    for label in ("plain WeasyPrint render", "plain, shared stylesheet"):
        print(f"build_packet / {label}: {ours_median / statistics.median(times[label]):.2f}x (goal <= 1.5x)")
    print(f"build_packet under one second (median): {'met' if ours_median < 1.0 else 'NOT met'}")


if __name__ == "__main__":
    main()
