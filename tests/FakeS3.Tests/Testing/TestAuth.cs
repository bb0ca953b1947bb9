using FakeS3.Errors;
using FakeS3.Hosting;
using FakeS3.Signing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace FakeS3.Tests.Testing;

/// <summary>AWS documentation credentials, a pinned clock and requests built from URLs exactly as sent.</summary>
internal static class TestAuth
{
    public const string AccessKeyId = "AKIAIOSFODNN7EXAMPLE";
    public const string Secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    public static RequestAuthenticator Authenticator(DateTimeOffset now, string? sessionToken = null, string region = "us-east-1")
    {
        var options = new FakeS3Options
        {
            Region = region,
            Credentials = [new CredentialOptions { AccessKeyId = AccessKeyId, SecretAccessKey = Secret, SessionToken = sessionToken }],
        };
        var wrapped = Options.Create(options);
        return new RequestAuthenticator(new ConfiguredCredentialStore(wrapped), new FakeTimeProvider(now), wrapped);
    }

    public static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture,
        System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal);

    /// <summary>Splits "http://host/path?query" without any decoding or normalisation; Host comes from the URL.</summary>
    public static SignableRequest FromUrl(string method, string url, params (string Name, string Value)[] headers)
    {
        var afterScheme = url.IndexOf("://", StringComparison.Ordinal) + 3;
        var slash = url.IndexOf('/', afterScheme);
        var host = slash < 0 ? url[afterScheme..] : url[afterScheme..slash];
        var target = slash < 0 ? "/" : url[slash..];
        var q = target.IndexOf('?');
        var path = q < 0 ? target : target[..q];
        var query = q < 0 ? "" : target[(q + 1)..];
        var all = new List<(string, string)> { ("Host", host) };
        all.AddRange(headers);
        return new SignableRequest(method, path, query, all);
    }

    public static S3Error Rejects(Func<object?> action)
    {
        var ex = Assert.Throws<S3Exception>(() => action());
        return ex.Error;
    }
}
