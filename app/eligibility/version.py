"""The rules version stamped on every screening, so a stored result can be re-run when rules change.

Bump it (year.month.patch) with an entry in CHANGELOG.md whenever an outcome could change.
"""

ENGINE_VERSION = "2026.12.6"
