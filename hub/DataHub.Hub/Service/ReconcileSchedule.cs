using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace DataHub.Hub.Service;

/// <summary>
/// The Quartz schedule of reconciliation (Serve:ReconcileSchedule, a Quartz cron, seconds first). Every instance
/// schedules it: each run covers the partitions the group gave that instance, so together they cover the registry.
/// </summary>
public sealed class ReconcileSchedule(ISchedulerFactory schedulers, IOptions<ServeOptions> serve, MisfireLogger misfires,
    ILogger<ReconcileSchedule> logger) : IHostedService
{
    public const string Group = "reconciliation";

    public async Task StartAsync(CancellationToken ct)
    {
        var cron = serve.Value.ReconcileSchedule;
        if (string.IsNullOrWhiteSpace(cron)) return;
        if (!CronExpression.TryParse(cron, out _))
        {
            logger.LogError("Schedule: Serve:ReconcileSchedule '{Cron}' is not a Quartz cron expression (seconds minutes hours day-of-month month day-of-week, e.g. \"0 0 5 * * ?\"); reconciliation is not scheduled", cron);
            return;
        }
        var scheduler = await schedulers.GetScheduler(ct);
        scheduler.ListenerManager.AddTriggerListener(misfires, [GroupMatcher<TriggerKey>.GroupEquals(Group)]);
        var job = JobBuilder.Create<ReconcileJob>().WithIdentity("reconcile", Group).Build();
        var trigger = TriggerBuilder.Create().WithIdentity("reconcile", Group).ForJob(job)
            .WithCronSchedule(cron, c => c.WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
            .Build();
        await scheduler.ScheduleJob(job, trigger, cancellationToken: ct);
        logger.LogInformation("Schedule: reconcile runs on '{Cron}' (next {Next:u}). Runs never overlap: a fire time reached while a run is still going " +
            "waits for it; a fire time missed by more than the misfire threshold (hub down, or that wait) runs once as soon as possible, then the cron goes on",
            cron, trigger.NextFireTimeUtc);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}

/// <summary>A scheduled reconciliation run of this instance's partitions; never two at once (Quartz, and the service's gate).</summary>
[DisallowConcurrentExecution]
public sealed class ReconcileJob(ReconciliationService reconciliation, ILogger<ReconcileJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct)
    {
        try
        {
            var run = await reconciliation.RunAsync("schedule", ct);
            logger.LogInformation("Schedule: reconcile run {Run} ({Scope}) {Status}: {Gaps} gaps, {Events} events", run.RunId, run.Scope, run.Status, run.Gaps.Count, run.EventsPublished);
        }
        catch (ReconciliationBusyException)
        {
            logger.LogWarning("Schedule: a reconcile run (started on demand) was still going; this scheduled run is skipped");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Schedule: reconcile failed; the next scheduled run tries again");
        }
    }
}
