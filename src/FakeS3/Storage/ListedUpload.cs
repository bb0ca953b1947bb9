using LiteDB;

namespace FakeS3.Storage;

/// <summary>What ListMultipartUploads shows of an upload, read alone like <see cref="ListedObject"/>.</summary>
internal sealed record ListedUpload(string Id, string Key, byte[] SortKey, DateTime Initiated, string StorageClass)
{
    /// <summary>The stored <see cref="MultipartUploadRecord"/> fields a listing needs.</summary>
    public static readonly BsonExpression Fields = BsonExpression.Create(
        "{ _id: $._id, Key: $.Key, SortKey: $.SortKey, Initiated: $.Initiated, StorageClass: $.Template.StorageClass }");

    public static ListedUpload From(BsonDocument d) => new(
        d["_id"].AsString, d[nameof(Key)].AsString, d[nameof(SortKey)].AsBinary, d[nameof(Initiated)].AsDateTime,
        d[nameof(StorageClass)].AsString ?? "STANDARD");

    public static ListedUpload Of(MultipartUploadRecord u) => new(u.Id, u.Key, u.SortKey, u.Initiated, u.Template.StorageClass);
}
