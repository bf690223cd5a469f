using DataHub.Hub.Reconciliation;
using DataHub.Hub.ScaleOut;

namespace DataHub.Tests.Store;

/// <summary>What every <see cref="IReconciliationRunStore"/> must do; a subclass per store runs it. Run IDs are unique per test.</summary>
public abstract class ReconciliationRunStoreContract
{
    protected abstract IReconciliationRunStore Store { get; }

    private readonly string _prefix = "R-contract-" + Guid.NewGuid().ToString("N")[..12];
    private static readonly DateOnly AsOf = new(2026, 11, 3);

    [StoreFact]
    public void A_run_is_running_until_it_finishes_with_its_outcome()
    {
        Store.Started(Run(1), "command line", AsOf, "all partitions");
        Assert.Equal(("running", (string?)null), Store.Status(Run(1)));

        Store.Finished(Run(1), "data-lost", 12, new CaseApplyResult(5, 3, 2, 7), "records dropped before materialisation: t[0] offsets 0–9", 10);
        Assert.Equal(("data-lost", "records dropped before materialisation: t[0] offsets 0–9"), Store.Status(Run(1)));
        Assert.Null(Store.Status(Run(99)));
    }

    [StoreFact]
    public void Recent_runs_come_newest_first_with_who_ran_them_on_which_share_and_what_came_out()
    {
        var before = DateTimeOffset.UtcNow;
        Store.Started(Run(1), "schedule", AsOf, "partitions 0,1,2");
        Store.Started(Run(2), "api", AsOf, "partitions 3,4,5");
        Store.Started(Run(3), "command line", AsOf, "all partitions");
        Store.Finished(Run(1), "succeeded", 40, new CaseApplyResult(1, 2, 3, 34), null, 6);
        Store.Finished(Run(2), "failed", null, null, "Kafka did not answer", null);

        var runs = Mine(Store.Recent(1000));
        Assert.Equal([Run(3), Run(2), Run(1)], runs.Select(r => r.RunId));
        Assert.Equal(Run(3), Assert.Single(Store.Recent(1)).RunId);
        Assert.Equal(2, Store.Recent(2).Count);

        var (running, failed, succeeded) = (runs[0], runs[1], runs[2]);
        Assert.Equal(("command line", "all partitions", "running", (DateTimeOffset?)null, (int?)null, (int?)null, (string?)null),
            (running.Trigger, running.Scope, running.Status, running.FinishedAt, running.Gaps, running.Events, running.Problem));
        Assert.Equal(("api", "partitions 3,4,5", "failed", (int?)null, "Kafka did not answer"), (failed.Trigger, failed.Scope, failed.Status, failed.Gaps, failed.Problem));
        Assert.Equal(("schedule", "partitions 0,1,2", "succeeded", (int?)40, (int?)6, (string?)null),
            (succeeded.Trigger, succeeded.Scope, succeeded.Status, succeeded.Gaps, succeeded.Events, succeeded.Problem));
        Assert.All(runs, r => Assert.Equal(HubInstance.Name, r.Instance));
        Assert.All(runs, r => Assert.InRange(r.StartedAt, before.AddSeconds(-1), DateTimeOffset.UtcNow.AddSeconds(1)));
        Assert.True(succeeded.FinishedAt >= succeeded.StartedAt);
        Assert.Equal(TimeSpan.Zero, succeeded.StartedAt.Offset);
    }

    private string Run(int n) => $"{_prefix}-{n}";

    private List<ReconciliationRunRecord> Mine(IEnumerable<ReconciliationRunRecord> runs) => runs.Where(r => r.RunId.StartsWith(_prefix, StringComparison.Ordinal)).ToList();
}
