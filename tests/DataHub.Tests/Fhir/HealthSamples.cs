using System.Text;
using System.Text.Json.Nodes;
using DataHub.Connectors.Fhir;

namespace DataHub.Tests.Fhir;

/// <summary>Finds connectors/samples/health from the test output directory and reads bundles through the reader.</summary>
internal static class HealthSamples
{
    public static string Dir { get; } = FindDir();

    public static string Path(string file) => System.IO.Path.Combine(Dir, file);

    public static IReadOnlyList<FhirReadItem> Read(string file)
    {
        using var stream = File.OpenRead(Path(file));
        return new FhirBundleReader().Read(stream, file);
    }

    public static IReadOnlyList<FhirReadItem> ReadText(string text, string source = "test") =>
        new FhirBundleReader().Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), source);

    public static JsonObject Json(string file) => (JsonObject)JsonNode.Parse(File.ReadAllText(Path(file)))!;

    /// <summary>The entries' resources, by resource id.</summary>
    public static JsonObject Resource(JsonObject bundle, string id) =>
        bundle["entry"]!.AsArray().Select(e => e!["resource"]!.AsObject()).Single(r => (string?)r["id"] == id);

    private static string FindDir()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "DataHub.sln")))
                return System.IO.Path.Combine(dir.FullName, "connectors", "samples", "health");
        throw new DirectoryNotFoundException("DataHub.sln not found above the test directory");
    }
}
