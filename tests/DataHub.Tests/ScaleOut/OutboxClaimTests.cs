using DataHub.Hub.Reconciliation;
using DataHub.Hub.Store;
using DataHub.Reconciliation.Engine;

namespace DataHub.Tests.ScaleOut;

/// <summary>Two publishers of one outbox (a rebalance, or `datahub reconcile` beside the service) never take the same row.</summary>
public sealed class OutboxClaimTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("datahub-outbox-claims-").FullName;

    [Fact]
    public void A_claimed_row_is_not_given_to_a_second_publisher_until_the_claim_is_released_or_stale()
    {
        var cases = new GapCaseStore(SqliteDatabase.InDirectory(_dir));
        var now = new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero);
        var gaps = Enumerable.Range(0, 5).Select(i => new Gap($"32010219900101{i:D3}X", RuleIds.NotRenewed, "2026", "320100", "not renewed",
            [new GapEvidence("f", "s.csv", i + 1, null, "n")], MatchKind.ResidentId)).ToList();
        cases.Apply(gaps, "R1", now);

        var first = cases.ClaimPendingEvents("A", null, TimeSpan.FromMinutes(10), now);
        Assert.Equal(5, first.Count);
        Assert.Empty(cases.ClaimPendingEvents("B", null, TimeSpan.FromMinutes(10), now.AddMinutes(1)));

        cases.MarkPublished(first.Take(2).Select(p => p.Seq), now.AddMinutes(1));
        cases.ReleaseClaims("A"); // A failed after sending two
        var second = cases.ClaimPendingEvents("B", null, TimeSpan.FromMinutes(10), now.AddMinutes(2));
        Assert.Equal(first.Skip(2).Select(p => p.Seq), second.Select(p => p.Seq));

        // B dies holding them: after the claim timeout a third publisher takes them over.
        Assert.Empty(cases.ClaimPendingEvents("C", null, TimeSpan.FromMinutes(10), now.AddMinutes(5)));
        Assert.Equal(3, cases.ClaimPendingEvents("C", null, TimeSpan.FromMinutes(10), now.AddMinutes(13)).Count);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
