#!/usr/bin/env bash
# Restore a dump made by portal-backup.sh into a NEW database (never over the live one):
#   portal-restore.sh DUMP_FILE postgresql://postgres@127.0.0.1:5432/portal_restored
# Creates the database, restores into it, and prints how many applications it holds. Point DATABASE_URL at it
# (and run `flask db upgrade heads`, a no-op when the code is as new as the dump) to serve from it.
set -euo pipefail
dump="${1:?usage: portal-restore.sh DUMP_FILE TARGET_DATABASE_URL}"
target="${2:?usage: portal-restore.sh DUMP_FILE TARGET_DATABASE_URL}"
server="${target%/*}/postgres"
name="${target##*/}"
psql --quiet --no-psqlrc -v ON_ERROR_STOP=1 "$server" -c "CREATE DATABASE \"$name\""
pg_restore --no-owner --exit-on-error --dbname "$target" "$dump"
echo "restored $(psql --no-psqlrc -tA "$target" -c 'SELECT count(*) FROM application') applications into $name"
