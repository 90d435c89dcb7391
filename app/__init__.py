"""The portal package.

Importing it costs nothing: the DA's bulk command (``python -m app.bulk``) and the eligibility engine
live under ``app`` and must start without Flask, the database layer or the web blueprints. The app
factory itself is ``app.factory.create_app``; ``create_app`` here is the name everyone imports.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from flask import Flask


def create_app(config: dict[str, Any] | None = None, *, command_line: bool = False) -> Flask:
    """Build the portal's Flask app (see ``app.factory.create_app``)."""
    from app.factory import create_app as build

    return build(config, command_line=command_line)
