namespace FakeS3.Signing;

/// <summary>"AWS4-HMAC-SHA256" LF amzDate LF scope LF hex(SHA256(CanonicalRequest)) (spec §1.1).</summary>
internal static class StringToSign
{
    /// <summary>amzDate is the request's timestamp as sent (with Date-only header auth, the raw Date value, spec §1.7).</summary>
    public static string Build(string amzDate, string scope, string canonicalRequestHashHex) =>
        string.Concat(SigV4Constants.Algorithm, "\n", amzDate, "\n", scope, "\n", canonicalRequestHashHex);

    /// <summary>Chunk i: previous signature, hash of the empty string, hash of the chunk data (spec §5.1).</summary>
    public static string ForChunk(string amzDate, string scope, string previousSignature, string chunkDataHashHex) =>
        string.Concat(SigV4Constants.ChunkStringToSignPrefix, "\n", amzDate, "\n", scope, "\n", previousSignature, "\n",
            SigV4Constants.EmptyBodySha256, "\n", chunkDataHashHex);

    /// <summary>Trailer: final chunk signature and the hash of the canonical trailer lines (each ending LF).</summary>
    public static string ForTrailer(string amzDate, string scope, string previousSignature, string trailerHashHex) =>
        string.Concat(SigV4Constants.TrailerStringToSignPrefix, "\n", amzDate, "\n", scope, "\n", previousSignature, "\n",
            trailerHashHex);
}
