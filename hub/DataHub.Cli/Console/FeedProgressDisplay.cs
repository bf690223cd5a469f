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
                var tasks = new Dictionary<string, (ProgressTask Task, System.Diagnostics.Stopwatch Clock)>();
                var progress = new SyncProgress<FeedProgress>(p =>
                {
                    if (!tasks.TryGetValue(p.Source, out var entry))
                        tasks[p.Source] = entry = (context.AddTask(Markup.Escape(p.Source), maxValue: Math.Max(1, p.BytesTotal)), System.Diagnostics.Stopwatch.StartNew());
                    entry.Task.Value = p.BytesRead;
                    entry.Task.Description = Markup.Escape(Describe(title, p, entry.Clock.Elapsed));
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
            System.Console.WriteLine(Describe(title, p, _clock.Elapsed));
        }
    }

    /// <summary>Records so far, the rate, and the time left at that rate (from the bytes still to read).</summary>
    public static string Describe(string title, FeedProgress p, TimeSpan elapsed)
    {
        var seconds = Math.Max(elapsed.TotalSeconds, 0.001);
        var rate = p.Read / seconds;
        var left = p.BytesRead > 0 && p.BytesRead < p.BytesTotal ? TimeSpan.FromSeconds(seconds * (p.BytesTotal - p.BytesRead) / p.BytesRead) : TimeSpan.Zero;
        return $"{title} {p.Source}: {p.Read:N0} records ({p.Published:N0} published, {p.DeadLettered:N0} dead-lettered), {rate:N0} rec/s, ETA {left.ToString(@"hh\:mm\:ss")}";
    }

    /// <summary>Reports on the caller's thread (Progress&lt;T&gt; would post to the thread pool and race the summary).</summary>
    private sealed class SyncProgress<TValue>(Action<TValue> handler) : IProgress<TValue>
    {
        public void Report(TValue value) => handler(value);
    }
}
