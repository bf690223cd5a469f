using System.Reflection;

namespace DataHub.Schemas;

/// <summary>Reads the data files and Avro schemas embedded in this assembly.</summary>
internal static class EmbeddedData
{
    private static readonly Assembly Self = typeof(EmbeddedData).Assembly;

    public static string ReadText(string dataFile) => ReadResource("data/" + dataFile);

    public static string ReadResource(string logicalName)
    {
        using var stream = Self.GetManifestResourceStream(logicalName)
            ?? throw new FileNotFoundException($"embedded resource '{logicalName}' is missing from DataHub.Schemas");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static IEnumerable<string> ResourceNames(string prefix) =>
        Self.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal));
}
