using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using FakeS3.Tests.Infrastructure;

namespace FakeS3.Tests.Http;

/// <summary>What bucket-emptying helpers, older SDKs and POST forms call besides GET/PUT (issue 7).</summary>
public sealed class ApiBreadthTests
{
    const string Boto3Prelude = """
        import os, boto3
        from botocore.config import Config
        s3 = boto3.resource("s3", endpoint_url=os.environ["FAKES3_ENDPOINT"], region_name="us-east-1")
        client = s3.meta.client

        """;

    static async Task FillAsync(AmazonS3Client client, string bucket, int count)
    {
        await client.PutBucketAsync(bucket);
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
            await client.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = $"obj/{i:D5}", ContentBody = "x" }, ct));
    }

    [Fact]
    public async Task Sdk_Empty1500Objects_ViaListObjectVersionsAndDeleteObjects_ThenDeleteBucket()
    {
        await using var s3 = await TestFakeS3.StartAsync();
        using var client = s3.CreateS3Client();
        await FillAsync(client, "versions-sdk", 1500);
        var pages = 0;
        while (true)
        {
            var versions = await client.ListVersionsAsync(new ListVersionsRequest { BucketName = "versions-sdk" });
            if (versions.Versions is not { Count: > 0 }) break;
            pages++;
            Assert.All(versions.Versions, v => { Assert.Equal("null", v.VersionId); Assert.True(v.IsLatest); });
            var result = await client.DeleteObjectsAsync(new DeleteObjectsRequest
            {
                BucketName = "versions-sdk",
                Objects = versions.Versions.Select(v => new KeyVersion { Key = v.Key, VersionId = v.VersionId }).ToList(),
            });
            Assert.Equal(versions.Versions.Count, result.DeletedObjects.Count);
        }
        Assert.Equal(2, pages);
        await client.DeleteBucketAsync("versions-sdk");
    }

    [Fact]
    public async Task Boto3_ObjectVersionsDelete_Empties1500ObjectBucket()
    {
        await using var s3 = await TestFakeS3.StartAsync();
        using var client = s3.CreateS3Client();
        await FillAsync(client, "versions-boto3", 1500);
        var (exit, output) = await ExternalTool.PythonAsync(Boto3Prelude + """
            bucket = s3.Bucket("versions-boto3")
            bucket.object_versions.delete()
            assert list(bucket.objects.all()) == []
            bucket.delete()
            print("ok")
            """, s3);
        Assert.True(exit == 0, output);
    }

    [Fact]
    public async Task ListObjectsV1_PagingWithDelimiterAndMarkers_WhileDeleting()
    {
        await using var s3 = await TestFakeS3.StartAsync();
        using var client = s3.CreateS3Client();
        await client.PutBucketAsync("list-v1");
        var keys = new[] { "a", "b/1", "b/2", "c", "d/1", "e", "f", "g" };
        foreach (var k in keys) await client.PutObjectAsync(new PutObjectRequest { BucketName = "list-v1", Key = k, ContentBody = k });
        var seen = new List<string>();
        string? marker = null;
        var first = true;
        while (true)
        {
            var page = await client.ListObjectsAsync(new ListObjectsRequest { BucketName = "list-v1", Delimiter = "/", MaxKeys = 2, Marker = marker });
            seen.AddRange((page.S3Objects ?? []).Select(o => o.Key));
            seen.AddRange(page.CommonPrefixes ?? []);
            if (first)
            {
                // Deleting between pages must not make the listing skip or repeat keys.
                await client.DeleteObjectAsync("list-v1", "a");
                await client.DeleteObjectAsync("list-v1", "e");
                first = false;
            }
            if (page.IsTruncated != true) break;
            marker = page.NextMarker;
        }
        Assert.Equal(["a", "b/", "c", "d/", "f", "g"], seen);
    }

    [Fact]
    public async Task Tagging_RoundTripCountHeaderAndLimits()
    {
        await using var s3 = await TestFakeS3.StartAsync();
        using var client = s3.CreateS3Client();
        await client.PutBucketAsync("tags");
        await client.PutObjectAsync(new PutObjectRequest { BucketName = "tags", Key = "k", ContentBody = "x", TagSet = [new Tag { Key = "env", Value = "test" }] });
        var tags = await client.GetObjectTaggingAsync(new GetObjectTaggingRequest { BucketName = "tags", Key = "k" });
        Assert.Equal("test", Assert.Single(tags.Tagging).Value);
        using (var get = await client.GetObjectAsync("tags", "k"))
            Assert.Equal(1, get.TagCount);
        await client.PutObjectTaggingAsync(new PutObjectTaggingRequest
        {
            BucketName = "tags", Key = "k", Tagging = new Tagging { TagSet = [new Tag { Key = "a", Value = "1" }, new Tag { Key = "b", Value = "2" }] },
        });
        Assert.Equal(2, (await client.GetObjectTaggingAsync(new GetObjectTaggingRequest { BucketName = "tags", Key = "k" })).Tagging.Count);
        var tooMany = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => client.PutObjectTaggingAsync(new PutObjectTaggingRequest
        {
            BucketName = "tags", Key = "k",
            Tagging = new Tagging { TagSet = Enumerable.Range(0, 11).Select(i => new Tag { Key = "k" + i, Value = "v" }).ToList() },
        }));
        Assert.Equal("InvalidTag", tooMany.ErrorCode);
        var longKey = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => client.PutObjectTaggingAsync(new PutObjectTaggingRequest
        {
            BucketName = "tags", Key = "k", Tagging = new Tagging { TagSet = [new Tag { Key = new string('k', 129), Value = "v" }] },
        }));
        Assert.Equal("InvalidTag", longKey.ErrorCode);
        await client.DeleteObjectTaggingAsync(new DeleteObjectTaggingRequest { BucketName = "tags", Key = "k" });
        Assert.Empty((await client.GetObjectTaggingAsync(new GetObjectTaggingRequest { BucketName = "tags", Key = "k" })).Tagging ?? []);
        var copy = await client.CopyObjectAsync(new CopyObjectRequest
        {
            SourceBucket = "tags", SourceKey = "k", DestinationBucket = "tags", DestinationKey = "copy",
            TaggingDirective = TaggingDirective.REPLACE, TagSet = [new Tag { Key = "copied", Value = "yes" }],
        });
        Assert.NotNull(copy.ETag);
        Assert.Equal("yes", Assert.Single((await client.GetObjectTaggingAsync(new GetObjectTaggingRequest { BucketName = "tags", Key = "copy" })).Tagging).Value);
    }

    [Fact]
    public async Task PostPolicy_WithAclAndTaggingConditions_StoresBoth()
    {
        await using var s3 = await TestFakeS3.StartAsync();
        using var client = s3.CreateS3Client();
        await client.PutBucketAsync("post-acl");
        const string tagging = "<Tagging><TagSet><Tag><Key>source</Key><Value>form</Value></Tag></TagSet></Tagging>";
        var (exit, output) = await ExternalTool.PythonAsync(Boto3Prelude + $$"""
            import requests
            c = boto3.client("s3", endpoint_url=os.environ["FAKES3_ENDPOINT"], region_name="us-east-1", config=Config(signature_version="s3v4"))
            tagging = "{{tagging}}"
            post = c.generate_presigned_post("post-acl", "public/${filename}",
                Fields={"acl": "public-read", "tagging": tagging},
                Conditions=[{"acl": "public-read"}, {"tagging": tagging}, ["starts-with", "$key", "public/"]], ExpiresIn=300)
            r = requests.post(post["url"], data=post["fields"], files={"file": ("f.txt", b"form body")})
            assert r.status_code == 204, (r.status_code, r.text)
            bad = dict(post["fields"]); bad["acl"] = "private"
            r = requests.post(post["url"], data=bad, files={"file": ("g.txt", b"x")})
            assert r.status_code == 403 and '["eq", "$acl", "public-read"]' in r.text, r.text
            print("ok")
            """, s3);
        Assert.True(exit == 0, output);
        var tags = await client.GetObjectTaggingAsync(new GetObjectTaggingRequest { BucketName = "post-acl", Key = "public/f.txt" });
        Assert.Equal("form", Assert.Single(tags.Tagging).Value);
        using var anonymous = s3.CreateHttpClient();
        Assert.Equal("form body", await anonymous.GetStringAsync("/post-acl/public/f.txt"));
    }

    [Fact]
    public async Task AnonymousGet_AllowedOnPublicRead_RefusedOnPrivate()
    {
        await using var s3 = await TestFakeS3.StartAsync();
        using var client = s3.CreateS3Client();
        await client.PutBucketAsync("acl-bucket");
        await client.PutObjectAsync(new PutObjectRequest { BucketName = "acl-bucket", Key = "public.txt", ContentBody = "everyone", CannedACL = S3CannedACL.PublicRead });
        await client.PutObjectAsync(new PutObjectRequest { BucketName = "acl-bucket", Key = "private.txt", ContentBody = "secret" });
        using var http = s3.CreateHttpClient();
        Assert.Equal("everyone", await http.GetStringAsync("/acl-bucket/public.txt"));
        using var refused = await http.GetAsync("/acl-bucket/private.txt");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("<Code>AccessDenied</Code><Message>Access Denied</Message>", await refused.Content.ReadAsStringAsync());
        var acl = await client.GetObjectAclAsync(new GetObjectAclRequest { BucketName = "acl-bucket", Key = "public.txt" });
        Assert.Contains(acl.Grants, g => g.Permission == S3Permission.READ);
        await client.PutObjectAclAsync(new PutObjectAclRequest { BucketName = "acl-bucket", Key = "public.txt", ACL = S3CannedACL.Private });
        using var nowPrivate = await http.GetAsync("/acl-bucket/public.txt");
        Assert.Equal(HttpStatusCode.Forbidden, nowPrivate.StatusCode);
    }

    [Fact]
    public async Task GetBucketLocation_UsEast1_IsEmpty()
    {
        await using var s3 = await TestFakeS3.StartAsync();
        using var client = s3.CreateS3Client();
        await client.PutBucketAsync("located");
        var location = await client.GetBucketLocationAsync(new GetBucketLocationRequest { BucketName = "located" });
        Assert.True(string.IsNullOrEmpty(location.Location?.Value) || location.Location == S3Region.USEast1);
        var versioning = await client.GetBucketVersioningAsync(new GetBucketVersioningRequest { BucketName = "located" });
        Assert.Equal(VersionStatus.Off, versioning.VersioningConfig.Status);
    }

    [Fact]
    public async Task UnimplementedOperation_501NamingIt()
    {
        await using var s3 = await TestFakeS3.StartAsync();
        using var client = s3.CreateS3Client();
        await client.PutBucketAsync("unimplemented");
        var e = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => client.GetLifecycleConfigurationAsync("unimplemented"));
        Assert.Equal(HttpStatusCode.NotImplemented, e.StatusCode);
        Assert.Equal("NotImplemented", e.ErrorCode);
    }

    [Fact]
    public async Task AwsCli_RbForce_EmptiesAndRemovesNonEmptyBucket()
    {
        await using var s3 = await TestFakeS3.StartAsync();
        using var client = s3.CreateS3Client();
        await FillAsync(client, "cli-rb", 25);
        var endpoint = s3.BaseAddress.ToString().TrimEnd('/');
        var (exit, output) = await ExternalTool.RunAsync("aws", ["--endpoint-url", endpoint, "s3", "rb", "s3://cli-rb", "--force"], s3);
        Assert.True(exit == 0, output);
        var buckets = await client.ListBucketsAsync();
        Assert.DoesNotContain(buckets.Buckets ?? [], b => b.BucketName == "cli-rb");
    }
}
