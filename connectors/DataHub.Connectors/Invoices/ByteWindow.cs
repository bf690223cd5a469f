namespace DataHub.Connectors.Invoices;

/// <summary>
/// A window over a stream's bytes: the unconsumed part of what was read so far, refilled (and grown, for a
/// record longer than the window) on demand, so a reader never holds more of a file than one buffer. A UTF-8
/// byte order mark at the start is dropped.
/// </summary>
internal sealed class ByteWindow(Stream stream, int size)
{
    private bool _started;

    public byte[] Bytes { get; private set; } = new byte[size];
    public int Start { get; private set; }
    public int End { get; private set; }
    public bool AtEndOfStream { get; private set; }

    public ReadOnlySpan<byte> Unconsumed => Bytes.AsSpan(Start, End - Start);

    public void Consume(int count) => Start += count;

    /// <summary>Reads more: moves the unconsumed bytes to the front, grows the buffer when they fill it (up to <paramref name="limit"/>). False at the end of the stream or at the limit.</summary>
    public bool Fill(int limit = int.MaxValue)
    {
        if (AtEndOfStream) return false;
        if (Start > 0)
        {
            Unconsumed.CopyTo(Bytes);
            End -= Start;
            Start = 0;
        }
        if (End == Bytes.Length)
        {
            if (Bytes.Length >= limit) return false;
            var grown = new byte[Math.Min((long)Bytes.Length * 2, Math.Max(limit, Bytes.Length))];
            Bytes.AsSpan(0, End).CopyTo(grown);
            Bytes = grown;
        }
        var read = stream.Read(Bytes, End, Bytes.Length - End);
        if (read == 0) { AtEndOfStream = true; return false; }
        End += read;
        if (!_started)
        {
            _started = true;
            if (Unconsumed.StartsWith("\uFEFF"u8)) Start += 3;
        }
        return true;
    }

    /// <summary>
    /// The next line (without its \n or \r\n) as a range of <see cref="Bytes"/>, valid until the next call.
    /// A line longer than <paramref name="maxLength"/> is skipped and reported with <paramref name="tooLong"/>.
    /// </summary>
    public bool TryTakeLine(int maxLength, out int start, out int length, out bool tooLong)
    {
        tooLong = false;
        var searched = 0;
        while (true)
        {
            var newline = Bytes.AsSpan(Start + searched, End - Start - searched).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var end = Start + searched + newline;
                start = Start;
                length = end - Start;
                if (length > 0 && Bytes[end - 1] == '\r') length--;
                Start = end + 1;
                return true;
            }
            searched = End - Start;
            if (searched > maxLength) { tooLong = true; SkipRestOfLine(); start = length = 0; return true; }
            if (!Fill(maxLength + 2))
            {
                if (End - Start > maxLength) { tooLong = true; SkipRestOfLine(); start = length = 0; return true; }
                if (Start == End) { start = length = 0; return false; }
                start = Start;
                length = End - Start;
                if (Bytes[End - 1] == '\r') length--;
                Start = End;
                return true;
            }
        }
    }

    private void SkipRestOfLine()
    {
        while (true)
        {
            var newline = Unconsumed.IndexOf((byte)'\n');
            if (newline >= 0) { Start += newline + 1; return; }
            Start = End;
            if (!Fill()) return;
        }
    }
}
