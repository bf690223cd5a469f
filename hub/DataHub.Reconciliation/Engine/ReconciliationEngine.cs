using System.Diagnostics;
using DataHub.Reconciliation.Registries;
using DataHub.Reconciliation.Rules;
using DataHub.Schemas.Reference;

namespace DataHub.Reconciliation.Engine;

/// <summary>The hits of one rule in one run.</summary>
public sealed record RuleHits(IGapRule Rule, GapHit[] Hits, TimeSpan Elapsed);

/// <summary>
/// What one run found: per rule the hits (the fast part), and <see cref="Describe"/> to render them as gaps
/// with identity, summary and evidence (done once, for the cases).
/// </summary>
public sealed class ReconciliationResult(RuleContext context, IReadOnlyList<RuleHits> rules, TimeSpan elapsed)
{
    private IReadOnlyList<Gap>? _gaps;

    public IReadOnlyList<RuleHits> Rules { get; } = rules;
    /// <summary>Finding the gaps (all rules, in parallel), without rendering them.</summary>
    public TimeSpan Elapsed { get; } = elapsed;
    public int HitCount => Rules.Sum(r => r.Hits.Length);
    public IReadOnlyDictionary<string, TimeSpan> RuleTimes => Rules.ToDictionary(r => r.Rule.Id, r => r.Elapsed);

    /// <summary>The gaps in a stable order; those with the same identity (person, rule, period) merged.</summary>
    public IReadOnlyList<Gap> Gaps => _gaps ??= Describe();

    private List<Gap> Describe() => GapRenderer.Render(context, Rules);
}

/// <summary>
/// Runs every rule over registries held in memory, rules in parallel; each rule walks its sources in key
/// order with forward-only cursors and records allocation-free hits. A person found twice by one rule
/// (e.g. on two rosters) is one hit.
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
        var found = new RuleHits[rules.Count];
        // One thread per core: more would only time-slice the rules' linear scans and thrash the cache.
        Parallel.For(0, rules.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var watch = Stopwatch.StartNew();
            var hits = new List<GapHit>();
            rules[i].Find(context, hits);
            found[i] = new RuleHits(rules[i], HitOrder.Distinct(hits), watch.Elapsed);
        });
        return new ReconciliationResult(context, found, total.Elapsed);
    }
}
