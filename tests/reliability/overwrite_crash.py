#!/usr/bin/env python3
"""Overwrites under kill -9: writers overwrite the same few keys with bodies of 2 to 3 MiB (so each upload takes
over the chunk documents of a blob another overwrite just freed, BlobRecycler), readers GET them meanwhile, and
FakeS3 is killed at a random moment, then restarted.

Checked: every GET during the run returns a complete body that was sent for that key (never another key's
bytes, never a mix); after each restart every key holds its last acknowledged body, or the body in flight at the
kill if that one was committed just before it. Traffic goes to 127.0.0.1 only; bounded by --rounds.

  python3 tests/reliability/overwrite_crash.py --dll <published dir>/FakeS3.Server.dll --rounds 8

With --min-bytes 8193 --max-bytes 65536 the bodies are single chunks, which an overwrite writes into the previous
version's chunk document inside the commit that replaces it (BlobWriter.TryAdoptInCommit).
"""
import argparse, hashlib, os, random, shutil, signal, sys, tempfile, threading, time

from crash_consistency import MiB, client, free_port, kill_and_restart, read, start


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dll", required=True)
    ap.add_argument("--rounds", type=int, default=8)
    ap.add_argument("--keys", type=int, default=6)
    ap.add_argument("--min-bytes", type=int, default=2 * MiB)
    ap.add_argument("--max-bytes", type=int, default=3 * MiB)
    a = ap.parse_args()
    rnd = random.Random()
    work = tempfile.mkdtemp(prefix="fakes3-overwrite-")
    data = os.path.join(work, "fakes3.db")
    keys = [f"ow/k{j}" for j in range(a.keys)]
    sent = {k: set() for k in keys}      # md5 of every body sent for the key
    acked = {k: None for k in keys}      # md5 of the last acknowledged body
    failures, started, puts, gets = [], time.time(), 0, 0
    lock = threading.Lock()
    try:
        for rnd_no in range(a.rounds):
            port = free_port()
            proc = start(a.dll, data, port)
            s3 = client(port)
            stop = threading.Event()
            in_flight = {k: None for k in keys}

            def writer(key):
                nonlocal puts
                while not stop.is_set():
                    body = os.urandom(rnd.randint(a.min_bytes, a.max_bytes))
                    md5 = hashlib.md5(body).hexdigest()
                    with lock:
                        sent[key].add(md5)
                        in_flight[key] = md5
                    try:
                        s3.put_object(Bucket="crash", Key=key, Body=body)
                    except Exception:
                        return  # cut by the kill
                    with lock:
                        acked[key], in_flight[key] = md5, None
                        puts += 1

            def reader():
                nonlocal gets
                while not stop.is_set():
                    key = rnd.choice(keys)
                    try:
                        got = hashlib.md5(read(s3, key)).hexdigest()
                    except Exception:
                        continue  # not written yet, or cut by the kill
                    with lock:
                        gets += 1
                        if got not in sent[key]:
                            failures.append(f"round {rnd_no}: GET {key} during overwrites returned bytes never sent for it")

            threads = [threading.Thread(target=writer, args=(k,), daemon=True) for k in keys]
            threads += [threading.Thread(target=reader, daemon=True) for _ in range(2)]
            for t in threads:
                t.start()
            time.sleep(rnd.uniform(1.0, 3.0))
            proc, s3 = kill_and_restart(proc, threads, a.dll, data, stopped=stop.set)
            try:
                for key in keys:
                    if acked[key] is None and in_flight[key] is None:
                        continue
                    try:
                        got = hashlib.md5(read(s3, key)).hexdigest()
                    except s3.exceptions.NoSuchKey:
                        got = None  # its first upload was cut before the commit
                    if got not in (acked[key], in_flight[key]):
                        failures.append(f"round {rnd_no}: {key} reads back {got}: neither its last acknowledged body nor the one in flight")
                    acked[key] = got
                print(f"round {rnd_no}: {puts} overwrites acknowledged, {gets} GETs checked so far; every key checked after the restart")
            finally:
                proc.send_signal(signal.SIGKILL)
                proc.wait()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for f in failures[:20]:
        print("FAIL " + f)
    print(f"{'FAILED' if failures else 'OK'}: {puts} overwrites, {gets} GETs, {a.rounds} kill -9 rounds in {time.time() - started:.0f} s")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
