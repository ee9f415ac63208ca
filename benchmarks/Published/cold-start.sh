#!/bin/sh
# Cold start of a published public site to its first 200 on GET / (issue 17, item 5). Run on purpose, A against B:
#   farm-bench -n 10 --vs "benchmarks/ColdStart/cold-start.sh /tmp/pub/plain" -- benchmarks/ColdStart/cold-start.sh /tmp/pub/r2r
# Each run: a new HOME and a new SQLite file (migrated and seeded at start), a free port; stopped once it answered.
dir=$1
home=$(mktemp -d /tmp/mu-cold.XXXXXX)
port=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
cd "$dir" || exit 2
HOME=$home ASPNETCORE_ENVIRONMENT=Production PublicSiteUrl=https://mobilny.przykladowo.pl \
  ConnectionStrings__Default="Data Source=$home/mu.db" ASPNETCORE_URLS=http://127.0.0.1:$port \
  ./MobilnyUrzednik.PublicSite >"$home/out.log" 2>&1 &
pid=$!
i=0
until curl -fs -o /dev/null "http://127.0.0.1:$port/"; do
  i=$((i+1)); [ $i -gt 3000 ] && { kill $pid; cat "$home/out.log" >&2; rm -rf "$home"; exit 1; }
  kill -0 $pid 2>/dev/null || { cat "$home/out.log" >&2; rm -rf "$home"; exit 1; }
  sleep 0.01
done
kill $pid; wait $pid 2>/dev/null
rm -rf "$home"
exit 0
