using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using DataHub.Tests.Pipeline;

namespace DataHub.Tests.ScaleOut;

/// <summary>
/// `datahub serve` in a child process, on the test's embedded cluster, registry and SQLite store (configured mode,
/// through DATAHUB__ variables), keeping its log lines so a test can wait on what it says.
/// </summary>
internal sealed class ServeProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private ServeProcess(string name, Process process, string url)
    {
        Name = name;
        _process = process;
        Url = url;
    }

    public string Name { get; }
    public string Url { get; }
    public IEnumerable<string> Lines => _lines;
    public bool HasExited => _process.HasExited;

    public static ServeProcess Start(string name, EmbeddedHub hub, string feedsDirectory, IReadOnlyDictionary<string, string> settings)
    {
        var url = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = hub.Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "datahub.dll"), "serve", "--urls", url }) start.ArgumentList.Add(a);
        start.Environment["DATAHUB__Kafka__BootstrapServers"] = hub.Cluster.BootstrapServers;
        start.Environment["DATAHUB__SchemaRegistry__Url"] = hub.RegistryServer.Url;
        start.Environment["DATAHUB__Store__ConnectionString"] = hub.StoreConnectionString;
        start.Environment["DATAHUB__Serve__FeedsDirectory"] = feedsDirectory;
        foreach (var (key, value) in settings) start.Environment["DATAHUB__" + key.Replace(":", "__")] = value;
        var child = new ServeProcess(name, Process.Start(start)!, url);
        child._process.OutputDataReceived += (_, e) => { if (e.Data is not null) child._lines.Enqueue(e.Data); };
        child._process.ErrorDataReceived += (_, e) => { if (e.Data is not null) child._lines.Enqueue(e.Data); };
        child._process.BeginOutputReadLine();
        child._process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits until the log has a line <paramref name="match"/> accepts (the whole log is passed, newest last).</summary>
    public async Task WaitForAsync(Func<IReadOnlyList<string>, bool> match, string what, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (match(_lines.ToList())) return;
            if (_process.HasExited) throw new InvalidOperationException($"{Name} exited ({_process.ExitCode}) before {what}:\n{Tail()}");
            await Task.Delay(50);
        }
        throw new TimeoutException($"{Name}: not {what} within {timeout}:\n{Tail()}");
    }

    /// <summary>SIGKILL: no shutdown, no leaving the group; the others notice when its session times out.</summary>
    public void KillHard()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public string Tail(int lines = 40) => string.Join("\n", _lines.TakeLast(lines));

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (!_process.HasExited) KillHard();
        _process.Dispose();
    }
}
