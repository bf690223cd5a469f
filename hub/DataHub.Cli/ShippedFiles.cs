namespace DataHub.Cli;

/// <summary>The feed definitions and samples shipped beside the program (copied from connectors/ at build).</summary>
public static class ShippedFiles
{
    public static string FeedsDirectory => Path.Combine(AppContext.BaseDirectory, "feeds");

    public static string Feed(string relativePath) => Path.Combine(FeedsDirectory, relativePath);

    /// <summary>A definition path as given, or else relative to the shipped feeds folder (with or without .yaml).</summary>
    public static string ResolveFeed(string nameOrPath)
    {
        if (File.Exists(nameOrPath)) return Path.GetFullPath(nameOrPath);
        foreach (var candidate in new[] { nameOrPath, nameOrPath + ".yaml", nameOrPath.Replace('.', '/') + ".yaml" })
        {
            var shipped = Feed(candidate);
            if (File.Exists(shipped)) return shipped;
        }
        return nameOrPath;
    }
}
