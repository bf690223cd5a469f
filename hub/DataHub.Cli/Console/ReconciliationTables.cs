using DataHub.Hub.Reconciliation;
using DataHub.Reconciliation.Engine;
using Spectre.Console;

namespace DataHub.Cli.Console;

/// <summary>Prints reconciliation runs and accuracy reports.</summary>
public static class ReconciliationTables
{
    public static void PrintRun(ReconciliationRun run)
    {
        var table = new Table().AddColumns("rule", "gaps", "ms");
        foreach (var rule in run.Result.Rules.Select(r => r.Rule.Id))
            table.AddRow(rule, run.Gaps.Count(g => g.Rule == rule).ToString("N0"),
                run.Result.RuleTimes.TryGetValue(rule, out var t) ? t.TotalMilliseconds.ToString("N0") : "");
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"Run [bold]{run.RunId}[/] {(run.Status == "succeeded" ? "[green]succeeded[/]" : $"[red]{run.Status}[/]")}: " +
            $"{run.Gaps.Count:N0} gaps ({run.Scope}); cases opened {run.Cases.Opened:N0}, changed {run.Cases.Changed:N0}, closed {run.Cases.Closed:N0}, " +
            $"unchanged {run.Cases.Unchanged:N0}; {run.EventsPublished:N0} gap events published. Load {run.LoadTime.TotalSeconds:N2} s, rules {run.Result.Elapsed.TotalSeconds:N2} s.");
        foreach (var lost in run.Materialised.Lost) AnsiConsole.MarkupLine($"[red]DATA LOST[/] {Markup.Escape(lost.ToString())}");
    }

    public static void PrintAccuracy(CityAccuracy accuracy)
    {
        AnsiConsole.MarkupLine($"Feeds: {accuracy.Feeds.Sum(f => f.Published):N0} records published, {accuracy.Feeds.Sum(f => f.DeadLettered):N0} dead-lettered.");
        PrintRun(accuracy.Run);
        Print("Accuracy per rule", accuracy.ByRule);
        Print("Accuracy per rule and how the person was matched", accuracy.ByRuleAndMatch);
    }

    private static void Print(string title, IReadOnlyList<RuleAccuracy> rows)
    {
        var table = new Table().Title(title).AddColumns("rule", "match", "expected", "found", "correct", "recall", "precision");
        foreach (var r in rows)
            table.AddRow(r.Rule, r.Match, r.Expected.ToString("N0"), r.Found.ToString("N0"), r.TruePositives.ToString("N0"),
                Colour(r.Recall), Colour(r.Precision));
        AnsiConsole.Write(table);
    }

    private static string Colour(double v) => v >= 1 ? $"[green]{v:P1}[/]" : v >= 0.99 ? $"[yellow]{v:P2}[/]" : $"[red]{v:P2}[/]";
}
