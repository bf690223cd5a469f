using DataHub.Hub.Reconciliation;
using DataHub.Hub.ScaleOut;
using DataHub.Reconciliation.Engine;
using DataHub.Schemas.Topics;

namespace DataHub.Tests.Reconciliation;

/// <summary>The store's records as the engine sees them, loaded by <see cref="StoreRegistryLoader"/>.</summary>
public sealed class StoreRegistryLoaderTests
{
    private const string Died = "320102195001011234";
    private const string DeclaredDead = "320102195501011230";
    private const string CancelledOtherwise = "320104198001011230";

    [Fact]
    public void A_registration_cancelled_for_another_reason_is_not_a_death()
    {
        var store = new ListStore(new()
        {
            [TopicCatalog.Deaths] =
            [
                Death(Died, "death"),
                Death(DeclaredDead, "declared-dead"),
                // 注销原因 其他 (e.g. settled abroad): the person is alive, and still rightly enrolled.
                Death(CancelledOtherwise, "other"),
            ],
            [TopicCatalog.Enrolments] = [Enrolment(Died, "E1"), Enrolment(DeclaredDead, "E2"), Enrolment(CancelledOtherwise, "E3")],
        });

        var registries = StoreRegistryLoader.Load(store);
        var result = new ReconciliationEngine().Run(registries, new ReconciliationOptions { AsOf = new DateOnly(2026, 10, 20) });

        Assert.Equal(2, registries.Deaths.Count);
        Assert.Equal([Died, DeclaredDead], result.Gaps.Where(g => g.Rule == RuleIds.Deceased).Select(g => g.Person).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(result.Gaps, g => g.Person == CancelledOtherwise);
    }

    private static StoredRecord Death(string id, string reason) =>
        new(id, id, $$"""{"residentId":"{{id}}","deathDate":"2026-03-02","householdDivision":"{{id[..6]}}","reason":"{{reason}}","cancelledDate":"2026-03-05"}""",
            "public-security.deaths", "deaths.csv", 2, 0, 0);

    private static StoredRecord Enrolment(string id, string enrolmentId) =>
        new(enrolmentId, id, $$"""{"enrolmentId":"{{enrolmentId}}","residentId":"{{id}}","scheme":"390","poolingArea":"{{id[..6]}}","personType":"resident","status":"active","startDate":"2016-01-01","changedAt":"2016-01-01T00:00:00Z"}""",
            "medical-insurance.enrolments", "enrolments.csv", 2, 0, 0);

    /// <summary>A store holding fixed records per topic.</summary>
    private sealed class ListStore(Dictionary<string, List<StoredRecord>> records) : IRegistryStore
    {
        public string? AdoptCluster(string cluster) => null;
        public IReadOnlyDictionary<int, long> NextOffsets(string topic) => new Dictionary<int, long>();
        public bool Save(string topic, IReadOnlyList<StoredRecord> batch, IReadOnlyDictionary<int, long> startOffsets, IReadOnlyDictionary<int, long> nextOffsets) => false;
        public void RecordLoss(LostRange range) { }
        public IReadOnlyList<LostRange> TakeUnreportedLosses(string runId) => [];
        public IEnumerable<StoredRecord> Read(string topic, ReconcileScope? scope = null) => records.GetValueOrDefault(topic) ?? [];
    }
}
