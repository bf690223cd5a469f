using System.Net;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace DataHub.Hub.Hosting;

/// <summary>One setting that is wrong, and what is wrong with it.</summary>
public sealed record SettingProblem(string Setting, string Problem)
{
    public override string ToString() => $"{Setting}: {Problem}";
}

/// <summary>
/// The checks every setting must pass before the hub starts, each naming the setting. HubRuntime runs them
/// first; hosts register the same rules as <see cref="IValidateOptions{TOptions}"/> with ValidateOnStart.
/// </summary>
public static class HubOptionsValidation
{
    public static IEnumerable<SettingProblem> Check(DataHubOptions o)
    {
        if (string.IsNullOrWhiteSpace(o.DataDirectory)) yield return new("DataHub:DataDirectory", "is empty (a folder for the embedded store, e.g. data)");
    }

    public static IEnumerable<SettingProblem> Check(KafkaOptions o)
    {
        if (o.EmbeddedBrokers is < 1 or > 9) yield return new("Kafka:EmbeddedBrokers", $"{o.EmbeddedBrokers} is outside 1..9");
        if (o.ConnectTimeoutSeconds is < 1 or > 600) yield return new("Kafka:ConnectTimeoutSeconds", $"{o.ConnectTimeoutSeconds} is outside 1..600");
        if (!string.IsNullOrWhiteSpace(o.BootstrapServers))
            foreach (var address in o.BootstrapServers.Split(',', StringSplitOptions.TrimEntries))
                if (BootstrapAddressProblem(address) is { } problem)
                    yield return new("Kafka:BootstrapServers", $"'{address}' {problem} (expected host:port[,host:port…])");
    }

    public static IEnumerable<SettingProblem> Check(SchemaRegistryOptions o)
    {
        if (o.EmbeddedPort is < 0 or > 65535) yield return new("SchemaRegistry:EmbeddedPort", $"{o.EmbeddedPort} is outside 0..65535");
        if (!string.IsNullOrWhiteSpace(o.Url))
            foreach (var url in o.Url.Split(',', StringSplitOptions.TrimEntries))
                if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Host.Length == 0)
                    yield return new("SchemaRegistry:Url", $"'{url}' is not an absolute http(s) URL (e.g. http://registry:8081)");
        if (!string.IsNullOrEmpty(o.BasicAuthUserInfo) && !o.BasicAuthUserInfo.Contains(':'))
            yield return new("SchemaRegistry:BasicAuthUserInfo", "must be user:password");
    }

    public static IEnumerable<SettingProblem> Check(StoreOptions o)
    {
        switch (o.Provider?.Trim().ToLowerInvariant())
        {
            case "sqlite":
                if (!string.IsNullOrWhiteSpace(o.ConnectionString) && ConnectionStringProblem(() => _ = new SqliteConnectionStringBuilder(o.ConnectionString)) is { } sqlite)
                    yield return new("Store:ConnectionString", $"is not a SQLite connection string ({sqlite})");
                break;
            case "sqlserver":
                if (string.IsNullOrWhiteSpace(o.ConnectionString))
                    yield return new("Store:ConnectionString", "is required when Store:Provider is sqlserver (e.g. Server=db;Database=datahub;User Id=…;Password=…;Encrypt=true)");
                else if (ConnectionStringProblem(() =>
                         {
                             if (string.IsNullOrWhiteSpace(new SqlConnectionStringBuilder(o.ConnectionString).DataSource))
                                 throw new ArgumentException("it names no server (Server=…)");
                         }) is { } sqlServer)
                    yield return new("Store:ConnectionString", $"is not a SQL Server connection string ({sqlServer})");
                break;
            default:
                yield return new("Store:Provider", $"'{o.Provider}' is not a store provider (use sqlite or sqlserver)");
                break;
        }
    }

    /// <summary>Throws the first problem as a <see cref="HubConfigurationException"/> naming its setting.</summary>
    public static void ThrowIfInvalid(DataHubOptions hub, KafkaOptions kafka, SchemaRegistryOptions registry, StoreOptions store)
    {
        var first = Check(hub).Concat(Check(kafka)).Concat(Check(registry)).Concat(Check(store)).FirstOrDefault();
        if (first is not null) throw new HubConfigurationException(first.Setting, first.Problem);
    }

    private static string? BootstrapAddressProblem(string address)
    {
        var colon = address.LastIndexOf(':');
        if (address.Length == 0) return "is empty";
        if (address.Contains("://", StringComparison.Ordinal)) return "has a scheme";
        if (colon <= 0) return "has no port";
        var host = address[..colon].Trim('[', ']');
        if (!int.TryParse(address[(colon + 1)..], out var port) || port is < 1 or > 65535) return "has no valid port (1..65535)";
        if (IPAddress.TryParse(host, out _) || Uri.CheckHostName(host) == UriHostNameType.Dns) return null;
        return "has no valid host";
    }

    private static string? ConnectionStringProblem(Action parse)
    {
        try { parse(); return null; }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException or InvalidOperationException) { return e.Message; }
    }
}

/// <summary>The rules of <see cref="HubOptionsValidation"/> for the options system (ValidateOnStart).</summary>
public sealed class HubOptionsValidator :
    IValidateOptions<DataHubOptions>, IValidateOptions<KafkaOptions>, IValidateOptions<SchemaRegistryOptions>, IValidateOptions<StoreOptions>
{
    public ValidateOptionsResult Validate(string? name, DataHubOptions options) => Result(HubOptionsValidation.Check(options));
    public ValidateOptionsResult Validate(string? name, KafkaOptions options) => Result(HubOptionsValidation.Check(options));
    public ValidateOptionsResult Validate(string? name, SchemaRegistryOptions options) => Result(HubOptionsValidation.Check(options));
    public ValidateOptionsResult Validate(string? name, StoreOptions options) => Result(HubOptionsValidation.Check(options));

    private static ValidateOptionsResult Result(IEnumerable<SettingProblem> problems)
    {
        var list = problems.Select(p => p.ToString()).ToList();
        return list.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(list);
    }
}
