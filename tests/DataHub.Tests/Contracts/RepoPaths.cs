namespace DataHub.Tests.Contracts;

/// <summary>Locates files of the repository (the directory holding DataHub.sln) from the test output.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> RootDir = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "DataHub.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException($"no DataHub.sln above {AppContext.BaseDirectory}");
    });

    public static string Root => RootDir.Value;

    public static string Under(params string[] parts) => Path.Combine([Root, .. parts]);

    public static string SampleCodeTable(string key) => Under("schemas", "samples", "codes", key + ".csv");
}
