"""Reading a rendered packet back as a person's PDF reader would: pdftotext, with the layout kept and spaces collapsed."""
from __future__ import annotations

import shutil
import subprocess

from tests.support.tiers import require


def pdf_text(pdf: bytes) -> str:
    """The PDF's text, runs of whitespace as one space; skips the test when poppler's pdftotext is missing."""
    require(shutil.which("pdftotext"), "pdftotext is not installed (apt-get install poppler-utils)")
    completed = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True)
    return " ".join(completed.stdout.decode().split())
