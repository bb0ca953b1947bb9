using System.Diagnostics.CodeAnalysis;

namespace FakeS3.Signing;

internal interface ICredentialStore
{
    bool TryGet(string accessKeyId, [MaybeNullWhen(false)] out Credential credential);
}
