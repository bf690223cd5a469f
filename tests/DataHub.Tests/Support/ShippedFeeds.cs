using DataHub.Connectors.Definitions;

namespace DataHub.Tests.Support;

/// <summary>The feed definitions and samples shipped under connectors/ (copied beside the test assembly).</summary>
public static class ShippedFeeds
{
    public static string Path(string relative)
    {
        var beside = System.IO.Path.Combine(AppContext.BaseDirectory, "feeds", relative);
        if (File.Exists(beside)) return beside;
        throw new FileNotFoundException($"shipped feed {relative} is not beside the tests ({beside})");
    }

    public static FeedDefinition Load(string relative) => FeedDefinitionLoader.Load(Path(relative));

    /// <summary>A shipped feed re-pointed at other files (same mapping, rules and target).</summary>
    public static FeedDefinition LoadWithSource(string relative, string sourcePath)
    {
        var feed = Load(relative);
        feed.Source.Path = sourcePath;
        return feed;
    }
}
