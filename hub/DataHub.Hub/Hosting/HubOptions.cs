namespace DataHub.Hub.Hosting;

/// <summary>DataHub: where the embedded store and files live.</summary>
public sealed class DataHubOptions
{
    public const string Section = "DataHub";
    /// <summary>Folder of the embedded SQLite store (default ./data).</summary>
    public string DataDirectory { get; set; } = "data";
}

/// <summary>Kafka: leave BootstrapServers empty for the embedded cluster.</summary>
public sealed class KafkaOptions
{
    public const string Section = "Kafka";
    public string? BootstrapServers { get; set; }
    /// <summary>Brokers of the embedded cluster.</summary>
    public int EmbeddedBrokers { get; set; } = 3;
    /// <summary>Extra librdkafka settings passed to every client unchanged (security.protocol, sasl.*, ssl.*).</summary>
    public Dictionary<string, string> Client { get; set; } = [];
    /// <summary>How long to wait for a configured cluster to answer at start.</summary>
    public int ConnectTimeoutSeconds { get; set; } = 15;
}

/// <summary>Schema registry: leave Url empty for the embedded registry.</summary>
public sealed class SchemaRegistryOptions
{
    public const string Section = "SchemaRegistry";
    public string? Url { get; set; }
    /// <summary>Basic auth as user:password, for a secured registry.</summary>
    public string? BasicAuthUserInfo { get; set; }
    /// <summary>Port of the embedded registry on 127.0.0.1 (0: any free port).</summary>
    public int EmbeddedPort { get; set; }
}

/// <summary>The store: SQLite (embedded default) or SQL Server (production).</summary>
public sealed class StoreOptions
{
    public const string Section = "Store";
    /// <summary>sqlite or sqlserver.</summary>
    public string Provider { get; set; } = "sqlite";
    /// <summary>Connection string; empty means DataHub:DataDirectory/datahub.db.</summary>
    public string? ConnectionString { get; set; }
}
