using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Hosting;
using Quartz;

namespace DataHub.Hub.Service;

/// <summary>
/// Quartz scheduling of the feeds whose definition has a `schedule:` cron (Quartz syntax, seconds first,
/// e.g. "0 0 2 * * ?" = 02:00 daily). In-memory scheduler: each instance with Serve:RunSchedules runs every
/// schedule, so enable it on one instance only. Runs after Quartz's hosted service has started the scheduler.
/// </summary>
public sealed class FeedSchedule(ISchedulerFactory schedulers, FeedCatalog catalog, MisfireLogger misfires, ILogger<FeedSchedule> logger) : IHostedService
{
    public const string FeedKey = "feed";

    /// <summary>Schedules one job and cron trigger per scheduled feed; a feed with a bad cron is logged and left unscheduled.</summary>
    public async Task StartAsync(CancellationToken ct)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        scheduler.ListenerManager.AddTriggerListener(misfires, [GroupMatcher<TriggerKey>.GroupEquals(Group)]);
        foreach (var feed in catalog.All.Where(f => !string.IsNullOrWhiteSpace(f.Schedule)))
        {
            if (!CronExpression.TryParse(feed.Schedule!, out _))
            {
                logger.LogError("Schedule: {Feed} ({File}) has schedule '{Cron}', which is not a Quartz cron expression (seconds minutes hours day-of-month month day-of-week, e.g. \"0 0 2 * * ?\"); it is not scheduled",
                    feed.Name, feed.DefinitionPath, feed.Schedule);
                continue;
            }
            var job = JobBuilder.Create<FeedJob>().WithIdentity(feed.Name, Group).UsingJobData(FeedKey, feed.Name).Build();
            // A missed fire time (hub down, or the previous run still going past the misfire threshold) runs once
            // as soon as possible, then the schedule goes on: a missed nightly file is picked up, not run twice over.
            var trigger = TriggerBuilder.Create().WithIdentity(feed.Name, Group).ForJob(job)
                .WithCronSchedule(feed.Schedule!, cron => cron.WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
                .Build();
            await scheduler.ScheduleJob(job, trigger, cancellationToken: ct);
            logger.LogInformation("Schedule: {Feed} runs on '{Cron}' (next {Next:u})", feed.Name, feed.Schedule, trigger.NextFireTimeUtc);
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    private const string Group = "feeds";
}

/// <summary>A scheduled run of one feed; runs of the same feed never overlap.</summary>
[DisallowConcurrentExecution]
public sealed class FeedJob(FeedRunService runs, ILogger<FeedJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct)
    {
        var feed = context.MergedJobDataMap.GetString(FeedSchedule.FeedKey)!;
        try
        {
            var result = await runs.RunAsync(feed, "schedule", ct);
            if (result is not null)
                logger.LogInformation("Schedule: {Feed} run {Run}: read {Read}, published {Published}, dead-lettered {Rejected}",
                    feed, result.RunId, result.Read, result.Published, result.DeadLettered);
        }
        catch (FeedBusyException)
        {
            logger.LogWarning("Schedule: {Feed} was still running (started on demand); this scheduled run is skipped", feed);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Schedule: {Feed} failed; its checkpoint stays where it was safe and the next run resumes there", feed);
        }
    }
}

/// <summary>Explains misfires in the log: which feed, which fire time, why, and what Quartz does about it.</summary>
public sealed class MisfireLogger(ILogger<MisfireLogger> logger) : ITriggerListener
{
    public string Name => "datahub-misfires";

    public ValueTask TriggerFired(ITrigger trigger, IJobExecutionContext context, CancellationToken ct = default) => ValueTask.CompletedTask;
    public ValueTask<bool> VetoJobExecution(ITrigger trigger, IJobExecutionContext context, CancellationToken ct = default) => ValueTask.FromResult(false);
    public ValueTask TriggerComplete(ITrigger trigger, IJobExecutionContext context, SchedulerInstruction instruction, CancellationToken ct = default) => ValueTask.CompletedTask;
    public ValueTask TriggerSkipped(ITrigger trigger, IScheduler scheduler, CancellationToken ct = default) => ValueTask.CompletedTask;
    public ValueTask TriggerRetriesExhausted(ITrigger trigger, IJobExecutionContext context, JobExecutionException exception, CancellationToken ct = default) => ValueTask.CompletedTask;

    public ValueTask TriggerMisfired(ITrigger trigger, IScheduler scheduler, CancellationToken ct = default)
    {
        logger.LogWarning("Schedule: {Feed} missed its run due at {Due:u} (the hub was not running, or every scheduler thread was busy longer than the misfire threshold); it runs once now and then keeps its schedule",
            trigger.Key.Name, trigger.PreviousFireTimeUtc ?? trigger.NextFireTimeUtc);
        return ValueTask.CompletedTask;
    }
}
