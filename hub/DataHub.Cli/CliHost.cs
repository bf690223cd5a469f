using DataHub.Hub.Hosting;
using DataHub.Hub.Pipeline;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataHub.Cli;

/// <summary>
/// The Generic Host behind every command: configuration from appsettings.json (beside the program,
/// then the current folder), environment variables prefixed DATAHUB__ (e.g. DATAHUB__Kafka__BootstrapServers),
/// options, and logging to standard error.
/// </summary>
public static class CliHost
{
    /// <param name="settings">Settings that override every other source (e.g. the store `datahub accuracy` uses).</param>
    public static IHost Build(bool verbose, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
            .AddEnvironmentVariables("DATAHUB__");
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        if (verbose) builder.Logging.SetMinimumLevel(LogLevel.Information).AddFilter("DataHub", LogLevel.Information);
        builder.Services.Configure<DataHubOptions>(builder.Configuration.GetSection(DataHubOptions.Section));
        builder.Services.Configure<KafkaOptions>(builder.Configuration.GetSection(KafkaOptions.Section));
        builder.Services.Configure<SchemaRegistryOptions>(builder.Configuration.GetSection(SchemaRegistryOptions.Section));
        builder.Services.Configure<StoreOptions>(builder.Configuration.GetSection(StoreOptions.Section));
        return builder.Build();
    }

    public static Task<HubRuntime> StartRuntimeAsync(IHost host, CancellationToken ct) =>
        HubRuntime.StartAsync(
            host.Services.GetRequiredService<IOptions<DataHubOptions>>(),
            host.Services.GetRequiredService<IOptions<KafkaOptions>>(),
            host.Services.GetRequiredService<IOptions<SchemaRegistryOptions>>(),
            host.Services.GetRequiredService<IOptions<StoreOptions>>(),
            host.Services.GetRequiredService<ILoggerFactory>(), ct);

    public static FeedRunner FeedRunner(IHost host, HubRuntime runtime) =>
        new(runtime.Kafka, runtime.Registry, runtime.FeedState, host.Services.GetRequiredService<ILogger<FeedRunner>>());
}
