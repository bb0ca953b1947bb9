namespace FakeS3.Load.S3;

/// <summary>The form action and the signed fields; the caller adds <c>key</c> and the file part (last).</summary>
public sealed record PostForm(Uri Action, IReadOnlyDictionary<string, string> Fields);
