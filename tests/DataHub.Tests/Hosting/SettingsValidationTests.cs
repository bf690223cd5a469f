using System.Diagnostics;
using DataHub.Hub.Hosting;
using DataHub.Tests.Support;

namespace DataHub.Tests.Hosting;

/// <summary>Wrong settings stop the hub at start with an error naming the setting, before anything is started.</summary>
public sealed class SettingsValidationTests
{
    [Theory]
    [InlineData("kafka-1:9092,kafka-2", "Kafka:BootstrapServers")]
    [InlineData("kafka-1:notaport", "Kafka:BootstrapServers")]
    [InlineData("PLAINTEXT://kafka-1:9092", "Kafka:BootstrapServers")]
    [InlineData("kafka 1:9092", "Kafka:BootstrapServers")]
    public async Task Malformed_bootstrap_list_names_Kafka_BootstrapServers(string bootstrap, string setting)
    {
        var error = await Assert.ThrowsAsync<HubConfigurationException>(() => HubHarness.StartAsync(new KafkaOptions { BootstrapServers = bootstrap }));
        Assert.Equal(setting, error.Setting);
        Assert.Contains(bootstrap.Split(',').Last(), error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    public async Task Embedded_brokers_outside_one_to_nine_name_the_setting(int brokers)
    {
        var error = await Assert.ThrowsAsync<HubConfigurationException>(() => HubHarness.StartAsync(new KafkaOptions { EmbeddedBrokers = brokers }));
        Assert.Equal("Kafka:EmbeddedBrokers", error.Setting);
    }

    [Theory]
    [InlineData("registry:8081")]
    [InlineData("ftp://registry:8081")]
    [InlineData("/subjects")]
    public async Task Registry_url_that_is_not_absolute_http_names_SchemaRegistry_Url(string url)
    {
        var error = await Assert.ThrowsAsync<HubConfigurationException>(() => HubHarness.StartAsync(registry: new SchemaRegistryOptions { Url = url }));
        Assert.Equal("SchemaRegistry:Url", error.Setting);
        Assert.Contains("absolute http(s) URL", error.Message);
    }

    [Theory]
    [InlineData("Server=db;Database")]
    [InlineData("Database=datahub;User Id=sa")]
    [InlineData("Server=db;Bogus Keyword=1")]
    [InlineData("")]
    public async Task Malformed_sqlserver_connection_string_names_Store_ConnectionString(string connectionString)
    {
        var error = await Assert.ThrowsAsync<HubConfigurationException>(() =>
            HubHarness.StartAsync(store: new StoreOptions { Provider = "sqlserver", ConnectionString = connectionString }));
        Assert.Equal("Store:ConnectionString", error.Setting);
    }

    [Fact]
    public async Task Unknown_store_provider_names_Store_Provider()
    {
        var error = await Assert.ThrowsAsync<HubConfigurationException>(() => HubHarness.StartAsync(store: new StoreOptions { Provider = "postgres" }));
        Assert.Equal("Store:Provider", error.Setting);
        Assert.Contains("sqlite or sqlserver", error.Message);
    }

    [Fact]
    public void Good_settings_pass_every_check()
    {
        Assert.Empty(HubOptionsValidation.Check(new KafkaOptions { BootstrapServers = "kafka-1:9092, kafka-2:9092,10.0.0.3:9093,[::1]:9094" }));
        Assert.Empty(HubOptionsValidation.Check(new SchemaRegistryOptions { Url = "http://registry:8081,https://registry-2.example.cn/", BasicAuthUserInfo = "u:p" }));
        Assert.Empty(HubOptionsValidation.Check(new StoreOptions { Provider = "sqlserver", ConnectionString = "Server=tcp:db,1433;Database=datahub;User Id=hub;Password=x;Encrypt=true" }));
        Assert.Empty(HubOptionsValidation.Check(new StoreOptions()));
    }

    [Fact]
    public async Task The_cli_prints_one_line_naming_the_setting_and_exits_3()
    {
        var (exit, output, error) = await RunCliAsync(("DATAHUB__Kafka__BootstrapServers", "kafka-1:nine"));
        Assert.Equal(3, exit);
        Assert.Equal("", output.Trim());
        Assert.Equal("configuration error Kafka:BootstrapServers: 'kafka-1:nine' has no valid port (1..65535) (expected host:port[,host:port…])", OneLine(error));
    }

    /// <summary>Well-formed settings that point at nothing: the first use fails fast, naming the setting, in one line.</summary>
    [Theory]
    [InlineData("DATAHUB__SchemaRegistry__Url", "http://127.0.0.1:1", "SchemaRegistry:Url")]
    [InlineData("DATAHUB__Store__ConnectionString", "Server=127.0.0.1,1;Database=datahub;Connect Timeout=3;TrustServerCertificate=true", "Store:ConnectionString")]
    [InlineData("DATAHUB__Kafka__BootstrapServers", "127.0.0.1:1", "Kafka:BootstrapServers")]
    public async Task Settings_that_point_at_nothing_fail_fast_in_one_line_naming_the_setting(string variable, string value, string setting)
    {
        var clock = Stopwatch.StartNew();
        (string, string)[] environment = setting == "Store:ConnectionString"
            ? [(variable, value), ("DATAHUB__Store__Provider", "sqlserver")]
            : [(variable, value)];
        var (exit, _, error) = await RunCliAsync(environment);
        Assert.Equal(3, exit);
        Assert.StartsWith($"configuration error {setting}: ", OneLine(error));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(45), $"took {clock.Elapsed.TotalSeconds:F0} s");
    }

    private static string OneLine(string text) => Assert.Single(text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static async Task<(int Exit, string Output, string Error)> RunCliAsync(params (string Name, string Value)[] environment)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "datahub.dll");
        var start = new ProcessStartInfo("dotnet", [cli, "reconcile"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Directory.CreateTempSubdirectory("datahub-settings-").FullName,
            Environment = { ["NO_COLOR"] = "1" },
        };
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(90));
        return (process.ExitCode, await output, await error);
    }
}
