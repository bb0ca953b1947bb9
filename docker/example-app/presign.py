"""The compose example's app: stores an object through FakeS3's inside name (S3_ENDPOINT) and prints URLs
presigned for the name the host uses (S3_PUBLIC_ENDPOINT), which a browser or curl on the host can fetch.
Signing is local, so the public client never needs to reach that name itself."""
import json
import os

import boto3
from botocore.config import Config

bucket = os.environ.get("S3_BUCKET", "uploads")
config = Config(signature_version="s3v4", s3={"addressing_style": "path"})


def client(endpoint):
    return boto3.client("s3", endpoint_url=endpoint, region_name=os.environ.get("AWS_REGION", "us-east-1"), config=config)


inside = client(os.environ["S3_ENDPOINT"])
public = client(os.environ["S3_PUBLIC_ENDPOINT"])

inside.put_object(Bucket=bucket, Key="hello.txt", Body=b"hello from the app\n")
print(json.dumps({
    "get": public.generate_presigned_url("get_object", Params={"Bucket": bucket, "Key": "hello.txt"}, ExpiresIn=3600),
    "put": public.generate_presigned_url("put_object", Params={"Bucket": bucket, "Key": "from-host.txt"}, ExpiresIn=3600),
    "post": public.generate_presigned_post(bucket, "uploads/${filename}",
                                           Conditions=[["starts-with", "$key", "uploads/"],
                                                       ["content-length-range", 0, 1048576]], ExpiresIn=3600),
}, indent=2), flush=True)
