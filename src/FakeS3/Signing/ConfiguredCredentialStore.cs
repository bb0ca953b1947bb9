using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using FakeS3.Hosting;
using Microsoft.Extensions.Options;

namespace FakeS3.Signing;

/// <summary>The credentials of FakeS3Options (the default fakes3/fakes3secret pair when none are configured).</summary>
internal sealed class ConfiguredCredentialStore : ICredentialStore
{
    readonly FrozenDictionary<string, Credential> _credentials;

    public ConfiguredCredentialStore(IOptions<FakeS3Options> options)
    {
        var map = new Dictionary<string, Credential>(StringComparer.Ordinal);
        foreach (var c in options.Value.EffectiveCredentials)
            map[c.AccessKeyId] = new Credential(c.AccessKeyId, c.SecretAccessKey, string.IsNullOrEmpty(c.SessionToken) ? null : c.SessionToken);
        _credentials = map.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public bool TryGet(string accessKeyId, [MaybeNullWhen(false)] out Credential credential) =>
        _credentials.TryGetValue(accessKeyId, out credential);
}
