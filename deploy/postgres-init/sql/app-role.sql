-- The role the app connects as: it owns the database and so the tables its migrations create, and it
-- is not a superuser (it cannot switch off triggers, such as the audit trail's, read server files or
-- create other roles). Run once by the postgres image's first start (10-app-role.sh), as the superuser,
-- with the password in the psql variable app_password; or by hand:
--   psql -U postgres -v app_password="$APP_DB_PASSWORD" -f deploy/postgres-init/sql/app-role.sql
-- The names are psql variables too (app_role, app_db), hazard_app and hazard unless given.
\if :{?app_role}
\else
  \set app_role hazard_app
\endif
\if :{?app_db}
\else
  \set app_db hazard
\endif
\set ON_ERROR_STOP on

CREATE ROLE :"app_role" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD :'app_password';
CREATE DATABASE :"app_db" OWNER :"app_role";
REVOKE ALL ON DATABASE :"app_db" FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE :"app_db" TO :"app_role";
\connect :"app_db"
-- PostgreSQL 15 lets only the database owner create in schema public; make the owner explicit
ALTER SCHEMA public OWNER TO :"app_role";
