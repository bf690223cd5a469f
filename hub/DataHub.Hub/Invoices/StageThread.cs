using System.Threading.Channels;

namespace DataHub.Hub.Invoices;

/// <summary>
/// A pipeline stage on a dedicated, named thread (profiles and `top -H` show each stage by name): runs the
/// stage, then completes its output channel, with the stage's exception if it failed.
/// </summary>
internal static class StageThread
{
    public static Task Start<T>(string name, ChannelWriter<T> output, Action stage)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        new Thread(() =>
        {
            try
            {
                stage();
                output.TryComplete();
            }
            catch (Exception e)
            {
                output.TryComplete(e);
            }
            done.SetResult();
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
