namespace DataHub.Connectors.Definitions;

/// <summary>
/// One department feed, as a data engineer declares it in a YAML file (see docs/feeds.md):
/// where the records come from, how they are read, how each field maps onto the target Avro
/// record, which rules each field must pass, and the topic they are published to.
/// </summary>
public sealed class FeedDefinition
{
    public string Name { get; set; } = "";
    public string Department { get; set; } = "";
    public string Description { get; set; } = "";
    public SourceDefinition Source { get; set; } = new();
    public FormatDefinition Format { get; set; } = new();
    public TargetDefinition Target { get; set; } = new();
    public Dictionary<string, FieldDefinition> Fields { get; set; } = [];
    /// <summary>
    /// Code tables the feed's <c>code:&lt;standard&gt;</c> rules check existence against: standard key → CSV
    /// table (relative to the definition's folder). Without an entry a <c>code:</c> rule checks format and division only.
    /// </summary>
    public Dictionary<string, string> CodeTables { get; set; } = [];
    /// <summary>Quartz cron expression for scheduled runs; none means on demand only.</summary>
    public string? Schedule { get; set; }

    /// <summary>The file this definition was read from (set by the loader).</summary>
    public string? DefinitionPath { get; set; }
}

public sealed class SourceDefinition
{
    /// <summary>file (a glob of files) or sql (a table polled by a watermark column).</summary>
    public string Kind { get; set; } = "file";
    /// <summary>File glob, relative to the definition file's folder unless absolute (kind file).</summary>
    public string Path { get; set; } = "";
    /// <summary>kind sql: sqlite or sqlserver.</summary>
    public string Provider { get; set; } = "";
    /// <summary>kind sql: ADO.NET connection string, or env:NAME to read it from an environment variable.</summary>
    public string ConnectionString { get; set; } = "";
    /// <summary>kind sql: the table (or schema.table).</summary>
    public string Table { get; set; } = "";
    /// <summary>kind sql: a strictly increasing whole-number column; the checkpoint is its last published value.</summary>
    public string Watermark { get; set; } = "";
    /// <summary>kind sql: rows per query.</summary>
    public int BatchSize { get; set; } = 1000;
}

public sealed class FormatDefinition
{
    /// <summary>csv, json (one array of objects), ndjson (one object per line) or fhir (FHIR R4 certificate bundles). Ignored for sql sources.</summary>
    public string Type { get; set; } = "csv";
    /// <summary>fhir: which certificates the feed takes from a bundle, birth or death.</summary>
    public string? Certificate { get; set; }
    /// <summary>auto (BOM, then strict UTF-8, else GB18030), utf-8 or gb18030.</summary>
    public string Encoding { get; set; } = "auto";
    public string Delimiter { get; set; } = ",";
    public bool Header { get; set; } = true;
}

public sealed class TargetDefinition
{
    public string Topic { get; set; } = "";
    /// <summary>The Avro schema under schemas/avro, e.g. household/birth-registration.</summary>
    public string Schema { get; set; } = "";
    /// <summary>The target field whose value keys the Kafka record.</summary>
    public string Key { get; set; } = "";
}

public sealed class FieldDefinition
{
    /// <summary>The source column (header name, or 1-based number when the file has no header).</summary>
    public string? Column { get; set; }
    /// <summary>A column read when <see cref="Column"/> is empty (e.g. the birth date when no birth time was sent).</summary>
    public string? Fallback { get; set; }
    /// <summary>A fixed value instead of a column.</summary>
    public string? Const { get; set; }
    /// <summary>Accepted date formats for date fields, tried in order (default yyyyMMdd, yyyy-MM-dd, yyyy/MM/dd).</summary>
    public List<string>? Date { get; set; }
    /// <summary>Source value → target value, applied after trimming (e.g. 男 → 1).</summary>
    public Dictionary<string, string>? Map { get; set; }
    /// <summary>Rules the value must pass: required, residentId, division, creditCode, code:STANDARD, pastDate, notBefore:FIELD,
    /// pattern:REGEX, oneOf:A|B|C. residentId also upgrades 15-digit IDs to 18.</summary>
    public List<string> Rules { get; set; } = [];
    public bool Trim { get; set; } = true;
    public bool Upper { get; set; }
    /// <summary>Whether the value is personal data (masked in dead letters and logs). Implied by residentId.</summary>
    public bool Personal { get; set; }
}
