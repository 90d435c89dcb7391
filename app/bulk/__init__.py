"""District attorneys' bulk screening of the DOJ conviction file.

The command (``python -m app.bulk``, ``app.bulk.cli``) needs nothing of the web app, so this package
imports nothing: the web pages and ``flask bulk`` are in ``app.bulk.web``.
"""
