using System.Text.Json;

namespace DataHub.Connectors.Invoices;

/// <summary>
/// Walks a top-level JSON array of invoices through a <see cref="ByteWindow"/>, one element at a time: the
/// reader's state is carried from window to window, and an element cut by the end of the window is parsed
/// again from its start once the window has been refilled (so each invoice is tokenized once, plus once more
/// for the one element per refill that straddles the edge).
/// </summary>
internal sealed class JsonArrayCursor(ByteWindow window, InvoiceJsonParser parser)
{
    private enum Step { Continue, NeedMore, Done }

    private JsonReaderState _state;
    private bool _begun;
    private bool _done;
    private long _index;

    /// <summary>Adds up to <paramref name="max"/> invoices to <paramref name="batch"/>; false once the array (or the readable part of it) has ended.</summary>
    public bool ReadBatch(List<InvoiceRead> batch, int max)
    {
        if (_done) return false;
        if (!_begun && window.End == 0) window.Fill();
        while (batch.Count < max)
        {
            switch (Next(batch))
            {
                case Step.Done:
                    _done = true;
                    return false;
                case Step.NeedMore when !window.Fill(InvoiceFileReader.MaxInvoiceBytes):
                    batch.Add(new InvoiceRead(_index + 1, null, window.AtEndOfStream
                        ? "the file ends inside the array of invoices; the rest of the file was not read"
                        : $"an invoice is larger than {InvoiceFileReader.MaxInvoiceBytes >> 20} MB; the rest of the file was not read"));
                    _done = true;
                    return false;
            }
        }
        return true;
    }

    private Step Next(List<InvoiceRead> batch)
    {
        var reader = new Utf8JsonReader(window.Unconsumed, window.AtEndOfStream, _state);
        try
        {
            if (!reader.Read()) return window.AtEndOfStream && !_begun ? Empty(batch) : Step.NeedMore;
            if (!_begun)
            {
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    batch.Add(new InvoiceRead(1, null, $"a .json invoice file must hold a JSON array of invoices, not {InvoiceJsonParser.Describe(reader.TokenType)} (one invoice per line is .ndjson)"));
                    return Step.Done;
                }
                _begun = true;
                Advance(ref reader);
                return Step.Continue;
            }
            if (reader.TokenType == JsonTokenType.EndArray) return Step.Done;
            var index = _index + 1;
            InvoiceRead read;
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    try { read = new InvoiceRead(index, parser.Read(ref reader), null); }
                    catch (InvoiceFieldException e)
                    {
                        // Start the element again and step over it whole: the next invoice is still good.
                        reader = new Utf8JsonReader(window.Unconsumed, window.AtEndOfStream, _state);
                        reader.Read();
                        if (!reader.TrySkip()) return Step.NeedMore;
                        read = new InvoiceRead(index, null, e.Message, e.Field);
                    }
                    break;
                case JsonTokenType.Null:
                    read = new InvoiceRead(index, null, "null instead of an invoice");
                    break;
                default:
                    if (!reader.TrySkip()) return Step.NeedMore;
                    read = new InvoiceRead(index, null, $"{InvoiceJsonParser.Describe(reader.TokenType)} instead of an invoice object");
                    break;
            }
            _index = index;
            batch.Add(read);
            Advance(ref reader);
            return Step.Continue;
        }
        catch (NeedMoreDataException)
        {
            return Step.NeedMore;
        }
        catch (JsonException e)
        {
            batch.Add(new InvoiceRead(_index + 1, null,
                $"invalid JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}: {InvoiceFileReader.Message(e)}; the rest of the file was not read"));
            return Step.Done;
        }
    }

    private Step Empty(List<InvoiceRead> batch)
    {
        batch.Add(new InvoiceRead(1, null, "the file is empty; a .json invoice file must hold a JSON array of invoices"));
        return Step.Done;
    }

    private void Advance(ref Utf8JsonReader reader)
    {
        window.Consume((int)reader.BytesConsumed);
        _state = reader.CurrentState;
    }
}
