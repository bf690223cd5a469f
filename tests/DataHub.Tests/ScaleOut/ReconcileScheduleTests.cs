using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataHub.Hub.Service;
using DataHub.Tests.Registry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace DataHub.Tests.ScaleOut;

/// <summary>`datahub serve` reconciles on its Quartz cron and on demand; runs are in the history and never overlap.</summary>
public sealed class ReconcileScheduleTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("datahub-reconcile-schedule-").FullName;
    private const string ServiceToken = "schedule-test-service-token-0123456789";
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(120) };

    [Fact]
    public async Task The_cron_fires_runs_are_recorded_with_their_trigger_and_none_overlap()
    {
        var log = new RecordingLoggerProvider();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DataHub:DataDirectory"] = Path.Combine(_dir, "data"),
            ["Serve:Urls"] = "http://127.0.0.1:0",
            ["Serve:FeedsDirectory"] = Path.Combine(_dir, "feeds"),
            ["Serve:RunSchedules"] = "false",
            ["Serve:ReconcileSchedule"] = "0/2 * * * * ?",
            ["Serve:ApiToken"] = ServiceToken,
        }).Build();
        await using var app = HubServer.Build(configuration, logging => logging.AddProvider(log).AddFilter("DataHub", LogLevel.Information));
        await app.StartAsync();
        var url = HubServer.Address(app);
        await The_run_api_refuses_anonymous_and_wrong_token_callers(url);
        _http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ServiceToken);

        var scheduled = await WaitForRunsAsync(url, "schedule", count: 2, TimeSpan.FromSeconds(90));
        // On demand: 409 while a scheduled run is going on this instance, so ask until it is between runs.
        var onDemand = await _http.PostAsync($"{url}/api/reconciliation/runs", null);
        for (var deadline = DateTime.UtcNow.AddSeconds(60); onDemand.StatusCode == HttpStatusCode.Conflict && DateTime.UtcNow < deadline;)
            onDemand = await _http.PostAsync($"{url}/api/reconciliation/runs", null);
        Assert.Equal(HttpStatusCode.OK, onDemand.StatusCode);
        var run = await onDemand.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("succeeded", run.GetProperty("status").GetString());
        Assert.Equal("partitions 0,1,2,3,4,5", run.GetProperty("scope").GetString());

        var history = await _http.GetFromJsonAsync<JsonElement[]>($"{url}/api/reconciliation/runs?limit=100");
        Assert.True(history!.Any(r => r.GetProperty("trigger").GetString() == "api" && r.GetProperty("runId").GetString() == run.GetProperty("runId").GetString()),
            $"the on-demand run {run} is not in the history: {string.Join(" ", history!.Select(r => r.ToString()))}");
        Assert.All(scheduled, r => Assert.Equal("succeeded", r.GetProperty("status").GetString()));
        var finished = history!.Where(r => r.GetProperty("finishedAt").ValueKind != JsonValueKind.Null)
            .Select(r => (Start: r.GetProperty("startedAt").GetDateTimeOffset(), End: r.GetProperty("finishedAt").GetDateTimeOffset()))
            .OrderBy(r => r.Start).ToList();
        for (var i = 1; i < finished.Count; i++)
            Assert.True(finished[i - 1].End <= finished[i].Start, $"runs overlap: {finished[i - 1]} and {finished[i]}");
        Assert.True(log.Lines.Any(l => l.Message.Contains("reconcile runs on '0/2 * * * * ?'") && l.Message.Contains("misfire")),
            "the schedule and its misfire policy are not in the log:\n" + string.Join("\n", log.Lines.Select(l => l.Message).Where(m => m.StartsWith("Schedule"))));
        await app.StopAsync();
    }

    private static async Task The_run_api_refuses_anonymous_and_wrong_token_callers(string url)
    {
        using var anonymous = new HttpClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync($"{url}/api/reconciliation/runs", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"{url}/api/reconciliation/runs")).StatusCode);
        using var wrong = new HttpClient();
        wrong.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ServiceToken + "x");
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.PostAsync($"{url}/api/reconciliation/runs", null)).StatusCode);
    }

    private async Task<List<JsonElement>> WaitForRunsAsync(string url, string trigger, int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var runs = (await _http.GetFromJsonAsync<JsonElement[]>($"{url}/api/reconciliation/runs?limit=100"))!
                .Where(r => r.GetProperty("trigger").GetString() == trigger && r.GetProperty("finishedAt").ValueKind != JsonValueKind.Null).ToList();
            if (runs.Count >= count) return runs;
            await Task.Delay(200);
        }
        throw new TimeoutException($"fewer than {count} '{trigger}' runs finished within {timeout}");
    }

    public void Dispose()
    {
        _http.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
