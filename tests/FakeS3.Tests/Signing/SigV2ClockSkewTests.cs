using FakeS3.Tests.Infrastructure;

namespace FakeS3.Tests.Signing;

/// <summary>
/// SigV2 header auth (boto3 signature_version="s3") with a Date far from the server clock: 403 RequestTimeTooSkewed,
/// whatever day name the Date carries; a date before the epoch is no valid date (AccessDenied).
/// </summary>
public sealed class SigV2ClockSkewTests
{
    [Fact]
    public async Task Boto3SigV2_SkewedDate_IsRequestTimeTooSkewed()
    {
        await using var s3 = await TestFakeS3.StartAsync();
        var (exit, output) = await ExternalTool.PythonAsync("""
            import os, boto3, botocore
            from botocore.config import Config
            c = boto3.client("s3", endpoint_url=os.environ["FAKES3_ENDPOINT"], region_name="us-east-1", config=Config(signature_version="s3", retries={"max_attempts": 1}))
            boto3.client("s3", endpoint_url=os.environ["FAKES3_ENDPOINT"], region_name="us-east-1").create_bucket(Bucket="skew")  # SigV4: SigV2 bucket requests are issue 12 item 2
            cases = {
                "Tue, 07 Jul 2010 21:53:04 GMT": ("RequestTimeTooSkewed", 403),   # the day name is wrong (a Wednesday)
                "Tue, 07 Jul 2030 21:53:04 GMT": ("RequestTimeTooSkewed", 403),
                "Tue, 07 Jul 9999 21:53:04 GMT": ("RequestTimeTooSkewed", 403),
                "Sun, 29 Nov 2020 09:04:02 GMT": ("RequestTimeTooSkewed", 403),   # day name right
                "Tue, 07 Jul 1950 21:53:04 GMT": ("AccessDenied", 403),
            }
            for date, want in cases.items():
                def set_date(request, **_):
                    request.headers["Date"] = date   # after signing, as a client with a wrong clock would send it
                c.meta.events.register("before-send.s3.PutObject", set_date, unique_id="date")
                try:
                    c.put_object(Bucket="skew", Key="k", Body=b"x"); raise SystemExit(f"{date}: accepted")
                except botocore.exceptions.ClientError as e:
                    got = (e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"])
                    assert got == want, (date, got, e.response["Error"])
                    if want[0] == "RequestTimeTooSkewed":
                        assert e.response["Error"]["RequestTime"] == date and e.response["Error"]["MaxAllowedSkewMilliseconds"] == "900000", e.response["Error"]
                c.meta.events.unregister("before-send.s3.PutObject", unique_id="date")
            print("ok")
            """, s3);
        Assert.True(exit == 0, output);
    }
}
