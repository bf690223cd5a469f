using System.Text.RegularExpressions;
using DataHub.Cli.Commands;
using DataHub.Hub.Service;
using DataHub.Tests.Support;
using Microsoft.Extensions.Configuration;
using Spectre.Console;

namespace DataHub.Tests.Web;

/// <summary>
/// `datahub serve --demo`: a small generated city run through the hub and reconciled, demo users created, and the address
/// and password printed — which then sign the officer in to cases of their own region. (`datahub demo` prints the hint to it.)
/// The demo's feed runs, gaps and materialiser lag are on the scrape endpoint (DemoMetrics).
/// </summary>
[Collection(SerialCollection.Name)] // swaps the process-wide Spectre console to read what is printed
public sealed class OfficerDemoTests
{
    [Fact]
    public async Task Serve_demo_prints_a_login_that_signs_the_officer_in_to_their_regions_cases_and_its_runs_show_on_metrics()
    {
        var dir = Directory.CreateTempSubdirectory("datahub-demo-").FullName;
        var console = AnsiConsole.Console;
        var printed = new StringWriter();
        try
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["DataHub:DataDirectory"] = Path.Combine(dir, "data"), ["Serve:Urls"] = "http://127.0.0.1:0",
                ["Serve:FeedsDirectory"] = Path.Combine(dir, "feeds"), ["Serve:RunSchedules"] = "false",
            }).Build();
            await using var app = HubServer.Build(configuration);
            await app.StartAsync();
            AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings
                { Out = new AnsiConsoleOutput(printed), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
            AnsiConsole.Profile.Width = 500; // one line per message, as a wide terminal shows it
            await OfficerDemoOutput.SeedAndPrintAsync(app, CancellationToken.None);

            var text = printed.ToString();
            var login = Regex.Match(text, @"Open (http://127\.0\.0\.1:\d+)/ and sign in with password (\S+) ");
            Assert.True(login.Success, text);
            Assert.Equal(HubServer.Address(app), login.Groups[1].Value);
            foreach (var user in new[] { "officer", "supervisor", "auditor", "admin" }) Assert.Contains(user, text);

            using var officer = new WebSession(login.Groups[1].Value);
            Assert.True((await officer.LoginAsync("officer", login.Groups[2].Value)).IsSuccessStatusCode);
            var page = await officer.GetJsonAsync("/api/cases?limit=200");
            var cases = page.GetProperty("cases").EnumerateArray().ToList();
            Assert.NotEmpty(cases);
            Assert.All(cases, c => Assert.Equal(Hub.Web.OfficerDemo.OfficerRegion, c.GetProperty("region").GetString()));
            Assert.Single((await officer.GetJsonAsync("/api/cases/trend")).EnumerateArray()); // the demo's one reconciliation run
            Assert.False((await new WebSession(login.Groups[1].Value).LoginAsync("officer", "not-the-printed-password")).IsSuccessStatusCode);

            await DemoMetrics.AssertShownAsync(app);
        }
        finally
        {
            AnsiConsole.Console = console;
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
