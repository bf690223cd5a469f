using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Hosting;
using Quartz;

namespace DataHub.Hub.Service;

/// <summary>
/// Quartz scheduling of the feeds whose definition has a `schedule:` cron (Quartz syntax, seconds first,
/// e.g. "0 0 2 * * ?" = 02:00 daily). In-memory scheduler: each instance with Serve:RunSchedules submits every
/// schedule's runs, so enable it on one instance (a second would submit each run twice; the second run of a file
/// already published skips it). Runs after Quartz's hosted service has started the scheduler.
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

/// <summary>
/// A scheduled run of one feed: submitted to the feed-work topic, so the instance holding the feed's partition runs it
/// (runs of one feed never overlap, on any instance), and another takes it over should that instance die.
/// </summary>
[DisallowConcurrentExecution]
public sealed class FeedJob(FeedWorkSubmitter work, ILogger<FeedJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct)
    {
        var feed = context.MergedJobDataMap.GetString(FeedSchedule.FeedKey)!;
        try
        {
            var item = await work.Queue.SubmitAsync(feed, "schedule", ct);
            logger.LogInformation("Schedule: {Feed} submitted as {Work}", feed, item.WorkId);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Schedule: {Feed} could not be submitted; the next fire time tries again", feed);
        }
    }
}

/// <summary>Explains misfires in the log: which feed (or reconcile), which fire time, why, and what Quartz does about it.</summary>
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
        logger.LogWarning("Schedule: {Job} missed its run due at {Due:u} (the hub was not running, the previous run was still going, or every scheduler thread was busy, longer than the misfire threshold); it runs once now and then keeps its schedule",
            trigger.Key.Name, trigger.PreviousFireTimeUtc ?? trigger.NextFireTimeUtc);
        return ValueTask.CompletedTask;
    }
}
