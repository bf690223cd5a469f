using System.Text.Json;
using DataHub.Hub.Reconciliation;
using DataHub.Hub.Web;
using DataHub.Reconciliation.Engine;
using static DataHub.Tests.Store.CaseWorld;

namespace DataHub.Tests.Store;

/// <summary>What every <see cref="ICaseQueries"/> must answer over the cases of <see cref="CaseWorld"/>; a subclass per store runs it on an empty store.</summary>
public abstract class CaseQueriesContract
{
    protected abstract IGapCaseStore Cases { get; }
    protected abstract ICaseQueries Queries { get; }

    private CaseWorld? _world;
    private CaseWorld World => _world ??= Seed(Cases);
    /// <summary>The seeded cases as the case store has them.</summary>
    private IReadOnlyList<GapCase> Stored
    {
        get
        {
            _ = World;
            return Cases.Cases();
        }
    }

    [StoreFact]
    public void Every_sort_key_walks_every_case_in_scope_once_in_keyset_order()
    {
        var stored = Stored;
        foreach (var scope in new[] { Nanjing, Jiangsu })
        foreach (var sort in CaseFilter.SortColumns.Keys)
        foreach (var descending in new[] { false, true })
        {
            var filter = Filter(sort, descending);
            var walked = Walk(Queries, scope, filter).Select(r => r.CaseId).ToList();
            Assert.True(Expected(stored, scope, filter).Select(c => c.CaseId).SequenceEqual(walked), $"{scope.Region} {sort} {(descending ? "desc" : "asc")}");
        }
        Assert.Equal(30, Walk(Queries, Nanjing, Filter()).Count);
        Assert.Equal(38, Walk(Queries, Jiangsu, Filter(limit: 200)).Count);
    }

    [StoreFact]
    public void A_row_carries_the_case_with_its_person_masked()
    {
        var stored = Stored.Where(c => c.Region == "320100").OrderBy(c => c.OpenedAt).ThenBy(c => c.CaseId, StringComparer.Ordinal).First();
        var row = Queries.List(Nanjing, Filter(limit: 1), PersonMask.Mask).Cases.Single();
        Assert.Equal(new CaseRow(stored.CaseId, PersonMask.Mask(stored.Person), stored.Rule, stored.Period, stored.Region, stored.Status, stored.Summary,
            stored.MatchedBy, stored.OpenedAt, stored.UpdatedAt, null), row);
        Assert.NotEqual(stored.Person, row.Person);
    }

    /// <summary>Scope, rule, status, key group, region, from, to.</summary>
    private static readonly (string Scope, string? Rule, string? Status, string? KeyGroup, string? Region, string? From, string? To)[] Filters =
    [
        ("320100", RuleIds.Deceased, null, null, null, null, null),
        ("320100", null, CaseFilter.ActiveStatus, null, null, null, null),
        ("320000", null, CaseStatus.InProgress, null, null, null, null),
        ("320000", null, CaseStatus.Resolved, null, null, null, null),
        ("320000", null, null, "certificate", null, null, null),
        ("320000", null, null, null, null, "2026-02-01", null),
        ("320000", null, null, null, null, null, "2026-02-10"),
        ("320000", null, null, null, null, "2026-02-01", "2026-02-28"),
        ("320000", RuleIds.Newborn, CaseFilter.ActiveStatus, "id", null, "2026-01-01", "2026-12-31"),
        ("320000", null, null, null, "320200", null, null),
        ("320100", null, null, null, "320000", null, null),
        ("320000", null, null, null, "330100", null, null),
        ("320000", null, null, null, "999999", null, null),
        ("330100", null, CaseStatus.New, null, null, null, null),
    ];

    [StoreFact]
    public void A_filter_lists_exactly_the_matching_cases_in_scope_under_every_sort()
    {
        var stored = Stored;
        foreach (var (scope, rule, status, keyGroup, region, from, to) in Filters)
        foreach (var sort in new[] { "opened", "updated", "rule", "status", "id" })
        foreach (var descending in new[] { false, true })
        {
            var filter = Filter(sort, descending, rule, status, region, keyGroup, from is null ? null : DateOnly.Parse(from), to is null ? null : DateOnly.Parse(to), limit: 5);
            var expected = Expected(stored, new RegionScope(scope), filter).Select(c => c.CaseId).ToList();
            Assert.True(expected.SequenceEqual(Walk(Queries, new RegionScope(scope), filter).Select(r => r.CaseId)), $"{scope} {filter}");
        }
        Assert.NotEmpty(Expected(stored, Jiangsu, Filter(status: CaseStatus.Resolved)));
        Assert.NotEmpty(Expected(stored, Jiangsu, Filter(from: new DateOnly(2026, 2, 1), to: new DateOnly(2026, 2, 28))));
    }

    [StoreFact]
    public void A_case_outside_the_scope_is_neither_found_nor_listed()
    {
        var stored = Stored;
        var nanjing = stored.First(c => c.Region == "320100");
        var hangzhou = stored.First(c => c.Region == "330100");

        var found = Queries.Find(Nanjing, nanjing.CaseId, PersonMask.Mask)!.Value;
        Assert.Equal((nanjing.CaseId, PersonMask.Mask(nanjing.Person), nanjing.Person), (found.Row.CaseId, found.Row.Person, found.Person));
        Assert.Equal(nanjing.Evidence, JsonSerializer.Deserialize<List<GapEvidence>>(found.Evidence));
        Assert.NotNull(Queries.Find(Jiangsu, nanjing.CaseId, PersonMask.Mask));
        Assert.Null(Queries.Find(Wuxi, nanjing.CaseId, PersonMask.Mask));
        Assert.Null(Queries.Find(Jiangsu, hangzhou.CaseId, PersonMask.Mask));
        Assert.Null(Queries.Find(Jiangsu, "GC-0000000000000000", PersonMask.Mask));

        Assert.All(Walk(Queries, Jiangsu, Filter(limit: 50)), r => Assert.StartsWith("32", r.Region));
        Assert.Equal(["330100"], Walk(Queries, Hangzhou, Filter()).Select(r => r.Region).Distinct());
        Assert.Empty(Queries.List(new RegionScope("340100"), Filter(), PersonMask.Mask).Cases);
    }

    [StoreFact]
    public void Counts_per_filter_match_the_cases_in_scope_and_follow_every_change()
    {
        var stored = Stored;
        foreach (var (scope, filter) in new[]
        {
            (Jiangsu, Filter()), (Nanjing, Filter()), (Jiangsu, Filter(status: CaseFilter.ActiveStatus)), (Jiangsu, Filter(rule: RuleIds.Deceased)),
            (Jiangsu, Filter(keyGroup: "parent", from: new DateOnly(2026, 2, 1))), (Jiangsu, Filter(region: "320200")), (Nanjing, Filter(region: "330100")),
        })
            AssertCounts(Expected(stored, scope, filter), Queries.Counts.For(scope, filter));
        Assert.Equal(38, Queries.Counts.For(Jiangsu, Filter()).Total);

        var open = stored.First(c => c.Region == "320100" && c.Status == CaseStatus.New);
        var resolved = Queries.Counts.For(Jiangsu, Filter()).ByStatus.GetValueOrDefault(CaseStatus.Resolved);
        Cases.Transition(open.CaseId, CaseStatus.Resolved, "officer", "enrolled", OfficersAt.AddDays(1));
        Assert.Equal(resolved + 1, Queries.Counts.For(Jiangsu, Filter()).ByStatus[CaseStatus.Resolved]);

        var newcomer = World.Gaps[0] with { Person = "320101201601010011", Rule = RuleIds.Newborn };
        Cases.Apply([newcomer], "R-late", OfficersAt.AddDays(2), person => person == newcomer.Person);
        Assert.Equal(39, Queries.Counts.For(Jiangsu, Filter()).Total);
        AssertCounts(Expected(Cases.Cases(), Jiangsu, Filter()), Queries.Counts.For(Jiangsu, Filter()));
    }

    private static void AssertCounts(IReadOnlyList<GapCase> cases, CaseCountSummary counts)
    {
        static List<KeyValuePair<string, long>> By(IEnumerable<GapCase> cases, Func<GapCase, string> key) =>
            cases.GroupBy(key).Select(g => KeyValuePair.Create(g.Key, (long)g.Count())).OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
        Assert.Equal(cases.Count, counts.Total);
        Assert.Equal(By(cases, c => c.Status), counts.ByStatus.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal(By(cases, c => c.Rule), counts.ByRule.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal(By(cases, c => c.Region), counts.ByRegion.OrderBy(p => p.Key, StringComparer.Ordinal));
        var active = cases.Where(c => CaseStatus.IsActive(c.Status)).GroupBy(c => (c.Rule, c.Region))
            .Select(g => new RuleRegionCount(g.Key.Rule, g.Key.Region, g.Count())).OrderBy(r => r.Rule, StringComparer.Ordinal).ThenBy(r => r.Region, StringComparer.Ordinal);
        Assert.Equal(active, counts.ActiveByRuleAndRegion.OrderBy(r => r.Rule, StringComparer.Ordinal).ThenBy(r => r.Region, StringComparer.Ordinal));
    }

    [StoreFact]
    public void An_assignment_shows_on_the_case_and_in_its_row_and_a_later_one_replaces_it()
    {
        var target = Stored.First(c => c.Region == "320100");
        Queries.Assign(target.CaseId, "officer-li", "supervisor", OfficersAt);
        Queries.Assign(target.CaseId, "officer-wang", "supervisor", OfficersAt.AddMinutes(1));

        Assert.Equal("officer-wang", Queries.Find(Nanjing, target.CaseId, PersonMask.Mask)!.Value.Row.Assignee);
        var rows = Walk(Queries, Nanjing, Filter(limit: 50));
        Assert.Equal("officer-wang", rows.Single(r => r.CaseId == target.CaseId).Assignee);
        Assert.Single(rows, r => r.Assignee is not null);
    }

    [StoreFact]
    public void The_trend_counts_the_active_cases_each_run_left_inside_the_scope()
    {
        var world = World;
        var dropped = world.Gaps.Where(g => g.Region == "320100").Take(5).ToHashSet();
        var closingAt = OfficersAt.AddDays(5);
        Cases.Apply(world.Gaps.Where(g => !dropped.Contains(g)).ToList(), "R-3", closingAt); // closes the dropped active ones, reopens resolved ones found again
        var final = Cases.Cases();

        long OpenedBy(int run, string prefix) => world.Gaps.Where((g, i) => i % 3 <= run && g.Region.StartsWith(prefix, StringComparison.Ordinal)).Count();
        long ActiveNow(string prefix) => final.Count(c => CaseStatus.IsActive(c.Status) && c.Region.StartsWith(prefix, StringComparison.Ordinal));
        foreach (var (scope, prefix) in new[] { (Nanjing, "3201"), (Jiangsu, "32"), (Hangzhou, "3301") })
        {
            var points = Queries.Trend.For(scope);
            Assert.Equal(["R-0", "R-1", "R-2", "R-3"], points.Select(p => p.RunId));
            Assert.Equal([.. RunTimes, closingAt], points.Select(p => p.At));
            Assert.Equal([OpenedBy(0, prefix), OpenedBy(1, prefix), OpenedBy(2, prefix), ActiveNow(prefix)], points.Select(p => p.Active));
            Assert.All(points, p => Assert.Equal(p.Active, p.ByRule.Values.Sum()));
        }
        var byRule = final.Where(c => CaseStatus.IsActive(c.Status) && c.Region == "320100").GroupBy(c => c.Rule)
            .Select(g => KeyValuePair.Create(g.Key, (long)g.Count())).OrderBy(p => p.Key, StringComparer.Ordinal);
        Assert.Equal(byRule, Queries.Trend.For(Nanjing)[^1].ByRule);
        Assert.Equal(["R-2", "R-3"], Queries.Trend.For(Nanjing, runs: 2).Select(p => p.RunId));
        Assert.Equal(0, Queries.Trend.Refresh());
    }
}
