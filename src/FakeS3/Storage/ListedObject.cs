using LiteDB;

namespace FakeS3.Storage;

/// <summary>
/// What a listing shows of an object. Listings read only these fields from LiteDB (a select with named fields
/// lets the engine skip the rest of each document, e.g. a small object's inline bytes, metadata and tags).
/// </summary>
internal sealed record ListedObject(string Key, byte[] SortKey, long Size, string ETag, DateTime LastModified, string StorageClass,
    string? ChecksumAlgorithm, string? ChecksumType)
{
    /// <summary>The stored <see cref="ObjectRecord"/> fields a listing needs.</summary>
    public static readonly BsonExpression Fields = BsonExpression.Create(
        "{ SortKey: $.SortKey, Key: $.Key, Size: $.Size, ETag: $.ETag, LastModified: $.LastModified, StorageClass: $.StorageClass, " +
        "ChecksumAlgorithm: $.ChecksumAlgorithm, ChecksumType: $.ChecksumType }");

    public static ListedObject From(BsonDocument d) => new(
        d[nameof(Key)].AsString, d[nameof(SortKey)].AsBinary, d[nameof(Size)].AsInt64, d[nameof(ETag)].AsString,
        d[nameof(LastModified)].AsDateTime, d[nameof(StorageClass)].AsString ?? "STANDARD",
        d[nameof(ChecksumAlgorithm)].AsString, d[nameof(ChecksumType)].AsString);
}
