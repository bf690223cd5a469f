using DataHub.Hub.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataHub.Hub.Service;

/// <summary>Starts the hub's parts (Kafka, registry, store) before the server listens, and stops them after.</summary>
public sealed class HubRuntimeService(IOptions<DataHubOptions> hub, IOptions<KafkaOptions> kafka, IOptions<SchemaRegistryOptions> registry,
    IOptions<StoreOptions> store, ILoggerFactory loggers) : IHostedService
{
    private HubRuntime? _runtime;

    public HubRuntime Runtime => _runtime ?? throw new InvalidOperationException("The hub's parts are not started yet.");

    public async Task StartAsync(CancellationToken ct) => _runtime = await HubRuntime.StartAsync(hub, kafka, registry, store, loggers, ct);

    public async Task StopAsync(CancellationToken ct)
    {
        if (_runtime is not null) await _runtime.DisposeAsync();
        _runtime = null;
    }
}
