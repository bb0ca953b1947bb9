using FakeS3.Errors;

namespace FakeS3.Http;

/// <summary>A value that GET or HEAD will send back as a response header, checked before it is used or stored.</summary>
internal static class HeaderValue
{
    /// <summary>
    /// Beyond ISO-8859-1 the header would reach the client with '?' for each character; CR, LF, NUL... would split or
    /// break it: S3 answers 400 InvalidArgument (issue 12).
    /// </summary>
    public static void Validate(string argumentName, string value)
    {
        if (value.Any(c => c > 0xFF)) throw new S3Exception(S3Errors.HeaderNotLatin1(argumentName, value));
        if (value.Any(c => c is < ' ' and not '\t' or '\x7f')) throw new S3Exception(S3Errors.HeaderControlCharacter(argumentName, value));
    }
}
