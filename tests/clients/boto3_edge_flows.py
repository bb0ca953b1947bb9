#!/usr/bin/env python3
"""boto3 on FakeS3's edge paths (issue 12): keep-alive after early rejections (Expect: 100-continue), every bucket
operation with a SigV2 client (signature_version='s3'), re-creating your own bucket in us-east-1, ListBuckets
pagination, ListObjectsV2 with an empty continuation token. Env: FAKES3_ENDPOINT, FAKES3_ACCESS_KEY,
FAKES3_SECRET_KEY, FAKES3_REGION (us-east-1). Exits non-zero on the first failed check; prints every check."""
import json
import urllib.request
import os
import sys
import uuid

import boto3
from botocore.client import Config
from botocore.exceptions import ClientError

ENDPOINT = os.environ.get("FAKES3_ENDPOINT", "http://127.0.0.1:4568")
REGION = os.environ.get("FAKES3_REGION", "us-east-1")
KEYS = dict(aws_access_key_id=os.environ.get("FAKES3_ACCESS_KEY", "fakes3"),
            aws_secret_access_key=os.environ.get("FAKES3_SECRET_KEY", "fakes3secret"))
RUN = uuid.uuid4().hex[:8]
# No retries: a poisoned connection must show as a failure, not be hidden by a retry on a fresh one.
NO_RETRY = dict(retries={"max_attempts": 1, "mode": "standard"})

s3 = boto3.client("s3", endpoint_url=ENDPOINT, region_name=REGION, config=Config(**NO_RETRY), **KEYS)
v2 = boto3.client("s3", endpoint_url=ENDPOINT, region_name=REGION, config=Config(signature_version="s3", **NO_RETRY), **KEYS)
created = []

sent = []
s3.meta.events.register("before-send.s3.*", lambda request, **_: sent.append(dict(request.headers)))


def check(ok, what, detail=""):
    if not ok:
        print(f"FAIL {what}{': ' + str(detail) if detail else ''}", file=sys.stderr)
        raise SystemExit(1)
    print(f"ok   {what}")


def error_code(call):
    try:
        call()
    except ClientError as e:
        return e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"]
    return None, 200


def expect_header_of_last():
    h = {k.lower(): v for k, v in sent[-1].items()}
    v = h.get("expect", b"")
    return v.decode() if isinstance(v, bytes) else v


def keep_alive_after_early_rejections(bucket):
    for size in (1024, 1024 * 1024):
        body = os.urandom(size)
        code, status = error_code(lambda: s3.put_object(Bucket=f"missing-{RUN}", Key="k", Body=body))
        check(code == "NoSuchBucket" and status == 404, f"put_object {size} B to a missing bucket: 404 NoSuchBucket", (code, status))
        check(expect_header_of_last() == "100-continue", "boto3 sent Expect: 100-continue", sent[-1])
        s3.put_object(Bucket=bucket, Key=f"after-{size}", Body=body)
        check(s3.get_object(Bucket=bucket, Key=f"after-{size}")["Body"].read() == body,
              f"same client: the next put_object ({size} B) succeeds and stores its own body")
        bad = boto3.client("s3", endpoint_url=ENDPOINT, region_name=REGION, config=Config(**NO_RETRY),
                           aws_access_key_id=KEYS["aws_access_key_id"], aws_secret_access_key="wrong-secret")
        code, status = error_code(lambda: bad.put_object(Bucket=bucket, Key="k", Body=body))
        check(code == "SignatureDoesNotMatch", f"wrong secret ({size} B): 403 SignatureDoesNotMatch", (code, status))
        code, _ = error_code(lambda: bad.list_buckets())
        check(code == "SignatureDoesNotMatch", "that client's next request is answered (not a reset or a bare 400)", code)

    upload = s3.create_multipart_upload(Bucket=bucket, Key="mp")["UploadId"]
    part = os.urandom(5 * 1024 * 1024)
    code, status = error_code(lambda: s3.upload_part(Bucket=bucket, Key="mp", UploadId="no-such-upload", PartNumber=1, Body=part))
    check(code == "NoSuchUpload" and status == 404, "upload_part to an unknown upload: 404 NoSuchUpload", (code, status))
    etag = s3.upload_part(Bucket=bucket, Key="mp", UploadId=upload, PartNumber=1, Body=part)["ETag"]
    s3.complete_multipart_upload(Bucket=bucket, Key="mp", UploadId=upload,
                                 MultipartUpload={"Parts": [{"ETag": etag, "PartNumber": 1}]})
    check(s3.get_object(Bucket=bucket, Key="mp")["Body"].read() == part, "same client: the next upload_part and complete succeed")


def sigv2_bucket_operations():
    bucket = f"edge-v2-{RUN}"
    v2.create_bucket(Bucket=bucket)
    created.append(bucket)
    check(True, "SigV2 create_bucket")
    v2.head_bucket(Bucket=bucket)
    check(True, "SigV2 head_bucket")
    check(bucket in [b["Name"] for b in v2.list_buckets()["Buckets"]], "SigV2 list_buckets")
    check(v2.get_bucket_location(Bucket=bucket).get("LocationConstraint") in (None, ""), "SigV2 get_bucket_location")
    v2.put_object(Bucket=bucket, Key="a b+c.txt", Body=b"v2 body")
    check(v2.get_object(Bucket=bucket, Key="a b+c.txt")["Body"].read() == b"v2 body", "SigV2 put_object / get_object")
    check([o["Key"] for o in v2.list_objects(Bucket=bucket)["Contents"]] == ["a b+c.txt"], "SigV2 list_objects")
    check(v2.list_objects_v2(Bucket=bucket)["KeyCount"] == 1, "SigV2 list_objects_v2")
    check("Versions" in v2.list_object_versions(Bucket=bucket), "SigV2 list_object_versions")
    check("Status" not in v2.get_bucket_versioning(Bucket=bucket), "SigV2 get_bucket_versioning")
    v2.put_bucket_acl(Bucket=bucket, ACL="private")
    acl = v2.get_bucket_acl(Bucket=bucket)
    check(acl["Grants"][0]["Permission"] == "FULL_CONTROL", "SigV2 put_bucket_acl / get_bucket_acl")
    code, status = error_code(lambda: v2.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"}))
    check(code == "NotImplemented" and status == 501, "SigV2 put_bucket_versioning is signed correctly (501 NotImplemented, not 403)", (code, status))
    rules = [{"AllowedMethods": ["GET", "PUT"], "AllowedOrigins": ["https://example.test"], "AllowedHeaders": ["*"], "MaxAgeSeconds": 60}]
    v2.put_bucket_cors(Bucket=bucket, CORSConfiguration={"CORSRules": rules})
    check(v2.get_bucket_cors(Bucket=bucket)["CORSRules"][0]["AllowedOrigins"] == ["https://example.test"], "SigV2 put/get_bucket_cors")
    v2.delete_bucket_cors(Bucket=bucket)
    code, _ = error_code(lambda: v2.get_bucket_cors(Bucket=bucket))
    check(code == "NoSuchCORSConfiguration", "SigV2 delete_bucket_cors", code)
    check(v2.list_multipart_uploads(Bucket=bucket).get("Uploads", []) == [], "SigV2 list_multipart_uploads")
    deleted = v2.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": "a b+c.txt"}]})
    check([d["Key"] for d in deleted["Deleted"]] == ["a b+c.txt"], "SigV2 delete_objects (?delete)")
    v2.delete_bucket(Bucket=bucket)
    created.remove(bucket)
    code, _ = error_code(lambda: v2.head_bucket(Bucket=bucket))
    check(code == "404", "SigV2 delete_bucket", code)
    # A presigned bucket-level URL (SigV2 query auth) lists the bucket too.
    url = v2.generate_presigned_url("list_objects", Params={"Bucket": f"edge-s3-{RUN}"}, ExpiresIn=60)

    with urllib.request.urlopen(url) as r:
        check(r.status == 200 and b"<ListBucketResult" in r.read(), "SigV2 presigned list_objects URL")


def recreate_own_bucket(bucket):
    r = s3.create_bucket(Bucket=bucket)
    check(r["ResponseMetadata"]["HTTPStatusCode"] == 200, "re-creating your own bucket in us-east-1 answers 200 OK")
    check(s3.list_objects_v2(Bucket=bucket)["KeyCount"] > 0, "the re-created bucket keeps its objects")


def list_buckets_pagination():
    names = [f"edge-page-{RUN}-{i}" for i in range(3)]
    for n in names:
        s3.create_bucket(Bucket=n)
        created.append(n)
    prefix = f"edge-page-{RUN}-"
    first = s3.list_buckets(MaxBuckets=2, Prefix=prefix)
    check([b["Name"] for b in first["Buckets"]] == names[:2] and first.get("ContinuationToken") and first.get("Prefix") == prefix,
          "list_buckets MaxBuckets=2 Prefix: two buckets, a ContinuationToken, the Prefix echoed", {k: first.get(k) for k in ("ContinuationToken", "Prefix")})
    second = s3.list_buckets(MaxBuckets=2, Prefix=prefix, ContinuationToken=first["ContinuationToken"])
    check([b["Name"] for b in second["Buckets"]] == names[2:] and "ContinuationToken" not in second,
          "list_buckets with the ContinuationToken: the rest, no further token", second.get("ContinuationToken"))
    pages = s3.get_paginator("list_buckets").paginate(Prefix=prefix, PaginationConfig={"PageSize": 1})
    check([b["Name"] for p in pages for b in p["Buckets"]] == names, "the list_buckets paginator walks every bucket one page at a time")
    check(s3.list_buckets(Prefix=prefix, BucketRegion=REGION)["Buckets"][0]["BucketRegion"] == REGION, "list_buckets BucketRegion filter")
    check(s3.list_buckets(Prefix=prefix, BucketRegion="eu-west-3")["Buckets"] == [], "list_buckets in another region: none")


def list_objects_v2_empty_token(bucket):
    r = s3.list_objects_v2(Bucket=bucket, ContinuationToken="")
    check(r["KeyCount"] > 0 and r.get("ContinuationToken") == "", "list_objects_v2 ContinuationToken='' lists from the start and echoes it empty",
          json.dumps({k: r.get(k) for k in ("KeyCount", "ContinuationToken")}))


def main():
    bucket = f"edge-s3-{RUN}"
    s3.create_bucket(Bucket=bucket)
    created.append(bucket)
    keep_alive_after_early_rejections(bucket)
    sigv2_bucket_operations()
    recreate_own_bucket(bucket)
    list_buckets_pagination()
    list_objects_v2_empty_token(bucket)


def cleanup():
    for b in created:
        try:
            for o in s3.list_objects_v2(Bucket=b).get("Contents", []):
                s3.delete_object(Bucket=b, Key=o["Key"])
            for u in s3.list_multipart_uploads(Bucket=b).get("Uploads", []):
                s3.abort_multipart_upload(Bucket=b, Key=u["Key"], UploadId=u["UploadId"])
            s3.delete_bucket(Bucket=b)
        except Exception as e:  # noqa: BLE001 - cleanup must not hide the result
            print(f"cleanup {b}: {e}", file=sys.stderr)


if __name__ == "__main__":
    try:
        main()
        print("boto3 edge flows: all checks passed")
    finally:
        cleanup()
