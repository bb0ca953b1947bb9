#!/usr/bin/env python3
"""Renders a load/compare.sh run (its work directory) as tables on stdout and, when asked, docs/benchmarks.md.

results.tsv columns: load, tool, unit, target, note, then server=value cells (fakes3, before, kestrel, moto, s3rver).
Issue 14's targets are same-run ratios: against bare Kestrel, against raw LiteDB (load/FakeS3.StorageCeiling's
plain-engine loop, run in the same session) or against FakeS3's own rate alone.
"""
import datetime
import glob
import json
import os
import platform
import subprocess
import sys

SERVERS = ("fakes3", "before", "kestrel", "moto", "s3rver")


def num(text):
    try:
        return float(text)
    except (TypeError, ValueError):
        return None


def load_json(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def read_rows(work):
    rows = []
    for line in open(os.path.join(work, "results.tsv")):
        cells = line.rstrip("\n").split("\t")
        if len(cells) < 5:
            continue
        values = dict(c.split("=", 1) for c in cells[5:] if "=" in c)
        rows.append({"load": cells[0], "tool": cells[1], "unit": cells[2], "target": cells[3], "note": cells[4], "v": values})
    return rows


def value(rows, load, server):
    return next((num(r["v"].get(server)) for r in rows if r["load"] == load), None)


def fmt(v, digits=1):
    if v is None:
        return "—"
    return f"{v:,.0f}" if abs(v) >= 100 else f"{v:,.{digits}f}"


def main_table(rows, servers, before_label):
    names = {"fakes3": "FakeS3", "before": f"FakeS3 before ({before_label})", "kestrel": "bare Kestrel",
             "moto": "moto", "s3rver": "s3rver"}
    head = "| load | tool | unit | " + " | ".join(names[s] for s in servers) + " | FakeS3 / Kestrel | note |"
    lines = [head, "|---|---|---|" + "---:|" * len(servers) + "---:|---|"]
    for r in rows:
        f, k = num(r["v"].get("fakes3")), num(r["v"].get("kestrel"))
        ratio = f"{f / k:.2f}" if f is not None and k else ""
        cells = " | ".join(fmt(num(r["v"].get(s))) for s in servers)
        lines.append(f"| {r['load']} | {r['tool']} | {r['unit']} | {cells} | {ratio} | {r['note']} |")
    return "\n".join(lines)


def targets(rows, work, servers):
    """Issue 14's target table: one line per target, the same-run ratio for each FakeS3 build."""
    ceiling = load_json(os.path.join(work, "ceiling-fakes3.json")) or {}
    raw = (ceiling.get("raw") or {}).get("writes") or []
    raw_default = raw[0] if raw else {}
    raw_docs, raw_mb = raw_default.get("docsPerSecond"), raw_default.get("mbPerSecond")
    builds = [s for s in ("before", "fakes3") if s in servers]

    def ratio(a, b):
        return a / b if a is not None and b else None

    lines = []

    def add(load, target, test, per_build, basis):
        cells = []
        for b in builds:
            x = per_build(b)
            verdict = "" if x is None else (" met" if test(x) else " **missed**")
            cells.append("—" if x is None else f"{x:.2f}{verdict}" if x < 100 else f"{x:,.0f}{verdict}")
        lines.append(f"| {load} | {target} | " + " | ".join(cells) + f" | {basis} |")

    k = lambda load: value(rows, load, "kestrel")
    add("presigned PUT 64 KiB", "≥ 1.0 × raw LiteDB 64 KiB, default pragmas", lambda x: x >= 1.0,
        lambda b: ratio(value(rows, "presigned PUT 64 KiB", b), raw_docs),
        f"wrk req/s ÷ raw {fmt(raw_docs)} docs/s")
    add("POST policy 4 KiB", "≥ 0.4 × bare Kestrel", lambda x: x >= 0.4,
        lambda b: ratio(value(rows, "POST policy 4 KiB", b), k("POST policy 4 KiB")),
        f"Kestrel {fmt(k('POST policy 4 KiB'))} req/s")
    add("presigned PUT 64 MiB", "≥ 0.8 × raw LiteDB MB/s (64 KiB, default pragmas)", lambda x: x >= 0.8,
        lambda b: ratio(value(rows, "presigned PUT 64 MiB", b), raw_mb),
        f"runner MB/s ÷ raw {fmt(raw_mb)} MB/s")
    others = ", ".join(f"{s} {fmt(value(rows, 'presigned GET 64 MiB', s))}" for s in ("moto", "s3rver") if s in servers)
    add("presigned GET 64 MiB", "≥ 0.8 × bare Kestrel serving 64 MiB from memory", lambda x: x >= 0.8,
        lambda b: ratio(value(rows, "presigned GET 64 MiB", b), k("presigned GET 64 MiB")),
        f"wrk -c4 MiB/s: Kestrel {fmt(k('presigned GET 64 MiB'))}, FakeS3 {fmt(value(rows, 'presigned GET 64 MiB', 'fakes3'))}"
        + (f", {others}" if others else ""))
    add("GET 4 KiB during 4 × 64 MiB PUT streams", "≥ 0.5 × GET 4 KiB alone", lambda x: x >= 0.5,
        lambda b: ratio(value(rows, "GET 4 KiB during 4 × 64 MiB PUT streams", b), value(rows, "GET 4 KiB alone (runner)", b)),
        "runner, same process, alternating phases")
    add("presigned GET 4 KiB", "≥ 0.6 × bare Kestrel", lambda x: x >= 0.6,
        lambda b: ratio(value(rows, "presigned GET 4 KiB", b), k("presigned GET 4 KiB")),
        f"Kestrel {fmt(k('presigned GET 4 KiB'))} req/s")
    rss = next((r for r in rows if r["load"].startswith("peak RSS")), None)
    if rss:
        add(rss["load"], "< 150 MiB", lambda x: x < 150, lambda b: num(rss["v"].get(b)), "VmHWM and VmRSS sampled every 100 ms")
    soak = text_of(os.path.join(work, "soak")).strip().split("|")
    if len(soak) == 4:
        peak, growth, rps, samples = (num(x) for x in soak)
        met = peak is not None and peak < 200 and growth is not None and growth <= 0
        cells = ["—" if b != "fakes3" else f"peak {peak:.0f} MiB, last minute {growth:+.0f} MiB" + (" met" if met else " **missed**")
                 for b in builds]
        lines.append("| RSS during a 5-minute mixed soak | peak < 200 MiB, no growth over the last minute | " + " | ".join(cells)
                     + f" | runner mixed, {rps:,.0f} req/s, on the scale data file; VmRSS every second ({samples:.0f} samples) and VmHWM; "
                     "growth: the last minute's highest RSS minus the highest before it |")
    else:
        lines.append("| RSS during a 5-minute mixed soak | peak < 200 MiB, no growth over the last minute | "
                     + " | ".join("not measured (COMPARE_SOAK=0)" for _ in builds) + " | |")
    seeded = {b: load_json(os.path.join(work, f"r-scale-{b}", "scale.json")) for b in builds}
    restarted = {b: load_json(os.path.join(work, f"r-scale-restart-{b}", "scale.json")) for b in builds}

    def listing(b, name, after_start=True):
        s = (restarted.get(b) if after_start else None) or seeded.get(b)
        return next((l for l in (s or {}).get("listings", []) if l["listing"] == name), None)

    if any(seeded.values()):
        when = "first walk after a start" if any(restarted.values()) else "walk right after seeding"
        for name in ("ListObjectsV2", "ListObjects (v1)", "ListObjectVersions", "ListMultipartUploads", "ListParts"):
            add(f"{name} full walk ({when})", "≥ 20,000 items/s", lambda x: x >= 20000,
                lambda b, n=name: (listing(b, n) or {}).get("itemsPerSecond"), "scale measurement (tables below)")
            add(f"{name} last page / first page", "≤ 1.5", lambda x: x <= 1.5,
                lambda b, n=name: (listing(b, n) or {}).get("lastToFirst"), "")
        add("ListObjectsV2 delimiter, 100 prefixes", "< 200 ms", lambda x: x < 200,
            lambda b: (listing(b, "ListObjectsV2") or {}).get("delimiterMs"), "ms")
        add("start-up with the scale data file", "< 2 s", lambda x: x < 2,
            lambda b: num(open(os.path.join(work, f"startup-{b}")).read().strip()) if os.path.exists(os.path.join(work, f"startup-{b}")) else None,
            "s until the first HTTP answer")
    head = "| load | target | " + " | ".join("before" if b == "before" else "after (this commit)" for b in builds) + " | basis (same run) |"
    return "\n".join([head, "|---|---|" + "---:|" * len(builds) + "---|"] + lines)


def scale_section(work, builds, before_label):
    out = []
    for b, report, when in [(b, r, w) for b in builds for r, w in ((f"r-scale-{b}", "walked right after seeding"),
                                                                    (f"r-scale-restart-{b}", "walked right after a restart"))]:
        s = load_json(os.path.join(work, report, "scale.json"))
        if not s:
            continue
        start = os.path.join(work, f"startup-{b}")
        startup = open(start).read().strip() if os.path.exists(start) else "—"
        title = "FakeS3 (this commit)" if b == "fakes3" else f"FakeS3 before ({before_label})"
        out.append(f"**{title}, {when}**: {s['keys']:,} objects, {s['uploads']:,} multipart uploads, {s['parts']:,} parts of one "
                   f"upload; seeding {s['seedSeconds']} s; start-up with them {startup} s.\n")
        out.append("| listing | items walked | pages | walk s | items/s | first page ms | last page ms | last/first | delimiter ms (prefixes) |")
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
        for l in s["listings"]:
            d = (f"{l['delimiterMs']} ({l['commonPrefixes']})" if l["delimiterMs"] is not None
                 else "over the walk limit" if l["commonPrefixes"] == -1 else "—")
            out.append(f"| {l['listing']} | {l['items']:,} | {l['pages']} | {l['totalSeconds']} | {l['itemsPerSecond']:,.0f} | "
                       f"{l['firstPageMs']} | {l['lastPageMs']} | {l['lastToFirst']} | {d} |")
        out.append("")
    return "\n".join(out)


KEEP_MARKER = "<!-- compare.sh keeps everything below this line -->"


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


def text_of(path):
    return open(path).read() if os.path.exists(path) else ""


def main(work, docs, write_docs, duration, reps, conns, commit, before_label="", scale_keys="0"):
    rows = read_rows(work)
    servers = [s for s in SERVERS if any(s in r["v"] for r in rows)]
    builds = [s for s in ("before", "fakes3") if s in servers]
    target_table = targets(rows, work, servers)
    table = main_table(rows, servers, before_label)
    raw = text_of(os.path.join(work, "ceiling-fakes3.md"))
    store_before = text_of(os.path.join(work, "ceiling-before.md"))
    scale = scale_section(work, builds, before_label)
    print(target_table + "\n\n" + table + "\n\n" + raw + "\n" + store_before + "\n" + scale)
    if write_docs != "1":
        return
    cmds = [line.strip() for line in open(os.path.join(work, "commands.txt")) if line.strip()]
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    loads = text_of(os.path.join(work, "loadavg")).strip()
    before_text = (f" The **before** column is FakeS3 built from `{before_label}` and run in the same session, "
                   "alternating with this commit round by round." if before_label else "")
    text = f"""# Benchmarks: FakeS3 next to bare Kestrel, raw LiteDB, moto and s3rver

Latest run of `load/compare.sh` ({now}, commit `{commit}`). Every server ran on this machine in the same run,
driven by the same tools, alternating rounds.{before_text} Absolute numbers on this shared 2-core VM drift by
±25% or more between runs (other builds and test runs shared the cores: load average {loads or "not recorded"}),
so read the **same-run ratios**. Bare Kestrel is `load/baseline`: a fixed 4 KiB body for GET (64 MiB from memory
under `/large-get/`), bodies read and discarded for PUT/POST, no auth and no storage.

- Machine: {machine()}
- wrk: 1 thread, {conns} connections (4 for the 64 MiB GET), {duration} per round, median of {reps} rounds after one
  uncounted warm-up round per server; servers, wrk and the runner share the cores.
- Runner: `load/FakeS3.Load`, {conns} in flight (4 for 64 MiB), {duration} after a 2 s warm-up; the baseline runs with
  `--skip-verify` (it stores nothing).
- moto (`moto_server`) and s3rver (npm) get the same wrk scripts and the same presigned URLs (signed by boto3 for
  their endpoint; s3rver with its own access key `S3RVER`). Neither verifies signatures: moto accepts any
  credentials, s3rver checks the access key id but accepted a presigned GET signed with a wrong secret. So their
  numbers include no signature work, FakeS3's do.

## Targets (issue 14): same-run ratios, median of rounds

{target_table}

Raw LiteDB is `load/FakeS3.StorageCeiling --mode raw`: a plain LiteDB loop with no FakeS3 code, one thread, in the
same run (table below).

## Every load

{table}

## Storage ceilings (no HTTP)

`load/FakeS3.StorageCeiling`: raw LiteDB for the settings of issue 14, then FakeS3's store (16 writers committing
straight into LiteDbObjectStore; one 64 MiB object written and read back), this commit:

```text
{raw.strip()}
```
""" + (f"""
The store as it was at `{before_label}` (same tool, same run):

```text
{store_before.strip()}
```
""" if store_before else "") + (f"""
## Scale: listings over {int(scale_keys):,} keys

`--scenario scale` of the runner: objects of 1 KiB in 100 folders, every listing walked in pages of 1,000 with the
SDK (client parse time included), each delimiter listing the median of 3. A walk stops after its time limit, so
fewer items walked than seeded means the walk was cut off. Start-up: FakeS3 restarted on the full data file,
seconds until its first HTTP answer.

{scale}""" if scale else "") + """
## Reproduce

```sh
apt-get install -y wrk        # once; moto_server (pip moto[server]) and npm (for s3rver) are optional
load/compare.sh               # COMPARE_DURATION=10s COMPARE_REPS=5 by default
COMPARE_BEFORE_REF=<commit> COMPARE_DURATION=5s COMPARE_REPS=3 load/compare.sh   # with a before column
```

Commands it ran:

```text
""" + "\n".join(cmds) + "\n```\n"
    # Measurements made outside this script (written by hand below the marker) survive a new run.
    kept = text_of(docs).split(KEEP_MARKER, 1)
    if len(kept) == 2:
        text += "\n" + KEEP_MARKER + kept[1]
    os.makedirs(os.path.dirname(docs), exist_ok=True)
    with open(docs, "w") as f:
        f.write(text)
    print(f"\nwritten: {docs}")


if __name__ == "__main__":
    main(*sys.argv[1:])
