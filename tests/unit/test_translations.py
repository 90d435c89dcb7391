"""Spanish is complete: every string a page, error or e-mail shows has a Spanish translation in its catalog."""
from __future__ import annotations

import pytest

from app.config import TRANSLATION_DOMAINS
from tools.i18n import DOMAIN_SOURCES, untranslated


def test_every_app_domain_has_a_source_list():
    assert set(DOMAIN_SOURCES) == set(TRANSLATION_DOMAINS)


@pytest.mark.parametrize("domain", TRANSLATION_DOMAINS)
def test_catalog_has_spanish_for_every_source_string(domain):
    assert untranslated(domain) == []
