using System.CommandLine;
using DataHub.Cli.Commands;
using DataHub.Hub.Hosting;
using Spectre.Console;

var verbose = new Option<bool>("--verbose", "-v") { Description = "Log what the hub does (to standard error).", Recursive = true };
var root = new RootCommand("""
    DataHub — the medical-insurance data-sharing hub: department feeds → validation → Avro on Kafka.
    With no configuration it runs on an embedded Kafka cluster, schema registry and SQLite store under ./data;
    set Kafka:BootstrapServers, SchemaRegistry:Url and Store:ConnectionString (appsettings.json or
    DATAHUB__Kafka__BootstrapServers etc.) to use real ones.
    """)
{
    verbose,
    DemoCommand.Create(verbose),
    FeedCommands.Create(verbose),
    DeadLettersCommand.Create(verbose),
};
foreach (var command in ReconciliationCommands.Create(verbose)) root.Subcommands.Add(command);

try
{
    return await root.Parse(args).InvokeAsync();
}
catch (HubConfigurationException e)
{
    AnsiConsole.MarkupLine($"[red]configuration error[/] {Markup.Escape(e.Message)}");
    return 3;
}
