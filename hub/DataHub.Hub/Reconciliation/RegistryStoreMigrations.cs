using DataHub.Hub.ScaleOut;
using DataHub.Hub.Store;

namespace DataHub.Hub.Reconciliation;

/// <summary>Brings a store made by an earlier version up to date (idempotent; safe when several instances start at once).</summary>
internal static class RegistryStoreMigrations
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> Done = new();

    /// <summary>
    /// registry_record.person_partition (added for scale-out): filled from each row's resident ID. One IMMEDIATE
    /// transaction, so a second instance starting at the same time waits and then finds the column there.
    /// </summary>
    public static void AddPersonPartition(SqliteDatabase database)
    {
        if (!Done.TryAdd(database.ConnectionString, true)) return;
        using var c = database.Open();
        using var tx = c.BeginTransaction();
        using (var columns = c.CreateCommand())
        {
            columns.Transaction = tx;
            columns.CommandText = "SELECT COUNT(*) FROM pragma_table_info('registry_record') WHERE name='person_partition'";
            if ((long)columns.ExecuteScalar()! == 0)
            {
                using var alter = c.CreateCommand();
                alter.Transaction = tx;
                alter.CommandText = "ALTER TABLE registry_record ADD COLUMN person_partition INTEGER";
                alter.ExecuteNonQuery();
            }
        }
        var missing = new List<(long RowId, string? ResidentId)>();
        using (var select = c.CreateCommand())
        {
            select.Transaction = tx;
            select.CommandText = "SELECT rowid, resident_id FROM registry_record WHERE person_partition IS NULL";
            using var r = select.ExecuteReader();
            while (r.Read()) missing.Add((r.GetInt64(0), r.IsDBNull(1) ? null : r.GetString(1)));
        }
        using (var update = c.CreateCommand())
        {
            update.Transaction = tx;
            update.CommandText = "UPDATE registry_record SET person_partition=$p WHERE rowid=$r";
            var partition = update.Parameters.Add("$p", Microsoft.Data.Sqlite.SqliteType.Integer);
            var row = update.Parameters.Add("$r", Microsoft.Data.Sqlite.SqliteType.Integer);
            foreach (var (rowId, residentId) in missing)
            {
                partition.Value = PersonPartitioner.OfResident(residentId);
                row.Value = rowId;
                update.ExecuteNonQuery();
            }
        }
        using (var index = c.CreateCommand())
        {
            index.Transaction = tx;
            index.CommandText = "CREATE INDEX IF NOT EXISTS registry_record_slice ON registry_record (topic, person_partition)";
            index.ExecuteNonQuery();
        }
        tx.Commit();
    }
}
