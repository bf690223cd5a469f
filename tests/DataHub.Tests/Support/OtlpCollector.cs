using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DataHub.Tests.Support;

/// <summary>
/// Receives OTLP over HTTP (protobuf) on a free loopback port and keeps each request's path and body, so a test can
/// look for span and metric names in what the exporter sent (protobuf keeps strings as plain UTF-8).
/// </summary>
public sealed class OtlpCollector : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<(string Path, byte[] Body)> _received = new();

    public OtlpCollector()
    {
        Endpoint = $"http://127.0.0.1:{FreePort()}";
        _listener.Prefixes.Add(Endpoint + "/");
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public string Endpoint { get; }

    /// <summary>Waits until a request to <paramref name="path"/> holds every one of <paramref name="texts"/>.</summary>
    public async Task WaitForAsync(string path, TimeSpan timeout, params string[] texts)
    {
        var wanted = texts.Select(Encoding.UTF8.GetBytes).ToArray();
        for (var deadline = DateTime.UtcNow + timeout; DateTime.UtcNow < deadline; await Task.Delay(100))
            if (_received.Any(r => r.Path == path && wanted.All(w => r.Body.AsSpan().IndexOf(w) >= 0))) return;
        throw new TimeoutException($"no OTLP request to {path} held {string.Join(", ", texts)} within {timeout} " +
            $"(received: {string.Join(", ", _received.GroupBy(r => r.Path).Select(g => $"{g.Key} ×{g.Count()}"))})");
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException) { return; }
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            _received.Enqueue((context.Request.Url!.AbsolutePath, body.ToArray()));
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public void Dispose() => _listener.Close();
}
