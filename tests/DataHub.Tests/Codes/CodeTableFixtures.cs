using DataHub.Tests.Support;
using System.Globalization;
using ClosedXML.Excel;
using DataHub.Schemas.Text;

namespace DataHub.Tests.Codes;

/// <summary>The code-table fixtures of these tests, and XLSX copies of CSV tables written with ClosedXML.</summary>
internal static class CodeTableFixtures
{
    /// <summary>7 institution rows: line 4 embeds division 990102, line 7 ends (validTo) before it starts.</summary>
    public static string InstitutionWithTwoBadRows => Support.RepoPaths.Under("tests", "DataHub.Tests", "Codes", "institution-with-2-bad-rows.csv");

    /// <summary>
    /// Writes the CSV as a workbook the way people make them: text cells, yyyy-MM-dd columns as real
    /// Excel dates, one blank formatted row at the end.
    /// </summary>
    public static string ToXlsx(string csvPath, string xlsxPath)
    {
        var lines = File.ReadAllLines(csvPath).Where(l => l.Length > 0).Select(l => CsvLine.Split(l)).ToList();
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(xlsxPath))!);
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet("codes");
        for (var r = 0; r < lines.Count; r++)
            for (var c = 0; c < lines[r].Count; c++)
            {
                var text = lines[r][c];
                var cell = sheet.Cell(r + 1, c + 1);
                if (r > 0 && DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    cell.Value = date;
                    cell.Style.DateFormat.Format = "yyyy-mm-dd";
                }
                else
                {
                    cell.SetValue(text);
                    cell.DataType = XLDataType.Text;
                }
            }
        sheet.Cell(lines.Count + 1, 1).Style.Fill.BackgroundColor = XLColor.Yellow;
        workbook.SaveAs(xlsxPath);
        return xlsxPath;
    }
}
