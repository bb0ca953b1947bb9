using System.Globalization;
using FakeS3.Errors;

namespace FakeS3.Http.Multipart;

/// <summary>
/// max-uploads (ListMultipartUploads) and max-parts (ListParts): absent means 1000, larger values are served as
/// 1000. A negative value answers "Argument max-… must be an integer between 0 and 2147483647" [2ND: S3 through
/// versity/versitygw#329's proxy]; anything else that is not a 32-bit count "Provided max-… not an integer or
/// within integer range" [2ND versity/versitygw#1794 quoting S3; the max-parts text is DERIVED from it].
/// </summary>
internal static class MultipartListLimit
{
    public static int Read(S3RequestContext ctx, string name)
    {
        if (ctx.Query[name] is not { } value) return 1000;
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return Math.Min(n, 1000);
        var negative = value.Length > 1 && value[0] == '-' && value.AsSpan(1).IndexOfAnyExceptInRange('0', '9') < 0;
        throw new S3Exception(S3Errors.InvalidArgument(
            negative ? $"Argument {name} must be an integer between 0 and 2147483647" : $"Provided {name} not an integer or within integer range",
            name, value));
    }
}
