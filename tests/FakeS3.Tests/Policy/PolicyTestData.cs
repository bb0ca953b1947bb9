using System.Text;
using FakeS3.Errors;

namespace FakeS3.Tests.Policy;

internal static class PolicyTestData
{
    public static string B64(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json));

    public static string PolicyB64(string conditions, string expiration = "2030-01-01T00:00:00Z") =>
        B64($"{{\"expiration\": \"{expiration}\", \"conditions\": [{conditions}]}}");

    public static S3Error Throws(Action action) => Assert.Throws<S3Exception>(action).Error;

    public static async Task<S3Error> ThrowsAsync(Func<Task> action) => (await Assert.ThrowsAsync<S3Exception>(action)).Error;

    public static void AssertError(S3Error? error, int status, S3ErrorCode code, string message, params (string, string)[] details)
    {
        Assert.NotNull(error);
        Assert.Equal(status, error.Status);
        Assert.Equal(code, error.Code);
        Assert.Equal(message, error.Message);
        Assert.Equal(details, error.Details);
    }
}
