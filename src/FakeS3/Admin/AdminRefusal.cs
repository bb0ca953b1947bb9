namespace FakeS3.Admin;

/// <summary>Why the admin API refused a request: the status and the message of its JSON error.</summary>
internal sealed record AdminRefusal(int Status, string Message);
