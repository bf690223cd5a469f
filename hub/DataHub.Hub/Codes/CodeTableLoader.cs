using DataHub.Connectors.Definitions;
using DataHub.Hub.Pipeline;
using DataHub.Schemas.Codes;

namespace DataHub.Hub.Codes;

/// <summary>
/// Loads a code table file (CSV in UTF-8 or GB18030, or XLSX) onto its standard's compacted topic:
/// good rows keyed by code, bad rows to the dead-letter topic and store with file, line, field and reason.
/// </summary>
public sealed class CodeTableLoader(FeedRunner runner)
{
    public async Task<FeedRunResult> LoadAsync(string standardKey, string file, string trigger = "codes load",
        IProgress<FeedProgress>? progress = null, CancellationToken ct = default)
    {
        var standard = CodingStandards.Get(standardKey);
        if (!File.Exists(file)) throw new FileNotFoundException($"code table file '{file}' does not exist", file);
        var feed = For(standard, file);
        return await runner.RunAsync(feed, [Path.GetFullPath(file)], trigger, progress, ct);
    }

    /// <summary>The in-memory feed, checked like a YAML one (a mistake here is a bug, not bad input).</summary>
    public static FeedDefinition For(CodingStandard standard, string file)
    {
        var feed = CodeTableFeed.For(standard, file);
        var problems = FeedDefinitionChecker.Check(feed).ToList();
        if (problems.Count > 0)
            throw new InvalidOperationException($"the feed built for {standard.Label} is inconsistent: {string.Join("; ", problems.Select(p => $"{p.Path}: {p.Message}"))}");
        return feed;
    }
}
