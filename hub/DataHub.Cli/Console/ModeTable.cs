using DataHub.Hub.Hosting;
using Spectre.Console;

namespace DataHub.Cli.Console;

/// <summary>Prints which parts are embedded and which are configured.</summary>
public static class ModeTable
{
    public static void Print(HubRuntime runtime)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn("part").AddColumn("mode").AddColumn("where");
        table.AddRow("Kafka", runtime.IsEmbeddedKafka ? $"embedded ({runtime.EmbeddedCluster!.BrokerCount} brokers)" : "configured", Markup.Escape(runtime.Kafka.BootstrapServers));
        table.AddRow("Schema registry", runtime.IsEmbeddedRegistry ? "embedded" : "configured", Markup.Escape(runtime.RegistryUrl));
        table.AddRow("Store", runtime.Store.Provider == "sqlite" ? "SQLite" : "SQL Server", Markup.Escape(runtime.Store.Description));
        AnsiConsole.Write(table);
    }
}
