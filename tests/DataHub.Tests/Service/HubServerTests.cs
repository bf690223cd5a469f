using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using DataHub.Hub.Registry;
using DataHub.Hub.Service;
using DataHub.Hub.Store;
using DataHub.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace DataHub.Tests.Service;

/// <summary>`datahub serve`'s host on a free port: run a feed through the API, read its counters on /metrics, probe readiness.</summary>
public sealed class HubServerTests : IAsyncLifetime
{
    private const string Token = "test-service-token-0123456789abcdef";
    private readonly string _dir = Directory.CreateTempSubdirectory("datahub-serve-").FullName;
    private readonly string _feed = "serve-test-" + Guid.NewGuid().ToString("N")[..8];
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(90) };

    [Fact]
    public async Task A_feed_run_through_the_api_shows_its_counters_on_metrics_and_the_hub_is_ready()
    {
        await using var app = await StartAsync();
        var url = HubServer.Address(app);

        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync($"{url}/health/live")).StatusCode);
        var ready = await _http.GetAsync($"{url}/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains("\"kafka\"", await ready.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, (await _http.PostAsync($"{url}/api/feeds/{_feed}/runs", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(HttpMethod.Post, $"{url}/api/feeds/{_feed}/runs", Token + "x")).StatusCode);
        var response = await Send(HttpMethod.Post, $"{url}/api/feeds/{_feed}/runs", Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var run = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((32, 30, 2), (run.GetProperty("read").GetInt64(), run.GetProperty("published").GetInt64(), run.GetProperty("deadLettered").GetInt64()));

        var metrics = await _http.GetStringAsync($"{url}/metrics");
        Assert.Equal(32, Counter(metrics, "datahub_feed_records_read"));
        Assert.Equal(30, Counter(metrics, "datahub_feed_records_published"));
        Assert.Equal(2, Counter(metrics, "datahub_feed_records_rejected"));
        Assert.Matches($@"datahub_feed_run_duration_seconds_count\{{[^}}]*feed=""{_feed}""[^}}]*status=""succeeded""[^}}]*\}} 1", metrics);

        Assert.Equal(HttpStatusCode.NotFound, (await Send(HttpMethod.Post, $"{url}/api/feeds/no-such-feed/runs", Token)).StatusCode);

        // The run history shows the run, as the feed runner recorded it.
        var history = await (await Send(HttpMethod.Get, $"{url}/api/feeds/runs?feed={_feed}", Token)).Content.ReadFromJsonAsync<JsonElement>();
        var recorded = Assert.Single(history.EnumerateArray());
        Assert.Equal(run.GetProperty("runId").GetInt64(), recorded.GetProperty("id").GetInt64());
        Assert.Equal(("succeeded", 30L, 2L), (recorded.GetProperty("status").GetString(), recorded.GetProperty("published").GetInt64(), recorded.GetProperty("rejected").GetInt64()));
        Assert.StartsWith("api ", recorded.GetProperty("trigger").GetString()); // then the request's work id
    }

    [Fact]
    public async Task With_an_otlp_endpoint_the_feed_run_and_its_request_are_traced_and_the_metrics_exported()
    {
        using var collector = new OtlpCollector();
        await using var app = await StartAsync(
            ("OTEL_EXPORTER_OTLP_ENDPOINT", collector.Endpoint), ("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"),
            ("OTEL_BSP_SCHEDULE_DELAY", "100"), ("OTEL_METRIC_EXPORT_INTERVAL", "300"));
        var url = HubServer.Address(app);
        var response = await Send(HttpMethod.Post, $"{url}/api/feeds/{_feed}/runs", Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var timeout = TimeSpan.FromSeconds(30);
        await collector.WaitForAsync("/v1/traces", timeout, "feed run", _feed);
        await collector.WaitForAsync("/v1/traces", timeout, "/api/feeds/{name}/runs");
        await collector.WaitForAsync("/v1/metrics", timeout, "datahub.feed.records.published", _feed);
    }

    [Fact]
    public void A_service_token_shorter_than_32_characters_stops_the_start_naming_the_setting()
    {
        var e = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => HubServer.Build(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Serve:ApiToken"] = "short", ["DataHub:DataDirectory"] = Path.Combine(_dir, "data") }).Build()));
        Assert.StartsWith("Serve:ApiToken: 5 characters", Assert.Single(e.Failures));
    }

    private Task<HttpResponseMessage> Send(HttpMethod method, string url, string token)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return _http.SendAsync(request);
    }

    [Fact]
    public async Task Ready_turns_503_naming_the_part_when_the_schema_registry_stops_answering()
    {
        var registryStore = SqliteDatabase.InDirectory(Path.Combine(_dir, "registry"));
        var registry = new EmbeddedSchemaRegistry(registryStore);
        await registry.StartAsync();
        await using var app = await StartAsync(("SchemaRegistry:Url", registry.Url));
        var url = HubServer.Address(app);
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync($"{url}/health/ready")).StatusCode);

        await registry.DisposeAsync();
        var ready = await _http.GetAsync($"{url}/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var parts = (await ready.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("parts");
        Assert.Equal("Unhealthy", parts.GetProperty("schema-registry").GetProperty("status").GetString());
        Assert.Equal("Healthy", parts.GetProperty("store").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync($"{url}/health/live")).StatusCode);
    }

    private long Counter(string metrics, string name)
    {
        var match = Regex.Match(metrics, $@"^{name}(_total)?\{{[^}}]*feed=""{_feed}""[^}}]*\}} (\d+)", RegexOptions.Multiline);
        Assert.True(match.Success, $"{name} for {_feed} is not on /metrics:\n{metrics}");
        return long.Parse(match.Groups[2].Value);
    }

    private async Task<WebApplication> StartAsync(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DataHub:DataDirectory"] = Path.Combine(_dir, "data"),
            ["Serve:Urls"] = "http://127.0.0.1:0",
            ["Serve:FeedsDirectory"] = Path.Combine(_dir, "feeds"),
            ["Serve:ApiToken"] = Token,
        }.Concat(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))).Build();
        var app = HubServer.Build(configuration);
        await app.StartAsync();
        return app;
    }

    public Task InitializeAsync()
    {
        // The shipped births feed under a unique name (metrics are process-wide), over 30 good and 2 bad rows.
        var rows = SyntheticBirths.Rows(32, seed: 11);
        rows[5] = rows[5] with { ResidentId = rows[5].ResidentId[..17] + (rows[5].ResidentId[17] == '0' ? '1' : '0') };
        rows[20] = rows[20] with { Sex = "X" };
        var csv = Path.Combine(_dir, "births.csv");
        File.WriteAllText(csv, SyntheticBirths.Csv(rows));
        var yaml = File.ReadAllText(ShippedFeeds.Path("public-security/births.yaml"));
        yaml = Regex.Replace(yaml, @"^name: .*$", $"name: {_feed}", RegexOptions.Multiline);
        yaml = Regex.Replace(yaml, @"^  path: .*$", $"  path: {csv}", RegexOptions.Multiline);
        Directory.CreateDirectory(Path.Combine(_dir, "feeds"));
        File.WriteAllText(Path.Combine(_dir, "feeds", "births.yaml"), yaml);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        _http.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        return Task.CompletedTask;
    }
}
