using System.Threading.Channels;

namespace DataHub.Hub.Invoices;

/// <summary>
/// A pipeline stage on a dedicated, named thread (profiles and `top -H` show each stage by name); the task
/// completes when the stage returns, faulted with its exception if it threw.
/// </summary>
internal static class StageThread
{
    public static Task Start(string name, Action stage)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        new Thread(() =>
        {
            try
            {
                stage();
                done.SetResult();
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        }) { Name = name, IsBackground = true }.Start();
        return done.Task;
    }

    /// <summary>Hands an item on, blocking this (dedicated) thread while the channel is full; false once the channel was completed by its reader's side.</summary>
    public static bool Write<T>(ChannelWriter<T> output, T item, CancellationToken ct)
    {
        if (output.TryWrite(item)) return true;
        try
        {
            output.WriteAsync(item, ct).AsTask().GetAwaiter().GetResult();
            return true;
        }
        catch (ChannelClosedException)
        {
            return false;
        }
    }
}
