"""The cover sheet speaks English and Spanish with the same content."""

from app.packets.cover_text import cover_text


def test_spanish_has_every_english_entry() -> None:
    assert set(cover_text("es")) == set(cover_text("en"))


def test_an_unsupported_language_falls_back_to_english() -> None:
    assert cover_text("fr") is cover_text("en")
