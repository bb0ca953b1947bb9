"""What boto3 (legacy, standard, adaptive retries) and the AWS CLI show for FakeS3's full disk (503 ServiceUnavailable).

python3 tests/reliability/disk_full_clients.py <FakeS3.dll>   (root: mounts a 24 MiB tmpfs; traffic to 127.0.0.1 only)
Each client must retry the 503 and then surface FakeS3's message that the disk is full.
"""
import os, socket, subprocess, sys, time, tempfile, boto3, botocore
from botocore.config import Config
mnt = tempfile.mkdtemp(prefix="i11b-mnt-")
if subprocess.call(["mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", mnt]) != 0:
    print("SKIPPED: cannot mount a tmpfs here"); sys.exit(0)
s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close()
p = subprocess.Popen(["dotnet", sys.argv[1], "--urls", f"http://127.0.0.1:{port}", f"--FakeS3:DataPath={mnt}/fakes3.db",
                      "--FakeS3:Credentials:0:AccessKeyId=fakes3", "--FakeS3:Credentials:0:SecretAccessKey=fakes3secret"],
                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
try:
    for _ in range(100):
        try: socket.create_connection(("127.0.0.1", port), 0.2).close(); break
        except OSError: time.sleep(0.2)
    open(f"{mnt}/filler", "wb").write(b"\0" * 8 * 1024 * 1024)
    for mode in ("legacy", "standard", "adaptive"):
        s3 = boto3.client("s3", endpoint_url=f"http://127.0.0.1:{port}", aws_access_key_id="fakes3", aws_secret_access_key="fakes3secret",
                          region_name="us-east-1", config=Config(retries={"mode": mode}, s3={"addressing_style": "path"}))
        try: s3.create_bucket(Bucket="full")
        except Exception: pass
        i = 0
        while True:
            t = time.time()
            try:
                s3.put_object(Bucket="full", Key=f"{mode}{i}", Body=os.urandom(1024 * 1024)); i += 1
            except botocore.exceptions.ClientError as e:
                r = e.response
                assert r["ResponseMetadata"]["HTTPStatusCode"] == 503 and "disk holding its data file is full" in str(e), e
                print(f"boto3 {botocore.__version__} retries={mode}: after {i} x 1 MiB: HTTP {r['ResponseMetadata']['HTTPStatusCode']} "
                      f"{r['Error']['Code']} attempts={r['ResponseMetadata'].get('RetryAttempts')} in {time.time()-t:.1f}s\n  str(e)={e}")
                break
        for k in range(i): s3.delete_object(Bucket="full", Key=f"{mode}{k}")
    cli = subprocess.run(["aws", "--endpoint-url", f"http://127.0.0.1:{port}", "s3", "cp", "-", "s3://full/cli"], input=os.urandom(30 * 1024 * 1024),
                         capture_output=True, env={**os.environ, "AWS_ACCESS_KEY_ID": "fakes3", "AWS_SECRET_ACCESS_KEY": "fakes3secret", "AWS_DEFAULT_REGION": "us-east-1"})
    print("aws cli s3 cp (30 MiB):", cli.returncode, cli.stderr.decode().strip()[-400:])
finally:
    p.kill(); p.wait()
    subprocess.call(["umount", "-l", mnt])
