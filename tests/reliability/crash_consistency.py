#!/usr/bin/env python3
"""Crash consistency: kill -9 FakeS3 while uploads (single PUT and multipart) are in flight, restart, check.

Every acknowledged object must read back byte-identical (also after later rounds), and every key that is
listed must hold one complete body that some upload sent for it (nothing partial is ever visible).
Traffic goes to 127.0.0.1 only; bounded by --rounds and --max-seconds.

  python3 tests/reliability/crash_consistency.py --dll src/FakeS3.Server/bin/Release/net10.0/FakeS3.Server.dll --rounds 10 --uploads 50
"""
import argparse, hashlib, os, random, shutil, signal, socket, subprocess, sys, tempfile, threading, time, urllib.request

import boto3
from botocore.config import Config

MiB = 1024 * 1024


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(dll, data, port):
    proc = subprocess.Popen(["dotnet", dll, f"--urls=http://127.0.0.1:{port}", f"--FakeS3:DataPath={data}",
                             "--FakeS3:Buckets:0=crash", "--FakeS3:StartupBanner=false"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.time() + 60
    while time.time() < deadline:
        if proc.poll() is not None:
            sys.exit(f"FakeS3 exited at start: {proc.stderr.read().decode()}")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)
        except urllib.error.HTTPError:
            return proc  # answering (403 for an unsigned request)
        except OSError:
            time.sleep(0.1)
    proc.kill()
    sys.exit("FakeS3 did not answer within 60 s")


def client(port):
    return boto3.client("s3", endpoint_url=f"http://127.0.0.1:{port}", aws_access_key_id="fakes3",
                        aws_secret_access_key="fakes3secret", region_name="us-east-1",
                        config=Config(retries={"max_attempts": 1}, connect_timeout=5, read_timeout=30,
                                      s3={"addressing_style": "path"}))


def upload(s3, key, body, multipart):
    if not multipart:
        s3.put_object(Bucket="crash", Key=key, Body=body)
        return
    u = s3.create_multipart_upload(Bucket="crash", Key=key)["UploadId"]
    parts = []
    for n, off in enumerate(range(0, len(body), 5 * MiB), start=1):
        r = s3.upload_part(Bucket="crash", Key=key, UploadId=u, PartNumber=n, Body=body[off:off + 5 * MiB])
        parts.append({"PartNumber": n, "ETag": r["ETag"]})
    s3.complete_multipart_upload(Bucket="crash", Key=key, UploadId=u, MultipartUpload={"Parts": parts})


def kill_and_restart(proc, threads, dll, data, stopped=None):
    """kill -9 FakeS3 while threads send to it, let them end (after `stopped`, which tells them to), start it again."""
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    if stopped:
        stopped()
    for t in threads:
        t.join(timeout=40)
    port = free_port()
    proc = start(dll, data, port)
    return proc, client(port)


def read(s3, key):
    return s3.get_object(Bucket="crash", Key=key)["Body"].read()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dll", required=True)
    ap.add_argument("--rounds", type=int, default=10)
    ap.add_argument("--uploads", type=int, default=50)
    ap.add_argument("--multipart-every", type=int, default=5, help="every Nth upload is multipart (1 or 2 parts)")
    ap.add_argument("--max-seconds", type=float, default=600)
    a = ap.parse_args()
    rnd = random.Random(int(os.environ.get("SEED", "11")))
    work = tempfile.mkdtemp(prefix="fakes3-crash-")
    data = os.path.join(work, "fakes3.db")
    acked = {}      # key -> md5 of the acknowledged body
    intended = {}   # key -> md5 of the body sent (acknowledged or not)
    started = time.time()
    failures = []
    try:
        for rnd_no in range(a.rounds):
            if time.time() - started > a.max_seconds:
                print(f"stopping after {rnd_no} rounds: --max-seconds reached")
                break
            port = free_port()
            proc = start(a.dll, data, port)
            s3 = client(port)
            lock = threading.Lock()

            def one(i):
                multipart = i % a.multipart_every == 0
                # multipart: one part (the last part may be small) or two (a 5 MiB part and the rest)
                size = rnd.choice([rnd.randint(1, 2 * MiB), 5 * MiB + rnd.randint(1, MiB)]) if multipart else rnd.choice([rnd.randint(0, 8192), rnd.randint(8193, 3 * MiB)])
                body = os.urandom(size)
                key = f"r{rnd_no}/{'mp' if multipart else 'put'}-{i}"
                with lock:
                    intended[key] = hashlib.md5(body).hexdigest()
                try:
                    upload(s3, key, body, multipart)
                    with lock:
                        acked[key] = hashlib.md5(body).hexdigest()
                except Exception:
                    pass  # cut by the kill: must not be visible half-written

            threads = [threading.Thread(target=one, args=(i,), daemon=True) for i in range(a.uploads)]
            for t in threads:
                t.start()
            time.sleep(rnd.uniform(0.3, 1.5))
            proc, s3 = kill_and_restart(proc, threads, a.dll, data)
            try:
                for key, md5 in acked.items():
                    got = hashlib.md5(read(s3, key)).hexdigest()
                    if got != md5:
                        failures.append(f"round {rnd_no}: acknowledged {key} reads back {got}, wrote {md5}")
                listed = []
                for page in s3.get_paginator("list_objects_v2").paginate(Bucket="crash"):
                    listed += [o["Key"] for o in page.get("Contents", [])]
                for key in listed:
                    got = hashlib.md5(read(s3, key)).hexdigest()
                    if intended.get(key) != got:
                        failures.append(f"round {rnd_no}: listed {key} holds {got}, not the body sent ({intended.get(key)})")
                missing = [k for k in acked if k not in set(listed)]
                if missing:
                    failures.append(f"round {rnd_no}: acknowledged but not listed: {missing[:5]}")
                print(f"round {rnd_no}: {sum(k.startswith(f'r{rnd_no}/') for k in acked)}/{a.uploads} acknowledged before kill -9, "
                      f"{len(listed)} listed, {len(acked)} acknowledged in all, all checked")
            finally:
                proc.send_signal(signal.SIGKILL)
                proc.wait()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for f in failures:
        print("FAIL " + f)
    multipart = sum("/mp-" in k for k in acked)
    print(f"{'FAILED' if failures else 'OK'}: {len(acked)} acknowledged objects ({multipart} multipart) verified in {time.time() - started:.0f} s")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
