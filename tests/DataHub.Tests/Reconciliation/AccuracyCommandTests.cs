using System.Diagnostics;
using DataHub.Reconciliation.City;
using DataHub.Tests.Support;

namespace DataHub.Tests.Reconciliation;

/// <summary>
/// `datahub accuracy` as a user runs it, one process per city, from one folder (so the default store ./data is
/// shared): each run's embedded cluster is new, and the figures of the second city must not depend on the first.
/// </summary>
public sealed class AccuracyCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("datahub-accuracy-cli-").FullName;

    [Fact]
    public async Task A_second_city_measured_from_the_same_folder_is_measured_alone()
    {
        var first = Path.Combine(_dir, "first");
        var second = Path.Combine(_dir, "second");
        CityFiles.Write(new CitySettings(600, 5, CitySettings.DefaultAsOf), first);
        CityFiles.Write(new CitySettings(400, 6, CitySettings.DefaultAsOf), second);

        var (firstExit, firstOutput) = await Accuracy(first);
        var (secondExit, secondOutput) = await Accuracy(second);

        Assert.True(firstExit == 0, firstOutput);
        // Before: the second run read the first run's store, skipped its own first records and found the first city's gaps.
        Assert.True(secondExit == 0, secondOutput);
        Assert.Contains("store: a new one for this run", secondOutput);
        Assert.False(Directory.Exists(Path.Combine(_dir, "data")), "the default store was used");
    }

    private async Task<(int Exit, string Output)> Accuracy(string city)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = _dir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { RepoPaths.ProgramDll("hub/DataHub.Cli", "datahub"), "accuracy", city }) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
