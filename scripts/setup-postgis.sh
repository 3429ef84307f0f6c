#!/usr/bin/env bash
# Prepares a PostgreSQL + PostGIS server for Oshaq on Debian/Ubuntu (run as root or with sudo):
# installs PostgreSQL when there is none, installs PostGIS for the running server's major
# version, starts the cluster, and creates a login role and a database with PostGIS enabled.
# Prints the DATABASE_URL to use. Safe to run again.
#
#   sudo scripts/setup-postgis.sh [--db oshaq] [--user oshaq] [--password oshaq] [--superuser]
#
# --superuser gives the role the right to create databases with PostGIS itself (the test suite
# does, one per test file); an application role does not need it.
set -euo pipefail

db=oshaq user=oshaq password=oshaq superuser=no
while [ $# -gt 0 ]; do
  case "$1" in
    --db) db=$2; shift 2 ;;
    --user) user=$2; shift 2 ;;
    --password) password=$2; shift 2 ;;
    --superuser) superuser=yes; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

export DEBIAN_FRONTEND=noninteractive
sudo_cmd=""
[ "$(id -u)" -eq 0 ] || sudo_cmd=sudo
updated=no
apt_install() {
  if [ "$updated" = no ]; then $sudo_cmd apt-get update -qq; updated=yes; fi
  $sudo_cmd apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

if ! command -v pg_lsclusters >/dev/null 2>&1 || [ -z "$(pg_lsclusters -h 2>/dev/null)" ]; then
  echo "Installing PostgreSQL…" >&2
  apt_install postgresql
fi
read -r version cluster port status _ < <(pg_lsclusters -h | head -n 1)
if ! dpkg -s "postgresql-$version-postgis-3" >/dev/null 2>&1; then
  echo "Installing PostGIS for PostgreSQL $version (postgresql-$version-postgis-3)…" >&2
  apt_install "postgresql-$version-postgis-3"
fi
if [ "$status" != online ]; then
  $sudo_cmd pg_ctlcluster --skip-systemctl-redirect "$version" "$cluster" start
fi

as_postgres() { $sudo_cmd runuser -u postgres -- psql -p "$port" -v ON_ERROR_STOP=1 -qAt "$@"; }
role_options="LOGIN PASSWORD '$password'"
[ "$superuser" = yes ] && role_options="$role_options SUPERUSER CREATEDB"
if [ "$(as_postgres -c "SELECT 1 FROM pg_roles WHERE rolname = '$user'")" = 1 ]; then
  as_postgres -c "ALTER ROLE \"$user\" WITH $role_options"
else
  as_postgres -c "CREATE ROLE \"$user\" WITH $role_options"
fi
if [ "$(as_postgres -c "SELECT 1 FROM pg_database WHERE datname = '$db'")" != 1 ]; then
  as_postgres -c "CREATE DATABASE \"$db\" OWNER \"$user\""
fi
as_postgres -d "$db" -c 'CREATE EXTENSION IF NOT EXISTS postgis'
echo "postgres://$user:$password@127.0.0.1:$port/$db"
