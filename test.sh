#!/usr/bin/env bash
# The one test command: builds everything and runs every test project; ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"
results="artifacts/test-results"
rm -rf "$results" && mkdir -p "$results"
dotnet test FakeS3.sln -c Release --logger "trx" --results-directory "$results" "$@"
status=$?
python3 - "$results" "$status" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
counts = {"Passed": 0, "Failed": 0, "NotExecuted": 0}
for f in glob.glob(sys.argv[1] + "/**/*.trx", recursive=True):
    for r in ET.parse(f).getroot().iterfind(".//t:UnitTestResult", ns):
        outcome = r.get("outcome", "Failed")
        counts[outcome if outcome in counts else "Failed"] += 1
passed, failed, skipped = counts["Passed"], counts["Failed"], counts["NotExecuted"]
if passed + failed == 0 and sys.argv[2] != "0":
    failed = 1  # the build failed: nothing ran
print(f"({skipped} skipped)")
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed or sys.argv[2] != "0" else 0)
PY
