using DataHub.Hub.ScaleOut;
using DataHub.Hub.Store;
using Microsoft.Data.Sqlite;

namespace DataHub.Hub.Reconciliation;

/// <summary>
/// <see cref="IRegistryStore"/> in the embedded SQLite store (tables registry_record, registry_offset, registry_loss, registry_cluster).
/// Rows and offsets are written in one transaction. Each row also keeps its person's partition
/// (<see cref="PersonPartitioner"/>), so an instance loads only its share.
/// </summary>
public sealed class SqliteRegistryStore : IRegistryStore
{
    private const string Ddl = """
        CREATE TABLE IF NOT EXISTS registry_record (
            topic TEXT NOT NULL, identity TEXT NOT NULL, resident_id TEXT, payload TEXT NOT NULL,
            feed TEXT, source TEXT, line INTEGER, partition INTEGER NOT NULL, offset INTEGER NOT NULL, updated_at TEXT NOT NULL,
            person_partition INTEGER, PRIMARY KEY (topic, identity));
        CREATE INDEX IF NOT EXISTS registry_record_person ON registry_record (resident_id);
        CREATE TABLE IF NOT EXISTS registry_offset (
            topic TEXT NOT NULL, partition INTEGER NOT NULL, next_offset INTEGER NOT NULL, updated_at TEXT NOT NULL,
            PRIMARY KEY (topic, partition));
        CREATE TABLE IF NOT EXISTS registry_loss (
            id INTEGER PRIMARY KEY AUTOINCREMENT, topic TEXT NOT NULL, partition INTEGER NOT NULL,
            from_offset INTEGER NOT NULL, to_offset INTEGER NOT NULL, detected_at TEXT NOT NULL, reported_in_run TEXT);
        CREATE TABLE IF NOT EXISTS registry_cluster (
            id INTEGER PRIMARY KEY CHECK (id = 1), cluster TEXT NOT NULL, since TEXT NOT NULL);
        """;

    public SqliteRegistryStore(SqliteDatabase database)
    {
        Database = database;
        database.EnsureSchema("registry", Ddl);
        RegistryStoreMigrations.AddPersonPartition(database);
    }

    public SqliteDatabase Database { get; }

    public string? AdoptCluster(string cluster)
    {
        using var c = Database.Open();
        using var tx = c.BeginTransaction(); // IMMEDIATE: a second instance waits, then finds this cluster recorded
        using var read = c.CreateCommand();
        read.Transaction = tx;
        read.CommandText = "SELECT cluster FROM registry_cluster WHERE id = 1";
        var previous = read.ExecuteScalar() as string;
        if (previous == cluster) return null;
        using var write = c.CreateCommand();
        write.Transaction = tx;
        write.CommandText = (previous is null ? "" : "DELETE FROM registry_offset;\n") +
            "INSERT INTO registry_cluster (id, cluster, since) VALUES (1, $c, $s) ON CONFLICT (id) DO UPDATE SET cluster = $c, since = $s";
        write.Parameters.AddWithValue("$c", cluster);
        write.Parameters.AddWithValue("$s", DateTimeOffset.UtcNow.ToString("O"));
        write.ExecuteNonQuery();
        tx.Commit();
        return previous;
    }

    public IReadOnlyDictionary<int, long> NextOffsets(string topic)
    {
        using var c = Database.Open();
        return NextOffsets(c, null, topic);
    }

    private static Dictionary<int, long> NextOffsets(SqliteConnection c, SqliteTransaction? tx, string topic)
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT partition, next_offset FROM registry_offset WHERE topic=$t";
        cmd.Parameters.AddWithValue("$t", topic);
        using var r = cmd.ExecuteReader();
        var offsets = new Dictionary<int, long>();
        while (r.Read()) offsets[r.GetInt32(0)] = r.GetInt64(1);
        return offsets;
    }

    /// <summary>
    /// <see cref="IRegistryStore.Save"/>: the transaction is IMMEDIATE (Microsoft.Data.Sqlite's default), so check and
    /// write are one step; rows are upserted in list order, so the last record of an identity wins.
    /// </summary>
    public bool Save(string topic, IReadOnlyList<StoredRecord> records, IReadOnlyDictionary<int, long> startOffsets, IReadOnlyDictionary<int, long> nextOffsets)
    {
        using var c = Database.Open();
        using var tx = c.BeginTransaction();
        var committed = NextOffsets(c, tx, topic);
        if (startOffsets.Any(s => committed.GetValueOrDefault(s.Key) != s.Value)) return false;
        var now = DateTimeOffset.UtcNow.ToString("O");
        using (var upsert = c.CreateCommand())
        {
            upsert.Transaction = tx;
            upsert.CommandText = """
                INSERT INTO registry_record (topic, identity, resident_id, payload, feed, source, line, partition, offset, updated_at, person_partition)
                VALUES ($t, $i, $p, $j, $f, $s, $l, $pa, $o, $u, $pp)
                ON CONFLICT (topic, identity) DO UPDATE SET resident_id=$p, payload=$j, feed=$f, source=$s, line=$l, partition=$pa, offset=$o, updated_at=$u, person_partition=$pp
                """;
            var ps = new[] { "$t", "$i", "$p", "$j", "$f", "$s", "$l", "$pa", "$o", "$u", "$pp" }.Select(n => upsert.Parameters.Add(n, SqliteType.Text)).ToArray();
            foreach (var r in records)
            {
                object?[] values = [topic, r.Identity, r.ResidentId, r.Payload, r.Feed, r.Source, r.Line, r.Partition, r.Offset, now, PersonPartitioner.OfResident(r.ResidentId)];
                for (var i = 0; i < ps.Length; i++) ps[i].Value = values[i] ?? DBNull.Value;
                upsert.ExecuteNonQuery();
            }
        }
        using (var offsets = c.CreateCommand())
        {
            offsets.Transaction = tx;
            offsets.CommandText = """
                INSERT INTO registry_offset (topic, partition, next_offset, updated_at) VALUES ($t, $p, $o, $u)
                ON CONFLICT (topic, partition) DO UPDATE SET next_offset=$o, updated_at=$u
                """;
            foreach (var (partition, next) in nextOffsets)
            {
                offsets.Parameters.Clear();
                offsets.Parameters.AddWithValue("$t", topic);
                offsets.Parameters.AddWithValue("$p", partition);
                offsets.Parameters.AddWithValue("$o", next);
                offsets.Parameters.AddWithValue("$u", now);
                offsets.ExecuteNonQuery();
            }
        }
        tx.Commit();
        return true;
    }

    public void RecordLoss(LostRange range)
    {
        using var c = Database.Open();
        using var cmd = c.CreateCommand();
        // Two instances may find the same loss; it is recorded (and reported) once.
        cmd.CommandText = """
            INSERT INTO registry_loss (topic, partition, from_offset, to_offset, detected_at) SELECT $t, $p, $f, $to, $d
            WHERE NOT EXISTS (SELECT 1 FROM registry_loss WHERE topic=$t AND partition=$p AND from_offset=$f AND to_offset=$to)
            """;
        cmd.Parameters.AddWithValue("$t", range.Topic);
        cmd.Parameters.AddWithValue("$p", range.Partition);
        cmd.Parameters.AddWithValue("$f", range.FromOffset);
        cmd.Parameters.AddWithValue("$to", range.ToOffset);
        cmd.Parameters.AddWithValue("$d", DateTimeOffset.UtcNow.ToString("O"));
        cmd.ExecuteNonQuery();
    }

    public IReadOnlyList<LostRange> TakeUnreportedLosses(string runId)
    {
        using var c = Database.Open();
        using var tx = c.BeginTransaction();
        var list = new List<LostRange>();
        using (var cmd = c.CreateCommand())
        {
            cmd.Transaction = tx;
            cmd.CommandText = "SELECT topic, partition, from_offset, to_offset FROM registry_loss WHERE reported_in_run IS NULL ORDER BY id";
            using var r = cmd.ExecuteReader();
            while (r.Read()) list.Add(new LostRange(r.GetString(0), r.GetInt32(1), r.GetInt64(2), r.GetInt64(3)));
        }
        using (var mark = c.CreateCommand())
        {
            mark.Transaction = tx;
            mark.CommandText = "UPDATE registry_loss SET reported_in_run=$r WHERE reported_in_run IS NULL";
            mark.Parameters.AddWithValue("$r", runId);
            mark.ExecuteNonQuery();
        }
        tx.Commit();
        return list;
    }

    public IEnumerable<StoredRecord> Read(string topic, ReconcileScope? scope = null)
    {
        using var c = Database.Open();
        using var cmd = c.CreateCommand();
        var condition = scope is null ? null : RegistrySlice.SqliteCondition(topic, scope);
        cmd.CommandText = "SELECT identity, resident_id, payload, feed, source, line, partition, offset FROM registry_record WHERE topic=$t"
            + (condition is null ? "" : " AND " + condition) + " ORDER BY partition, offset";
        cmd.Parameters.AddWithValue("$t", topic);
        using var r = cmd.ExecuteReader();
        while (r.Read())
            yield return new StoredRecord(r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.GetString(2),
                r.IsDBNull(3) ? null : r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(5) ? 0 : r.GetInt64(5), r.GetInt32(6), r.GetInt64(7));
    }
}
