using FakeS3.Errors;
using FakeS3.Policy;

namespace FakeS3.Form;

/// <summary>
/// The field-presence checks S3 makes before authenticating a POST (spec §3.3): <c>key</c>, then the
/// signature fields all-or-none. Throws <see cref="S3Exception"/> with InvalidArgument (400).
/// </summary>
internal static class PostFormValidator
{
    // [REC] the canonical names S3 prints, in the order it checks them: algorithm before credential.
    static readonly (string Field, string Canonical)[] SigV4Fields =
    [
        ("x-amz-algorithm", "X-Amz-Algorithm"), ("x-amz-credential", "X-Amz-Credential"),
        ("x-amz-date", "X-Amz-Date"), ("x-amz-signature", "X-Amz-Signature"),
    ];

    static readonly (string Field, string Canonical)[] SigV2Fields = [("AWSAccessKeyId", "AWSAccessKeyId"), ("signature", "Signature")];

    public static void Validate(PostForm form)
    {
        // [WIRE] An empty key is treated as missing [UNCONFIRMED].
        if (string.IsNullOrEmpty(form.Get("key"))) throw new S3Exception(S3Errors.PostMissingField("key"));
        if (!CheckAllOrNone(form, SigV4Fields)) CheckAllOrNone(form, SigV2Fields);
    }

    /// <summary>False when none of the fields is present (the form may be SigV2 or anonymous).</summary>
    static bool CheckAllOrNone(PostForm form, (string Field, string Canonical)[] fields)
    {
        if (!fields.Any(f => form.Contains(f.Field))) return false;
        foreach (var (field, canonical) in fields)
        {
            if (!form.Contains(field)) throw new S3Exception(S3Errors.PostMissingField(canonical));
        }
        // A signed form without its policy: the name printed is [UNCONFIRMED].
        if (!form.Contains("policy")) throw new S3Exception(S3Errors.PostMissingField("Policy"));
        return true;
    }
}
