using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace DataHub.Hub.Telemetry;

/// <summary>
/// OpenTelemetry for `datahub serve`: the hub's metrics on the Prometheus scrape endpoint (/metrics), traces of
/// feed runs, reconcile runs and HTTP requests, and both sent over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set
/// (the exporter's standard variables — OTEL_EXPORTER_OTLP_PROTOCOL, _HEADERS, OTEL_SERVICE_NAME — apply as usual).
/// </summary>
public static class HubTelemetry
{
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Whether traces and metrics also go to an OTLP collector.</summary>
    public static bool ExportsOtlp(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration[OtlpEndpointVariable])
        || !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(OtlpEndpointVariable));

    public static IServiceCollection AddHubTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var otlp = ExportsOtlp(configuration);
        services.AddOpenTelemetry()
            .WithMetrics(m =>
            {
                m.AddMeter(HubMetrics.MeterName).AddPrometheusExporter();
                if (otlp) m.AddOtlpExporter();
            })
            .WithTracing(t =>
            {
                t.AddSource(HubMetrics.ActivitySourceName)
                    .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsProbe(context.Request.Path));
                if (otlp) t.AddOtlpExporter();
            });
        return services;
    }

    // Scrapes and probes arrive every few seconds; tracing them would bury the requests people make.
    private static bool IsProbe(PathString path) => path.StartsWithSegments("/metrics") || path.StartsWithSegments("/health");
}
