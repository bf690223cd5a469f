using DataHub.Schemas.Avro.Compatibility;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using static DataHub.Hub.Registry.RegistryHttp;

namespace DataHub.Hub.Registry;

/// <summary>
/// The Confluent Schema Registry REST subset the stock Confluent clients (Confluent.SchemaRegistry
/// 2.16 <c>RestService</c>) call, plus the read endpoints people use with curl. Unknown query
/// parameters (normalize, format, fetchMaxId, subject, ...) are accepted and ignored.
/// </summary>
internal static class RegistryEndpoints
{
    public static void Map(IEndpointRouteBuilder app, SchemaRegistryService registry)
    {
        app.MapGet("/", () => Json(new { }));
        app.MapGet("/schemas/types", () => Json(new[] { "AVRO" }));
        app.MapGet("/mode", () => Json(new { mode = "READWRITE" }));

        app.MapGet("/schemas/ids/{id:int}", (int id) => Json(new { schema = registry.GetSchemaText(id) }));
        app.MapGet("/schemas/ids/{id:int}/schema", (int id) => Results.Text(registry.GetSchemaText(id), ContentType));
        app.MapGet("/schemas/ids/{id:int}/versions", (int id, HttpRequest request) =>
            Json(registry.GetSubjectVersionsOfSchema(id, Flag(request, "deleted")).Select(v => new { subject = v.Subject, version = v.Version })));

        app.MapGet("/subjects", (HttpRequest request) => Json(registry.GetSubjects(Flag(request, "deleted"))));
        app.MapPost("/subjects/{subject}", async (string subject, HttpRequest request) =>
            Schema(registry.Lookup(subject, await ReadSubmissionAsync(request), Flag(request, "deleted"))));
        app.MapDelete("/subjects/{subject}", (string subject, HttpRequest request) =>
            Json(registry.DeleteSubject(subject, Flag(request, "permanent"))));
        app.MapGet("/subjects/{subject}/versions", (string subject, HttpRequest request) =>
            Json(registry.GetVersionNumbers(subject, Flag(request, "deleted"))));
        app.MapPost("/subjects/{subject}/versions", async (string subject, HttpRequest request) =>
            Json(new { id = registry.Register(subject, await ReadSubmissionAsync(request)) }));
        app.MapGet("/subjects/{subject}/versions/{version}", (string subject, string version, HttpRequest request) =>
            Schema(registry.GetVersion(subject, version, Flag(request, "deleted"))));
        app.MapGet("/subjects/{subject}/versions/{version}/schema", (string subject, string version, HttpRequest request) =>
            Results.Text(registry.GetVersion(subject, version, Flag(request, "deleted")).Schema, ContentType));

        app.MapPost("/compatibility/subjects/{subject}/versions/{version}", async (string subject, string version, HttpRequest request) =>
        {
            var result = registry.TestCompatibility(subject, version, await ReadSubmissionAsync(request));
            return Flag(request, "verbose")
                ? Json(new { is_compatible = result.IsCompatible, messages = result.Messages })
                : Json(new { is_compatible = result.IsCompatible });
        });

        app.MapGet("/config", () => Json(new { compatibilityLevel = registry.GetLevel(null, true).ToWireName() }));
        app.MapPut("/config", async (HttpRequest request) =>
            Json(new { compatibility = registry.SetLevel(null, await ReadCompatibilityAsync(request)).ToWireName() }));
        app.MapGet("/config/{subject}", (string subject, HttpRequest request) =>
            Json(new { compatibilityLevel = registry.GetLevel(subject, Flag(request, "defaultToGlobal")).ToWireName() }));
        app.MapPut("/config/{subject}", async (string subject, HttpRequest request) =>
            Json(new { compatibility = registry.SetLevel(subject, await ReadCompatibilityAsync(request)).ToWireName() }));
        app.MapDelete("/config/{subject}", (string subject) =>
            Json(new { compatibilityLevel = registry.ClearLevel(subject).ToWireName() }));

        // Confluent.SchemaRegistry 2.16's default subject-name strategy first asks which subject a
        // topic is associated with; none are kept here, so the answer is an empty list and the client
        // falls back to the topic-name strategy, as against a real registry with no associations.
        app.MapGet("/associations/resources/{resourceNamespace}/{resourceName}", () => Json(Array.Empty<object>()));
    }
}
