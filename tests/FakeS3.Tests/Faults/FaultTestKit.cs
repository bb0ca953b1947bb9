using Amazon.S3;
using Amazon.S3.Model;
using FakeS3.Diagnostics;
using FakeS3.Faults;
using FakeS3.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace FakeS3.Tests.Faults;

/// <summary>Shared by the fault tests: the injector and request log of a test server, object bytes, test data.</summary>
internal static class FaultTestKit
{
    public static FaultInjector Faults(this TestFakeS3 s3) => s3.Services.GetRequiredService<FaultInjector>();

    /// <summary>The log entries of one operation, oldest first.</summary>
    public static List<RequestLogEntry> Entries(this TestFakeS3 s3, string operation) =>
        s3.Services.GetRequiredService<RequestLog>().Snapshot().Where(e => e.Operation == operation).Reverse().ToList();

    public static async Task<byte[]> BytesAsync(AmazonS3Client client, string bucket, string key)
    {
        using var response = await client.GetObjectAsync(bucket, key);
        using var buffer = new MemoryStream();
        await response.ResponseStream.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    public static async Task<bool> ExistsAsync(AmazonS3Client client, string bucket, string key)
    {
        try
        {
            await client.GetObjectMetadataAsync(bucket, key);
            return true;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    /// <summary>Deterministic bytes that are not all alike (so a shifted or repeated chunk shows).</summary>
    public static byte[] Data(int size, int seed = 15)
    {
        var data = new byte[size];
        new Random(seed).NextBytes(data);
        return data;
    }

    /// <summary>Waits (bounded) until the server has finished and logged <paramref name="count"/> requests of an operation.</summary>
    public static async Task<List<RequestLogEntry>> WaitForEntriesAsync(this TestFakeS3 s3, string operation, int count)
    {
        for (var i = 0; i < 100; i++)
        {
            var entries = s3.Entries(operation);
            if (entries.Count >= count) return entries;
            await Task.Delay(50);
        }
        return s3.Entries(operation);
    }
}
