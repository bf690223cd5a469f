using DataHub.Hub.Reconciliation;
using DataHub.Hub.ScaleOut;
using DataHub.Hub.Store;
using DataHub.Schemas.Topics;

namespace DataHub.Tests.ScaleOut;

/// <summary>Two readers of one partition: the store takes a batch only from where its offsets are, so an older record never overwrites a newer one.</summary>
public sealed class RegistryStoreOffsetTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("datahub-registry-offsets-").FullName;

    [Fact]
    public void A_batch_read_from_an_offset_another_reader_already_moved_is_refused_and_writes_nothing()
    {
        var store = new RegistryStore(SqliteDatabase.InDirectory(_dir));
        const string topic = TopicCatalog.Enrolments;
        const string person = "320102199001011237";
        StoredRecord Version(long offset, string status) =>
            new("E1", person, $"{{\"status\":\"{status}\"}}", "medical-insurance.enrolments", "e.csv", offset + 2, 4, offset);

        Assert.True(store.Save(topic, [Version(0, "active"), Version(1, "suspended")], new Dictionary<int, long> { [4] = 0 }, new Dictionary<int, long> { [4] = 2 }));
        // A slower reader that also started at offset 0 stores only the first version: refused, so "suspended" stays.
        Assert.False(store.Save(topic, [Version(0, "active")], new Dictionary<int, long> { [4] = 0 }, new Dictionary<int, long> { [4] = 1 }));

        var stored = Assert.Single(store.Read(topic));
        Assert.Equal(("{\"status\":\"suspended\"}", 1L), (stored.Payload, stored.Offset));
        Assert.Equal(2, store.NextOffsets(topic)[4]);
        Assert.True(store.Save(topic, [Version(2, "terminated")], new Dictionary<int, long> { [4] = 2 }, new Dictionary<int, long> { [4] = 3 }));
        Assert.Equal("{\"status\":\"terminated\"}", Assert.Single(store.Read(topic)).Payload);
    }

    [Fact]
    public void A_share_loads_its_people_and_the_rows_every_instance_needs()
    {
        var store = new RegistryStore(SqliteDatabase.InDirectory(_dir));
        var ids = Enumerable.Range(0, 60).Select(i => Contracts.IdOracle.ResidentId("320102", new DateOnly(1980, 1, 1).AddDays(i * 11), i)).ToList();
        var mine = ReconcileScope.Of([1, 4]);
        var records = ids.Select((id, i) => new StoredRecord($"E{i}", id, "{\"birthCertificateNo\":null}", "f", "s", i, PersonPartitioner.OfResident(id), i)).ToList();
        records.Add(new StoredRecord("E-newborn", null, "{\"birthCertificateNo\":\"A123456789\"}", "f", "s", 99, 0, 99));
        records.Add(new StoredRecord("E-cert", ids.First(id => !mine.Partitions.Contains(PersonPartitioner.OfResident(id))),
            "{\"birthCertificateNo\":\"B123456789\"}", "f", "s", 100, 0, 100));
        foreach (var group in records.GroupBy(r => r.Partition))
            store.Save(TopicCatalog.Enrolments, group.ToList(), new Dictionary<int, long>(), new Dictionary<int, long> { [group.Key] = group.Max(r => r.Offset) + 1 });

        var loaded = store.Read(TopicCatalog.Enrolments, mine).Select(r => r.Identity).ToHashSet();
        var owned = records.Where(r => r.ResidentId is not null && mine.Partitions.Contains(PersonPartitioner.OfResident(r.ResidentId))).Select(r => r.Identity);
        Assert.Equal(owned.Append("E-newborn").Append("E-cert").Order(), loaded.Order());
        Assert.InRange(loaded.Count, 3, records.Count - 10); // a share, not everything
        Assert.Equal(records.Count, store.Read(TopicCatalog.Enrolments, ReconcileScope.Whole).Count());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
