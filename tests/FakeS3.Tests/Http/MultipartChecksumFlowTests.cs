using Amazon.S3;
using Amazon.S3.Model;
using Amazon.S3.Transfer;
using FakeS3.Checksums;
using FakeS3.Tests.Infrastructure;

namespace FakeS3.Tests.Http;

/// <summary>
/// Issue 12 item 10: objects completed from parts carry S3's COMPOSITE or FULL_OBJECT checksum, verified at
/// CompleteMultipartUpload, and the SDKs' default download validation accepts them (AWSSDK.S3 and boto3 defaults).
/// </summary>
public sealed class MultipartChecksumFlowTests
{
    const int MiB = 1024 * 1024;

    static byte[] Data(int size, int seed)
    {
        var data = new byte[size];
        new Random(seed).NextBytes(data);
        return data;
    }

    [Fact]
    public async Task Sdk_TransferUtility_UploadThenDefaultValidatedDownload_CarriesTheObjectChecksum()
    {
        await using var s3 = await TestFakeS3.StartAsync();
        using var client = s3.CreateS3Client();
        await client.PutBucketAsync("mpu");
        var data = Data(17 * MiB + 17, 1); // above TransferUtility's 16 MiB multipart threshold: 4 parts of 5 MiB
        using var transfer = new TransferUtility(client);
        await transfer.UploadAsync(new TransferUtilityUploadRequest { BucketName = "mpu", Key = "big.bin", InputStream = new MemoryStream(data), PartSize = 5 * MiB });

        var head = await client.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = "mpu", Key = "big.bin", ChecksumMode = ChecksumMode.ENABLED });
        Assert.EndsWith("-4\"", head.ETag); // it really was a multipart upload
        var (algorithm, value) = ObjectChecksum(head);
        Assert.NotNull(value);
        if (head.ChecksumType == ChecksumType.FULL_OBJECT)
        {
            Assert.Equal(ChecksumCalculator.Compute(algorithm, data), value);
        }
        else
        {
            Assert.Equal(ChecksumType.COMPOSITE, head.ChecksumType);
            Assert.EndsWith("-4", value);
        }

        // The SDK validates the response checksum by default while the stream is read; a wrong value throws.
        using (var get = await client.GetObjectAsync(new GetObjectRequest { BucketName = "mpu", Key = "big.bin", ChecksumMode = ChecksumMode.ENABLED }))
        using (var copy = new MemoryStream())
        {
            await get.ResponseStream.CopyToAsync(copy);
            Assert.Equal(data, copy.ToArray());
        }
        var path = Path.Combine(Path.GetTempPath(), "fakes3-mpu-" + Guid.NewGuid().ToString("N"));
        try
        {
            await transfer.DownloadAsync(new TransferUtilityDownloadRequest { BucketName = "mpu", Key = "big.bin", FilePath = path });
            Assert.Equal(data, await File.ReadAllBytesAsync(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("CRC32", "FULL_OBJECT")]
    [InlineData("CRC32C", "FULL_OBJECT")]
    [InlineData("CRC64NVME", "FULL_OBJECT")]
    [InlineData("CRC32", "COMPOSITE")]
    [InlineData("SHA256", "COMPOSITE")]
    public async Task Sdk_ExplicitAlgorithmAndType_ObjectChecksumValidatesOnDownload(string algorithmName, string typeName)
    {
        await using var s3 = await TestFakeS3.StartAsync();
        using var client = s3.CreateS3Client();
        await client.PutBucketAsync("mpu");
        var algorithm = new Amazon.S3.ChecksumAlgorithm(algorithmName);
        var create = await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest
        {
            BucketName = "mpu", Key = "k", ChecksumAlgorithm = algorithm, ChecksumType = new ChecksumType(typeName),
        });
        Assert.Equal(typeName, create.ChecksumType?.Value);
        var parts = new[] { Data(5 * MiB, 2), Data(3 * MiB + 5, 3) };
        var etags = new List<PartETag>();
        for (var i = 0; i < parts.Length; i++)
        {
            var part = await client.UploadPartAsync(new UploadPartRequest
            {
                BucketName = "mpu", Key = "k", UploadId = create.UploadId, PartNumber = i + 1, InputStream = new MemoryStream(parts[i]),
                ChecksumAlgorithm = algorithm,
            });
            etags.Add(new PartETag
            {
                PartNumber = i + 1, ETag = part.ETag, ChecksumCRC32 = part.ChecksumCRC32, ChecksumCRC32C = part.ChecksumCRC32C,
                ChecksumCRC64NVME = part.ChecksumCRC64NVME, ChecksumSHA1 = part.ChecksumSHA1, ChecksumSHA256 = part.ChecksumSHA256,
            });
        }
        var complete = await client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = "mpu", Key = "k", UploadId = create.UploadId, PartETags = etags,
        });
        var whole = parts.SelectMany(p => p).ToArray();
        var local = Enum.Parse<FakeS3.Checksums.ChecksumAlgorithm>(algorithmName, ignoreCase: true);
        var expected = typeName == "FULL_OBJECT"
            ? ChecksumCalculator.Compute(local, whole)
            : MultipartChecksum.ComputeComposite(local, parts.Select(p => ChecksumCalculator.Compute(local, p)).ToList());
        Assert.Equal(typeName, complete.ChecksumType?.Value);
        Assert.Equal(expected, ObjectChecksum(complete));

        using var get = await client.GetObjectAsync(new GetObjectRequest { BucketName = "mpu", Key = "k", ChecksumMode = ChecksumMode.ENABLED });
        using var copy = new MemoryStream();
        await get.ResponseStream.CopyToAsync(copy);
        Assert.Equal(whole, copy.ToArray());
        Assert.Equal(typeName, get.ChecksumType?.Value);
        Assert.Equal(expected, ObjectChecksum(get));
    }

    [Fact]
    public async Task Boto3_DefaultSettings_MultipartChecksumsErrorsAndRetries()
    {
        await using var s3 = await TestFakeS3.StartAsync();
        using var client = s3.CreateS3Client();
        var (exit, output) = await ExternalTool.PythonAsync("""
            import base64, os, zlib, boto3, botocore
            from boto3.s3.transfer import TransferConfig
            ENDPOINT = os.environ["FAKES3_ENDPOINT"]
            c = boto3.client("s3", endpoint_url=ENDPOINT, region_name="us-east-1")
            c.create_bucket(Bucket="mpu")
            MiB = 1024 * 1024
            data = os.urandom(11 * MiB + 3)
            crc32 = lambda b: base64.b64encode(zlib.crc32(b).to_bytes(4, "big")).decode()

            def code(fn, **kw):
                try:
                    fn(**kw); return None
                except botocore.exceptions.ClientError as e:
                    return (e.response["Error"]["Code"], e.response["Error"].get("Message"), e.response["ResponseMetadata"]["HTTPStatusCode"])

            # s3transfer defaults: managed multipart upload and a validated download.
            cfg = TransferConfig(multipart_threshold=5 * MiB, multipart_chunksize=5 * MiB)
            with open("/tmp/fakes3-mpu-up.bin", "wb") as f: f.write(data)
            c.upload_file("/tmp/fakes3-mpu-up.bin", "mpu", "managed.bin", Config=cfg)
            c.download_file("mpu", "managed.bin", "/tmp/fakes3-mpu-down.bin", Config=cfg)
            assert open("/tmp/fakes3-mpu-down.bin", "rb").read() == data
            head = c.head_object(Bucket="mpu", Key="managed.bin", ChecksumMode="ENABLED")
            assert head.get("ChecksumType") in ("COMPOSITE", "FULL_OBJECT"), head
            assert c.get_object(Bucket="mpu", Key="managed.bin")["Body"].read() == data

            # FULL_OBJECT CRC32: botocore validates x-amz-checksum-crc32 on get_object by default.
            up = c.create_multipart_upload(Bucket="mpu", Key="full", ChecksumAlgorithm="CRC32", ChecksumType="FULL_OBJECT")
            assert up["ChecksumType"] == "FULL_OBJECT", up
            p1, p2 = data[:5 * MiB], data[5 * MiB:]
            r1 = c.upload_part(Bucket="mpu", Key="full", UploadId=up["UploadId"], PartNumber=1, Body=p1, ChecksumAlgorithm="CRC32")
            r2 = c.upload_part(Bucket="mpu", Key="full", UploadId=up["UploadId"], PartNumber=2, Body=p2, ChecksumAlgorithm="CRC32")
            parts = [{"PartNumber": 1, "ETag": r1["ETag"], "ChecksumCRC32": r1["ChecksumCRC32"]}, {"PartNumber": 2, "ETag": r2["ETag"], "ChecksumCRC32": r2["ChecksumCRC32"]}]
            bad = code(c.complete_multipart_upload, Bucket="mpu", Key="full", UploadId=up["UploadId"], MultipartUpload={"Parts": parts}, ChecksumCRC32=crc32(b"other"))
            assert bad == ("BadDigest", "The crc32 you specified did not match the calculated checksum.", 400), bad
            done = c.complete_multipart_upload(Bucket="mpu", Key="full", UploadId=up["UploadId"], MultipartUpload={"Parts": parts}, ChecksumCRC32=crc32(data))
            assert done["ChecksumCRC32"] == crc32(data) and done["ChecksumType"] == "FULL_OBJECT", done
            got = c.get_object(Bucket="mpu", Key="full")
            assert got["ChecksumCRC32"] == crc32(data) and got["Body"].read() == data, got
            again = c.complete_multipart_upload(Bucket="mpu", Key="full", UploadId=up["UploadId"], MultipartUpload={"Parts": parts})
            assert again["ETag"] == done["ETag"] and again["ChecksumCRC32"] == done["ChecksumCRC32"], (again, done)
            err = code(c.get_object, Bucket="mpu", Key="full", PartNumber=3)
            assert err == ("InvalidPartNumber", "The requested partnumber is not satisfiable", 416), err

            # COMPOSITE CRC32: the complete request must name every part's checksum.
            up = c.create_multipart_upload(Bucket="mpu", Key="comp", ChecksumAlgorithm="CRC32")
            assert up["ChecksumType"] == "COMPOSITE", up
            r1 = c.upload_part(Bucket="mpu", Key="comp", UploadId=up["UploadId"], PartNumber=1, Body=b"small part", ChecksumAlgorithm="CRC32")
            miss = code(c.complete_multipart_upload, Bucket="mpu", Key="comp", UploadId=up["UploadId"], MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": r1["ETag"]}]})
            assert miss == ("InvalidRequest", "The upload was created using a crc32 checksum. The complete request must include the checksum for each part. It was missing for part 1 in the request.", 400), miss
            invalid = code(c.complete_multipart_upload, Bucket="mpu", Key="comp", UploadId=up["UploadId"], MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": r1["ETag"], "ChecksumCRC32": "y/Q5Jh=="}]})
            assert invalid == ("InvalidArgument", "Invalid Base64 or multiple checksums present in request", 400), invalid
            # Answered before the body is read: a client of its own (keep-alive after early answers is issue 12 item 1).
            e = code(boto3.client("s3", endpoint_url=ENDPOINT, region_name="us-east-1").upload_part,
                     Bucket="mpu", Key="comp", UploadId=up["UploadId"], PartNumber=2, Body=b"x", ChecksumCRC32="y/Q5Jh==")
            assert e == ("InvalidRequest", "Value for x-amz-checksum-crc32 header is invalid.", 400), e
            wrong = code(c.complete_multipart_upload, Bucket="mpu", Key="comp", UploadId=up["UploadId"], MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": r1["ETag"], "ChecksumCRC32": crc32(b"x")}]})
            assert wrong[0] == "InvalidPart", wrong
            done = c.complete_multipart_upload(Bucket="mpu", Key="comp", UploadId=up["UploadId"], MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": r1["ETag"], "ChecksumCRC32": r1["ChecksumCRC32"]}]})
            composite = base64.b64encode(zlib.crc32(base64.b64decode(crc32(b"small part"))).to_bytes(4, "big")).decode() + "-1"
            assert done["ChecksumCRC32"] == composite and done["ChecksumType"] == "COMPOSITE", done
            assert c.get_object(Bucket="mpu", Key="comp")["Body"].read() == b"small part"
            head = c.head_object(Bucket="mpu", Key="comp", ChecksumMode="ENABLED")
            assert head["ChecksumCRC32"] == composite and head["ChecksumType"] == "COMPOSITE", head
            part = c.head_object(Bucket="mpu", Key="comp", PartNumber=1, ChecksumMode="ENABLED")
            assert part["ChecksumCRC32"] == crc32(b"small part"), part

            # Shapes S3 refuses at CreateMultipartUpload.
            e = code(c.create_multipart_upload, Bucket="mpu", Key="x", ChecksumAlgorithm="SHA256", ChecksumType="FULL_OBJECT")
            assert e == ("InvalidRequest", "The FULL_OBJECT checksum type cannot be used with the sha256 checksum algorithm.", 400), e
            e = code(c.create_multipart_upload, Bucket="mpu", Key="x", ChecksumAlgorithm="CRC64NVME", ChecksumType="COMPOSITE")
            assert e == ("InvalidRequest", "The COMPOSITE checksum type cannot be used with the crc64nvme checksum algorithm.", 400), e

            # A part without the upload's checksum (botocore's default CRC32 removed before signing).
            # (A separate client: an answer given before the body is read is issue 12 item 1's keep-alive case.)
            early = boto3.client("s3", endpoint_url=ENDPOINT, region_name="us-east-1")
            up = c.create_multipart_upload(Bucket="mpu", Key="sha", ChecksumAlgorithm="SHA1")
            e = code(early.upload_part, Bucket="mpu", Key="sha", UploadId=up["UploadId"], PartNumber=1, Body=b"abc")
            assert e == ("InvalidRequest", "Checksum Type mismatch occurred, expected checksum Type: sha1, actual checksum Type: crc32", 400), e

            # No algorithm at create: the object gets S3's default FULL_OBJECT CRC64NVME.
            up = c.create_multipart_upload(Bucket="mpu", Key="default")
            r1 = c.upload_part(Bucket="mpu", Key="default", UploadId=up["UploadId"], PartNumber=1, Body=p1)
            r2 = c.upload_part(Bucket="mpu", Key="default", UploadId=up["UploadId"], PartNumber=2, Body=p2)
            done = c.complete_multipart_upload(Bucket="mpu", Key="default", UploadId=up["UploadId"],
                MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": r1["ETag"], "ChecksumCRC32": r1["ChecksumCRC32"]}, {"PartNumber": 2, "ETag": r2["ETag"]}]})
            assert done.get("ChecksumType") == "FULL_OBJECT" and done.get("ChecksumCRC64NVME"), done
            print("DEFAULT", done["ChecksumCRC64NVME"])
            assert c.get_object(Bucket="mpu", Key="default")["Body"].read() == data
            print("ok")
            """, s3);
        Assert.True(exit == 0, output);
        var crc64 = output.Split('\n').Single(l => l.StartsWith("DEFAULT ", StringComparison.Ordinal))["DEFAULT ".Length..].Trim();
        using var get = await client.GetObjectAsync("mpu", "default");
        using var bytes = new MemoryStream();
        await get.ResponseStream.CopyToAsync(bytes);
        Assert.Equal(ChecksumCalculator.Compute(FakeS3.Checksums.ChecksumAlgorithm.Crc64Nvme, bytes.ToArray()), crc64);
    }

    static (FakeS3.Checksums.ChecksumAlgorithm Algorithm, string? Value) ObjectChecksum(GetObjectMetadataResponse r) =>
        r.ChecksumCRC64NVME is { } a ? (FakeS3.Checksums.ChecksumAlgorithm.Crc64Nvme, a)
        : r.ChecksumCRC32 is { } b ? (FakeS3.Checksums.ChecksumAlgorithm.Crc32, b)
        : r.ChecksumCRC32C is { } c ? (FakeS3.Checksums.ChecksumAlgorithm.Crc32C, c)
        : r.ChecksumSHA1 is { } d ? (FakeS3.Checksums.ChecksumAlgorithm.Sha1, d)
        : (FakeS3.Checksums.ChecksumAlgorithm.Sha256, r.ChecksumSHA256);

    static string? ObjectChecksum(CompleteMultipartUploadResponse r) =>
        r.ChecksumCRC64NVME ?? r.ChecksumCRC32 ?? r.ChecksumCRC32C ?? r.ChecksumSHA1 ?? r.ChecksumSHA256;

    static string? ObjectChecksum(GetObjectResponse r) =>
        r.ChecksumCRC64NVME ?? r.ChecksumCRC32 ?? r.ChecksumCRC32C ?? r.ChecksumSHA1 ?? r.ChecksumSHA256;
}
