namespace DataHub.Connectors.Sources;

/// <summary>
/// Splits a stream into '\n'-terminated lines of bytes without ever holding more than
/// <c>maxLineBytes</c> of one line: a longer line is skipped to its end and reported as too long.
/// (StreamReader.ReadLine would build the whole line in memory, which a 1 GB runaway line must not do.)
/// </summary>
internal sealed class BoundedLineReader(Stream stream, int maxLineBytes)
{
    private byte[] _buffer = new byte[Math.Min(1 << 16, maxLineBytes + 1)];
    private int _start;
    private int _end;
    private bool _eof;

    /// <summary>Reads the next line (without its '\n'); the memory is valid until the next call. False at the end.</summary>
    public bool Next(out ReadOnlyMemory<byte> line, out bool tooLong)
    {
        tooLong = false;
        while (true)
        {
            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (newline >= 0 || _eof)
            {
                var end = newline >= 0 ? newline : _end;
                var any = newline >= 0 || _end > _start;
                tooLong = end - _start > maxLineBytes;
                line = tooLong ? ReadOnlyMemory<byte>.Empty : _buffer.AsMemory(_start, end - _start);
                _start = newline >= 0 ? newline + 1 : _end;
                return any;
            }
            if (_end - _start > maxLineBytes)
            {
                SkipToNextLine();
                line = ReadOnlyMemory<byte>.Empty;
                tooLong = true;
                return true;
            }
            Fill();
        }
    }

    private void Fill()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length) Array.Resize(ref _buffer, Math.Min(_buffer.Length * 2, maxLineBytes + 1 + (1 << 16)));
        var n = stream.Read(_buffer, _end, _buffer.Length - _end);
        if (n == 0) _eof = true;
        _end += n;
    }

    private void SkipToNextLine()
    {
        while (true)
        {
            _start = _end = 0;
            var n = stream.Read(_buffer, 0, _buffer.Length);
            if (n == 0) { _eof = true; return; }
            var newline = Array.IndexOf(_buffer, (byte)'\n', 0, n);
            if (newline >= 0)
            {
                _start = newline + 1;
                _end = n;
                return;
            }
        }
    }
}
