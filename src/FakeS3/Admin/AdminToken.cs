using System.Security.Cryptography;
using FakeS3.Hosting;
using Microsoft.Extensions.Options;

namespace FakeS3.Admin;

/// <summary>
/// The admin API's bearer token: FakeS3:Admin:Token, or one generated at start (printed in the banner) for a
/// server that listens beyond loopback without a configured token.
/// </summary>
internal sealed class AdminToken(IOptions<FakeS3Options> options)
{
    readonly Lazy<string> _generated = new(() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)));

    /// <summary>True when the token came from configuration (it is then required on every address).</summary>
    public bool Configured => !string.IsNullOrEmpty(options.Value.Admin.Token);

    public string Value => Configured ? options.Value.Admin.Token! : _generated.Value;

    public bool Matches(string? presented) => presented is not null && Signing.Crypto.FixedTimeEquals(Value, presented);
}
