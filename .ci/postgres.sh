# PostgreSQL for the key-store tests: Debian's package, a cluster on 127.0.0.1, a throwaway role.
# Exports CONCORD_TEST_POSTGRES_URL.
start_postgres() {
  if ! command -v pg_lsclusters >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    else
      echo "PostgreSQL is not installed and this user cannot install it: key-store tests against it are skipped"
      return 0
    fi
  fi
  local version cluster
  read -r version cluster _ < <(pg_lsclusters --no-header | head -n 1)
  if [ -z "${version:-}" ]; then
    version=$(ls /usr/lib/postgresql | sort -n | tail -n 1)
    cluster=main
    pg_createcluster "$version" "$cluster" >/dev/null
  fi
  if ! pg_lsclusters --no-header | awk -v v="$version" -v c="$cluster" '$1==v && $2==c {print $4}' | grep -q online; then
    pg_ctlcluster "$version" "$cluster" start
  fi
  local port
  port=$(pg_lsclusters --no-header | awk -v v="$version" -v c="$cluster" '$1==v && $2==c {print $3}')
  su postgres -c "psql -q -p $port -tAc \"SELECT 1 FROM pg_roles WHERE rolname='concord_test'\"" | grep -q 1 ||
    su postgres -c "psql -q -p $port -c \"CREATE ROLE concord_test LOGIN PASSWORD 'concord_test'\""
  su postgres -c "psql -q -p $port -tAc \"SELECT 1 FROM pg_database WHERE datname='concord_test'\"" | grep -q 1 ||
    su postgres -c "createdb -p $port -O concord_test concord_test"
  export CONCORD_TEST_POSTGRES_URL="postgres://concord_test:concord_test@127.0.0.1:$port/concord_test"
  echo "PostgreSQL $version on 127.0.0.1:$port for the key-store tests"
}
