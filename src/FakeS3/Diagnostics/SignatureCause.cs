namespace FakeS3.Diagnostics;

/// <summary>What most likely broke a SigV4 signature; each has its own advice.</summary>
internal enum SignatureCause
{
    /// <summary>The signature matches another Host (the docker/localhost trap, spec §6.6).</summary>
    HostMismatch,
    /// <summary>The signature matches the path or query as encoded differently: re-encoded after signing.</summary>
    UrlReencoded,
    /// <summary>A signed header's value was changed (or the header dropped) after signing.</summary>
    HeaderChanged,
    /// <summary>The signature matches another configured credential's secret.</summary>
    OtherCredential,
    /// <summary>No variant matched: most likely the wrong secret, or a signed header value changed.</summary>
    WrongSecretOrTampered,
}
