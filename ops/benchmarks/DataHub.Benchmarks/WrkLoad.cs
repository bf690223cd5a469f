using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace DataHub.Benchmarks;

/// <summary>What one wrk run measured, and where the machine's CPU went meanwhile.</summary>
internal sealed record WrkResult(double P50Ms, double P99Ms, double RequestsPerSecond, long Requests, long Errors,
    double ServerCpuMsPerRequest, double ServerCores, double WrkCores, double OtherCores, double GcPauseMsPerSecond, string LoadBefore, string LoadAfter);

/// <summary>
/// Runs Debian's wrk against the server on loopback with a Lua script that replays given requests (each with its user's
/// cookie) in turn, and reads back p50/p99 and requests/s. Alongside it accounts the CPU: the server's (this process, and
/// its garbage-collection pauses),
/// wrk's (its children's times, through the shell's `times`) and everyone else's (/proc/stat), so a figure taken on a
/// busy machine says how busy it was.
/// </summary>
internal static class WrkLoad
{
    public static string? Find() => new[] { "/usr/bin/wrk", "/usr/local/bin/wrk" }.FirstOrDefault(File.Exists);

    /// <summary>A script replaying the requests in turn; each wrk thread starts at its own offset.</summary>
    public static string Script(IReadOnlyList<(string Path, string Cookie)> requests)
    {
        static string Quote(string s) => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
        var lua = new StringBuilder("requests = {\n");
        foreach (var (path, cookie) in requests) lua.Append("  {").Append(Quote(path)).Append(", ").Append(Quote(cookie)).Append("},\n");
        lua.Append("""
            }
            local threads = 0
            function setup(thread) thread:set("offset", threads * 7919); threads = threads + 1 end
            function init(args) i = offset or 0 end
            function request()
              i = i % #requests + 1
              return wrk.format("GET", requests[i][1], { ["Cookie"] = requests[i][2] })
            end
            """);
        return lua.ToString();
    }

    public static async Task<WrkResult> RunAsync(string wrk, string url, string script, int threads, int connections, int seconds)
    {
        var loadBefore = LoadAverage();
        var (busyBefore, _) = MachineTicks();
        var serverBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var pausedBefore = GC.GetTotalPauseDuration();
        // sh runs wrk, then `times` prints the shell's and its children's CPU: the second line is wrk's user and system time.
        var start = new ProcessStartInfo("/bin/sh", ["-c", "\"$0\" \"$@\" && times", wrk, "-t", threads.ToString(), "-c", connections.ToString(),
            "-d", $"{seconds}s", "--latency", "-s", script, url]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"wrk failed: {await process.StandardError.ReadToEndAsync()}");
        var serverCpu = (Process.GetCurrentProcess().TotalProcessorTime - serverBefore).TotalSeconds;
        var paused = (GC.GetTotalPauseDuration() - pausedBefore).TotalMilliseconds;
        var (busyAfter, hz) = MachineTicks();

        double Percentile(string p) => Millis(Regex.Match(output, $@"^\s+{p}%\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline));
        var requests = long.Parse(Regex.Match(output, @"(\d+) requests in").Groups[1].Value, CultureInfo.InvariantCulture);
        var rps = double.Parse(Regex.Match(output, @"Requests/sec:\s+([\d.]+)").Groups[1].Value, CultureInfo.InvariantCulture);
        var errors = (Regex.Match(output, @"Non-2xx or 3xx responses:\s+(\d+)") is { Success: true } e ? long.Parse(e.Groups[1].Value) : 0)
            + Regex.Matches(output, @"(?:connect|read|write|timeout) (\d+)").Sum(m => long.Parse(m.Groups[1].Value));
        var childTimes = output.TrimEnd().Split('\n')[^1]; // `times`: "0m1.230000s 0m0.450000s" = wrk's user and system time
        var wrkCpu = Regex.Matches(childTimes, @"(\d+)m([\d.]+)s").Sum(m => int.Parse(m.Groups[1].Value) * 60 + double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
        var busy = (busyAfter - busyBefore) / hz;
        return new WrkResult(Percentile("50"), Percentile("99"), rps, requests, errors, serverCpu * 1000 / Math.Max(1, requests),
            serverCpu / seconds, wrkCpu / seconds, Math.Max(0, busy - serverCpu - wrkCpu) / seconds, paused / seconds, loadBefore, LoadAverage());
    }

    /// <summary>The 1-minute load average.</summary>
    public static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    /// <summary>Busy CPU time of the whole machine (all cores) from /proc/stat, in clock ticks, and ticks per second.</summary>
    private static (double Busy, double Hz) MachineTicks()
    {
        if (!File.Exists("/proc/stat")) return (0, 100);
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..].Select(double.Parse).ToArray();
        var idle = fields[3] + (fields.Length > 4 ? fields[4] : 0); // idle + iowait
        return (fields.Take(8).Sum() - idle, 100); // USER_HZ is 100 on Linux
    }

    private static double Millis(Match m)
    {
        if (!m.Success) throw new InvalidOperationException("wrk printed no latency distribution");
        var value = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        return m.Groups[2].Value switch { "us" => value / 1000, "s" => value * 1000, _ => value };
    }
}
