using DataHub.Connectors.Definitions;
using Microsoft.Extensions.FileSystemGlobbing;

namespace DataHub.Hub.Pipeline;

/// <summary>
/// Finds the files a feed's source glob names, relative to the definition file's folder. An override (a path
/// given on the command line: `feed try SAMPLE`, `feed run --source`) is relative to the current folder instead,
/// as every other path a user types is.
/// </summary>
public static class SourceFiles
{
    public static IReadOnlyList<string> Resolve(FeedDefinition feed, string? overridePath = null)
    {
        if (feed.Source.Kind == "sql") return [DataHub.Connectors.Sources.SqlTableSource.KeyOf(feed.Source)];
        var pattern = overridePath ?? feed.Source.Path;
        var baseDir = overridePath is not null || feed.DefinitionPath is null
            ? Directory.GetCurrentDirectory()
            : Path.GetDirectoryName(feed.DefinitionPath)!;
        var full = Path.IsPathRooted(pattern) ? pattern : Path.GetFullPath(Path.Combine(baseDir, pattern));
        if (File.Exists(full)) return [full];
        if (Directory.Exists(full)) return Directory.GetFiles(full).Order(StringComparer.Ordinal).ToArray();

        var root = GlobRoot(full);
        if (!Directory.Exists(root)) return [];
        var matcher = new Matcher(StringComparison.Ordinal);
        matcher.AddInclude(Path.GetRelativePath(root, full).Replace('\\', '/'));
        return matcher.GetResultsInFullPath(root).Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>The longest leading folder of the pattern that contains no wildcard.</summary>
    private static string GlobRoot(string pattern)
    {
        var parts = pattern.Split('/');
        var fixedParts = parts.TakeWhile(p => !p.Contains('*') && !p.Contains('?')).ToArray();
        if (fixedParts.Length == parts.Length) fixedParts = fixedParts[..^1];
        return string.Join('/', fixedParts) is { Length: > 0 } root ? root : "/";
    }
}
