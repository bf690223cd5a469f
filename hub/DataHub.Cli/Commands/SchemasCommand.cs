using System.CommandLine;
using DataHub.Schemas.Avro;
using DataHub.Schemas.Avro.Compatibility;
using Spectre.Console;

namespace DataHub.Cli.Commands;

/// <summary>`datahub schemas check|release`: schema evolution against schemas/released (see schemas/README.md).</summary>
public static class SchemasCommand
{
    public static Command Create()
    {
        var schemas = new Command("schemas", "Check the Avro contracts against their last release, and cut a release.");
        var root = new Option<string?>("--root") { Description = "The repository (the folder holding DataHub.sln); default: found above the current folder." };
        var check = new Command("check", "Check every schemas/avro/**.avsc is BACKWARD compatible with its released version.") { root };
        check.SetAction(parse => Run(parse.GetValue(root), release: false));
        var release = new Command("release", "Check, then copy schemas/avro over schemas/released (commit the result as the new release).") { root };
        release.SetAction(parse => Run(parse.GetValue(root), release: true));
        schemas.Subcommands.Add(check);
        schemas.Subcommands.Add(release);
        return schemas;
    }

    private static int Run(string? root, bool release)
    {
        var repository = root ?? FindRepository();
        if (repository is null)
        {
            AnsiConsole.MarkupLine("[red]error[/] no DataHub.sln above the current folder; pass --root");
            return 2;
        }
        var (current, released) = SchemaRelease.Folders(repository);
        var problems = SchemaRelease.Check(current, released);
        foreach (var p in problems)
            foreach (var m in p.Messages) AnsiConsole.MarkupLine($"[red]incompatible[/] {Markup.Escape(p.Schema)}.avsc: {Markup.Escape(m)}");
        if (problems.Count > 0) return 1;
        AnsiConsole.MarkupLine($"[green]ok[/] {SchemaRelease.Schemas(current).Count} schemas are {SchemaRelease.Level.ToWireName()} compatible with {Markup.Escape(released)}");
        if (!release) return 0;
        var changed = SchemaRelease.Release(current, released);
        AnsiConsole.MarkupLine(changed.Count == 0 ? "nothing changed since the last release"
            : $"[green]released[/] {changed.Count} schema(s): {Markup.Escape(string.Join(", ", changed))} — commit schemas/released");
        return 0;
    }

    private static string? FindRepository()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "DataHub.sln"))) return dir.FullName;
        return null;
    }
}
