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
passed = failed = skipped = 0
for f in glob.glob(sys.argv[1] + "/**/*.trx", recursive=True):
    c = ET.parse(f).getroot().find("t:ResultSummary/t:Counters", ns)
    if c is None:
        continue
    passed += int(c.get("passed", 0))
    failed += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0)) + int(c.get("aborted", 0))
    skipped += int(c.get("notExecuted", 0))
if passed + failed == 0 and sys.argv[2] != "0":
    failed = 1  # the build failed: nothing ran
print(f"({skipped} skipped)")
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed or sys.argv[2] != "0" else 0)
PY
