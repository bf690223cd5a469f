using System.Collections.Concurrent;
using System.Diagnostics;
using DataHub.Reconciliation.Registries;
using DataHub.Reconciliation.Rules;
using DataHub.Schemas.Reference;

namespace DataHub.Reconciliation.Engine;

/// <summary>The gaps of one run, in a stable order, with how long each rule took.</summary>
public sealed record ReconciliationResult(IReadOnlyList<Gap> Gaps, IReadOnlyDictionary<string, TimeSpan> RuleTimes, TimeSpan Elapsed);

/// <summary>
/// Runs every rule over registries held in memory (rules in parallel; each rule walks its sources in key
/// order). Gaps with the same identity (person, rule, period) are merged, their evidence combined.
/// </summary>
public sealed class ReconciliationEngine(IReadOnlyList<IGapRule> rules)
{
    public static IReadOnlyList<IGapRule> StandardRules { get; } =
    [
        new NewbornNotEnrolledWithinGrace(), new StudentNotEnrolled(), new AssistedGroupMemberNotEnrolled(),
        new ContributorWithoutEnrolment(), new EmployeeLapseAfterJobEnded(), new ResidentEnrolmentNotRenewed(),
        new TransferOverdue(), new DeceasedStillEnrolled(), new DuplicateEnrolment(),
    ];

    public ReconciliationEngine() : this(StandardRules) { }

    public ReconciliationResult Run(RegistrySet registries, ReconciliationOptions options, WorkingDayCalendar? calendar = null)
    {
        var total = Stopwatch.StartNew();
        var context = new RuleContext(registries, options, calendar ?? WorkingDayCalendar.Default);
        var found = new List<Gap>[rules.Count];
        var times = new ConcurrentDictionary<string, TimeSpan>();
        Parallel.For(0, rules.Count, i =>
        {
            var watch = Stopwatch.StartNew();
            found[i] = rules[i].Find(context).ToList();
            times[rules[i].Id] = watch.Elapsed;
        });
        var merged = new Dictionary<string, Gap>();
        foreach (var gap in found.SelectMany(g => g))
        {
            if (merged.TryGetValue(gap.Identity, out var earlier))
                merged[gap.Identity] = earlier with { Evidence = [.. earlier.Evidence, .. gap.Evidence.Where(e => !earlier.Evidence.Contains(e))] };
            else merged[gap.Identity] = gap;
        }
        var gaps = merged.Values.OrderBy(g => g.Rule, StringComparer.Ordinal).ThenBy(g => g.Person, StringComparer.Ordinal)
            .ThenBy(g => g.Period, StringComparer.Ordinal).ToList();
        return new ReconciliationResult(gaps, times, total.Elapsed);
    }
}
