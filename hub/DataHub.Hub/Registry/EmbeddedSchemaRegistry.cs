using System.Net;
using DataHub.Hub.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DataHub.Hub.Registry;

/// <summary>
/// The schema registry of embedded mode: a Kestrel server on 127.0.0.1 speaking the Confluent
/// Schema Registry REST subset, so the stock Confluent serializers work against it unchanged, backed
/// by an <see cref="ISchemaRegistryStore"/> (the hub's SQLite store). Port 0 picks a free port;
/// <see cref="Url"/> gives the address once started.
/// </summary>
public sealed class EmbeddedSchemaRegistry : IAsyncDisposable
{
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly int _port;
    private WebApplication? _app;
    private string? _url;

    public EmbeddedSchemaRegistry(ISchemaRegistryStore store, int port = 0, ILoggerFactory? loggerFactory = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = _loggerFactory.CreateLogger<EmbeddedSchemaRegistry>();
        _port = port;
        Service = new SchemaRegistryService(store, _loggerFactory.CreateLogger<SchemaRegistryService>());
    }

    public EmbeddedSchemaRegistry(SqliteDatabase database, int port = 0, ILoggerFactory? loggerFactory = null)
        : this(new SqliteSchemaRegistryStore(database), port, loggerFactory)
    {
    }

    /// <summary>The registry's rules, for in-process callers that need no HTTP.</summary>
    public SchemaRegistryService Service { get; }

    /// <summary>The base URL, e.g. <c>http://127.0.0.1:41234</c>, for <c>SchemaRegistryConfig.Url</c>.</summary>
    public string Url => _url ?? throw new InvalidOperationException("The schema registry has not been started.");

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_app is not null) throw new InvalidOperationException("The schema registry is already started.");
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(EmbeddedSchemaRegistry).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders(); // requests are logged below through the caller's logger
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, _port));
        var app = builder.Build();
        app.Use(HandleAsync);
        RegistryEndpoints.Map(app, Service);
        app.MapFallback((HttpContext context) =>
        {
            _logger.LogWarning("Schema registry: no endpoint for {Method} {Path}{Query}", context.Request.Method, context.Request.Path, context.Request.QueryString);
            return RegistryHttp.Error(new SchemaRegistryError(404, 404, "HTTP 404 Not Found"));
        });

        await app.StartAsync(cancellationToken);
        _app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel reported no listening address.");
        _url = address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
        _logger.LogInformation("Embedded schema registry listening on {Url}", _url);
    }

    private async Task HandleAsync(HttpContext context, RequestDelegate next)
    {
        _logger.LogDebug("Schema registry: {Method} {Path}{Query}", context.Request.Method, context.Request.Path, context.Request.QueryString);
        IResult? failure;
        try
        {
            await next(context);
            return;
        }
        catch (SchemaRegistryError e)
        {
            _logger.LogDebug("Schema registry: {Method} {Path} refused: {Code} {Message}", context.Request.Method, context.Request.Path, e.ErrorCode, e.Message);
            failure = RegistryHttp.Error(e);
        }
        catch (Exception e) when (!context.Response.HasStarted && e is not OperationCanceledException)
        {
            _logger.LogError(e, "Schema registry: {Method} {Path} failed", context.Request.Method, context.Request.Path);
            failure = RegistryHttp.Error(new SchemaRegistryError(500, 50001, "Error in the backend data store: " + e.Message));
        }
        await failure.ExecuteAsync(context);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is null) return;
        var app = _app;
        _app = null;
        await app.StopAsync();
        await app.DisposeAsync();
        _logger.LogInformation("Embedded schema registry on {Url} stopped", _url);
    }
}
