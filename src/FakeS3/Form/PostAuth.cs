namespace FakeS3.Form;

/// <summary>
/// How a POST form authenticates: a closed set (<see cref="AnonymousPostAuth"/>, <see cref="SigV2PostAuth"/>,
/// <see cref="SigV4PostAuth"/>) produced by <see cref="PostFormAuth.Parse"/>. Parse only; no key lookup.
/// </summary>
internal abstract record PostAuth
{
    private protected PostAuth()
    {
    }
}
