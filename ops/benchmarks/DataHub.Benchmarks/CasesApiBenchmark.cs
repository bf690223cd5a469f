using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using DataHub.Hub.Service;
using DataHub.Hub.Web;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DataHub.Benchmarks;

/// <summary>
/// The officers' case list (GET /api/cases, pages of 50 with filters and keyset cursors) served by `datahub serve`'s
/// host over a store of open cases, loaded on loopback by Debian's wrk (a Lua script walks real cursors).
/// Prints p50/p99 latency and requests/s per scenario. Goal: p99 ≤ 50 ms at 1 M open cases.
/// </summary>
internal sealed class CasesApiBenchmark : IBenchmark
{
    private const double GoalP99Ms = 50;
    private const string Password = "benchmark-password-1";

    public string Name => "cases-api";

    public string Usage => "cases-api [--cases 1000000] [--seconds 15] [--connections 16]   case list over HTTP with wrk; goal p99 <= 50 ms";

    public int Run(BenchmarkOptions options) => RunAsync(options).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(BenchmarkOptions options)
    {
        var cases = (int)options.Long("cases", 1_000_000);
        var seconds = options.Long("seconds", 15);
        var connections = options.Long("connections", 16);
        var wrk = new[] { "/usr/bin/wrk", "/usr/local/bin/wrk" }.FirstOrDefault(File.Exists);
        if (wrk is null)
        {
            Console.Error.WriteLine("cases-api needs the load generator wrk: run ops/setup, or `sudo apt-get install wrk` (Debian).");
            return 2;
        }
        var dir = Directory.CreateTempSubdirectory("datahub-bench-cases-").FullName;
        try
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["DataHub:DataDirectory"] = Path.Combine(dir, "data"), ["Serve:Urls"] = "http://127.0.0.1:0",
                ["Serve:FeedsDirectory"] = dir, ["Serve:RunSchedules"] = "false",
            }).Build();
            await using var app = HubServer.Build(configuration, logging => logging.ClearProviders());
            await app.StartAsync();
            var url = HubServer.Address(app);
            var db = app.Services.GetRequiredService<HubRuntimeService>().Runtime.Database;
            Console.WriteLine($"seeding {cases:N0} open cases in 12 prefectures of 3 provinces ...");
            Console.WriteLine($"  seeded in {CaseTableSeeder.Seed(db, cases).TotalSeconds:N1} s");
            var users = app.Services.GetRequiredService<OfficerData>().Users;
            users.Upsert("bench-officer", WebRoles.Officer, "320100", Password, DateTimeOffset.UtcNow);
            users.Upsert("bench-supervisor", WebRoles.Supervisor, "320000", Password, DateTimeOffset.UtcNow);

            (string Name, string User, string Query)[] scenarios =
            [
                ("officer 320100, active, by opened", "bench-officer", "status=active&sort=opened"),
                ("officer 320100, one rule, newest first", "bench-officer", "status=active&rule=deceased-enrolled&sort=opened&dir=desc"),
                ("supervisor 320000, all, by updated", "bench-supervisor", "sort=updated"),
                ("supervisor 320000 → 320500, in-progress", "bench-supervisor", "region=320500&status=in-progress&sort=opened"),
            ];
            var met = true;
            Console.WriteLine($"wrk: {connections} connections, {seconds} s per scenario, pages of 50 walked by cursor");
            Console.WriteLine($"{"scenario",-44} {"pages",6} {"p50 ms",8} {"p99 ms",8} {"req/s",9}");
            foreach (var (name, user, query) in scenarios)
            {
                var (cookie, paths) = await PagesAsync(url, user, query, maxPages: 200);
                var script = Path.Combine(dir, "pages.lua");
                File.WriteAllText(script, Lua(paths, cookie));
                await RunWrkAsync(wrk, url, script, 2, connections, 5); // warm-up
                var result = await RunWrkAsync(wrk, url, script, 2, connections, seconds);
                met &= result.P99Ms <= GoalP99Ms && result.Errors == 0;
                Console.WriteLine($"{name,-44} {paths.Count,6} {result.P50Ms,8:N2} {result.P99Ms,8:N2} {result.RequestsPerSecond,9:N0}"
                    + (result.Errors > 0 ? $"  ({result.Errors} non-2xx)" : ""));
            }
            Console.WriteLine(met ? $"goal met: p99 <= {GoalP99Ms} ms in every scenario" : $"GOAL MISSED: p99 > {GoalP99Ms} ms (or errors) in a scenario");
            return met ? 0 : 1;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(dir, true); } catch (IOException) { }
        }
    }

    /// <summary>Signs in and walks the cursors once, so the load replays real pages (first to deep).</summary>
    private static async Task<(string Cookie, List<string> Paths)> PagesAsync(string url, string user, string query, int maxPages)
    {
        var cookies = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = new Uri(url) };
        var csrf = (await http.GetFromJsonAsync<JsonElement>("/api/csrf")).GetProperty("token").GetString();
        using var login = new HttpRequestMessage(HttpMethod.Post, "/api/login") { Content = JsonContent.Create(new { userName = user, password = Password }) };
        login.Headers.Add("X-CSRF-TOKEN", csrf);
        (await http.SendAsync(login)).EnsureSuccessStatusCode();
        var paths = new List<string>();
        string? after = null;
        do
        {
            var path = $"/api/cases?{query}&limit=50" + (after is null ? "" : "&after=" + Uri.EscapeDataString(after));
            paths.Add(path);
            after = (await http.GetFromJsonAsync<JsonElement>(path)).GetProperty("next").GetString();
        } while (after is not null && paths.Count < maxPages);
        return (cookies.GetCookieHeader(new Uri(url)), paths);
    }

    private static string Lua(IReadOnlyList<string> paths, string cookie)
    {
        var lua = new StringBuilder("paths = {\n");
        foreach (var p in paths) lua.Append("  \"").Append(p.Replace("\\", "\\\\").Replace("\"", "\\\"")).Append("\",\n");
        lua.Append("}\ni = 0\n");
        lua.Append($"wrk.headers[\"Cookie\"] = \"{cookie}\"\n");
        lua.Append("request = function()\n  i = i % #paths + 1\n  return wrk.format(\"GET\", paths[i])\nend\n");
        return lua.ToString();
    }

    private sealed record WrkResult(double P50Ms, double P99Ms, double RequestsPerSecond, long Errors);

    private static async Task<WrkResult> RunWrkAsync(string wrk, string url, string script, int threads, long connections, long seconds)
    {
        var start = new ProcessStartInfo(wrk, ["-t", threads.ToString(), "-c", connections.ToString(), "-d", $"{seconds}s", "--latency", "-s", script, url])
            { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"wrk failed: {await process.StandardError.ReadToEndAsync()}");
        double Percentile(string p) => Millis(Regex.Match(output, $@"^\s+{p}%\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline));
        var rps = double.Parse(Regex.Match(output, @"Requests/sec:\s+([\d.]+)").Groups[1].Value, CultureInfo.InvariantCulture);
        var errors = Regex.Match(output, @"Non-2xx or 3xx responses:\s+(\d+)") is { Success: true } e ? long.Parse(e.Groups[1].Value) : 0;
        return new WrkResult(Percentile("50"), Percentile("99"), rps, errors);
    }

    private static double Millis(Match m)
    {
        if (!m.Success) throw new InvalidOperationException("wrk printed no latency distribution");
        var value = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        return m.Groups[2].Value switch { "us" => value / 1000, "s" => value * 1000, _ => value };
    }
}
