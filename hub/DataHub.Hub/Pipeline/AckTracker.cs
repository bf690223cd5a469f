namespace DataHub.Hub.Pipeline;

/// <summary>
/// Tracks which source lines Kafka has acknowledged, so a checkpoint only ever covers lines that
/// are safely stored. Lines are sent in increasing order and grouped into chunks; the safe line is the
/// last line of the longest run of fully acknowledged chunks. Delivery reports arrive on librdkafka's
/// thread, hence the interlocked counters.
/// </summary>
public sealed class AckTracker(long startLine, int chunkSize = 2048)
{
    public sealed class Chunk
    {
        internal int Pending;
        internal long LastLine;
        internal bool Sealed;
    }

    private readonly Queue<Chunk> _open = new();
    private Chunk? _current;
    private int _sentInChunk;
    private long _safeLine = startLine;
    private int _failures;
    private string? _firstError;

    /// <summary>Registers a line about to be produced; returns the chunk its delivery report must <see cref="Ack"/>.</summary>
    public Chunk Sending(long line)
    {
        if (_current is null || _current.Sealed)
        {
            _current = new Chunk();
            _open.Enqueue(_current);
        }
        Interlocked.Increment(ref _current.Pending);
        _current.LastLine = line;
        var chunk = _current;
        if (++_sentInChunk >= chunkSize) { _current.Sealed = true; _sentInChunk = 0; }
        return chunk;
    }

    /// <summary>Called from the delivery report of one record.</summary>
    public void Ack(Chunk chunk, string? error)
    {
        if (error is not null && Interlocked.Increment(ref _failures) == 1) _firstError = error;
        Interlocked.Decrement(ref chunk.Pending);
    }

    /// <summary>Marks the end of the input: the last chunk can complete.</summary>
    public void SealAll()
    {
        if (_current is not null) _current.Sealed = true;
        _sentInChunk = 0;
    }

    /// <summary>The highest line up to which every record was acknowledged.</summary>
    public long SafeLine
    {
        get
        {
            if (_failures > 0) return _safeLine;
            while (_open.TryPeek(out var chunk) && chunk.Sealed && Volatile.Read(ref chunk.Pending) == 0)
            {
                _safeLine = chunk.LastLine;
                _open.Dequeue();
            }
            return _safeLine;
        }
    }

    public bool AllAcknowledged => _open.All(c => Volatile.Read(ref c.Pending) == 0);

    /// <summary>The first delivery error, if any record failed (the checkpoint stops advancing).</summary>
    public string? FirstError => Volatile.Read(ref _failures) > 0 ? _firstError : null;
}
