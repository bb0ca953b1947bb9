using FakeS3.Conformance.Reporting;

namespace FakeS3.Conformance.Tests;

public sealed class ReportingTests
{
    static readonly Scenario Sample = new("rejects an expired presigned GET", "PresignedGet", "[WIRE]",
        Expect.Error(403, "AccessDenied", "Request has expired").With("Expires"), _ => throw new NotSupportedException());

    static RunReport Run(string name, string bucket, Observation o) =>
        new(S3Target.Endpoint(name, new Uri("http://127.0.0.1:9000"), "AKID", "secret"), bucket, DateTime.UtcNow,
            [new ScenarioResult(Sample, Verdict.Passed, o, [], TimeSpan.Zero)]);

    [Fact]
    public void Comparison_ignores_request_ids_dates_etags_buckets_and_hosts()
    {
        var left = Run("a", "bucket-one", new Observation
        {
            Status = 403, Code = "AccessDenied", Message = "Request has expired", RequestId = "AAAA", HostId = "x",
            Details = [new("Expires", "2024-01-01T00:01:00Z"), new("ServerTime", "2026-11-28T10:00:00Z"), new("Key", "bucket-one/k"), new("ETag", "\"0123456789abcdef0123456789abcdef\"")],
        });
        var right = Run("b", "bucket-two", new Observation
        {
            Status = 403, Code = "AccessDenied", Message = "Request has expired", RequestId = "BBBB", HostId = "y",
            Details = [new("Expires", "2024-01-01T00:01:00Z"), new("ServerTime", "2027-01-01T11:11:11Z"), new("Key", "bucket-two/k"), new("ETag", "\"fedcba9876543210fedcba9876543210\"")],
        });
        Assert.Empty(Comparison.Diff(left, right));
    }

    [Fact]
    public void Comparison_reports_a_different_code_side_by_side()
    {
        var left = Run("fakes3", "b", new Observation { Status = 403, Code = "AccessDenied", Message = "Request has expired" });
        var right = Run("aws", "b", new Observation { Status = 403, Code = "SignatureDoesNotMatch", Message = "Request has expired" });
        var row = Assert.Single(Comparison.Diff(left, right));
        Assert.Equal(("code", "AccessDenied", "SignatureDoesNotMatch"), (row.Field, row.Left, row.Right));
        Assert.Contains("| PresignedGet | rejects an expired presigned GET | code | AccessDenied | SignatureDoesNotMatch |", Comparison.Render(left, right), StringComparison.Ordinal);
    }

    [Fact]
    public void Skipped_target_is_reported_as_skipped_never_passed()
    {
        var report = RunReport.Skipped("aws", "AWS_ACCESS_KEY_ID not set");
        Assert.Contains("<skipped message=\"AWS_ACCESS_KEY_ID not set\"", JUnitReport.Render(report).ToString(), StringComparison.Ordinal);
        Assert.Contains("**Skipped:**", MarkdownReport.Render(report), StringComparison.Ordinal);
        Assert.DoesNotContain("passed", MarkdownReport.Render(report), StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_checks_status_code_message_details_and_headers()
    {
        var expected = Expect.Error(400, "AuthorizationQueryParametersError", "the region 'x' is wrong; expecting '{region}'").With("Region", "{region}").Header("x-amz-request-id");
        var actual = new Observation { Status = 400, Code = "AuthorizationQueryParametersError", Message = "the region 'x' is wrong; expecting 'us-east-1'", Details = [new("Region", "us-west-2")] };
        var d = ScenarioRunner.Compare(expected, actual, s => s.Replace("{region}", "us-east-1", StringComparison.Ordinal));
        Assert.Equal(["<Region> \"us-west-2\", expected \"us-east-1\"", "header x-amz-request-id missing"], d);
    }
}
