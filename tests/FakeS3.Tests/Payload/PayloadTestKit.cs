using System.Text;
using FakeS3.Errors;
using FakeS3.Payload;
using FakeS3.Signing;

namespace FakeS3.Tests.Payload;

internal static class PayloadTestKit
{
    public static async Task<(byte[] Body, PayloadDigest Digest)> ReadAllAsync(IncomingPayload payload, int readSize = 7000)
    {
        var output = new MemoryStream();
        var buffer = new byte[readSize];
        int n;
        while ((n = await payload.Body.ReadAsync(buffer)) > 0) output.Write(buffer, 0, n);
        return (output.ToArray(), payload.Complete());
    }

    public static async Task<S3Error> RejectsAsync(Func<Task> action) => (await Assert.ThrowsAsync<S3Exception>(action)).Error;

    public static Stream Body(string text) => new MemoryStream(Encoding.ASCII.GetBytes(text));

    public static AuthResult Auth(string payloadHash) => new(AuthKind.SigV4Header) { PayloadHash = payloadHash };
}
