namespace FakeS3.Faults;

/// <summary>Which way of signing a fault rule matches.</summary>
public enum FaultAuth
{
    /// <summary>Every request, signed or anonymous.</summary>
    Any,

    /// <summary>Presigned URLs: SigV4 X-Amz-Signature or SigV2 Signature in the query.</summary>
    Presigned,

    /// <summary>Browser POST forms (PostObject).</summary>
    PostForm,

    /// <summary>An Authorization header (SigV4 or SigV2): what SDKs send.</summary>
    HeaderSigned,
}
