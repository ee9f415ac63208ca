#!/usr/bin/env bash
# Installs what the tests need when it is missing, builds everything with warnings as errors, checks that
# both migration sets match the model, starts a throw-away PostgreSQL cluster, and runs every test project
# in the solution (unit, durability, browser) on SQLite, then the unit and durability tests again on
# PostgreSQL (the browser suite has its own PostgreSQL journeys). Stops what it started. Ends with
# "N passed, N failed"; exits non-zero when anything failed. CI runs this same script through .ci/run.
set -euo pipefail
cd "$(dirname "$0")"

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Browser tests drive the system's Chromium (Playwright's own download is never used); the kiosk's
# read-aloud tests run the real espeak-ng Polish voice.
missing=()
chromium_path="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$chromium_path" ] || missing+=(chromium)
command -v espeak-ng >/dev/null 2>&1 || missing+=(espeak-ng)
# PostgreSQL's server binaries (initdb, pg_ctl) for the throw-away test cluster.
{ command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; } || missing+=(postgresql)
# HAProxy in front of two nodes (ProxyNodesTests: cookie affinity, as README's production set-up).
[ -x /usr/sbin/haproxy ] || missing+=(haproxy)
if [ "${#missing[@]}" -gt 0 ]; then
    echo "Installing from the system packages: ${missing[*]}"
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
fi

dotnet tool restore
dotnet build MobilnyUrzednik.sln -c Release -warnaserror

# Each engine's migrations must match the model: a model change without its migration fails here.
for engine in Sqlite Postgres; do
    echo "Checking the $engine migrations against the model"
    dotnet ef migrations has-pending-model-changes --no-build --configuration Release \
        --project "src/Core.Migrations.$engine" --startup-project "src/Core.Migrations.$engine"
done
rm -f src/Core.Migrations.Sqlite/design-time.db*

# Known-vulnerable packages, direct or transitive (NuGet's advisory data). A package source that serves no advisory
# data makes `dotnet list package --vulnerable` say "no vulnerable packages" whatever is referenced, so a throw-away
# project referencing a version with published advisories (System.Text.Json 8.0.0) is asked about first: unless it is
# reported, the check cannot be made here, and the summary says so instead of passing. MU_REQUIRE_VULNERABILITY_DATA=1
# makes that a failure (for a machine whose package source serves the data).
vulnerability_status=""
vulnerable=0
check_vulnerable_packages() {
    local canary report
    canary="$(mktemp -d)"
    cat > "$canary/canary.csproj" <<'CSPROJ'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <NoWarn>NU1510;NU1901;NU1902;NU1903;NU1904</NoWarn>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="System.Text.Json" Version="8.0.0" />
  </ItemGroup>
</Project>
CSPROJ
    if ! dotnet restore "$canary/canary.csproj" >/dev/null 2>&1 \
        || ! report="$(dotnet list "$canary/canary.csproj" package --vulnerable --include-transitive --format json 2>&1)"; then
        rm -rf "$canary"
        vulnerability_status="NOT CHECKED: the probe project could not be restored from the package source"
        return
    fi
    rm -rf "$canary"
    if ! grep -q '"vulnerabilities"' <<<"$report"; then
        vulnerability_status="NOT CHECKED: the package source serves no vulnerability data (System.Text.Json 8.0.0, which has published advisories, was reported clean)"
        return
    fi
    if ! report="$(dotnet list MobilnyUrzednik.sln package --vulnerable --include-transitive --format json 2>&1)"; then
        vulnerable=1
        vulnerability_status="FAILED: dotnet list package --vulnerable did not run"
        echo "$report"
        return
    fi
    if grep -q '"vulnerabilities"' <<<"$report"; then
        vulnerable=1
        vulnerability_status="FOUND: packages with known vulnerabilities (listed above)"
        dotnet list MobilnyUrzednik.sln package --vulnerable --include-transitive
    else
        vulnerability_status="none (checked against the package source's vulnerability data)"
    fi
}
check_vulnerable_packages
echo "Vulnerable packages: $vulnerability_status"

results_dir="TestResults"
rm -rf "$results_dir"
log="$(mktemp)"
pg_dir="$(mktemp -d /tmp/mu-test-pg.XXXXXX)"
cleanup() {
    tests/scripts/postgres.sh stop "$pg_dir" || true
    rm -f "$log"
}
trap cleanup EXIT

eval "$(tests/scripts/postgres.sh start "$pg_dir")"
echo "PostgreSQL test cluster on port $(cat "$pg_dir/port")"

# A hung browser must not hang CI: blame collects a dump and stops the run after 10 minutes of silence.
status=0
dotnet test MobilnyUrzednik.sln -c Release --no-build \
    --results-directory "$results_dir" --logger "trx" \
    --blame-hang-timeout 10m 2>&1 | tee "$log" || status=$?

# The same unit and durability tests on PostgreSQL (tests that need no second engine, such as SQLite's backup or start-up errors, are marked RunOnce).
echo "Unit and durability tests on PostgreSQL"
for project in tests/Unit tests/Durability; do
    MU_TEST_DATABASE=Postgres dotnet test "$project" -c Release --no-build \
        --results-directory "$results_dir" --logger "trx" --filter "RunOnce!=true" \
        --blame-hang-timeout 10m 2>&1 | tee -a "$log" || status=$?
done

# One summary line per test project: "Passed!  - Failed:     0, Passed:   528, Skipped: ..."
read -r passed failed projects < <(awk '
    /^(Passed|Failed)! +- +Failed: +[0-9]+, +Passed: +[0-9]+/ {
        gsub(",", "");
        for (i = 1; i <= NF; i++) {
            if ($i == "Failed:") f += $(i + 1);
            if ($i == "Passed:") p += $(i + 1);
        }
        n++;
    }
    END { printf "%d %d %d\n", p, f, n }' "$log")

echo
grep -ho 'axe-core [0-9][0-9.]*' "$log" | sort -u || true
echo "Vulnerable packages: $vulnerability_status"
echo "$projects test runs (5 expected: three projects on SQLite, two on PostgreSQL)."
echo "$passed passed, $failed failed"

if [ "$vulnerable" -ne 0 ]; then
    exit 1
fi
if [ "${MU_REQUIRE_VULNERABILITY_DATA:-0}" = "1" ] && [[ "$vulnerability_status" == NOT\ CHECKED* ]]; then
    echo "MU_REQUIRE_VULNERABILITY_DATA=1: the vulnerable-package check could not be made."
    exit 1
fi
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$projects" -ne 5 ]; then
    exit 1
fi
