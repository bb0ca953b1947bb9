using Amazon.S3.Model;
using FakeS3.Tests.Infrastructure;

namespace FakeS3.Tests.Http;

/// <summary>
/// Issue 12 items 7 and 8 through boto3's own POST signer (botocore.auth.S3SigV4PostAuth signs whatever policy
/// dict it is given, so policies of any shape are signed exactly as a real client would sign them).
/// </summary>
public sealed class PostPolicyShapeTests
{
    const string Prelude = """
        import base64, datetime, hashlib, json, os, boto3, requests, zlib
        from botocore.auth import S3SigV4PostAuth
        from botocore.awsrequest import AWSRequest
        from botocore.config import Config
        ENDPOINT = os.environ["FAKES3_ENDPOINT"]
        c = boto3.client("s3", endpoint_url=ENDPOINT, region_name="us-east-1", config=Config(signature_version="s3v4"))
        creds = c._request_signer._credentials

        def sign(bucket, policy, fields):
            req = AWSRequest(method="POST", url=f"{ENDPOINT}/{bucket}")
            req.context["s3-presign-post-fields"] = dict(fields)
            req.context["s3-presign-post-policy"] = policy
            S3SigV4PostAuth(creds, "s3", "us-east-1").add_auth(req)
            return req.context["s3-presign-post-fields"]

        def expires():
            return (datetime.datetime.utcnow() + datetime.timedelta(minutes=10)).strftime("%Y-%m-%dT%H:%M:%SZ")

        def post(bucket, fields, body=b"bar"):
            return requests.post(f"{ENDPOINT}/{bucket}", data=fields, files={"file": ("f.txt", body)})

        """;

    [Fact]
    public async Task Boto3Signed_TopLevelKeysAreCaseSensitive_OperatorsAndFieldNamesAreNot()
    {
        await using var s3 = await TestFakeS3.StartAsync();
        using var client = s3.CreateS3Client();
        await client.PutBucketAsync("shape");
        var (exit, output) = await ExternalTool.PythonAsync(Prelude + """
            conds = [{"bUcKeT": "shape"}, ["StArTs-WiTh", "$KeY", "foo"], {"AcL": "private"},
                     ["StArTs-WiTh", "$CoNtEnT-TyPe", "text/plain"], ["CoNtEnT-LeNgTh-RaNgE", 0, 1024]]
            fields = {"kEy": "foo.txt", "aCl": "private", "Content-Type": "text/plain"}
            r = post("shape", sign("shape", {"expiration": expires(), "conditions": list(conds)}, fields))
            assert r.status_code == 204, ("mixed-case operators and names", r.status_code, r.text)

            # A failed mixed-case condition is printed as the policy spelled it.
            bad = sign("shape", {"expiration": expires(), "conditions": list(conds)}, {**fields, "kEy": "bar.txt"})
            r = post("shape", bad)
            assert r.status_code == 403 and '["StArTs-WiTh", "$KeY", "foo"]' in r.text, r.text

            # botocore appends its x-amz-* conditions under "conditions"; the upper-case members stay unknown.
            r = post("shape", sign("shape", {"EXPIRATION": expires(), "conditions": list(conds)}, fields))
            assert r.status_code == 400 and "<Code>InvalidPolicyDocument</Code>" in r.text, r.text
            assert "Invalid Policy: Unexpected: &apos;expiration&apos;" in r.text or "Invalid Policy: Unexpected: 'expiration'" in r.text, r.text
            r = post("shape", sign("shape", {"expiration": expires(), "CONDITIONS": list(conds)}, fields))
            assert r.status_code == 400 and "Unexpected: " in r.text and "conditions" in r.text, r.text
            print("ok")
            """, s3);
        Assert.True(exit == 0, output);
        var head = await client.GetObjectMetadataAsync("shape", "foo.txt");
        Assert.Equal(3, head.ContentLength);
    }

    [Fact]
    public async Task Boto3Signed_ChecksumFields_VerifiedStoredReturned_WrongValueNotStored()
    {
        await using var s3 = await TestFakeS3.StartAsync();
        using var client = s3.CreateS3Client();
        await client.PutBucketAsync("sums");
        var (exit, output) = await ExternalTool.PythonAsync(Prelude + """
            body = b"x" * 70000
            sha = base64.b64encode(hashlib.sha256(body).digest()).decode()
            crc = base64.b64encode(zlib.crc32(body).to_bytes(4, "big")).decode()
            def policy(extra):
                return {"expiration": expires(), "conditions": [{"bucket": "sums"}, ["starts-with", "$key", "k"]] + extra}

            f = sign("sums", policy([["starts-with", "$x-amz-checksum-sha256", ""]]), {"key": "k-sha", "x-amz-checksum-sha256": sha})
            r = post("sums", f, body)
            assert r.status_code == 204, (r.status_code, r.text)
            assert r.headers.get("x-amz-checksum-sha256") == sha and r.headers.get("x-amz-checksum-type") == "FULL_OBJECT", r.headers
            got = c.get_object(Bucket="sums", Key="k-sha", ChecksumMode="ENABLED")
            assert got["ChecksumSHA256"] == sha and got["Body"].read() == body, got

            f = sign("sums", policy([{"x-amz-checksum-algorithm": "CRC32"}, {"x-amz-checksum-crc32": crc}]),
                     {"key": "k-crc", "x-amz-checksum-algorithm": "CRC32", "x-amz-checksum-crc32": crc})
            r = post("sums", f, body)
            assert r.status_code == 204 and r.headers.get("x-amz-checksum-crc32") == crc, (r.status_code, r.text, r.headers)
            assert c.head_object(Bucket="sums", Key="k-crc", ChecksumMode="ENABLED")["ChecksumCRC32"] == crc

            wrong = base64.b64encode(hashlib.sha256(b"other").digest()).decode()
            f = sign("sums", policy([["starts-with", "$x-amz-checksum-sha256", ""]]), {"key": "k-bad", "x-amz-checksum-sha256": wrong})
            r = post("sums", f, body)
            assert r.status_code == 400 and "<Code>BadDigest</Code>" in r.text, r.text
            assert "The SHA256 you specified did not match the calculated checksum." in r.text, r.text
            try:
                c.head_object(Bucket="sums", Key="k-bad"); raise SystemExit("k-bad was stored")
            except c.exceptions.ClientError as e:
                assert e.response["Error"]["Code"] == "404", e.response

            # The checksum field is a form field like any other: without a condition it is an extra input field.
            f = sign("sums", policy([]), {"key": "k-uncovered", "x-amz-checksum-sha256": sha})
            r = post("sums", f, body)
            assert r.status_code == 403 and "Extra input fields: x-amz-checksum-sha256" in r.text, r.text
            print("ok")
            """, s3);
        Assert.True(exit == 0, output);
        var list = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = "sums" });
        Assert.Equal(["k-crc", "k-sha"], list.S3Objects.Select(o => o.Key).Order().ToArray());
    }

    [Fact]
    public async Task Boto3Signed_ChecksumAlgorithmField_MustNameTheValueFieldSent()
    {
        await using var s3 = await TestFakeS3.StartAsync();
        using var client = s3.CreateS3Client();
        await client.PutBucketAsync("algs");
        var (exit, output) = await ExternalTool.PythonAsync(Prelude + """
            body = b"y" * 5000
            crc = base64.b64encode(zlib.crc32(body).to_bytes(4, "big")).decode()
            def form(key, fields):
                conds = [{"bucket": "algs"}, ["starts-with", "$key", "k"]] + [{k: v} for k, v in fields.items()]
                return sign("algs", {"expiration": expires(), "conditions": conds}, {"key": key, **fields})

            r = post("algs", form("k-other", {"x-amz-checksum-algorithm": "SHA256", "x-amz-checksum-crc32": crc}), body)
            assert r.status_code == 400 and "<Code>InvalidRequest</Code>" in r.text, (r.status_code, r.text)
            assert "<Message>Value for x-amz-checksum-algorithm header is invalid.</Message>" in r.text, r.text

            r = post("algs", form("k-none", {"x-amz-checksum-algorithm": "CRC32"}), body)
            assert r.status_code == 400 and "<Code>InvalidRequest</Code>" in r.text, (r.status_code, r.text)
            assert ("<Message>x-amz-checksum-algorithm specified, but no corresponding x-amz-checksum-* or x-amz-trailer "
                    "headers were found.</Message>") in r.text, r.text

            r = post("algs", form("k-md5", {"x-amz-checksum-algorithm": "MD5", "x-amz-checksum-crc32": crc}), body)
            assert r.status_code == 400 and "Checksum algorithm provided is unsupported." in r.text, (r.status_code, r.text)

            # Lower-case names the same algorithm: accepted.
            r = post("algs", form("k-same", {"x-amz-checksum-algorithm": "crc32", "x-amz-checksum-crc32": crc}), body)
            assert r.status_code == 204 and r.headers.get("x-amz-checksum-crc32") == crc, (r.status_code, r.text)
            print("ok")
            """, s3);
        Assert.True(exit == 0, output);
        var list = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = "algs" });
        Assert.Equal(["k-same"], list.S3Objects.Select(o => o.Key).ToArray());
    }
}
