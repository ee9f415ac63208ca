#!/bin/sh
# GET / throughput as a share of a minimal endpoint in the same published public site (issue 17, item 2). Run on purpose:
#   benchmarks/Published/throughput.sh /tmp/pub/site      (a folder from dotnet publish; needs wrk, curl, python3)
# GET / against a minimal endpoint (/jezyk: a redirect with a cookie, no database) in one published site:
# prints requests/s of each (wrk, 2 threads, 16 connections, 10 s, after a 3 s warm-up) and the share.
dir=$1
home=$(mktemp -d /tmp/mu-tput.XXXXXX)
port=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
cd "$dir" || exit 2
HOME=$home ASPNETCORE_ENVIRONMENT=Production PublicSiteUrl=https://mobilny.przykladowo.pl \
  ConnectionStrings__Default="Data Source=$home/mu.db" ASPNETCORE_URLS=http://127.0.0.1:$port \
  Logging__LogLevel__Default=Warning ./MobilnyUrzednik.PublicSite >"$home/out.log" 2>&1 &
pid=$!
until curl -fs -o /dev/null "http://127.0.0.1:$port/"; do sleep 0.05; done
base=http://127.0.0.1:$port
wrk -t2 -c16 -d3s "$base/" >/dev/null
wrk -t2 -c16 -d3s "$base/jezyk?kultura=pl&powrot=/" >/dev/null
rps() { wrk -t2 -c16 -d10s "$1" | awk '/Requests\/sec/ {print $2}'; }
m1=$(rps "$base/jezyk?kultura=pl&powrot=/"); h1=$(rps "$base/"); m2=$(rps "$base/jezyk?kultura=pl&powrot=/"); h2=$(rps "$base/")
status=$(curl -s -o /dev/null -w '%{http_code}' "$base/")
kill $pid; wait $pid 2>/dev/null; rm -rf "$home"
python3 -c "m=($m1+$m2)/2; h=($h1+$h2)/2; print(f'$dir: GET / {h:.0f}/s ($h1, $h2; status $status), minimal {m:.0f}/s ($m1, $m2), share {h/m*100:.1f} %')"
