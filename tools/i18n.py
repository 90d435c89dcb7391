"""Spanish catalogs, one Babel domain per audience: `python -m tools.i18n extract|compile|check`.

extract: collect the strings of each domain's sources into translations/es/LC_MESSAGES/<domain>.po (keeping existing
translations); compile: .po -> .mo (run by `make`); check: list strings with no Spanish yet (exit 1 if any).
"""
from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "translations"
LOCALE = "es"

# Which sources belong to which catalog (domain). Must list the same domains as app.config.TRANSLATION_DOMAINS.
DOMAIN_SOURCES: dict[str, tuple[str, ...]] = {
    "messages": ("app/__init__.py", "app/errors.py", "app/site", "templates/base.html", "templates/components",
                 "templates/errors"),
    "intake": ("app/intake", "templates/intake"),
    "partner": ("app/partner", "templates/partner", "app/referrals.py", "app/outbox.py", "templates/email"),
    "auth": ("app/auth", "templates/auth"),
    "bulk": ("app/bulk", "templates/bulk"),
    "admin": ("app/admin", "templates/admin"),
    "lookup": ("app/lookup", "templates/lookup"),
    "clinic": ("app/clinic", "templates/clinic"),
}
METHODS = [("**.py", "python"), ("**.html", "jinja2"), ("**.txt", "jinja2")]
KEYWORDS = {"N_": None, "_": None, "gettext": None, "ngettext": (1, 2), "lazy_gettext": None, "_l": None, "pgettext": ((1, "c"), 2)}


def po_path(domain: str) -> Path:
    return TRANSLATIONS / LOCALE / "LC_MESSAGES" / f"{domain}.po"


def extract(domain: str) -> Catalog:
    """The domain's current source strings, as a template catalog."""
    catalog = Catalog(project="clear-my-record", domain=domain)
    for source in DOMAIN_SOURCES[domain]:
        path = ROOT / source
        if path.is_dir():
            found = extract_from_dir(str(path), METHODS, keywords=KEYWORDS, options_map={"**.html": {"extensions": "jinja2.ext.do"}})
            for filename, lineno, message, comments, context in found:
                catalog.add(message, locations=[(f"{source}/{filename}", lineno)], auto_comments=comments, context=context)
        elif path.is_file():
            method = "python" if path.suffix == ".py" else "jinja2"
            from babel.messages.extract import extract_from_file

            for lineno, message, comments, context in extract_from_file(method, str(path), keywords=KEYWORDS):
                catalog.add(message, locations=[(source, lineno)], auto_comments=comments, context=context)
    return catalog


def load(domain: str) -> Catalog:
    path = po_path(domain)
    if not path.exists():
        return Catalog(locale=LOCALE, domain=domain)
    with path.open("rb") as handle:
        return read_po(handle, locale=LOCALE, domain=domain)


def update(domain: str) -> None:
    template = extract(domain)
    catalog = load(domain)
    catalog.update(template, no_fuzzy_matching=True)
    path = po_path(domain)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalog, width=120, omit_header=False, sort_output=False, ignore_obsolete=True)


def compile_catalogs() -> None:
    for domain in DOMAIN_SOURCES:
        catalog = load(domain)
        with po_path(domain).with_suffix(".mo").open("wb") as handle:
            write_mo(handle, catalog, use_fuzzy=False)


def untranslated(domain: str) -> list[str]:
    """Source strings of the domain that have no (or only a fuzzy) Spanish translation."""
    catalog = load(domain)
    missing = []
    for message in extract(domain):
        if not message.id:
            continue
        translated = catalog.get(message.id, context=message.context)
        strings = translated.string if translated else None
        filled = all(strings) if isinstance(strings, tuple) else bool(strings)
        if translated is None or translated.fuzzy or not filled:
            missing.append(message.id if isinstance(message.id, str) else message.id[0])
    return missing


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else "compile"
    domains = argv[2:] or list(DOMAIN_SOURCES)
    if command == "extract":
        for domain in domains:
            update(domain)
    elif command == "compile":
        compile_catalogs()
    elif command == "check":
        problems = {d: untranslated(d) for d in domains}
        for domain, strings in problems.items():
            for text in strings:
                print(f"{domain}: {text}")
        return 1 if any(problems.values()) else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
