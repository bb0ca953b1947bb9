using System.Net;
using System.Security.Cryptography;
using System.Text;
using Amazon.S3;
using Amazon.S3.Model;
using FakeS3.Tests.Infrastructure;

namespace FakeS3.Tests.Durability;

/// <summary>
/// Issue 11 regressions through AWSSDK.S3 on Kestrel: listing matches plain strings (no LIKE patterns), every
/// stored string is byte-exact (also after a restart), 1,024-byte keys, UTF-8 binary order, snapshot GETs.
/// </summary>
public sealed class StorageFidelityTests
{
    [Fact]
    public async Task Prefixes_AreMatchedAsPlainStrings_NotPatterns()
    {
        await using var s3 = await TestFakeS3.StartAsync();
        using var client = s3.CreateS3Client();
        await client.PutBucketAsync("pat");
        string[] keys = ["user_a/1", "userza/3", "%x", "a%b", "x\\y", "[a]", "*", "?q", "a\u0001b", "abc"];
        foreach (var k in keys) await client.PutObjectAsync(new PutObjectRequest { BucketName = "pat", Key = k, ContentBody = k });

        Assert.Equal(["user_a/1"], await List(client, "pat", "user_a/"));
        Assert.Equal(["%x"], await List(client, "pat", "%"));
        Assert.Equal(["x\\y"], await List(client, "pat", "x\\"));
        Assert.Equal(["[a]"], await List(client, "pat", "["));
        Assert.Equal(["*"], await List(client, "pat", "*"));
        Assert.Equal(["a\u0001b"], await List(client, "pat", "a\u0001"));
        var grouped = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = "pat", Prefix = "%%", Delimiter = "/" });
        Assert.Equal(HttpStatusCode.OK, grouped.HttpStatusCode);
        Assert.Empty(grouped.S3Objects ?? []);
        var users = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = "pat", Prefix = "user", Delimiter = "/", Encoding = EncodingType.Url });
        Assert.Equal(["user_a/", "userza/"], users.CommonPrefixes.Select(Decode));
    }

    [Fact]
    public async Task WhitespaceAndControlKeys_MetadataAndTags_AreByteExact_AlsoAfterRestart()
    {
        string[] keys = [" ", " lead", "trail ", "_ ", "\t", "caf\u00e9", "cafe\u0301", "a\u0000b"[..1] + "\u0007"];
        string dataPath;
        await using (var s3 = await TestFakeS3.StartAsync())
        {
            dataPath = s3.DataPath;
            using var client = s3.CreateS3Client();
            await client.PutBucketAsync("exact");
            foreach (var k in keys)
            {
                var put = new PutObjectRequest { BucketName = "exact", Key = k, ContentBody = "body of [" + k + "]" };
                put.Metadata.Add("x-amz-meta-spaced", "  two  ");
                put.Metadata.Add("x-amz-meta-empty", "");
                put.TagSet = [new Tag { Key = "t", Value = "" }, new Tag { Key = " sp ", Value = " v " }];
                put.Headers.ContentDisposition = Disposition;
                await client.PutObjectAsync(put);
            }
            await client.PutCORSConfigurationAsync(new PutCORSConfigurationRequest
            {
                BucketName = "exact",
                Configuration = new CORSConfiguration { Rules = [new CORSRule { Id = "rule  with  spaces", AllowedMethods = ["GET"], AllowedOrigins = ["*"], ExposeHeaders = [""] }] },
            });
            await AssertExact(client, keys);
        }
        await using var again = await TestFakeS3.StartAsync(dataPath: dataPath);
        using var reopened = again.CreateS3Client();
        await AssertExact(reopened, keys);
        foreach (var k in keys) await reopened.DeleteObjectAsync("exact", k);
        await reopened.DeleteCORSConfigurationAsync("exact");
        await reopened.DeleteBucketAsync("exact"); // the bucket can be emptied and deleted
    }

    const string Disposition = "attachment; filename=\"  two spaces  \"";

    static async Task AssertExact(AmazonS3Client client, string[] keys)
    {
        var cors = await client.GetCORSConfigurationAsync("exact");
        Assert.Equal("rule  with  spaces", cors.Configuration.Rules.Single().Id);
        var expected = keys.OrderBy(k => Encoding.UTF8.GetBytes(k), ByteOrder.Instance).ToList();
        Assert.Equal(expected, await List(client, "exact", ""));
        var v1 = await client.ListObjectsAsync(new ListObjectsRequest { BucketName = "exact", Encoding = EncodingType.Url });
        Assert.Equal(expected, v1.S3Objects.Select(o => Decode(o.Key)));
        var versions = await client.ListVersionsAsync(new ListVersionsRequest { BucketName = "exact", Encoding = EncodingType.Url });
        Assert.Equal(expected, versions.Versions.Select(o => Decode(o.Key)));
        foreach (var k in keys)
        {
            using var get = await client.GetObjectAsync("exact", k);
            Assert.Equal("body of [" + k + "]", await new StreamReader(get.ResponseStream).ReadToEndAsync());
            Assert.Equal("  two  ".Trim(), get.Metadata["x-amz-meta-spaced"].Trim()); // HTTP trims header values on the wire
            Assert.Equal("", get.Metadata["x-amz-meta-empty"]);
            Assert.Equal(Disposition, get.Headers.ContentDisposition);
            var tags = await client.GetObjectTaggingAsync(new GetObjectTaggingRequest { BucketName = "exact", Key = k });
            Assert.Equal([(" sp ", " v "), ("t", "")], tags.Tagging.Select(t => (t.Key, t.Value)).OrderBy(t => t.Key == "t" ? 1 : 0));
        }
    }

    [Fact]
    public async Task KeysOf1024Bytes_WorkInA63CharacterBucket_LongerAnswerKeyTooLong_AndListInUtf8Order()
    {
        await using var s3 = await TestFakeS3.StartAsync();
        using var client = s3.CreateS3Client();
        var bucket = new string('b', 63);
        await client.PutBucketAsync(bucket);
        var stem = new string('k', 1020);
        // Share their first 1,000+ bytes (one sort-key tie group) and differ at the end, in UTF-8 vs UTF-16 order.
        string[] keys = [stem + "aaaa", stem + "\uE000a", stem + "\uFFFDa", stem + "\U0001F600"[..2].Normalize()[..0] + "\U0001F600", "a", "a\uE000", "a\uFFFD", "a\U0001F600", "ab"];
        keys = keys.Where(k => Encoding.UTF8.GetByteCount(k) <= 1024).ToArray();
        foreach (var k in keys) await client.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = k, ContentBody = k });
        var expected = keys.OrderBy(k => Encoding.UTF8.GetBytes(k), ByteOrder.Instance).ToList();
        Assert.Contains(expected, k => Encoding.UTF8.GetByteCount(k) == 1024);

        var listed = await List(client, bucket, "", maxKeys: 1);
        Assert.True(expected.SequenceEqual(listed), string.Join(" | ", listed.Select(k => k.Length > 20 ? k[^6..] : k))); // one key per page: continuation tokens
        var afterE000 = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, StartAfter = "a\uE000", Encoding = EncodingType.Url });
        Assert.Equal(expected.SkipWhile(k => k != "a\uE000").Skip(1), afterE000.S3Objects.Select(o => Decode(o.Key)));
        foreach (var k in keys)
        {
            using var get = await client.GetObjectAsync(bucket, k);
            Assert.Equal(k, await new StreamReader(get.ResponseStream).ReadToEndAsync());
        }

        var tooLong = await Assert.ThrowsAsync<AmazonS3Exception>(() =>
            client.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = new string('k', 1025), ContentBody = "x" }));
        Assert.Equal("KeyTooLongError", tooLong.ErrorCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
    }

    [Fact]
    public async Task SixteenWritersAndSixteenReadersOnOneKey_EveryGetIsOneCompleteVersion()
    {
        await using var s3 = await TestFakeS3.StartAsync();
        using var client = s3.CreateS3Client();
        await client.PutBucketAsync("race");
        var (gets, failures) = await OneKeyRace.RunAsync(client, "race", "k", writers: 16, readers: 16, TimeSpan.FromSeconds(10),
            new OneKeyRace.Sizes(First: 64 * 1024, Min: 64 * 1024, MaxExclusive: 2 * 1024 * 1024), deleteEvery: 4);
        Assert.Empty(failures);
        Assert.True(gets > 50, $"only {gets} GETs completed");
    }

    static async Task<List<string>> List(AmazonS3Client client, string bucket, string prefix, int maxKeys = 1000)
    {
        var keys = new List<string>();
        string? token = null;
        do
        {
            var page = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Prefix = prefix, MaxKeys = maxKeys, ContinuationToken = token, Encoding = EncodingType.Url });
            keys.AddRange((page.S3Objects ?? []).Select(o => Decode(o.Key)));
            token = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (token is not null);
        return keys;
    }

    /// <summary>encoding-type=url (the SDK leaves keys encoded; XML 1.0 cannot carry control characters).</summary>
    static string Decode(string key) => WebUtility.UrlDecode(key);

    sealed class ByteOrder : IComparer<byte[]>
    {
        public static readonly ByteOrder Instance = new();
        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}

/// <summary>ListMultipartUploads and ListParts page by markers in UTF-8 key order (index ranges, no patterns).</summary>
public sealed class MultipartListingTests
{
    [Fact]
    public async Task Uploads_PageInUtf8KeyOrder_PartsPageByNumber()
    {
        await using var s3 = await TestFakeS3.StartAsync();
        using var client = s3.CreateS3Client();
        await client.PutBucketAsync("mpl");
        string[] keys = ["a\U0001F600", "a\uE000", "a_b", "a%b", "ab"];
        var ids = new Dictionary<string, string>();
        foreach (var k in keys) ids[k] = (await client.InitiateMultipartUploadAsync("mpl", k)).UploadId;
        await Task.Delay(50); // uploads of one key list in initiation order (LiteDB keeps milliseconds)
        var second = (await client.InitiateMultipartUploadAsync("mpl", "ab")).UploadId;

        var seen = new List<(string, string)>();
        string? keyMarker = null, idMarker = null;
        while (true)
        {
            var page = await client.ListMultipartUploadsAsync(new ListMultipartUploadsRequest
            {
                BucketName = "mpl", MaxUploads = 2, KeyMarker = keyMarker, UploadIdMarker = idMarker,
            });
            seen.AddRange(page.MultipartUploads.Select(u => (u.Key, u.UploadId)));
            if (page.IsTruncated != true) break;
            keyMarker = page.NextKeyMarker;
            idMarker = page.NextUploadIdMarker;
        }
        Assert.Equal([("a%b", ids["a%b"]), ("a_b", ids["a_b"]), ("ab", ids["ab"]), ("ab", second), ("a\uE000", ids["a\uE000"]), ("a\U0001F600", ids["a\U0001F600"])], seen);
        var underscore = await client.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = "mpl", Prefix = "a_" });
        Assert.Equal(["a_b"], underscore.MultipartUploads.Select(u => u.Key));

        for (var n = 1; n <= 3; n++)
            await client.UploadPartAsync(new UploadPartRequest { BucketName = "mpl", Key = "ab", UploadId = second, PartNumber = n, InputStream = new MemoryStream([(byte)n]) });
        var parts = await client.ListPartsAsync(new ListPartsRequest { BucketName = "mpl", Key = "ab", UploadId = second, MaxParts = 2, PartNumberMarker = "1" });
        Assert.Equal([2, 3], parts.Parts.Select(p => p.PartNumber ?? 0));
        var none = await client.ListPartsAsync(new ListPartsRequest { BucketName = "mpl", Key = "ab", UploadId = ids["ab"] });
        Assert.Empty(none.Parts ?? []);
    }

    /// <summary>
    /// delimiter rolls uploads into CommonPrefixes (counted toward max-uploads, paged past by NextKeyMarker) and
    /// encoding-type=url encodes keys, prefixes and markers: both were ignored, so a key with a control character
    /// made the listing unparsable for every client and `aws s3api list-multipart-uploads --delimiter /` listed
    /// every upload.
    /// </summary>
    [Fact]
    public async Task Uploads_Delimiter_GroupsCommonPrefixes_AcrossPages_AndUrlEncodingCoversKeys()
    {
        await using var s3 = await TestFakeS3.StartAsync();
        using var client = s3.CreateS3Client();
        await client.PutBucketAsync("mpd");
        foreach (var k in new[] { "d/a/1", "d/a/2", "d/b", "d/c/1", "d/e\u0001 x", "z" })
            await client.InitiateMultipartUploadAsync("mpd", k);

        var keys = new List<string>();
        var prefixes = new List<string>();
        string? keyMarker = null, idMarker = null;
        for (var pages = 0; pages < 10; pages++)
        {
            var page = await client.ListMultipartUploadsAsync(new ListMultipartUploadsRequest
            {
                BucketName = "mpd", Prefix = "d/", Delimiter = "/", MaxUploads = 1, KeyMarker = keyMarker, UploadIdMarker = idMarker,
                Encoding = EncodingType.Url,
            });
            var uploads = page.MultipartUploads ?? []; // SDK v4: null when empty
            var common = page.CommonPrefixes ?? [];
            Assert.Equal(1, uploads.Count + common.Count);
            keys.AddRange(uploads.Select(u => Uri.UnescapeDataString(u.Key.Replace('+', ' '))));
            prefixes.AddRange(common);
            if (page.IsTruncated != true) break;
            keyMarker = page.NextKeyMarker;
            idMarker = page.NextUploadIdMarker;
        }

        Assert.Equal(["d/a/", "d/c/"], prefixes);
        Assert.Equal(["d/b", "d/e\u0001 x"], keys); // url-encoded on the wire (%01, '+' for space), so the XML parses
    }
}
