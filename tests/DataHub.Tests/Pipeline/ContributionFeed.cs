using DataHub.Benchmarks;
using DataHub.Connectors.Definitions;

namespace DataHub.Tests.Pipeline;

/// <summary>The benchmark's contributions feed definition, retargeted at a test topic and written beside a generated source file.</summary>
public static class ContributionFeed
{
    public static string DefinitionPath => Path.Combine(AppContext.BaseDirectory, "Pipeline", "tax-contributions.yaml");

    /// <summary>Writes the definition (targeting <paramref name="topic"/>) and a CSV of <paramref name="records"/> rows; returns the paths and the valid count.</summary>
    public static (string Definition, string Csv, long Good) Write(string directory, string topic, long records, int seed = 7)
    {
        var csv = Path.Combine(directory, "contributions.csv");
        var good = ContributionCsv.Write(csv, records, seed);
        var yaml = File.ReadAllText(DefinitionPath).Replace("topic: mi.tax.contribution.v1", $"topic: {topic}");
        var definition = Path.Combine(directory, "contributions.yaml");
        File.WriteAllText(definition, yaml);
        return (definition, csv, good);
    }

    public static FeedDefinition Load(string definition) => FeedDefinitionLoader.Load(definition);
}
