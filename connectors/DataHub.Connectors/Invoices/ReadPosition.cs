namespace DataHub.Connectors.Invoices;

/// <summary>
/// How far into its file a reader is, in bytes, for progress and time left: the reader updates it as it goes,
/// another thread (the one reporting progress) reads it.
/// </summary>
public sealed class ReadPosition
{
    private long _bytes;

    public long Bytes => Volatile.Read(ref _bytes);

    internal void Update(Stream stream) => Volatile.Write(ref _bytes, stream.Position);
}
