#!/bin/sh
# Run by the postgres image on its first start (an empty data folder), as POSTGRES_USER (a superuser
# the app never uses): creates the app's own role and database, see sql/app-role.sql.
set -eu
: "${APP_DB_PASSWORD:?set APP_DB_PASSWORD}"
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v app_password="$APP_DB_PASSWORD" -f /docker-entrypoint-initdb.d/sql/app-role.sql
