using System.Diagnostics;
using DataHub.Tests.Support;

namespace DataHub.Tests.Pipeline;

/// <summary>
/// `datahub feed run` over a folder where one file's header lacks a column the feed maps (a typo in the department's
/// export): the command says which file, line and field, and exits 2, as `feed try` does, instead of a stack trace.
/// </summary>
[Collection(ChildProcessCollection.Name)]
public sealed class FeedRunHeaderMismatchTests
{
    private const string Header = "公民身份号码,姓名,性别,出生日期,户籍地行政区划,母亲身份号码,父亲身份号码,出生医学证明编号,登记日期";
    private const string Row = "320102202609218746,李怡,女,20260921,320102,360112198609131844,370881198605204631,O927408441,2026-10-12";

    [Fact]
    public async Task A_file_whose_header_lacks_a_mapped_column_is_named_with_its_line_and_field_without_a_stack_trace()
    {
        var folder = Directory.CreateTempSubdirectory("datahub-header-").FullName;
        var inbox = Directory.CreateDirectory(Path.Combine(folder, "inbox")).FullName;
        await File.WriteAllTextAsync(Path.Combine(inbox, "a-good.csv"), $"{Header}\n{Row}\n");
        await File.WriteAllTextAsync(Path.Combine(inbox, "b-typo.csv"), $"{Header.Replace("户籍地行政区划", "户籍行政区划")}\n{Row}\n");
        var definition = RepoPaths.Under("tests", "DataHub.Tests", "Corpus", "feeds", "births-csv.yaml");

        var (exit, output, error) = await CliAsync(folder, "feed", "run", definition, "--source", "inbox");

        Assert.DoesNotContain("Unhandled exception", error);
        Assert.DoesNotContain("   at ", error);
        Assert.Equal(2, exit);
        Assert.Contains("b-typo.csv:1: column '户籍地行政区划' for field 'householdDivision' is not in the file", output.Replace("\n", ""));
    }

    private static async Task<(int Exit, string Output, string Error)> CliAsync(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true,
            Environment = { ["NO_COLOR"] = "1", ["COLUMNS"] = "400" },
        };
        foreach (var a in args.Prepend(Path.Combine(AppContext.BaseDirectory, "datahub.dll"))) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));
        return (process.ExitCode, await output, await error);
    }
}
