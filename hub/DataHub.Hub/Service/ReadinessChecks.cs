using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DataHub.Hub.Service;

/// <summary>Ready means Kafka, the schema registry and the store each answer within a few seconds.</summary>
public static class ReadinessChecks
{
    public const string Tag = "ready";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public static IHealthChecksBuilder AddHubReadiness(this IHealthChecksBuilder checks) => checks
        .AddCheck<KafkaCheck>("kafka", tags: [Tag])
        .AddCheck<RegistryCheck>("schema-registry", tags: [Tag])
        .AddCheck<StoreCheck>("store", tags: [Tag]);

    private sealed class KafkaCheck(HubRuntimeService hub) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
        {
            var kafka = hub.Runtime.Kafka;
            using var admin = new AdminClientBuilder(kafka.AdminConfig()).SetLogHandler((_, _) => { }).Build();
            try
            {
                var metadata = await Task.Run(() => admin.GetMetadata(Timeout), ct);
                var up = metadata.Brokers.Count;
                return up > 0 ? HealthCheckResult.Healthy($"{up} broker(s) at {kafka.BootstrapServers}") : HealthCheckResult.Unhealthy($"no broker at {kafka.BootstrapServers}");
            }
            catch (KafkaException e) { return HealthCheckResult.Unhealthy($"Kafka at {kafka.BootstrapServers}: {e.Error.Reason}"); }
        }
    }

    private sealed class RegistryCheck(HubRuntimeService hub) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
        {
            var runtime = hub.Runtime;
            try
            {
                await runtime.Registry.GetAllSubjectsAsync().WaitAsync(Timeout, ct);
                return HealthCheckResult.Healthy(runtime.RegistryUrl);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                return HealthCheckResult.Unhealthy($"schema registry at {runtime.RegistryUrl}: {e.Message}");
            }
        }
    }

    private sealed class StoreCheck(HubRuntimeService hub) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
        {
            var store = hub.Runtime.Store;
            try
            {
                await store.PingAsync(ct).WaitAsync(Timeout, ct);
                return HealthCheckResult.Healthy($"{store.Provider} {store.Description}");
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                return HealthCheckResult.Unhealthy($"{store.Provider} {store.Description}: {e.Message}");
            }
        }
    }
}
