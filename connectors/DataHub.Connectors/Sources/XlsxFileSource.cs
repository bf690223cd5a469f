using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace DataHub.Connectors.Sources;

/// <summary>
/// Reads the first worksheet of an .xlsx workbook with the Open XML SDK's forward-only
/// <see cref="OpenXmlReader"/>: one row is materialised at a time, so memory stays flat however many
/// rows the sheet has. What is held whole: the shared-string table (every distinct text of the
/// workbook; Excel keeps it in one part) and the cell-style list (to recognise date cells). The first
/// non-empty row is the header; a row's line is its Excel row number. Date-formatted numeric cells
/// become yyyy-MM-dd (or yyyy-MM-dd HH:mm:ss with a time part); other numbers keep their stored
/// invariant text, so codes typed as numbers lose leading zeros in Excel itself — keep code columns as text.
/// </summary>
public sealed class XlsxFileSource : ISourceReader
{
    private readonly SpreadsheetDocument _document;
    private readonly OpenXmlReader _reader;
    private readonly IReadOnlyList<string> _sharedStrings;
    private readonly bool[] _dateStyles;
    private readonly long _length;
    private Row? _pendingFirstRow;
    private string[] _columns = [];
    private bool _finished;

    public XlsxFileSource(string path, bool header = true)
    {
        SourceName = Path.GetFileName(path);
        _length = new FileInfo(path).Length;
        try
        {
            _document = SpreadsheetDocument.Open(path, isEditable: false);
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or IOException or FileFormatException)
        {
            throw new InvalidDataException($"{SourceName} is not a readable .xlsx workbook: {e.Message}", e);
        }
        var workbook = _document.WorkbookPart ?? throw new InvalidDataException($"{SourceName} has no workbook part");
        var sheet = workbook.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault()
            ?? throw new InvalidDataException($"{SourceName} has no worksheet");
        var worksheet = (WorksheetPart)workbook.GetPartById(sheet.Id!.Value!);
        _sharedStrings = ReadSharedStrings(workbook.SharedStringTablePart);
        _dateStyles = DateStyles(workbook.WorkbookStylesPart?.Stylesheet);
        _reader = OpenXmlReader.Create(worksheet);
        var first = NextRow();
        if (header && first is not null)
            _columns = Values(first, width: 0).Select(v => v.Trim()).ToArray();
        else
            _pendingFirstRow = first;
        SheetName = sheet.Name?.Value ?? "";
    }

    public string SourceName { get; }

    /// <summary>The worksheet read (the workbook's first).</summary>
    public string SheetName { get; }

    public IReadOnlyList<string> Columns => _columns;

    /// <summary>The reader does not see compressed bytes: progress is all or nothing.</summary>
    public (long Position, long Length) Progress => (_finished ? _length : 0, _length);

    public IEnumerable<SourceRow> ReadRows(long afterLine)
    {
        for (var row = _pendingFirstRow ?? NextRow(); row is not null; row = NextRow())
        {
            _pendingFirstRow = null;
            var line = (long)(row.RowIndex?.Value ?? 0);
            if (line <= afterLine) continue;
            var values = Values(row, _columns.Length);
            if (values.All(string.IsNullOrWhiteSpace)) continue; // formatted but empty rows are common in Excel
            if (_columns.Length > 0 && values.Count > _columns.Length)
            {
                yield return new SourceRow(line, [], $"a value in column {ColumnName(values.Count - 1)} is outside the header's {_columns.Length} columns");
                continue;
            }
            yield return new SourceRow(line, values.ToArray());
        }
        _finished = true;
    }

    private Row? NextRow()
    {
        while (_reader.Read())
            if (_reader.ElementType == typeof(Row) && _reader.IsStartElement)
                return (Row)_reader.LoadCurrentElement()!;
        return null;
    }

    /// <summary>The row's cell texts by column position (gaps filled with ""); at least <paramref name="width"/> long.</summary>
    private List<string> Values(Row row, int width)
    {
        var values = new List<string>(width);
        foreach (var cell in row.Elements<Cell>())
        {
            var index = cell.CellReference?.Value is { } reference ? ColumnIndex(reference) : values.Count;
            while (values.Count < index) values.Add("");
            var text = Text(cell);
            if (index < values.Count) values[index] = text; else values.Add(text);
        }
        while (values.Count < width) values.Add("");
        // Trailing empty cells beyond the header are formatting, not data.
        while (values.Count > Math.Max(width, 1) && values[^1].Length == 0) values.RemoveAt(values.Count - 1);
        return values;
    }

    private string Text(Cell cell)
    {
        var raw = cell.CellValue?.Text;
        var type = cell.DataType?.Value;
        if (type == CellValues.SharedString)
            return int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) && i >= 0 && i < _sharedStrings.Count ? _sharedStrings[i] : "";
        if (type == CellValues.InlineString) return cell.InlineString is { } inline ? ItemText(inline) : raw ?? "";
        if (type == CellValues.Boolean) return raw == "1" ? "true" : "false";
        if (raw is null) return "";
        if ((type is null || type == CellValues.Number) && cell.StyleIndex?.Value is { } style && style < _dateStyles.Length && _dateStyles[style]
            && double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial))
        {
            var when = DateTime.FromOADate(serial);
            return when.TimeOfDay == TimeSpan.Zero ? when.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : when.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        }
        return raw;
    }

    private static IReadOnlyList<string> ReadSharedStrings(SharedStringTablePart? part)
    {
        var strings = new List<string>();
        if (part is null) return strings;
        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
            if (reader.ElementType == typeof(SharedStringItem) && reader.IsStartElement)
                strings.Add(ItemText((SharedStringItem)reader.LoadCurrentElement()!));
        return strings;
    }

    /// <summary>The text of a string item: its t, or its rich-text runs; phonetic guides (rPh) are not part of the value.</summary>
    private static string ItemText(OpenXmlElement item) =>
        item.GetFirstChild<Text>()?.Text ?? string.Concat(item.Elements<Run>().Select(r => r.Text?.Text));

    private static bool[] DateStyles(Stylesheet? styles)
    {
        if (styles?.CellFormats is null) return [];
        var customDates = styles.NumberingFormats?.Elements<NumberingFormat>()
            .Where(f => f.NumberFormatId?.Value is not null && IsDateFormat(f.FormatCode?.Value))
            .Select(f => f.NumberFormatId!.Value).ToHashSet() ?? [];
        return styles.CellFormats.Elements<CellFormat>()
            .Select(f => f.NumberFormatId?.Value is { } id && (id is >= 14 and <= 22 or >= 45 and <= 47 || customDates.Contains(id)))
            .ToArray();
    }

    private static bool IsDateFormat(string? code)
    {
        if (code is null) return false;
        // Drop quoted literals and [colour]/[locale] sections before looking for date letters.
        var bare = System.Text.RegularExpressions.Regex.Replace(code, "\"[^\"]*\"|\\[[^\\]]*\\]", "");
        return bare.IndexOfAny(['y', 'Y', 'd', 'D']) >= 0 || bare.Contains("m") && bare.Contains('/');
    }

    private static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var c in reference)
        {
            if (c is < 'A' or > 'Z') break;
            index = index * 26 + (c - 'A' + 1);
        }
        return index - 1;
    }

    private static string ColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26) name = (char)('A' + (n - 1) % 26) + name;
        return name;
    }

    public void Dispose()
    {
        _reader.Dispose();
        _document.Dispose();
    }
}
