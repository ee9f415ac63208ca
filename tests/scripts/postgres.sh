#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the tests, from the system's packages (no Docker):
#   eval "$(tests/scripts/postgres.sh start DIR)"   # exports MU_TEST_POSTGRES (a connection string)
#   tests/scripts/postgres.sh stop DIR             # stops it and deletes DIR
#   tests/scripts/postgres.sh pause|resume DIR     # stops it keeping its data (an outage), starts it again on the same port
# It listens on 127.0.0.1 at a free port (password required, as in production, so a wrong password can be
# tested) and on a socket in DIR, and trades durability for speed (fsync off): nothing in it outlives the run.
set -euo pipefail

command_name="${1:-}"
dir="${2:-}"
if [ -z "$command_name" ] || [ -z "$dir" ]; then
    echo "usage: $0 start|stop|pause|resume DIR" >&2
    exit 2
fi

pg_bin() {
    # initdb and pg_ctl are not on PATH for every user on Debian; the versioned folder always has them.
    local found
    found="$(command -v "$1" 2>/dev/null || true)"
    if [ -z "$found" ]; then
        found="$(ls -d /usr/lib/postgresql/*/bin/"$1" 2>/dev/null | sort -V | tail -n 1 || true)"
    fi
    [ -n "$found" ] || { echo "PostgreSQL's $1 is missing: apt-get install -y postgresql" >&2; exit 1; }
    echo "$found"
}

# initdb refuses to run as root: as root the cluster belongs to the postgres user.
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        su postgres -s /bin/sh -c "$(printf '%q ' "$@")"
    else
        "$@"
    fi
}

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

run_server() {
    as_owner "$(pg_bin pg_ctl)" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-p $(cat "$dir/port") -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
        start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
}

case "$command_name" in
    start)
        mkdir -p "$dir"
        password="$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 20)"
        printf '%s\n' "$password" >"$dir/pwfile"
        if [ "$(id -u)" -eq 0 ]; then chown -R postgres "$dir"; fi
        as_owner "$(pg_bin initdb)" -D "$dir/data" --auth-host=scram-sha-256 --auth-local=trust --pwfile="$dir/pwfile" \
            -U postgres -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
            || { cat "$dir/initdb.log" >&2; exit 1; }
        port="$(free_port)"
        echo "$port" >"$dir/port"
        run_server
        echo "export MU_TEST_POSTGRES='Host=127.0.0.1;Port=$port;Username=postgres;Password=$password;Database=postgres'"
        ;;
    stop)
        if [ -d "$dir/data" ]; then
            as_owner "$(pg_bin pg_ctl)" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
        fi
        rm -rf "$dir"
        ;;
    pause)
        # The server goes away (as in an outage) but its data and port stay, for resume.
        as_owner "$(pg_bin pg_ctl)" -D "$dir/data" -m fast -w stop >/dev/null
        ;;
    resume)
        run_server
        ;;
    *)
        echo "usage: $0 start|stop|pause|resume DIR" >&2
        exit 2
        ;;
esac
