#!/usr/bin/env python3
"""The probes of issue 11 against a FakeS3 build (python3 + boto3; 127.0.0.1 only, bounded in time).

  python3 tests/reliability/issue11_probes.py --dll src/FakeS3.Server/bin/Release/net10.0/FakeS3.Server.dll [--seconds 15] [--no-mount]

Prints one line per probe: what a client sees. Used for the before/after figures in the issue's closing note.
"""
import argparse, hashlib, os, random, shutil, socket, subprocess, sys, tempfile, threading, time, urllib.request

import boto3, botocore
from botocore.config import Config

MiB = 1024 * 1024


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, dll, data, *extra):
        self.port = free_port()
        self.proc = subprocess.Popen(["dotnet", dll, f"--urls=http://127.0.0.1:{self.port}", f"--FakeS3:DataPath={data}",
                                      "--FakeS3:StartupBanner=false", *extra], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        deadline = time.time() + 60
        while time.time() < deadline and self.proc.poll() is None:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/", timeout=1)
            except urllib.error.HTTPError:
                break
            except OSError:
                time.sleep(0.1)

    def client(self, timeout=10):
        return boto3.client("s3", endpoint_url=f"http://127.0.0.1:{self.port}", aws_access_key_id="fakes3",
                            aws_secret_access_key="fakes3secret", region_name="us-east-1",
                            config=Config(retries={"max_attempts": 1}, read_timeout=timeout, connect_timeout=5,
                                          s3={"addressing_style": "path"}))

    def stop(self):
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()


def code(e):
    return f"{e.response['ResponseMetadata']['HTTPStatusCode']} {e.response['Error']['Code']}"


def post_nul(s3, port):
    """A signed POST form with key up/${filename} and filename="a\\x00b" (how a NUL reaches a key)."""
    form = s3.generate_presigned_post("probe", "up/${filename}", Conditions=[["starts-with", "$key", "up/"]])
    boundary = "----probe11"
    parts = []
    for k, v in form["fields"].items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode())
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="a\x00b"\r\n'
                 f'Content-Type: text/plain\r\n\r\nnul\r\n--{boundary}--\r\n'.encode())
    req = urllib.request.Request(f"http://127.0.0.1:{port}/probe", data=b"".join(parts), method="POST",
                                 headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
    try:
        status = urllib.request.urlopen(req, timeout=10).status
    except urllib.error.HTTPError as e:
        status = e.code
    if status not in (200, 201, 204):
        raise botocore.exceptions.ClientError({"Error": {"Code": str(status)}, "ResponseMetadata": {"HTTPStatusCode": status}}, "PostObject")


def listing(dll, work):
    srv = Server(dll, os.path.join(work, "list.db"))
    s3 = srv.client(timeout=5)
    try:
        s3.create_bucket(Bucket="probe")
        for k in ["user_a/1", "userza/3", "abc", " ", " lead", "trail ", "_ "]:
            s3.put_object(Bucket="probe", Key=k, Body=b"x")
        keys = lambda **kw: [o["Key"] for o in s3.list_objects_v2(Bucket="probe", **kw).get("Contents", [])]
        print(f"1. prefix 'user_a/' lists {keys(Prefix='user_a/')}; prefix '%' lists {keys(Prefix='%')}")
        try:
            s3.list_objects_v2(Bucket="probe", Prefix="%%", Delimiter="/")
            print("1. prefix '%%' + delimiter '/': 200")
        except botocore.exceptions.ClientError as e:
            print(f"1. prefix '%%' + delimiter '/': {code(e)}")
        try:
            print(f"2. keys ' ', ' lead', 'trail ', '_ ' list as {[k for k in keys(EncodingType='url') if k.strip('+ _') in ('', 'lead', 'trail') or k in ('_', '_+', '_ ')]}")
        except botocore.exceptions.ClientError as e:
            print(f"2. list_objects_v2 of the bucket: {code(e)}")
        s3.create_bucket(Bucket="order")
        for k in ["a\U0001F600", "a\uE000", "a\uFFFD"]:
            s3.put_object(Bucket="order", Key=k, Body=b"x")
        got = [o["Key"] for o in s3.list_objects_v2(Bucket="order").get("Contents", [])]
        print(f"6. order of a+U+1F600, a+U+E000, a+U+FFFD: {[hex(ord(k[1])) for k in got]} (S3: 0xe000, 0xfffd, 0x1f600)")
        b = "b" * 63
        s3.create_bucket(Bucket=b)
        try:
            s3.put_object(Bucket=b, Key="k" * 1024, Body=b"x")
            print(f"6. 1,024-byte key in a 63-character bucket: 200, reads back {s3.get_object(Bucket=b, Key='k' * 1024)['Body'].read() == b'x'}")
        except botocore.exceptions.ClientError as e:
            print(f"6. 1,024-byte key in a 63-character bucket: {code(e)}")
        try:
            s3.put_object(Bucket=b, Key="k" * 1025, Body=b"x")
            print("6. 1,025-byte key: 200")
        except botocore.exceptions.ClientError as e:
            print(f"6. 1,025-byte key: {code(e)}")
    finally:
        srv.stop()


def nul_key(dll, work):
    srv = Server(dll, os.path.join(work, "nul.db"))
    s3 = srv.client(timeout=10)
    try:
        s3.create_bucket(Bucket="probe")
        s3.put_object(Bucket="probe", Key="abc", Body=b"x")
        keys = lambda **kw: [o["Key"] for o in s3.list_objects_v2(Bucket="probe", **kw).get("Contents", [])]
        try:
            post_nul(s3, srv.port)
            t = time.time()
            try:
                n = len(keys(Prefix="%"))
                print(f"1. key with NUL stored (POST form); then prefix '%' answers in {time.time() - t:.2f} s ({n} keys)")
            except Exception as e:
                print(f"1. key with NUL stored (POST form); then prefix '%' fails after {time.time() - t:.1f} s: {type(e).__name__}")
            t = time.time()
            try:
                s3.put_object(Bucket="probe", Key="after-nul", Body=b"x")
                print(f"1. a PUT after that: 200 in {time.time() - t:.2f} s")
            except Exception as e:
                print(f"1. a PUT after that fails after {time.time() - t:.1f} s: {type(e).__name__}")
        except botocore.exceptions.ClientError as e:
            print(f"1. POST form with a NUL filename refused: {code(e)}")
    finally:
        srv.stop()


def race(dll, work, seconds):
    srv = Server(dll, os.path.join(work, "race.db"))
    s3 = srv.client(timeout=30)
    try:
        s3.create_bucket(Bucket="race")
        written = set()
        first = os.urandom(64 * 1024)
        written.add(hashlib.md5(first).hexdigest())
        s3.put_object(Bucket="race", Key="k", Body=first)
        stop = time.time() + seconds
        stats = {"ok": 0, "error": 0, "torn": 0}
        lock = threading.Lock()

        def writer(seed):
            rnd = random.Random(seed)
            c = srv.client(timeout=30)
            while time.time() < stop:
                body = os.urandom(rnd.randint(64 * 1024, 2 * MiB))
                with lock:
                    written.add(hashlib.md5(body).hexdigest())
                try:
                    c.put_object(Bucket="race", Key="k", Body=body)
                except Exception:
                    pass

        def reader():
            c = srv.client(timeout=30)
            while time.time() < stop:
                try:
                    r = c.get_object(Bucket="race", Key="k")
                    body = r["Body"].read()
                    md5 = hashlib.md5(body).hexdigest()
                    with lock:
                        ok = md5 in written and r["ETag"].strip('"') == md5 and len(body) == r["ContentLength"]
                        stats["ok" if ok else "torn"] += 1
                except Exception:
                    with lock:
                        stats["error"] += 1

        threads = [threading.Thread(target=writer, args=(i,)) for i in range(16)] + [threading.Thread(target=reader) for _ in range(16)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        total = sum(stats.values())
        print(f"3. 16 writers x 16 readers on one key for {seconds} s: {total} GETs, {stats['error']} failed (5xx or cut), "
              f"{stats['torn']} torn, {stats['ok']} complete ({100 * stats['ok'] / max(1, total):.0f}%)")
    finally:
        srv.stop()


def disk_full(dll, work):
    mnt = os.path.join(work, "mnt")
    os.makedirs(mnt)
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", mnt], capture_output=True).returncode != 0:
        print("4. disk full: SKIPPED (cannot mount a tmpfs)")
        return
    srv = None
    try:
        srv = Server(dll, os.path.join(mnt, "fakes3.db"))
        s3 = srv.client(timeout=30)
        s3.create_bucket(Bucket="full")
        stored, first_error = [], None
        for i in range(80):
            body = os.urandom(MiB)
            try:
                s3.put_object(Bucket="full", Key=f"k{i}", Body=body)
                stored.append((f"k{i}", body))
            except botocore.exceptions.ClientError as e:
                first_error = f"{code(e)} '{e.response['Error']['Message'][:70]}'"
                break
        unreadable = 0
        for k, b in stored:
            try:
                if s3.get_object(Bucket="full", Key=k)["Body"].read() != b:
                    unreadable += 1
            except Exception:
                unreadable += 1

        def attempt(f):
            try:
                f()
                return "ok"
            except botocore.exceptions.ClientError as e:
                return code(e)
            except Exception as e:
                return type(e).__name__
        put = attempt(lambda: s3.put_object(Bucket="full", Key="more", Body=os.urandom(MiB)))
        dele = attempt(lambda: s3.delete_object(Bucket="full", Key=stored[0][0]))
        create = attempt(lambda: s3.create_bucket(Bucket="another"))
        for k, _ in stored[1:20]:
            attempt(lambda: s3.delete_object(Bucket="full", Key=k))
        for f in os.listdir(mnt):
            if f.startswith("filler"):
                os.remove(os.path.join(mnt, f))
        after = attempt(lambda: s3.put_object(Bucket="full", Key="after-free", Body=os.urandom(MiB)))
        print(f"4. 64 MiB disk: {len(stored)} x 1 MiB stored, then {first_error}; while full: {unreadable} of {len(stored)} unreadable, "
              f"PUT {put}, DELETE {dele}, CreateBucket {create}; after deleting 20 objects, PUT {after}")
    finally:
        if srv:
            srv.stop()
        subprocess.run(["umount", "-l", mnt])


def bad_files(dll, work):
    good = os.path.join(work, "good.db")
    srv = Server(dll, good)
    s3 = srv.client()
    s3.create_bucket(Bucket="bbb")
    for i in range(30):
        s3.put_object(Bucket="bbb", Key=f"k{i}", Body=os.urandom(30000))
    srv.proc.terminate()
    srv.proc.wait()
    data = open(good, "rb").read()
    cases = {"30-byte text": b"this is a text file, not a db\n", "4 KiB truncated": data[:4096],
             "random 1 MiB": os.urandom(MiB), "half": data[:len(data) // 2 // 8192 * 8192]}
    for name, content in cases.items():
        path = os.path.join(work, name.replace(" ", "_") + ".db")
        open(path, "wb").write(content)
        p = subprocess.run(["dotnet", dll, f"--urls=http://127.0.0.1:{free_port()}", f"--FakeS3:DataPath={path}", "--FakeS3:StartupBanner=false"],
                           capture_output=True, text=True, timeout=20) if False else None
        proc = subprocess.Popen(["dotnet", dll, f"--urls=http://127.0.0.1:{free_port()}", f"--FakeS3:DataPath={path}", "--FakeS3:StartupBanner=false"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            out, err = proc.communicate(timeout=8)
            state = f"exit {proc.returncode}, {len(err.strip().splitlines())} stderr line(s): {err.strip().splitlines()[0][:110] if err.strip() else ''}"
        except subprocess.TimeoutExpired:
            proc.kill()
            out, err = proc.communicate()
            state = "started (still running after 8 s)"
        changed = open(path, "rb").read() != content
        print(f"5. DataPath = {name}: {state}; file {'CHANGED' if changed else 'unchanged'}")
    for args in (["--FakeS3:Region="], ["--FakeS3:MaxSkewSeconds=abc"], ["--FakeS3:Credentials:0:AccessKeyId=x"]):
        proc = subprocess.run(["dotnet", dll, f"--urls=http://127.0.0.1:{free_port()}", f"--FakeS3:DataPath={os.path.join(work, 'cfg.db')}", *args],
                              capture_output=True, text=True, timeout=30)
        lines = (proc.stderr + proc.stdout).strip().splitlines()
        print(f"5. {args[0]}: exit {proc.returncode}, {len(lines)} line(s): {lines[0][:110] if lines else ''}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dll", required=True)
    ap.add_argument("--seconds", type=int, default=15)
    ap.add_argument("--no-mount", action="store_true")
    a = ap.parse_args()
    work = tempfile.mkdtemp(prefix="fakes3-probe-")
    try:
        listing(a.dll, work)
        nul_key(a.dll, work)
        race(a.dll, work, a.seconds)
        if not a.no_mount:
            disk_full(a.dll, work)
        bad_files(a.dll, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
