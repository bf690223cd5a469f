namespace DataHub.Tests.Support;

/// <summary>Paths inside the repository the tests run from.</summary>
public static class RepoPaths
{
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "DataHub.sln"))) return dir.FullName;
            throw new DirectoryNotFoundException($"no DataHub.sln above {AppContext.BaseDirectory}");
        }
    }

    public static string Under(params string[] parts) => Path.Combine([Root, .. parts]);

    public static string SampleCodeTable(string key) => Under("schemas", "samples", "codes", key + ".csv");

    /// <summary>The build configuration the tests were built with (Debug or Release).</summary>
    public static string Configuration => new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;

    /// <summary>A program's dll in its own build output (beside its own runtimeconfig and dependencies).</summary>
    public static string ProgramDll(string projectFolder, string assembly) =>
        Path.Combine(Root, projectFolder, "bin", Configuration, "net10.0", assembly + ".dll");
}
