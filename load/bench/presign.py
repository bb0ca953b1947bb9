#!/usr/bin/env python3
"""Prepares the wrk part of load/compare.sh against one S3 endpoint, signing with boto3 (s3v4, path style).

Creates the bucket, a 4 KiB object and a 64 MiB one, then writes into OUT_DIR:
  get.url       presigned GET of the 4 KiB object
  large.url     presigned GET of the 64 MiB object (key under "large-get/": load/baseline answers 64 MiB there)
  put.url       presigned PUT of one key (wrk PUTs 64 KiB to it repeatedly)
  post.url      the form action (bucket URL)
  post.body     a complete multipart/form-data body: policy fields, key, then a 4 KiB file part
  post.boundary its boundary
"""
import os
import sys

import boto3
from botocore.config import Config


def main(endpoint, bucket, out_dir, access_key, secret_key, region):
    s3 = boto3.client(
        "s3", endpoint_url=endpoint, aws_access_key_id=access_key, aws_secret_access_key=secret_key,
        region_name=region, config=Config(signature_version="s3v4", s3={"addressing_style": "path"},
                                          retries={"max_attempts": 1},
                                          # plain bodies (no aws-chunked framing): the same upload for every server
                                          request_checksum_calculation="when_required"))
    try:
        s3.create_bucket(Bucket=bucket)
    except s3.exceptions.BucketAlreadyOwnedByYou:
        pass
    small = bytes((i * 31 + 7) % 251 for i in range(4096))
    s3.put_object(Bucket=bucket, Key="bench/get-4k", Body=small)
    s3.put_object(Bucket=bucket, Key="bench/large-get/64m", Body=bytes(range(256)) * (256 * 1024))
    os.makedirs(out_dir, exist_ok=True)

    def write(name, text):
        with open(os.path.join(out_dir, name), "w") as f:
            f.write(text + "\n")

    write("get.url", s3.generate_presigned_url("get_object", Params={"Bucket": bucket, "Key": "bench/get-4k"}, ExpiresIn=3600))
    write("large.url", s3.generate_presigned_url("get_object", Params={"Bucket": bucket, "Key": "bench/large-get/64m"}, ExpiresIn=3600))
    write("put.url", s3.generate_presigned_url("put_object", Params={"Bucket": bucket, "Key": "bench/put-64k"}, ExpiresIn=3600))
    post = s3.generate_presigned_post(
        bucket, "bench/post/${filename}",
        Conditions=[["starts-with", "$key", "bench/post/"], ["content-length-range", 0, 8192]], ExpiresIn=3600)
    write("post.url", post["url"])
    boundary = "----fakes3bench7d1c0b9e"
    fields = dict(post["fields"])
    fields["key"] = "bench/post/wrk"
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="wrk.bin"\r\n'
                 f'Content-Type: application/octet-stream\r\n\r\n'.encode() + small + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    with open(os.path.join(out_dir, "post.body"), "wb") as f:
        f.write(b"".join(parts))
    write("post.boundary", boundary)


if __name__ == "__main__":
    if len(sys.argv) != 7:
        sys.exit("usage: presign.py ENDPOINT BUCKET OUT_DIR ACCESS_KEY SECRET_KEY REGION")
    main(*sys.argv[1:])
