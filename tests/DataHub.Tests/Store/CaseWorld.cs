using DataHub.Hub.Reconciliation;
using DataHub.Hub.Web;
using DataHub.Reconciliation.Engine;

namespace DataHub.Tests.Store;

/// <summary>
/// The cases the case-query contract runs on: 30 in Nanjing (320100), 8 in Wuxi (320200), 5 in Hangzhou (330100), opened by
/// three runs a month apart (every third gap per run), then some put in progress or resolved by officers; and what a
/// query over them should answer, worked out here from the case store's own view.
/// </summary>
internal sealed class CaseWorld
{
    public static readonly DateTimeOffset[] RunTimes =
        [new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero), new(2026, 2, 10, 9, 30, 0, TimeSpan.Zero), new(2026, 3, 15, 16, 45, 0, TimeSpan.Zero)];
    public static readonly DateTimeOffset OfficersAt = new(2026, 3, 26, 10, 0, 0, TimeSpan.Zero);

    public static readonly RegionScope Nanjing = new("320100"), Wuxi = new("320200"), Jiangsu = new("320000"), Hangzhou = new("330100");

    private CaseWorld(IReadOnlyList<Gap> gaps) => Gaps = gaps;

    public IReadOnlyList<Gap> Gaps { get; }

    public static CaseWorld Seed(IGapCaseStore cases)
    {
        var gaps = Make("320100", 30).Concat(Make("320200", 8)).Concat(Make("330100", 5)).ToList();
        for (var run = 0; run < RunTimes.Length; run++)
        {
            var batch = gaps.Where((_, i) => i % 3 == run).ToList();
            var people = batch.Select(g => g.Person).ToHashSet();
            cases.Apply(batch, $"R-{run}", RunTimes[run], people.Contains); // earlier runs' people are not this run's to close
        }
        var ids = cases.Cases().Select(c => c.CaseId).ToList();
        for (var i = 0; i < ids.Count; i++)
        {
            if (i % 4 == 1) cases.Transition(ids[i], CaseStatus.InProgress, "officer", "called", OfficersAt.AddMinutes(i));
            if (i % 7 == 2) cases.Transition(ids[i], CaseStatus.Resolved, "officer", "enrolled", OfficersAt.AddMinutes(i).AddSeconds(30));
        }
        return new CaseWorld(gaps);
    }

    public static CaseFilter Filter(string sort = "opened", bool descending = false, string? rule = null, string? status = null, string? region = null,
        string? keyGroup = null, DateOnly? from = null, DateOnly? to = null, int limit = 7) =>
        new(rule, status, region, keyGroup, from, to, sort, descending, null, limit);

    /// <summary>The cases a query in the scope under the filter should list, in the list's order (sort key, then case id; ordinal).</summary>
    public static List<GapCase> Expected(IEnumerable<GapCase> cases, RegionScope scope, CaseFilter f)
    {
        if (scope.Clip(f.Region) is not { } clipped) return [];
        var matching = cases.Where(c => scope.Covers(c.Region) && clipped.Covers(c.Region) && Matches(c, f)).ToList();
        Func<GapCase, GapCase, int> byKey = f.Sort switch
        {
            "opened" => (x, y) => x.OpenedAt.CompareTo(y.OpenedAt),
            "updated" => (x, y) => x.UpdatedAt.CompareTo(y.UpdatedAt),
            "rule" => (x, y) => string.CompareOrdinal(x.Rule, y.Rule),
            "status" => (x, y) => string.CompareOrdinal(x.Status, y.Status),
            "region" => (x, y) => string.CompareOrdinal(x.Region, y.Region),
            _ => (_, _) => 0,
        };
        matching.Sort((x, y) =>
        {
            var order = byKey(x, y);
            if (order == 0) order = string.CompareOrdinal(x.CaseId, y.CaseId);
            return f.Descending ? -order : order;
        });
        return matching;
    }

    public static bool Matches(GapCase c, CaseFilter f) =>
        (f.Rule is null || c.Rule == f.Rule)
        && (f.Status is null || (f.Status == CaseFilter.ActiveStatus ? CaseStatus.IsActive(c.Status) : c.Status == f.Status))
        && (f.KeyGroup is null || c.MatchedBy == f.KeyGroup)
        && (f.From is not { } from || c.OpenedAt >= Midnight(from))
        && (f.To is not { } to || c.OpenedAt < Midnight(to.AddDays(1)));

    private static DateTimeOffset Midnight(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>Every page of a query by its cursors; each full page but the last carries a cursor.</summary>
    public static List<CaseRow> Walk(ICaseQueries queries, RegionScope scope, CaseFilter filter)
    {
        var rows = new List<CaseRow>();
        string? after = null;
        var pages = 0;
        do
        {
            var page = queries.List(scope, filter with { After = after }, PersonMask.Mask);
            Assert.True(page.Cases.Count <= filter.Limit);
            if (page.Next is not null) Assert.Equal(filter.Limit, page.Cases.Count);
            rows.AddRange(page.Cases);
            after = page.Next;
            Assert.True(++pages <= 100, "the cursor does not move on");
        } while (after is not null);
        return rows;
    }

    private static IEnumerable<Gap> Make(string region, int count) => Enumerable.Range(0, count).Select(i => new Gap(
        $"{region[..4]}0119900101{i:D4}", RuleIds.All[i % RuleIds.All.Count], "2026", region, $"seeded gap {i} in {region}",
        [new GapEvidence("public-security.births", $"births-{region}.csv", i + 2, new DateOnly(2026, 1, 1 + i % 28), "seeded evidence")],
        (i % 5) switch { 0 => MatchKind.Certificate, 1 => MatchKind.Parent, _ => MatchKind.ResidentId }));
}
