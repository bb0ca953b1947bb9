namespace FakeS3.Hosting;

/// <summary>Registered by AddFakeS3; MapFakeS3 fails fast without it (as UseHttpLogging does).</summary>
internal sealed class FakeS3Marker;
