using DataHub.Hub.Store;

namespace DataHub.Hub.Pipeline;

/// <summary>
/// Tracks which source lines Kafka has acknowledged, so a checkpoint only ever covers lines that
/// are safely stored. Lines are sent in increasing order and grouped into chunks; the safe line is the
/// last line of the longest run of fully acknowledged chunks. Delivery reports arrive on librdkafka's
/// thread, hence the interlocked counters.
/// Alongside, it keeps the resume offsets: per partition, one past the highest acknowledged offset of the
/// safe chunks. The idempotent producer appends a partition's records in the order they were produced, so
/// every record of a line after the safe line sits at or above that offset.
/// </summary>
public sealed class AckTracker
{
    public sealed class Chunk
    {
        internal int Pending;
        internal long LastLine;
        internal bool Sealed;
        internal long[]? MaxOffsets;
    }

    private readonly int _chunkSize;
    private readonly PartitionLayout? _layout;
    private readonly long[] _resumeFrom;
    private readonly Queue<Chunk> _open = new();
    private Chunk? _current;
    private int _sentInChunk;
    private long _safeLine;
    private int _failures;
    private string? _firstError;

    public AckTracker(long startLine, int chunkSize = 2048, PartitionLayout? layout = null, IReadOnlyList<PartitionOffset>? resumeFrom = null)
    {
        _safeLine = startLine;
        _chunkSize = chunkSize;
        _layout = layout;
        _resumeFrom = layout?.ToArray(resumeFrom ?? []) ?? [];
    }

    /// <summary>Registers a line about to be produced; returns the chunk its delivery report must <see cref="Ack"/>.</summary>
    public Chunk Sending(long line)
    {
        if (_current is null || _current.Sealed)
        {
            _current = new Chunk();
            if (_layout is not null) { _current.MaxOffsets = new long[_layout.Count]; Array.Fill(_current.MaxOffsets, -1L); }
            _open.Enqueue(_current);
        }
        Interlocked.Increment(ref _current.Pending);
        _current.LastLine = line;
        var chunk = _current;
        if (++_sentInChunk >= _chunkSize) { _current.Sealed = true; _sentInChunk = 0; }
        return chunk;
    }

    /// <summary>
    /// Registers a batch of lines up to <paramref name="lastLine"/> whose records are all produced now, of which only
    /// <paramref name="expectedAcks"/> carry a delivery handler (see <see cref="RecordSender"/>): the batch is safe once
    /// those are acknowledged. Not to be mixed with <see cref="Sending"/> on one tracker.
    /// </summary>
    public Chunk Batch(long lastLine, int expectedAcks)
    {
        var chunk = new Chunk { Pending = expectedAcks, LastLine = lastLine, Sealed = true };
        if (_layout is not null) { chunk.MaxOffsets = new long[_layout.Count]; Array.Fill(chunk.MaxOffsets, -1L); }
        _open.Enqueue(chunk);
        return chunk;
    }

    /// <summary>Called from the delivery report of one record.</summary>
    public void Ack(Chunk chunk, string? error) => Ack(chunk, error, -1, 0);

    /// <summary>Called from the delivery report of one record, with where it was stored (<paramref name="slot"/> from <see cref="PartitionLayout.Slot"/>).</summary>
    public void Ack(Chunk chunk, string? error, int slot, long offset)
    {
        if (error is not null && Interlocked.Increment(ref _failures) == 1) _firstError = error;
        if (error is null && slot >= 0 && chunk.MaxOffsets is { } max)
        {
            var seen = Volatile.Read(ref max[slot]);
            while (offset > seen)
            {
                var previous = Interlocked.CompareExchange(ref max[slot], offset, seen);
                if (previous == seen) break;
                seen = previous;
            }
        }
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
                if (chunk.MaxOffsets is { } max)
                    for (var i = 0; i < max.Length; i++) _resumeFrom[i] = Math.Max(_resumeFrom[i], max[i] + 1);
                _open.Dequeue();
            }
            return _safeLine;
        }
    }

    /// <summary>Where a resumed run must start scanning, consistent with the last <see cref="SafeLine"/> read.</summary>
    public IReadOnlyList<PartitionOffset>? ResumeFrom => _layout?.ToOffsets(_resumeFrom);

    public bool AllAcknowledged => _open.All(c => Volatile.Read(ref c.Pending) == 0);

    /// <summary>The first delivery error, if any record failed (the checkpoint stops advancing).</summary>
    public string? FirstError => Volatile.Read(ref _failures) > 0 ? _firstError : null;
}
