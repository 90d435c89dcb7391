#!/usr/bin/env bash
# Nightly database backup: one compressed pg_dump (custom format, restorable table by table) per run into
# BACKUP_DIR, files older than BACKUP_KEEP_DAYS deleted. Run by portal-backup.timer; see docs/operations.md.
# Needs DATABASE_URL (postgresql://user@host/db; a password in ~/.pgpass, not in the URL).
set -euo pipefail
: "${DATABASE_URL:?DATABASE_URL must be set}"
BACKUP_DIR="${BACKUP_DIR:-/var/backups/portal}"
BACKUP_KEEP_DAYS="${BACKUP_KEEP_DAYS:-14}"
umask 077                                   # the dump holds everything the database holds
mkdir -p "$BACKUP_DIR"
target="$BACKUP_DIR/portal-$(date -u +%Y%m%dT%H%M%SZ).dump"
pg_dump --format=custom --compress=6 --no-owner --file "$target.partial" "$DATABASE_URL"
mv "$target.partial" "$target"              # a half-written dump never looks like a backup
find "$BACKUP_DIR" -name 'portal-*.dump' -mtime "+$BACKUP_KEEP_DAYS" -delete
echo "$target"
