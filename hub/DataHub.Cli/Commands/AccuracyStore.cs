using DataHub.Hub.Hosting;
using Microsoft.Extensions.Configuration;

namespace DataHub.Cli.Commands;

/// <summary>
/// The store `datahub accuracy` measures a city on. The embedded cluster is new in every process, but the default
/// store (./data/datahub.db) keeps the registry records and topic offsets of earlier runs: on it, a second city's
/// first records (offsets below the old ones) were skipped without a word and the first city's people were still
/// there, so the figures mixed two cities. With the embedded cluster and the default SQLite store, the run gets a
/// fresh SQLite store in a temporary folder, deleted afterwards; a configured cluster or store is used as configured.
/// </summary>
internal sealed class AccuracyStore : IDisposable
{
    private AccuracyStore(string? folder) => Folder = folder;

    /// <summary>The temporary data folder, or null when the configured store is used.</summary>
    public string? Folder { get; }

    /// <summary>Settings that point the hub at <see cref="Folder"/> (none when the configured store is used).</summary>
    public IReadOnlyDictionary<string, string?> Settings => Folder is null ? new Dictionary<string, string?>() : new Dictionary<string, string?>
    {
        [$"{DataHubOptions.Section}:{nameof(DataHubOptions.DataDirectory)}"] = Folder,
    };

    public static AccuracyStore For(IConfiguration configuration)
    {
        var embeddedKafka = string.IsNullOrWhiteSpace(configuration[$"{KafkaOptions.Section}:{nameof(KafkaOptions.BootstrapServers)}"]);
        var store = configuration.GetSection(StoreOptions.Section);
        var defaultStore = (store[nameof(StoreOptions.Provider)] ?? "sqlite").Equals("sqlite", StringComparison.OrdinalIgnoreCase)
            && string.IsNullOrWhiteSpace(store[nameof(StoreOptions.ConnectionString)]);
        return new(embeddedKafka && defaultStore ? Directory.CreateTempSubdirectory("datahub-accuracy-").FullName : null);
    }

    public void Dispose()
    {
        if (Folder is null) return;
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
