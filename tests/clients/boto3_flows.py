#!/usr/bin/env python3
"""Core FakeS3 flows with boto3 (default settings; SigV4 presigning via Config(signature_version='s3v4'),
plus boto3's default SigV2 presigning). Env: FAKES3_ENDPOINT, FAKES3_ACCESS_KEY, FAKES3_SECRET_KEY, FAKES3_REGION.
Exits non-zero on the first failed check; prints every check."""
import os
import re
import sys
import time
import uuid
import urllib.error
import urllib.request

import boto3
from boto3.s3.transfer import TransferConfig
from botocore.client import Config

ENDPOINT = os.environ.get("FAKES3_ENDPOINT", "http://127.0.0.1:4568")
REGION = os.environ.get("FAKES3_REGION", "us-east-1")
KEYS = dict(aws_access_key_id=os.environ.get("FAKES3_ACCESS_KEY", "fakes3"),
            aws_secret_access_key=os.environ.get("FAKES3_SECRET_KEY", "fakes3secret"))
BUCKET = f"boto3-flows-{uuid.uuid4().hex[:10]}"
FILE_TEXT = b"My test put/get/post"

s3 = boto3.client("s3", endpoint_url=ENDPOINT, region_name=REGION, **KEYS)  # defaults
s3v4 = boto3.client("s3", endpoint_url=ENDPOINT, region_name=REGION, config=Config(signature_version="s3v4"), **KEYS)

sent = {}
s3.meta.events.register("before-send.s3.*", lambda request, **_: sent.update(headers=dict(request.headers)))


def check(ok, what, detail=""):
    if not ok:
        print(f"FAIL {what}{': ' + str(detail) if detail else ''}", file=sys.stderr)
        raise SystemExit(1)
    print(f"ok   {what}")


def http(method, url, body=None, headers=None):
    req = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def post_form(presigned, fields, filename, content):
    boundary = uuid.uuid4().hex
    parts = []
    for k, v in {**presigned["fields"], **fields}.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode())
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'
                 f'Content-Type: text/plain\r\n\r\n'.encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return http("POST", presigned["url"], b"".join(parts), {"Content-Type": f"multipart/form-data; boundary={boundary}"})


def body_of(key):
    return s3.get_object(Bucket=BUCKET, Key=key)["Body"].read()


def main():
    s3.create_bucket(Bucket=BUCKET)
    check(True, f"create_bucket {BUCKET}")

    # PutObject with default checksums (botocore >= 1.36: CRC32; over http the body is signed and the checksum is a header)
    s3.put_object(Bucket=BUCKET, Key="hello.txt", Body=b"hello world")
    h = {k.lower(): v for k, v in sent.get("headers", {}).items()}
    check(h.get("x-amz-checksum-crc32") in ("DUoRhQ==", b"DUoRhQ=="), "put_object sent x-amz-checksum-crc32 by default", h.get("x-amz-checksum-crc32"))
    check(body_of("hello.txt") == b"hello world", "get_object returns the body")
    head = s3.head_object(Bucket=BUCKET, Key="hello.txt", ChecksumMode="ENABLED")
    check(head.get("ChecksumCRC32") == "DUoRhQ==", "head_object ChecksumMode=ENABLED returns the CRC32", head.get("ChecksumCRC32"))

    # Presigned PUT and GET, SigV4 (the seed article's client)
    put_url = s3v4.generate_presigned_url("put_object", Params={"Bucket": BUCKET, "Key": "mytest/presigned_put.txt"}, ExpiresIn=60)
    check("X-Amz-Signature=" in put_url, "s3v4 presigned PUT URL is SigV4")
    status, body = http("PUT", put_url, FILE_TEXT)
    check(status == 200 and body == b"", "presigned PUT answers 200 with an empty body", (status, body))
    get_url = s3v4.generate_presigned_url("get_object", Params={"Bucket": BUCKET, "Key": "mytest/presigned_put.txt"}, ExpiresIn=60)
    status, body = http("GET", get_url)
    check(status == 200 and body == FILE_TEXT, "presigned GET returns the body", (status, body))
    status, body = http("GET", re.sub(r"X-Amz-Signature=[0-9a-f]{4}", "X-Amz-Signature=0000", get_url))
    check(status == 403 and b"<Code>SignatureDoesNotMatch</Code>" in body, "tampered presigned GET is rejected", (status, body[:200]))
    short = s3v4.generate_presigned_url("get_object", Params={"Bucket": BUCKET, "Key": "mytest/presigned_put.txt"}, ExpiresIn=1)
    time.sleep(2.1)
    status, body = http("GET", short)
    check(status == 403 and b"<Message>Request has expired</Message>" in body, "expired presigned GET is rejected", (status, body[:300]))

    # boto3's default presigning (SigV2 in us-east-1)
    v2_url = s3.generate_presigned_url("get_object", Params={"Bucket": BUCKET, "Key": "hello.txt"}, ExpiresIn=60)
    status, body = http("GET", v2_url)
    check(status == 200 and body == b"hello world", f"default-config presigned GET ({'SigV2' if 'AWSAccessKeyId=' in v2_url else 'SigV4'}) works", (status, body[:200]))

    # POST policy: the seed article's flow and its rejections
    prefix = "mytest/"
    post = s3v4.generate_presigned_post(BUCKET, prefix + "${filename}", Conditions=[["starts-with", "$key", prefix]], ExpiresIn=60)
    for name in ("post_test1.txt", "post_test2.txt"):
        status, body = post_form(post, {"key": prefix + name}, "test.txt", FILE_TEXT)
        check(status == 204, f"POST {prefix}{name} answers 204", (status, body))
        check(body_of(prefix + name) == FILE_TEXT, f"{prefix}{name} holds the file")
    status, body = post_form(post, {"key": "test/post_test4.txt"}, "test.txt", FILE_TEXT)
    check(status == 403 and b'Policy Condition failed: ["starts-with", "$key", "mytest/"]' in body, "POST outside the prefix is rejected", (status, body))
    sized = s3v4.generate_presigned_post(BUCKET, "sized.txt", Conditions=[["content-length-range", 1, 10]], ExpiresIn=60)
    status, body = post_form(sized, {}, "big.txt", b"x" * 100)
    check(status == 400 and b"<Code>EntityTooLarge</Code>" in body, "POST above content-length-range is rejected", (status, body))
    late = s3v4.generate_presigned_post(BUCKET, prefix + "post_test3.txt", ExpiresIn=1)
    time.sleep(2.1)
    status, body = post_form(late, {}, "test.txt", FILE_TEXT)
    check(status == 403 and b"Invalid according to Policy: Policy expired." in body, "POST after expiry is rejected", (status, body))

    # Multipart upload through the transfer manager (threshold 5 MiB)
    data = os.urandom(6 * 1024 * 1024)
    path = f"/tmp/{BUCKET}.bin"
    with open(path, "wb") as f:
        f.write(data)
    try:
        s3.upload_file(path, BUCKET, "multipart.bin", Config=TransferConfig(multipart_threshold=5 * 1024 * 1024, multipart_chunksize=5 * 1024 * 1024))
    finally:
        os.remove(path)
    head = s3.head_object(Bucket=BUCKET, Key="multipart.bin")
    check(head["ETag"].endswith('-2"'), "upload_file used a 2-part multipart upload", head["ETag"])
    check(body_of("multipart.bin") == data, "multipart object round-trips")


def cleanup():
    try:
        for o in s3.list_objects_v2(Bucket=BUCKET).get("Contents", []):
            s3.delete_object(Bucket=BUCKET, Key=o["Key"])
        s3.delete_bucket(Bucket=BUCKET)
    except Exception as e:  # noqa: BLE001 - cleanup must not hide the result
        print(f"cleanup: {e}", file=sys.stderr)


if __name__ == "__main__":
    try:
        main()
        print("boto3 flows: all checks passed")
    finally:
        cleanup()
