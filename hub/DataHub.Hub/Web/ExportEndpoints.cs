using System.Globalization;
using System.Text;
using ClosedXML.Excel;
using CsvHelper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DataHub.Hub.Web;

/// <summary>
/// GET /api/cases/export.csv and /api/cases/export.xlsx: the list's filters, the user's region, masked persons.
/// Only a supervisor may ask for unmasked=true, with a reason. Every export writes an audit row (filters, rows, masked or not).
/// </summary>
public static class ExportEndpoints
{
    public const int MaxRows = 100_000;
    private static readonly string[] Header = ["编号 Case", "人员 Person", "规则 Rule", "期间 Period", "区划 Region", "状态 Status", "摘要 Summary", "匹配 Matched by", "立案 Opened", "承办 Assignee"];

    public static void Map(WebApplication app)
    {
        var group = app.MapGroup("/api/cases").RequireAuthorization(OfficerWeb.CasesPolicy);
        group.MapGet("/export.csv", (HttpContext context, OfficerData data) => Export(context, data, "csv"));
        group.MapGet("/export.xlsx", (HttpContext context, OfficerData data) => Export(context, data, "xlsx"));
    }

    private static IResult Export(HttpContext context, OfficerData data, string format)
    {
        var me = WebPrincipal.Of(context);
        var unmasked = context.Request.Query["unmasked"] == "true";
        var reason = context.Request.Query["reason"].ToString().Trim();
        if (unmasked && !WebRoles.MayExportUnmasked(me.Role)) return Results.Json(new { error = "only a supervisor may export unmasked" }, statusCode: 403);
        if (unmasked && reason.Length < 4) return Results.BadRequest(new { error = "reason: required for an unmasked export" });
        var filter = CaseFilter.Parse(context.Request.Query, CaseFilter.MaxLimit) with { After = null, Limit = CaseFilter.MaxLimit };
        Func<string, string> mask = unmasked ? p => p : PersonMask.Mask;
        var rows = new List<CaseRow>();
        for (CasePage page = data.Queries.List(me.Scope, filter, mask); ; page = data.Queries.List(me.Scope, filter with { After = page.Next }, mask))
        {
            rows.AddRange(page.Cases);
            if (page.Next is null || rows.Count >= MaxRows) break;
        }
        data.Audit.Write(me.UserName, me.Role, $"export-{format}", null, unmasked ? reason : null,
            $"{rows.Count} rows, {(unmasked ? "unmasked" : "masked")}, filter {context.Request.QueryString}", WebPrincipal.Remote(context), DateTimeOffset.UtcNow);
        var name = $"gap-cases-{DateTime.UtcNow:yyyyMMdd-HHmmss}.{format}";
        return format == "csv"
            ? Results.File(Csv(rows), "text/csv; charset=utf-8", name)
            : Results.File(Xlsx(rows), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name);
    }

    private static object?[] Values(CaseRow r) =>
        [r.CaseId, r.Person, r.Rule, r.Period, r.Region, r.Status, r.Summary, r.MatchedBy, r.OpenedAt.ToString("yyyy-MM-dd HH:mm"), r.Assignee];

    /// <summary>UTF-8 with a byte-order mark: without it Excel reads the Chinese text as the ANSI code page.</summary>
    private static byte[] Csv(IReadOnlyList<CaseRow> rows)
    {
        using var buffer = new MemoryStream();
        using (var writer = new StreamWriter(buffer, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true)))
        using (var csv = CsvWriter.Create(writer, CsvWriterOptions.Default, true))
        {
            csv.WriteRecord(Header);
            foreach (var row in rows) csv.WriteRecord(Values(row).Select(v => v?.ToString() ?? "").ToArray());
        }
        return buffer.ToArray();
    }

    private static byte[] Xlsx(IReadOnlyList<CaseRow> rows)
    {
        using var book = new XLWorkbook();
        var sheet = book.Worksheets.Add("gap-cases");
        for (var c = 0; c < Header.Length; c++) sheet.Cell(1, c + 1).Value = Header[c];
        for (var r = 0; r < rows.Count; r++)
        {
            var values = Values(rows[r]);
            // Text cells: a region code or ID must not turn into a number.
            for (var c = 0; c < values.Length; c++) sheet.Cell(r + 2, c + 1).SetValue(values[c]?.ToString() ?? "");
        }
        sheet.Row(1).Style.Font.Bold = true;
        using var buffer = new MemoryStream();
        book.SaveAs(buffer);
        return buffer.ToArray();
    }
}
