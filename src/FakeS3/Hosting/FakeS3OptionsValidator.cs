using System.Text.RegularExpressions;
using FakeS3.Storage;
using Microsoft.Extensions.Options;

namespace FakeS3.Hosting;

/// <summary>Bad configuration stops startup with a message naming the key (ValidateOnStart).</summary>
internal sealed partial class FakeS3OptionsValidator : IValidateOptions<FakeS3Options>
{
    public ValidateOptionsResult Validate(string? name, FakeS3Options o)
    {
        var errors = new List<string>();
        if (!RegionPattern().IsMatch(o.Region ?? ""))
            errors.Add($"FakeS3:Region '{o.Region}' is not a region name like 'us-east-1'.");
        if (string.IsNullOrWhiteSpace(o.DataPath))
            errors.Add("FakeS3:DataPath must name a LiteDB file (or ':memory:').");
        for (var i = 0; i < o.Credentials.Count; i++)
        {
            var c = o.Credentials[i];
            if (string.IsNullOrWhiteSpace(c.AccessKeyId) || c.AccessKeyId.Contains('/'))
                errors.Add($"FakeS3:Credentials:{i}:AccessKeyId must be non-empty and contain no '/'.");
            if (string.IsNullOrEmpty(c.SecretAccessKey))
                errors.Add($"FakeS3:Credentials:{i}:SecretAccessKey must be non-empty.");
        }
        var duplicate = o.Credentials.GroupBy(c => c.AccessKeyId).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) errors.Add($"FakeS3:Credentials lists access key '{duplicate.Key}' twice.");
        for (var i = 0; i < o.Buckets.Count; i++)
        {
            if (!BucketName.IsValid(o.Buckets[i]))
                errors.Add($"FakeS3:Buckets:{i} '{o.Buckets[i]}' is not a valid S3 bucket name.");
        }
        foreach (var (bucket, acl) in o.BucketAcls)
        {
            if (!Http.CannedAcl.Known.Contains(acl))
                errors.Add($"FakeS3:BucketAcls:{bucket} '{acl}' is not a canned ACL ({string.Join(", ", Http.CannedAcl.Known)}).");
        }
        foreach (var (bucket, rules) in o.Cors)
        {
            for (var i = 0; i < rules.Count; i++)
            {
                for (var j = 0; j < rules[i].AllowedOrigins.Count; j++)
                {
                    if (Cors.Wildcard.HasSeveral(rules[i].AllowedOrigins[j]))
                        errors.Add($"FakeS3:Cors:{bucket}:{i}:AllowedOrigins:{j} '{rules[i].AllowedOrigins[j]}' has more than one '*' (S3 allows one).");
                }
            }
        }
        if (string.IsNullOrWhiteSpace(o.BaseDomain) || o.BaseDomain.Contains(':') || o.BaseDomain.StartsWith('.'))
            errors.Add($"FakeS3:BaseDomain '{o.BaseDomain}' must be a host name without port, e.g. 'localhost'.");
        if (o.Admin.Token is { Length: > 0 } token && (token.Length < 8 || token.Any(c => c is <= ' ' or > '~')))
            errors.Add("FakeS3:Admin:Token must be at least 8 printable ASCII characters without spaces.");
        for (var i = 0; i < o.AllowedHosts.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(o.AllowedHosts[i]) || o.AllowedHosts[i].Contains(':'))
                errors.Add($"FakeS3:AllowedHosts:{i} '{o.AllowedHosts[i]}' must be a host name without port.");
        }
        if (o.CheckpointLogMiB is < 1 or > 1024)
            errors.Add("FakeS3:CheckpointLogMiB must be between 1 and 1024.");
        if (o.MaxSkewSeconds is < 0 or > 86400)
            errors.Add("FakeS3:MaxSkewSeconds must be between 0 and 86400.");
        for (var i = 0; i < o.Faults.Count; i++)
        {
            foreach (var problem in Faults.FaultRuleValidator.Validate(o.Faults[i])) errors.Add($"FakeS3:Faults:{i}:{problem}");
        }
        var duplicateFault = o.Faults.Where(f => f.Id is not null).GroupBy(f => f.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicateFault is not null) errors.Add($"FakeS3:Faults lists the Id '{duplicateFault.Key}' twice.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]+$")]
    private static partial Regex RegionPattern();
}
