using DataHub.Hub.Store;
using Microsoft.Data.Sqlite;

namespace DataHub.Hub.Registry;

/// <summary><see cref="ISchemaRegistryStore"/> in the hub's SQLite store.</summary>
public sealed class SqliteSchemaRegistryStore : ISchemaRegistryStore
{
    private const string GlobalConfigKey = "";

    private const string Ddl = """
        CREATE TABLE IF NOT EXISTS registry_schemas (
            id          INTEGER PRIMARY KEY AUTOINCREMENT,
            canonical   TEXT NOT NULL UNIQUE,
            schema_text TEXT NOT NULL,
            created_utc TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')));
        CREATE TABLE IF NOT EXISTS registry_subject_versions (
            subject     TEXT NOT NULL,
            version     INTEGER NOT NULL,
            schema_id   INTEGER NOT NULL REFERENCES registry_schemas(id),
            deleted     INTEGER NOT NULL DEFAULT 0,
            created_utc TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
            PRIMARY KEY (subject, version));
        CREATE INDEX IF NOT EXISTS ix_registry_subject_versions_schema ON registry_subject_versions(schema_id);
        CREATE TABLE IF NOT EXISTS registry_config (
            subject       TEXT PRIMARY KEY,
            compatibility TEXT NOT NULL);
        """;

    private const string VersionColumns = "subject, version, schema_id, deleted";

    private readonly SqliteDatabase _database;

    public SqliteSchemaRegistryStore(SqliteDatabase database)
    {
        _database = database;
        _database.EnsureSchema("schema-registry", Ddl);
    }

    public int GetOrAddSchema(string canonical, string text)
    {
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction();
        Execute(connection, "INSERT OR IGNORE INTO registry_schemas (canonical, schema_text) VALUES ($c, $t)", ("$c", canonical), ("$t", text));
        var id = Convert.ToInt32(Scalar(connection, "SELECT id FROM registry_schemas WHERE canonical = $c", ("$c", canonical)));
        transaction.Commit();
        return id;
    }

    public string? GetSchemaText(int id)
    {
        using var connection = _database.Open();
        return Scalar(connection, "SELECT schema_text FROM registry_schemas WHERE id = $id", ("$id", id)) as string;
    }

    public IReadOnlyList<SubjectVersion> GetVersions(string subject, bool includeDeleted) =>
        QueryVersions($"SELECT {VersionColumns} FROM registry_subject_versions WHERE subject = $s {(includeDeleted ? "" : "AND deleted = 0")} ORDER BY version",
            ("$s", subject));

    public IReadOnlyList<SubjectVersion> GetVersionsOfSchema(int schemaId, bool includeDeleted) =>
        QueryVersions($"SELECT {VersionColumns} FROM registry_subject_versions WHERE schema_id = $id {(includeDeleted ? "" : "AND deleted = 0")} ORDER BY subject, version",
            ("$id", schemaId));

    public IReadOnlyList<string> GetSubjects(bool includeDeleted)
    {
        using var connection = _database.Open();
        using var command = Command(connection,
            $"SELECT DISTINCT subject FROM registry_subject_versions {(includeDeleted ? "" : "WHERE deleted = 0")} ORDER BY subject");
        using var reader = command.ExecuteReader();
        var subjects = new List<string>();
        while (reader.Read()) subjects.Add(reader.GetString(0));
        return subjects;
    }

    public SubjectVersion AddVersion(string subject, int schemaId)
    {
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction();
        var next = Convert.ToInt32(Scalar(connection,
            "SELECT COALESCE(MAX(version), 0) + 1 FROM registry_subject_versions WHERE subject = $s", ("$s", subject)));
        Execute(connection, "INSERT INTO registry_subject_versions (subject, version, schema_id) VALUES ($s, $v, $id)",
            ("$s", subject), ("$v", next), ("$id", schemaId));
        transaction.Commit();
        return new SubjectVersion(subject, next, schemaId, Deleted: false);
    }

    public IReadOnlyList<int> DeleteSubject(string subject, bool permanent)
    {
        var affected = GetVersions(subject, includeDeleted: true).Where(v => v.Deleted == permanent).Select(v => v.Version).ToList();
        using var connection = _database.Open();
        Execute(connection, permanent
                ? "DELETE FROM registry_subject_versions WHERE subject = $s AND deleted = 1"
                : "UPDATE registry_subject_versions SET deleted = 1 WHERE subject = $s AND deleted = 0",
            ("$s", subject));
        return affected;
    }

    public string? GetCompatibility(string? subject)
    {
        using var connection = _database.Open();
        return Scalar(connection, "SELECT compatibility FROM registry_config WHERE subject = $s", ("$s", subject ?? GlobalConfigKey)) as string;
    }

    public void SetCompatibility(string? subject, string? level)
    {
        using var connection = _database.Open();
        if (level is null)
            Execute(connection, "DELETE FROM registry_config WHERE subject = $s", ("$s", subject ?? GlobalConfigKey));
        else
            Execute(connection, "INSERT INTO registry_config (subject, compatibility) VALUES ($s, $l) ON CONFLICT(subject) DO UPDATE SET compatibility = excluded.compatibility",
                ("$s", subject ?? GlobalConfigKey), ("$l", level));
    }

    private List<SubjectVersion> QueryVersions(string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = _database.Open();
        using var command = Command(connection, sql, parameters);
        using var reader = command.ExecuteReader();
        var versions = new List<SubjectVersion>();
        while (reader.Read())
            versions.Add(new SubjectVersion(reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt64(3) != 0));
        return versions;
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return command;
    }

    private static void Execute(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        return command.ExecuteScalar();
    }
}
