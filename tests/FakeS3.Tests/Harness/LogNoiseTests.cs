using Amazon.S3;
using FakeS3.Diagnostics;
using FakeS3.Testing;
using FakeS3.Tests.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FakeS3.Tests.Harness;

/// <summary>
/// Issue 12, log noise: a 404 is ordinary traffic (Debug), the rejections a developer debugs (signature, expiry,
/// policy) stay at Information, and a 500's stack trace is logged once per kind, not once per retry.
/// </summary>
public sealed class LogNoiseTests
{
    [Fact]
    public async Task NoSuchKey_IsDebug_SignatureMismatch_IsInformation()
    {
        var capture = new CapturingLoggerProvider();
        await using var host = await FakeS3Host.StartAsync(configureServices: s => s.AddLogging(l => l.AddProvider(capture).SetMinimumLevel(LogLevel.Trace)));
        using var s3 = host.CreateS3Client();
        await s3.PutBucketAsync("quiet");
        await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.GetObjectAsync("quiet", "missing"));
        using var bad = host.CreateS3Client(host.Options.EffectiveCredentials[0].AccessKeyId, "not-the-secret");
        await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => bad.GetObjectAsync("quiet", "missing"));

        var requestLog = capture.Entries.Where(e => e.Category == typeof(RequestLogMiddleware).FullName).ToList();
        var missing = Assert.Single(requestLog, e => e.Message.Contains("NoSuchKey"));
        Assert.Equal(LogLevel.Debug, missing.Level);
        Assert.DoesNotContain("rejected", missing.Message);
        var signature = Assert.Single(requestLog, e => e.Message.Contains("SignatureDoesNotMatch"));
        Assert.Equal(LogLevel.Information, signature.Level);
        Assert.Contains("rejected", signature.Message);
    }

    [Fact]
    public void RepeatedUnhandledError_StackTraceLoggedOnce()
    {
        var capture = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(l => l.AddProvider(capture).SetMinimumLevel(LogLevel.Trace));
        var log = new UnhandledErrorLog(factory.CreateLogger<UnhandledErrorLog>());
        for (var i = 0; i < 50; i++)
        {
            try { throw new InvalidOperationException("store unavailable"); }
            catch (InvalidOperationException e) { log.Report(e, "PutObject"); }
        }
        var entries = capture.Entries.ToList();
        Assert.Equal(50, entries.Count);
        var first = Assert.Single(entries, e => e.Exception is not null);
        Assert.Equal(LogLevel.Error, first.Level);
        Assert.All(entries.Skip(1), e => Assert.Equal(LogLevel.Warning, e.Level));
        Assert.Contains("50 times so far", entries[^1].Message);
    }
}
