using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using DataHub.Connectors.Definitions;

namespace DataHub.Connectors.Sources;

/// <summary>
/// Reads a database table incrementally through ADO.NET: rows whose watermark column (a strictly
/// increasing whole number — an identity, a sequence, a rowversion cast to bigint) is above the last
/// one published, in watermark order, in batches. The row's line is its watermark, so the feed's
/// checkpoint is the last watermark Kafka acknowledged and the next run starts after it.
/// Table and column names are checked against <see cref="IsIdentifier"/> and quoted; values are parameters.
/// </summary>
public sealed partial class SqlTableSource : ISourceReader
{
    public static readonly IReadOnlyList<string> Providers = ["sqlite", "sqlserver"];

    static SqlTableSource()
    {
        DbProviderFactories.RegisterFactory("sqlite", Microsoft.Data.Sqlite.SqliteFactory.Instance);
        DbProviderFactories.RegisterFactory("sqlserver", Microsoft.Data.SqlClient.SqlClientFactory.Instance);
    }

    private readonly SourceDefinition _source;
    private readonly DbConnection _connection;
    private readonly string[] _columns;
    private long _read;

    public SqlTableSource(SourceDefinition source)
    {
        if (!Providers.Contains(source.Provider)) throw new ArgumentException($"SQL provider '{source.Provider}' is not supported (supported: {string.Join(", ", Providers)})");
        if (!IsIdentifier(source.Table)) throw new ArgumentException($"'{source.Table}' is not a valid table name");
        if (!IsIdentifier(source.Watermark) || source.Watermark.Contains('.')) throw new ArgumentException($"'{source.Watermark}' is not a valid column name");
        _source = source;
        SourceName = KeyOf(source);
        _connection = DbProviderFactories.GetFactory(source.Provider).CreateConnection()!;
        _connection.ConnectionString = ResolveConnectionString(source.ConnectionString);
        _connection.Open();
        using var probe = Command($"SELECT * FROM {Quote(source.Table)} WHERE 1 = 0");
        using var reader = probe.ExecuteReader();
        _columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        if (!_columns.Contains(source.Watermark, StringComparer.OrdinalIgnoreCase))
            throw new ArgumentException($"watermark column '{source.Watermark}' is not in table {source.Table} (columns: {string.Join(", ", _columns)})");
    }

    /// <summary>The checkpoint key of a SQL source: it stands where a file's content hash stands for files.</summary>
    public static string KeyOf(SourceDefinition source) => $"sql:{source.Provider}:{source.Table}";

    /// <summary>Letters (any script), digits and underscores, not starting with a digit; optionally schema.table.</summary>
    public static bool IsIdentifier(string? name) => name is { Length: > 0 and <= 128 } && Identifier().IsMatch(name);

    /// <summary>A connection string given as env:NAME is read from that environment variable (keeps passwords out of YAML).</summary>
    public static string ResolveConnectionString(string value) =>
        value.StartsWith("env:", StringComparison.Ordinal)
            ? Environment.GetEnvironmentVariable(value[4..]) ?? throw new ArgumentException($"environment variable {value[4..]} (the connection string) is not set")
            : value;

    public string SourceName { get; }

    public IReadOnlyList<string> Columns => _columns;

    public (long Position, long Length) Progress => (_read, _read);

    public IEnumerable<SourceRow> ReadRows(long afterLine)
    {
        var after = afterLine;
        var batchSize = Math.Max(1, _source.BatchSize);
        while (true)
        {
            var batch = ReadBatch(after, batchSize);
            foreach (var row in batch) yield return row;
            _read += batch.Count;
            if (batch.Count < batchSize) yield break;
            after = batch[^1].Line;
        }
    }

    private List<SourceRow> ReadBatch(long after, int batchSize)
    {
        var table = Quote(_source.Table);
        var watermark = Quote(_source.Watermark);
        var sql = _source.Provider == "sqlserver"
            ? $"SELECT TOP (@batch) * FROM {table} WHERE {watermark} > @after ORDER BY {watermark}"
            : $"SELECT * FROM {table} WHERE {watermark} > @after ORDER BY {watermark} LIMIT @batch";
        using var command = Command(sql);
        AddParameter(command, "@after", after);
        AddParameter(command, "@batch", batchSize);
        using var reader = command.ExecuteReader();
        var position = reader.GetOrdinal(_source.Watermark);
        var rows = new List<SourceRow>(batchSize);
        while (reader.Read())
        {
            var raw = reader.GetValue(position);
            long line;
            try { line = Convert.ToInt64(raw, CultureInfo.InvariantCulture); }
            catch (Exception e) when (e is FormatException or InvalidCastException or OverflowException)
            {
                throw new InvalidDataException($"{SourceName}: watermark column {_source.Watermark} must hold whole numbers; found '{raw}'");
            }
            var fields = new string[reader.FieldCount];
            for (var i = 0; i < fields.Length; i++) fields[i] = Text(reader.GetValue(i));
            rows.Add(new SourceRow(line, fields));
        }
        return rows;
    }

    private static string Text(object value) => value switch
    {
        DBNull => "",
        DateTime { TimeOfDay.Ticks: 0 } date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime time => time.ToString("yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture),
        DateTimeOffset instant => instant.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture),
        byte[] bytes => Convert.ToBase64String(bytes),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private string Quote(string identifier) =>
        string.Join('.', identifier.Split('.').Select(part => _source.Provider == "sqlserver" ? $"[{part}]" : $"\"{part}\""));

    private DbCommand Command(string sql)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    public void Dispose() => _connection.Dispose();

    [GeneratedRegex(@"^[\p{L}_][\p{L}\p{Nd}_]*(\.[\p{L}_][\p{L}\p{Nd}_]*)?$")]
    private static partial Regex Identifier();
}
