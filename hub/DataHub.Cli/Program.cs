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
    InvoicesCommand.Create(verbose),
    CodesCommand.Create(verbose),
    TopicsCommand.Create(),
    SchemasCommand.Create(),
    ServeCommand.Create(verbose),
};
foreach (var command in ReconciliationCommands.Create(verbose)) root.Subcommands.Add(command);

// Without a terminal Spectre.Console assumes 80 columns; logs and CI read wider tables better.
if (!AnsiConsole.Profile.Capabilities.Interactive && AnsiConsole.Profile.Width < 140) AnsiConsole.Profile.Width = 140;

try
{
    // Configuration errors are caught below (one line); System.CommandLine's own handler would print a stack trace.
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (HubConfigurationException e)
{
    return ConfigurationError(e.Message);
}
catch (Microsoft.Extensions.Options.OptionsValidationException e)
{
    return ConfigurationError(string.Join("; ", e.Failures));
}
catch (Exception e) when (e is not OperationCanceledException)
{
    Console.Error.WriteLine($"Unhandled exception: {e}");
    return 1;
}

// One line on standard error, never wrapped: scripts and orchestrators grep it, and some causes
// (an HTTP client's, SQL Server's) carry line breaks of their own.
static int ConfigurationError(string message)
{
    Console.Error.WriteLine("configuration error " + string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
    return 3;
}
