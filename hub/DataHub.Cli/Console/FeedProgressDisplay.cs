using DataHub.Hub.Pipeline;
using Spectre.Console;

namespace DataHub.Cli.Console;

/// <summary>A progress bar per source file (records, rate, ETA), fed by the runner's progress reports.</summary>
public static class FeedProgressDisplay
{
    public static async Task<T> RunAsync<T>(string title, Func<IProgress<FeedProgress>, Task<T>> work)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive) return await work(new PlainProgress(title));
        return await AnsiConsole.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                     new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var tasks = new Dictionary<string, ProgressTask>();
                var progress = new SyncProgress<FeedProgress>(p =>
                {
                    if (!tasks.TryGetValue(p.Source, out var task))
                        tasks[p.Source] = task = context.AddTask(Markup.Escape(p.Source), maxValue: Math.Max(1, p.BytesTotal));
                    task.Value = p.BytesRead;
                    task.Description = Markup.Escape($"{title} {p.Source}: {p.Read:N0} read, {p.Published:N0} published, {p.DeadLettered:N0} dead-lettered");
                });
                return await work(progress);
            });
    }

    /// <summary>Without a terminal (logs, CI): one line per report, at most every two seconds per file, and the last.</summary>
    private sealed class PlainProgress(string title) : IProgress<FeedProgress>
    {
        private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
        private TimeSpan _last = TimeSpan.FromSeconds(-10);

        public void Report(FeedProgress p)
        {
            var finished = p.BytesRead >= p.BytesTotal;
            if (!finished && _clock.Elapsed - _last < TimeSpan.FromSeconds(2)) return;
            _last = _clock.Elapsed;
            var percent = p.BytesTotal == 0 ? 100 : 100.0 * p.BytesRead / p.BytesTotal;
            System.Console.WriteLine($"{title} {p.Source}: {percent,5:F1}%  {p.Read:N0} read, {p.Published:N0} published, {p.DeadLettered:N0} dead-lettered");
        }
    }

    /// <summary>Reports on the caller's thread (Progress&lt;T&gt; would post to the thread pool and race the summary).</summary>
    private sealed class SyncProgress<TValue>(Action<TValue> handler) : IProgress<TValue>
    {
        public void Report(TValue value) => handler(value);
    }
}
