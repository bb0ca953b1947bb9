using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace FakeS3.Admin;

/// <summary>
/// JSON in and out of the admin API: camelCase, enums as strings, nulls omitted. Quotes, ampersands and
/// non-ASCII are written as themselves (curl output stays readable): the responses are application/json with
/// nosniff, never HTML, so the default HTML-safe escaping buys nothing.
/// </summary>
internal static class AdminJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>One line, for log messages.</summary>
    public static readonly JsonSerializerOptions Compact = new(Options) { WriteIndented = false };

    public static Task WriteAsync<T>(HttpContext http, T value, int status = StatusCodes.Status200OK)
    {
        http.Response.StatusCode = status;
        return http.Response.WriteAsJsonAsync(value, Options, http.RequestAborted);
    }

    public static Task ErrorAsync(HttpContext http, int status, string message) =>
        WriteAsync(http, new AdminError(message), status);

    /// <summary>
    /// The body as <typeparamref name="T"/>, or null (and a 400 already written) when it is not valid JSON.
    /// The content type is not looked at here: AdminAccessGuard has already decided whether it was acceptable.
    /// </summary>
    public static async Task<T?> ReadAsync<T>(HttpContext http) where T : class
    {
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(http.Request.Body, Options, http.RequestAborted);
            if (value is not null) return value;
        }
        catch (JsonException e)
        {
            await ErrorAsync(http, StatusCodes.Status400BadRequest, "The body is not valid JSON: " + e.Message);
            return null;
        }
        catch (InvalidOperationException) when (!http.Request.HasJsonContentType())
        {
            await ErrorAsync(http, StatusCodes.Status415UnsupportedMediaType, "Send the body as JSON, with Content-Type: application/json.");
            return null;
        }
        await ErrorAsync(http, StatusCodes.Status400BadRequest, "A JSON body is required.");
        return null;
    }
}

internal sealed record AdminError(string Error);
