using System.Text;

namespace FakeS3.Http.Buckets;

/// <summary>ListObjectsV2 and ListBuckets continuation tokens: opaque to clients, the last key, prefix or bucket returned.</summary>
internal static class ContinuationToken
{
    public static string Encode(string lastReturned) => Convert.ToBase64String(Encoding.UTF8.GetBytes("v1:" + lastReturned));

    public static string? Decode(string token)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            return text.StartsWith("v1:", StringComparison.Ordinal) ? text[3..] : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
