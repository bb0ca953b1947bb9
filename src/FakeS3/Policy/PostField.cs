namespace FakeS3.Policy;

/// <summary>One text field of a POST form: the name as the client spelled it, the value as sent.</summary>
internal readonly record struct PostField(string Name, string Value);
