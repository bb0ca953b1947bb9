namespace FakeS3.Storage;

/// <summary>A bucket as stored. CORS rules are kept as the XML the client sent (rendered back verbatim).</summary>
internal sealed class BucketRecord
{
    public string Id { get; set; } = "";
    public DateTime CreationDate { get; set; }
    public string Region { get; set; } = "";
    public string Acl { get; set; } = "private";
    public string? CorsXml { get; set; }

    public BucketRecord Clone() => (BucketRecord)MemberwiseClone();
}
