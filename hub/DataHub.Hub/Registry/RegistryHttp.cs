using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace DataHub.Hub.Registry;

/// <summary>Request reading and response writing in Confluent Schema Registry's JSON shapes.</summary>
internal static class RegistryHttp
{
    public const string ContentType = "application/vnd.schemaregistry.v1+json";

    /// <summary>
    /// Reads a <c>{"schema":..,"schemaType":..,"references":[..]}</c> body. Read by hand rather than
    /// by minimal-API binding, which accepts only application/json and the clients send
    /// application/vnd.schemaregistry.v1+json.
    /// </summary>
    public static async Task<SchemaSubmission> ReadSubmissionAsync(HttpRequest request)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
        }
        catch (JsonException e)
        {
            throw SchemaRegistryError.BadRequest($"Unrecognized request body: {e.Message}");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw SchemaRegistryError.BadRequest("The request body must be a JSON object");
            var schema = root.TryGetProperty("schema", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString()! : "";
            var type = root.TryGetProperty("schemaType", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            var references = root.TryGetProperty("references", out var r) && r.ValueKind == JsonValueKind.Array ? r.GetArrayLength() : 0;
            return new SchemaSubmission(schema, type, references);
        }
    }

    public static async Task<string?> ReadCompatibilityAsync(HttpRequest request)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
            return document.RootElement.ValueKind == JsonValueKind.Object
                   && document.RootElement.TryGetProperty("compatibility", out var c) && c.ValueKind == JsonValueKind.String
                ? c.GetString()
                : null;
        }
        catch (JsonException e)
        {
            throw SchemaRegistryError.BadRequest($"Unrecognized request body: {e.Message}");
        }
    }

    public static IResult Json(object value, int status = StatusCodes.Status200OK) =>
        Results.Text(JsonSerializer.Serialize(value), ContentType, statusCode: status);

    public static IResult Error(SchemaRegistryError error) =>
        Json(new { error_code = error.ErrorCode, message = error.Message }, error.Status);

    public static IResult Schema(RegisteredSchemaView view) =>
        Json(new { subject = view.Subject, version = view.Version, id = view.Id, schema = view.Schema });

    public static bool Flag(HttpRequest request, string name) =>
        bool.TryParse(request.Query[name].ToString(), out var value) && value;
}
