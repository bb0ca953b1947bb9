namespace FakeS3.Payload;

/// <summary>Where the aws-chunked decoder is in the framing.</summary>
internal enum ChunkPhase
{
    Header,
    Data,
    DataEnd,
    Trailer,
    Done,
}
