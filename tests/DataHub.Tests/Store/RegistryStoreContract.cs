using DataHub.Hub.Reconciliation;
using DataHub.Hub.ScaleOut;
using DataHub.Schemas.Topics;
using DataHub.Tests.Contracts;

namespace DataHub.Tests.Store;

/// <summary>
/// What every <see cref="IRegistryStore"/> must do; a subclass per store runs it. Topics (and, on the real registry
/// topics the share rules name, identities) are unique per test, so a shared database works.
/// </summary>
public abstract class RegistryStoreContract
{
    protected abstract IRegistryStore Store { get; }

    private readonly string _id = Guid.NewGuid().ToString("N")[..12];
    private string Topic => $"contract-{_id}.registry";
    private const string Person = "320102199001011237";

    private static Dictionary<int, long> At(params (int Partition, long Offset)[] offsets) => offsets.ToDictionary(o => o.Partition, o => o.Offset);

    private StoredRecord Version(long offset, string status, int partition = 4) =>
        new($"E1-{_id}", Person, $"{{\"status\":\"{status}\"}}", "medical-insurance.enrolments", "e.csv", offset + 2, partition, offset);

    [StoreFact]
    public void A_batch_read_from_an_offset_another_reader_already_moved_is_refused_and_writes_nothing()
    {
        Assert.True(Store.Save(Topic, [Version(0, "active"), Version(1, "suspended")], At((4, 0)), At((4, 2))));
        // A slower reader that also started at offset 0 stores only the first version: refused, so "suspended" stays.
        Assert.False(Store.Save(Topic, [Version(0, "active")], At((4, 0)), At((4, 1))));

        var stored = Assert.Single(Store.Read(Topic));
        Assert.Equal(("{\"status\":\"suspended\"}", 1L), (stored.Payload, stored.Offset));
        Assert.Equal(2, Store.NextOffsets(Topic)[4]);
        Assert.True(Store.Save(Topic, [Version(2, "terminated")], At((4, 2)), At((4, 3))));
        Assert.Equal("{\"status\":\"terminated\"}", Assert.Single(Store.Read(Topic)).Payload);
    }

    [StoreFact]
    public void Offsets_read_from_another_cluster_are_forgotten_and_the_stored_records_kept()
    {
        string first = $"cluster-a-{_id}", second = $"cluster-b-{_id}";
        Store.AdoptCluster(first); // whatever an earlier test recorded (the database may be shared)
        Assert.Null(Store.AdoptCluster(first));
        Assert.True(Store.Save(Topic, [Version(0, "active")], At((4, 0)), At((4, 1))));

        Assert.Equal(first, Store.AdoptCluster(second));

        Assert.Empty(Store.NextOffsets(Topic)); // the new cluster's offset 0 is read, not skipped
        Assert.Equal("{\"status\":\"active\"}", Assert.Single(Store.Read(Topic)).Payload);
        Assert.True(Store.Save(Topic, [Version(0, "suspended")], At((4, 0)), At((4, 1))));
        Assert.Equal("{\"status\":\"suspended\"}", Assert.Single(Store.Read(Topic)).Payload);
        Assert.Null(Store.AdoptCluster(second));
        Assert.Equal(1, Store.NextOffsets(Topic)[4]);
    }

    [StoreFact]
    public void One_stale_partition_refuses_the_whole_batch_and_a_partition_never_stored_starts_at_zero()
    {
        Assert.True(Store.Save(Topic, [Version(0, "a", partition: 1)], At((1, 0)), At((1, 1))));
        var other = new StoredRecord($"E2-{_id}", null, "{}", null, null, 0, 2, 0);

        Assert.False(Store.Save(Topic, [Version(1, "b", partition: 1), other], At((1, 0), (2, 0)), At((1, 2), (2, 1))));
        Assert.False(Store.Save(Topic, [other], At((2, 5)), At((2, 6))));
        Assert.Equal(At((1, 1)), Store.NextOffsets(Topic));
        Assert.Equal([$"E1-{_id}"], Store.Read(Topic).Select(r => r.Identity));

        Assert.True(Store.Save(Topic, [Version(1, "b", partition: 1), other], At((1, 1), (2, 0)), At((1, 2), (2, 1))));
        Assert.Equal(At((1, 2), (2, 1)), Store.NextOffsets(Topic));
        Assert.Empty(Store.NextOffsets(Topic + "-other"));
    }

    [StoreFact]
    public void The_latest_record_of_an_identity_wins_within_a_batch_and_across_batches_with_its_provenance()
    {
        var first = new StoredRecord($"A-{_id}", Person, "{\"v\":\"1\"}", "feed-a", "a.csv", 10, 3, 0);
        var second = new StoredRecord($"B-{_id}", null, "{\"v\":\"b\"}", null, null, 0, 0, 0);
        var replaced = new StoredRecord($"A-{_id}", Person, "{\"v\":\"2\"}", "feed-b", "b.csv", 11, 3, 1);
        Assert.True(Store.Save(Topic, [first, second, replaced], At(), At((0, 1), (3, 2))));

        Assert.Equal([second, replaced], Store.Read(Topic)); // by partition, then offset
        var moved = replaced with { ResidentId = null, Payload = "{\"v\":\"3\"}", Feed = null, Source = null, Line = 0, Partition = 5, Offset = 0 };
        Assert.True(Store.Save(Topic, [moved], At((5, 0)), At((5, 1))));
        Assert.Equal([second, moved], Store.Read(Topic));
    }

    [StoreFact]
    public void Two_readers_storing_the_same_range_at_once_store_it_once()
    {
        var batch = Enumerable.Range(0, 200).Select(i => new StoredRecord($"C{i}-{_id}", null, $"{{\"i\":\"{i}\"}}", "f", "s", i, 7, i)).ToList();
        var results = new bool[6];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = results.Length },
            i => results[i] = Store.Save(Topic, batch, At((7, 0)), At((7, 200))));

        Assert.Equal(1, results.Count(r => r));
        Assert.Equal(200, Store.Read(Topic).Count());
        Assert.Equal(200, Store.NextOffsets(Topic)[7]);
    }

    [StoreFact]
    public void A_loss_is_recorded_once_and_reported_by_one_run_in_the_order_found()
    {
        var early = new LostRange(Topic, 2, 0, 40);
        var late = new LostRange(Topic, 0, 100, 130);
        Store.RecordLoss(early);
        Store.RecordLoss(late);
        Store.RecordLoss(early); // another instance found the same

        Assert.Equal([early, late], Mine(Store.TakeUnreportedLosses("R-1")));
        Assert.Empty(Mine(Store.TakeUnreportedLosses("R-2")));
        Store.RecordLoss(early); // known, already reported: not again
        var next = new LostRange(Topic, 2, 40, 41);
        Store.RecordLoss(next);
        Assert.Equal([next], Mine(Store.TakeUnreportedLosses("R-3")));
    }

    [StoreFact]
    public void A_share_loads_its_people_the_rows_without_a_person_and_the_enrolments_carrying_a_certificate()
    {
        var mine = ReconcileScope.Of([1, 4]);
        var ids = People(60);
        var records = ids.Select((id, i) => Enrolment($"E{i}", id, i, certificate: null)).ToList();
        records.Add(Enrolment("E-newborn", null, 99, "A123456789"));
        records.Add(Enrolment("E-cert", ids.First(id => !mine.Partitions.Contains(PersonPartitioner.OfResident(id))), 100, "B123456789"));
        SaveByPartition(TopicCatalog.Enrolments, records);

        var loaded = MineOf(Store.Read(TopicCatalog.Enrolments, mine));
        var owned = records.Where(r => r.ResidentId is not null && mine.Partitions.Contains(PersonPartitioner.OfResident(r.ResidentId))).Select(r => r.Identity);
        Assert.Equal(owned.Append($"E-newborn-{_id}").Append($"E-cert-{_id}").Order(), loaded.Select(r => r.Identity).Order());
        Assert.InRange(loaded.Count, 3, records.Count - 10); // a share, not everything
        Assert.Equal(records.Count, MineOf(Store.Read(TopicCatalog.Enrolments, ReconcileScope.Whole)).Count);
        Assert.Equal(records.Count, MineOf(Store.Read(TopicCatalog.Enrolments)).Count);
        Assert.Equal([$"E-cert-{_id}", $"E-newborn-{_id}"], MineOf(Store.Read(TopicCatalog.Enrolments, ReconcileScope.Of([]))).Select(r => r.Identity).Order());
    }

    [StoreFact]
    public void Every_share_loads_every_birth_but_only_its_own_deaths()
    {
        var ids = People(30);
        var births = ids.Select((id, i) => Record($"B{i}", id, i, "{\"birthCertificateNo\":null}")).ToList();
        var deaths = ids.Select((id, i) => Record($"D{i}", id, i, "{\"deathDate\":\"2026-01-01\"}")).ToList();
        SaveByPartition(TopicCatalog.Births, births);
        SaveByPartition(TopicCatalog.Deaths, deaths);
        var scope = ReconcileScope.Of([2]);

        Assert.Equal(births.Count, MineOf(Store.Read(TopicCatalog.Births, scope)).Count);
        var ownDeaths = deaths.Where(d => PersonPartitioner.OfResident(d.ResidentId) == 2).Select(d => d.Identity).Order().ToList();
        Assert.NotEmpty(ownDeaths);
        Assert.Equal(ownDeaths, MineOf(Store.Read(TopicCatalog.Deaths, scope)).Select(d => d.Identity).Order());
    }

    private static List<string> People(int count) =>
        Enumerable.Range(0, count).Select(i => IdOracle.ResidentId("320102", new DateOnly(1980, 1, 1).AddDays(i * 11), i)).ToList();

    private StoredRecord Enrolment(string name, string? residentId, long offset, string? certificate) =>
        Record(name, residentId, offset, certificate is null ? "{\"birthCertificateNo\":null}" : $"{{\"birthCertificateNo\":\"{certificate}\"}}");

    private StoredRecord Record(string name, string? residentId, long offset, string payload) =>
        new($"{name}-{_id}", residentId, payload, "f", "s", offset, residentId is null ? 0 : PersonPartitioner.OfResident(residentId), offset);

    /// <summary>Stores records of a real registry topic without touching its offsets (a shared database keeps those of earlier runs).</summary>
    private void SaveByPartition(string topic, IEnumerable<StoredRecord> records)
    {
        foreach (var group in records.GroupBy(r => r.Partition))
            Assert.True(Store.Save(topic, group.ToList(), At(), At()));
    }

    private List<StoredRecord> MineOf(IEnumerable<StoredRecord> records) => records.Where(r => r.Identity.EndsWith(_id, StringComparison.Ordinal)).ToList();

    private List<LostRange> Mine(IEnumerable<LostRange> losses) => losses.Where(l => l.Topic == Topic).ToList();
}
