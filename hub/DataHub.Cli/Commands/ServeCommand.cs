using System.CommandLine;
using DataHub.Hub.Service;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DataHub.Cli.Commands;

/// <summary>`datahub serve`: the long-running hub (metrics, health probes, feed and reconcile API, schedules, consumer-group member, officers' web app).</summary>
public static class ServeCommand
{
    public static Command Create(Option<bool> verbose)
    {
        var urls = new Option<string?>("--urls") { Description = "Where to listen (default Serve:Urls, http://127.0.0.1:5080)." };
        var demo = new Option<bool>("--demo") { Description = "Also generate a small city, reconcile it and create demo users of the officers' web app (password printed)." };
        var command = new Command("serve", """
            Run the hub as a service: GET /metrics (Prometheus), /health/live, /health/ready,
            the feed API (GET /api/feeds, GET /api/feeds/runs, POST /api/feeds/{name}/runs) and the
            reconciliation API (POST/GET /api/reconciliation/runs) for signed-in admins or automation with
            the bearer token Serve:ApiToken (docs/runbook.md), feeds with a schedule: on their cron (Serve:RunSchedules),
            reconciliation on Serve:ReconcileSchedule, and the officers' gap-report web app at /
            (docs/officers.md). Every instance joins the consumer group ScaleOut:Group: the group splits
            the partitions, so instances share the feed runs and the reconciliation, and a dead instance's
            share goes to the others (docs/runbook.md, "Add an instance").
            """) { urls, demo };
        command.SetAction(async (parse, ct) =>
        {
            var configuration = new ConfigurationBuilder()
                .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
                .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
                .AddEnvironmentVariables("DATAHUB__");
            if (parse.GetValue(urls) is { } listen) configuration.AddInMemoryCollection([new("Serve:Urls", listen)]);
            var built = configuration.Build();
            await using var app = HubServer.Build(built, logging =>
            {
                logging.ClearProviders();
                logging.AddConfiguration(built.GetSection("Logging"));
                logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });
                // A service logs what it does by default; --verbose adds detail.
                logging.AddFilter("DataHub", parse.GetValue(verbose) ? LogLevel.Debug : LogLevel.Information);
                logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
                logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical); // start failures: one line from Program.cs
            });
            await app.StartAsync(ct);
            if (parse.GetValue(demo)) await OfficerDemoOutput.SeedAndPrintAsync(app, ct);
            await app.WaitForShutdownAsync(ct);
            return 0;
        });
        return command;
    }
}
