using System.Text;
using FakeS3.Errors;

namespace FakeS3.Policy;

/// <summary>From the policy field to JSON text: base64, UTF-8, and the two escapes AWS documents beyond JSON.</summary>
internal static class PolicyJsonText
{
    static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Bad base64 and an empty policy use versitygw's texts [2ND]; S3's own are unrecorded. Unpadded base64
    /// is accepted, as versitygw does.
    /// </summary>
    public static string Decode(string base64Policy)
    {
        var text = base64Policy.Trim();
        if (text.Length == 0) throw new S3Exception(S3Errors.InvalidPolicy("Expecting '{' but found End-of-Input"));
        if (text.Length % 4 != 0) text = text.PadRight(text.Length + 4 - text.Length % 4, '=');
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            throw new S3Exception(S3Errors.InvalidPolicy("invalid Base64 encoding."));
        }
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new S3Exception(S3Errors.PolicyInvalidJson());
        }
    }

    /// <summary>
    /// The policy doc lists <c>\$</c> and <c>\v</c> among the value escapes [DOC sigv4-HTTPPOSTConstructPolicy];
    /// JSON has neither, so they are rewritten (to <c>$</c> and <c>\u000b</c>) inside strings before parsing.
    /// Everything else stays strict JSON: trailing commas, comments, <c>null</c> values → Invalid JSON.
    /// </summary>
    public static string NormaliseEscapes(string json)
    {
        if (!json.Contains("\\$", StringComparison.Ordinal) && !json.Contains("\\v", StringComparison.Ordinal)) return json;
        var sb = new StringBuilder(json.Length);
        var inString = false;
        for (var i = 0; i < json.Length; i++)
        {
            var c = json[i];
            if (!inString)
            {
                if (c == '"') inString = true;
                sb.Append(c);
                continue;
            }
            if (c == '"') inString = false;
            if (c == '\\' && i + 1 < json.Length)
            {
                var next = json[++i];
                sb.Append(next switch { '$' => "$", 'v' => "\\u000b", _ => "\\" + next });
                continue;
            }
            sb.Append(c);
        }
        return sb.ToString();
    }
}
