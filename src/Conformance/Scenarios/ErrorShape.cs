using FakeS3.Conformance.Assertions;

namespace FakeS3.Conformance.Scenarios;

/// <summary>Spec §4: the error document and the headers on every response.</summary>
public static class ErrorShape
{
    const string Area = "ErrorShape";

    static Scenario S(string name, string evidence, Expected expected, Func<ScenarioContext, Task<Observation>> run) => new(name, Area, evidence, expected, run);

    public static IEnumerable<Scenario> All()
    {
        yield return S("writes errors as application/xml: declaration, Code, Message, extras, RequestId, HostId", "[DOC][WIRE]",
            Expect.Error(404, "NoSuchKey", "The specified key does not exist.").With("Key").Header("Content-Type", "application/xml").Header("x-amz-request-id").Header("x-amz-id-2"),
            async ctx =>
            {
                var o = await ctx.Raw.GetAsync(ctx.Presign(ctx.NewKey("missing.txt")), ctx.CancellationToken);
                var parsed = S3ErrorResponse.TryParse(o.Body);
                var order = parsed?.ElementOrder ?? [];
                o.Check(o.Body.StartsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>", StringComparison.Ordinal), "body does not start with the XML declaration, a LF and <Error>");
                o.Check(order.Count >= 4 && order[0] == "Code" && order[1] == "Message" && order[^2] == "RequestId" && order[^1] == "HostId", $"element order {string.Join(",", order)}");
                o.Check(o.RequestId == o.Header("x-amz-request-id"), "RequestId differs from x-amz-request-id");
                return o.Check(o.HostId == o.Header("x-amz-id-2"), "HostId differs from x-amz-id-2");
            });

        yield return S("sends x-amz-request-id and x-amz-id-2 on successful responses too", "[DOC][WIRE]",
            Expect.Status(200).Header("x-amz-request-id").Header("x-amz-id-2"), async ctx => await ctx.Raw.GetAsync(ctx.Presign(await ctx.SharedObjectAsync()), ctx.CancellationToken));

        yield return S("answers a HEAD that fails authentication with the status only and no body", "[REC]",
            Expect.Status(403).Header("x-amz-request-id"), async ctx =>
            {
                var url = ctx.Presign(await ctx.SharedObjectAsync(), "HEAD", s => s with { Secret = "not-the-secret" });
                var o = await ctx.Raw.SendAsync(new HttpRequestMessage(HttpMethod.Head, url), ctx.CancellationToken);
                return o.Check(o.Body.Length == 0, "HEAD error has a body");
            });
    }
}
