#!/usr/bin/env python3
"""Crash rounds: writers PUT (new keys and overwrites, 4 KiB / 300 KiB / 3 MiB), kill -9 FakeS3 mid-traffic,
restart on the same data file, check every acknowledged object reads back as one complete version sent for it
(and an unacknowledged one as absent or one of the versions sent). Bounded: ROUNDS kills of 2-5 s of traffic,
127.0.0.1 only.

usage: crash_rounds.py PATH/TO/FakeS3.dll DATA_FILE ROUNDS
"""
import hashlib, os, random, signal, subprocess, sys, threading, time, socket
import boto3
from botocore.config import Config

dll, data, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close(); return p
def start(port):
    p = subprocess.Popen(["dotnet", dll, "--urls", f"http://127.0.0.1:{port}", "--FakeS3:DataPath", data],
                         stdout=open(data + ".log", "a"), stderr=subprocess.STDOUT)
    t0 = time.time()
    import urllib.request
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1); break
        except urllib.error.HTTPError: break
        except Exception:
            if p.poll() is not None: raise SystemExit(f"FakeS3 exited with {p.returncode}")
            time.sleep(0.05)
    return p, time.time() - t0
def client(port):
    return boto3.client("s3", endpoint_url=f"http://127.0.0.1:{port}", aws_access_key_id="fakes3", aws_secret_access_key="fakes3secret",
                        region_name="us-east-1", config=Config(signature_version="s3v4", s3={"addressing_style": "path"},
                        retries={"max_attempts": 1}, request_checksum_calculation="when_required"))
sent = {}      # key -> set of md5 of every body sent (acked or in flight)
acked = {}     # key -> md5 of the last acknowledged body
lock = threading.Lock()
sizes = [4096, 300_000, 3 * 1024 * 1024]
for r in range(rounds):
    port = free_port()
    p, startup = start(port)
    s3 = client(port)
    if r == 0:
        s3.create_bucket(Bucket="crash")
    # verify everything acknowledged so far
    bad = 0
    for key, md5s in list(sent.items()):
        try:
            body = s3.get_object(Bucket="crash", Key=key)["Body"].read()
            m = hashlib.md5(body).hexdigest()
            if m not in md5s: bad += 1; print("CHANGED", key, len(body))
        except s3.exceptions.NoSuchKey:
            if key in acked: bad += 1; print("LOST", key)
    print(f"round {r}: start-up {startup:.2f} s, {len(acked)} acknowledged keys checked, {bad} bad", flush=True)
    if bad: sys.exit(1)
    stop = threading.Event()
    def writer(w):
        c = client(port); i = 0
        while not stop.is_set():
            key = f"r{r}/w{w}/{i}" if i % 3 else f"over/w{w}"
            body = os.urandom(random.choice(sizes)); m = hashlib.md5(body).hexdigest()
            with lock: sent.setdefault(key, set()).add(m)
            try:
                c.put_object(Bucket="crash", Key=key, Body=body)
                with lock: acked[key] = m
            except Exception:
                return
            i += 1
    ts = [threading.Thread(target=writer, args=(w,)) for w in range(4)]
    for t in ts: t.start()
    time.sleep(random.uniform(2, 5))
    p.send_signal(signal.SIGKILL); p.wait()
    stop.set()
    for t in ts: t.join()
    log = data.replace(".db", "-log.db")
    print(f"  killed: log {os.path.getsize(log) if os.path.exists(log) else 0} bytes, data {os.path.getsize(data)} bytes", flush=True)
port = free_port(); p, startup = start(port); s3 = client(port); bad = 0
for key, md5s in sent.items():
    try:
        m = hashlib.md5(s3.get_object(Bucket="crash", Key=key)["Body"].read()).hexdigest()
        if m not in md5s: bad += 1
    except s3.exceptions.NoSuchKey:
        if key in acked: bad += 1
print(f"final: start-up {startup:.2f} s, {len(acked)} acknowledged keys, {bad} bad")
p.terminate(); p.wait()
sys.exit(1 if bad else 0)
