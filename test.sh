#!/usr/bin/env bash
# Installs what the tests need when it is missing, builds everything with warnings as errors and runs
# every test project in the solution (unit + browser). Ends with "N passed, N failed"; exits non-zero
# when anything failed. CI runs this same script through .ci/run.
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
if [ "${#missing[@]}" -gt 0 ]; then
    echo "Installing from the system packages: ${missing[*]}"
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
fi

dotnet tool restore
dotnet build MobilnyUrzednik.sln -c Release -warnaserror

results_dir="TestResults"
rm -rf "$results_dir"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT

# A hung browser must not hang CI: blame collects a dump and stops the run after 10 minutes of silence.
status=0
dotnet test MobilnyUrzednik.sln -c Release --no-build \
    --results-directory "$results_dir" --logger "trx" \
    --blame-hang-timeout 10m 2>&1 | tee "$log" || status=$?

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
echo "$projects test projects ran."
echo "$passed passed, $failed failed"

if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$projects" -eq 0 ]; then
    exit 1
fi
