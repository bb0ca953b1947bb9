using FakeS3.Errors;

namespace FakeS3.Faults;

/// <summary>The S3 errors a fault rule may answer with, each from its S3Errors factory (real status, code and message).</summary>
internal static class FaultErrors
{
    static readonly Dictionary<string, Func<FaultRule, S3Error>> Factories = new(StringComparer.OrdinalIgnoreCase)
    {
        [nameof(S3ErrorCode.SlowDown)] = r => S3Errors.SlowDown(r.RetryAfterSeconds),
        [nameof(S3ErrorCode.ServiceUnavailable)] = r => S3Errors.ServiceUnavailable(r.RetryAfterSeconds),
        [nameof(S3ErrorCode.InternalError)] = _ => S3Errors.InternalError(),
        [nameof(S3ErrorCode.RequestTimeout)] = _ => S3Errors.RequestTimeout(),
        [nameof(S3ErrorCode.AccessDenied)] = _ => S3Errors.AccessDenied(),
    };

    public static IEnumerable<string> Names => Factories.Keys;

    public static bool IsKnown(string code) => Factories.ContainsKey(code);

    public static S3Error Create(FaultRule rule) => Factories[rule.Error!](rule);
}
