using System.Text.Json;
using DataHub.Hub.Hosting;
using DataHub.Hub.ScaleOut;
using DataHub.Hub.Telemetry;
using DataHub.Hub.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using Quartz;

namespace DataHub.Hub.Service;

/// <summary>
/// The long-running hub (`datahub serve`): Kestrel on Serve:Urls with /metrics (Prometheus), /health/live,
/// /health/ready (Kafka, registry and store answer), the feed API for admins and automation (<see cref="FeedEndpoints"/>;
/// runs go through the consumer group), POST/GET /api/reconciliation/runs, the officers' web app, Quartz schedules of feeds
/// and of reconciliation, and membership of the hub's consumer group (<see cref="HubGroupMember"/>). Settings are validated
/// at start (ValidateOnStart) with errors naming the setting.
/// </summary>
public static class HubServer
{
    public static WebApplication Build(IConfiguration configuration, Action<ILoggingBuilder>? logging = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(HubServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddConfiguration(configuration);
        logging?.Invoke(builder.Logging);
        var serve = builder.Configuration.GetSection(ServeOptions.Section).Get<ServeOptions>() ?? new ServeOptions();
        if (serve.ApiTokenProblem() is { } tokenProblem) throw new OptionsValidationException(ServeOptions.Section, typeof(ServeOptions), [tokenProblem]);
        builder.WebHost.UseUrls(serve.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

        var services = builder.Services;
        AddValidated<DataHubOptions>(services, builder.Configuration, DataHubOptions.Section);
        AddValidated<KafkaOptions>(services, builder.Configuration, KafkaOptions.Section);
        AddValidated<SchemaRegistryOptions>(services, builder.Configuration, SchemaRegistryOptions.Section);
        AddValidated<StoreOptions>(services, builder.Configuration, StoreOptions.Section);
        services.AddSingleton(Options.Create(serve));

        services.AddSingleton<HubRuntimeService>();
        services.AddHostedService(sp => sp.GetRequiredService<HubRuntimeService>()); // first: the parts start before anything uses them
        services.AddSingleton<HubMetrics>();
        services.AddSingleton(sp => new FeedCatalog(serve.ResolvedFeedsDirectory, sp.GetRequiredService<ILogger<FeedCatalog>>()));
        services.AddSingleton<FeedRunService>();
        services.AddOptions<ScaleOutOptions>().Bind(builder.Configuration.GetSection(ScaleOutOptions.Section));
        services.AddSingleton<HubGroupMember>();
        services.AddHostedService(sp => sp.GetRequiredService<HubGroupMember>()); // after the runtime: it needs Kafka
        services.AddSingleton<FeedWorkCompletions>();
        services.AddSingleton<FeedWorkSubmitter>();
        services.AddSingleton<ReconciliationService>();
        services.AddHealthChecks().AddHubReadiness();
        services.AddOfficerWeb(serve.ApiToken);
        services.AddHubTelemetry(configuration);
        if (serve.RunSchedules || !string.IsNullOrWhiteSpace(serve.ReconcileSchedule))
        {
            services.AddQuartz();
            services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
            services.AddSingleton<MisfireLogger>();
            if (serve.RunSchedules) services.AddHostedService<FeedSchedule>();
            services.AddHostedService<ReconcileSchedule>();
        }

        var app = builder.Build();
        app.UseOfficerWeb();
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadinessChecks.Tag), ResponseWriter = WriteHealth });
        FeedEndpoints.Map(app);
        ReconciliationEndpoints.Map(app);
        return app;
    }

    /// <summary>The address Kestrel listens on (useful with port 0).</summary>
    public static string Address(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');

    private static Task WriteHealth(HttpContext context, Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            parts = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), e.Value.Description }),
        }));
    }

    private static void AddValidated<T>(IServiceCollection services, IConfiguration configuration, string section) where T : class
    {
        services.AddOptions<T>().Bind(configuration.GetSection(section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<T>>(new HubOptionsValidator() as IValidateOptions<T> ?? throw new InvalidOperationException(typeof(T).Name));
    }
}
