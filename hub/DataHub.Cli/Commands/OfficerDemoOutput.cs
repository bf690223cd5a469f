using DataHub.Hub.Web;
using Microsoft.AspNetCore.Builder;
using Spectre.Console;

namespace DataHub.Cli.Commands;

/// <summary>`datahub serve --demo`: seeds the officers' web app and prints how to sign in.</summary>
public static class OfficerDemoOutput
{
    public const string Hint = "Officers' web app (gap cases, 中文): run `datahub serve --demo`, open the printed address and sign in as officer / supervisor / auditor / admin with the printed password.";

    public static async Task SeedAndPrintAsync(WebApplication app, CancellationToken ct)
    {
        var login = await OfficerDemo.SeedAsync(app, ShippedFiles.FeedsDirectory, 2_000,
            new Progress<string>(m => AnsiConsole.MarkupLine($"  demo: {Markup.Escape(m)}")), ct);
        var table = new Table().AddColumns("user", "role", "region");
        foreach (var u in login.Users) table.AddRow(u.UserName, u.Role, u.Region);
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"[bold]Demo ready[/]: {login.Cases:N0} open gap cases. Open [link]{Markup.Escape(login.Url)}/[/] and sign in with password [bold]{Markup.Escape(login.Password)}[/] (the same for all demo users).");
    }
}
