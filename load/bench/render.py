#!/usr/bin/env python3
"""Renders load/compare.sh results as the ratio table (stdout) and, when asked, docs/benchmarks.md.

results.tsv columns: load, tool, FakeS3 value, baseline value, unit, target, note.
A numeric target is a minimum ratio FakeS3/baseline; "<150 MiB" is a ceiling on the FakeS3 value.
"""
import datetime
import os
import platform
import subprocess
import sys


def num(text):
    try:
        return float(text)
    except (TypeError, ValueError):
        return None


def verdict(fakes3, baseline, target, note=""):
    if not target:
        return ""
    if "non-2xx" in note:
        return "**not valid** (errors)"
    if target.startswith("<"):
        limit = num(target[1:].split()[0])
        return "" if fakes3 is None or limit is None else ("met" if fakes3 < limit else "**missed**")
    if fakes3 is None or not baseline:
        return ""
    return "met" if fakes3 / baseline >= float(target) else "**missed**"


def table(rows):
    lines = ["| load | tool | FakeS3 | bare Kestrel | unit | ratio | target | | note |",
             "|---|---|---:|---:|---|---:|---|---|---|"]
    for load, tool, f, b, unit, target, note in rows:
        fv, bv = num(f), num(b)
        ratio = f"{fv / bv:.2f}" if fv is not None and bv else ""
        shown_target = (f"≥ {target}" if target and not target.startswith("<") else target)
        lines.append(f"| {load} | {tool} | {f or '—'} | {b or '—'} | {unit} | {ratio} | {shown_target} | "
                     f"{verdict(fv, bv, target, note)} | {note} |")
    return "\n".join(lines)


def sh(cmd):
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=20).stdout.strip()
    except Exception:  # noqa: BLE001 - machine facts are best effort
        return "unknown"


def machine():
    cpu = sh("awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo")
    mem = sh("awk '/MemTotal/ {printf \"%.1f GiB\", $2/1048576}' /proc/meminfo")
    return (f"{os.cpu_count()} cores ({cpu}), {mem} RAM, {platform.system()} {platform.release()}, "
            f".NET SDK {sh('dotnet --version')}, {sh('wrk -v 2>&1 | head -n 1') or 'wrk'}")


def ceiling_section(path, rows):
    """The storage-only write ceiling next to the write rates the targets ask for."""
    if not path or not os.path.exists(path):
        return ""
    table_lines = [l for l in open(path) if l.startswith("|")]
    best = {}
    for l in table_lines[2:]:
        cells = [c.strip() for c in l.strip().strip("|").split("|")]
        if len(cells) >= 3 and num(cells[2]) is not None:
            best[cells[0]] = max(best.get(cells[0], 0), num(cells[2]))
    if not best:
        return ""
    lines = []
    for label, size, ratio in (("presigned PUT 64 KiB", "64 KiB", 0.5), ("POST policy 4 KiB", "4 KiB", 0.4)):
        base = next((num(r[3]) for r in rows if r[0] == label and num(r[3]) is not None), None)
        if base is None or size not in best:
            continue
        need = base * ratio
        verdict = "below what the target needs" if best[size] < need else "enough for the target"
        lines.append(f"- {label}: {ratio} of bare Kestrel ({base:,.0f} req/s) needs {need:,.0f} uploads/s; "
                     f"the store alone managed at most {best[size]:,.0f} commits/s ({verdict}).")
    return f"""
## Storage write ceiling

`load/FakeS3.StorageCeiling` commits objects straight into FakeS3's store (LiteDB: chunked blob or inline
record, group commit, replaced versions freed), 16 writers, no HTTP at all, run in the same session after
the load above:

{"".join(table_lines)}
{chr(10).join(lines)}

Where the store alone is below a target's rate, no HTTP-side work can meet that ratio while every byte goes
through LiteDB: its engine writes each 8 KiB page to its log and again at checkpoint, one writer at a time.
"""


def main(results, commands, docs, write_docs, duration, reps, conns, commit, ceiling=""):
    rows = [line.rstrip("\n").split("\t") for line in open(results) if line.strip()]
    rows = [(r + [""] * 7)[:7] for r in rows]
    rendered = table(rows)
    print(rendered)
    if write_docs != "1":
        return
    cmds = [line.strip() for line in open(commands) if line.strip()]
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    text = f"""# Benchmarks: FakeS3 next to bare Kestrel

Latest run of `load/compare.sh` ({now}, commit `{commit}`). Both servers ran on this machine in the same
run and were driven by the same tools, alternating rounds: absolute numbers on a shared 2-core VM drift by
±25% between runs, so read the **ratio** (FakeS3 / bare Kestrel). Bare Kestrel is `load/baseline`: a fixed
4 KiB body for GET, bodies read and discarded for PUT/POST, no auth and no storage.

- Machine: {machine()}
- wrk: 1 thread, {conns} connections, {duration} per round, median of {reps} rounds after one uncounted warm-up round per server; server, wrk and runner share the cores.
- Runner: `load/FakeS3.Load`, {conns} in flight (4 for 64 MiB PUTs), {duration} after a 2 s warm-up; the
  baseline runs with `--skip-verify` (it stores nothing).

{rendered}

Targets (issue 6): presigned GET 4 KiB ≥ 0.6, PUT 64 KiB ≥ 0.5, POST 4 KiB ≥ 0.4 of bare Kestrel; peak RSS
of FakeS3 during a 1 GiB PUT and GET under 150 MiB (VmHWM after resetting it through `/proc/<pid>/clear_refs`,
and VmRSS sampled every 100 ms).
""" + ceiling_section(ceiling, rows) + """
## Reproduce

```sh
apt-get install -y wrk        # once
load/compare.sh               # COMPARE_DURATION=10s COMPARE_REPS=5 by default
```

Commands it ran:

```text
""" + "\n".join(cmds) + "\n```\n"
    os.makedirs(os.path.dirname(docs), exist_ok=True)
    with open(docs, "w") as f:
        f.write(text)
    print(f"\nwritten: {docs}")


if __name__ == "__main__":
    main(*sys.argv[1:])
