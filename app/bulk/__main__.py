"""``python -m app.bulk screen FILE... --county NAME --out DIR``: the DA's command on a laptop.

No Flask app, database, mail or secret key: it reads the files and writes the outputs.
"""
from app.bulk.cli import bulk_commands

if __name__ == "__main__":
    bulk_commands(prog_name="python -m app.bulk")
