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
        var cli = Path.Combine(AppContext.BaseDirectory, "datahub.dll");
        var start = new ProcessStartInfo("dotnet", [cli, "feed", "run", "public-security/births"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath(),
            Environment = { ["DATAHUB__Kafka__BootstrapServers"] = "kafka-1:nine", ["NO_COLOR"] = "1" },
        };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(3, process.ExitCode);
        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Equal("configuration error Kafka:BootstrapServers: 'kafka-1:nine' has no valid port (1..65535) (expected host:port[,host:port…])", line);
    }
}
