using System.Net;
using System.Text;
using System.Text.Json;
using ClosedXML.Excel;

namespace DataHub.Tests.Web;

/// <summary>An officer's work on a case over HTTP: detail, reveal with a reason (audited), actions, exports masked and audited.</summary>
public sealed class OfficerWorkflowTests(OfficerWebHost host) : IClassFixture<OfficerWebHost>
{
    [Fact]
    public async Task Detail_is_masked_and_a_reveal_needs_a_reason_and_leaves_an_audit_row()
    {
        var officer = await host.SignedInAsync("officer");
        var id = host.NanjingCases[3];
        var person = OfficerWebHost.PersonOf("320100", 3);
        var detail = await officer.GetJsonAsync($"/api/cases/{id}");
        Assert.Equal("3201**********0003", detail.GetProperty("case").GetProperty("person").GetString());
        Assert.DoesNotContain(person, detail.GetRawText());
        Assert.Equal("seeded evidence", detail.GetProperty("evidence")[0].GetProperty("note").GetString());
        Assert.Equal("opened", detail.GetProperty("history")[0].GetProperty("kind").GetString());

        Assert.Equal(HttpStatusCode.BadRequest, (await officer.PostAsync($"/api/cases/{id}/reveal", new { reason = "" })).StatusCode);
        var reveal = await officer.PostAsync($"/api/cases/{id}/reveal", new { reason = "电话核实参保意愿" });
        Assert.Equal(HttpStatusCode.OK, reveal.StatusCode);
        Assert.Contains(person, await reveal.Content.ReadAsStringAsync());

        var auditor = await host.SignedInAsync("auditor");
        var audit = await auditor.GetJsonAsync("/api/audit?action=reveal");
        var row = audit.EnumerateArray().First(a => a.GetProperty("caseId").GetString() == id);
        Assert.Equal(("officer", "电话核实参保意愿"), (row.GetProperty("user").GetString(), row.GetProperty("reason").GetString()));
        var officerAgain = await host.SignedInAsync("officer");
        Assert.Equal(HttpStatusCode.Forbidden, (await officerAgain.GetAsync("/api/audit")).StatusCode);
    }

    [Fact]
    public async Task Actions_follow_the_case_rules_and_land_in_the_timeline()
    {
        var officer = await host.SignedInAsync("officer");
        var id = host.NanjingCases[4];
        async Task<HttpStatusCode> Act(object body) => (await officer.PostAsync($"/api/cases/{id}/actions", body)).StatusCode;
        Assert.Equal(HttpStatusCode.OK, await Act(new { action = "assign", assignee = "officer" }));
        Assert.Equal(HttpStatusCode.BadRequest, await Act(new { action = "assign", assignee = "officer-wuxi" })); // not their region
        Assert.Equal(HttpStatusCode.OK, await Act(new { action = "note", note = "家属称已在外地参保" }));
        Assert.Equal(HttpStatusCode.OK, await Act(new { action = "contacted", note = "电话" }));
        Assert.Equal(HttpStatusCode.BadRequest, await Act(new { action = "resolve" })); // a reason is required
        Assert.Equal(HttpStatusCode.OK, await Act(new { action = "resolve", reason = "已在外地参保" }));
        Assert.Equal(HttpStatusCode.BadRequest, await Act(new { action = "resolve", reason = "again" }));
        Assert.Equal(HttpStatusCode.OK, await Act(new { action = "reopen", note = "核实有误" }));
        Assert.Equal(HttpStatusCode.BadRequest, await Act(new { action = "delete" }));

        var detail = await officer.GetJsonAsync($"/api/cases/{id}");
        Assert.Equal(("open", "officer"), (detail.GetProperty("case").GetProperty("status").GetString(), detail.GetProperty("case").GetProperty("assignee").GetString()));
        var kinds = detail.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("kind").GetString()).ToList();
        Assert.Equal(["opened", "assigned", "note", "changed", "closed", "opened"], kinds);
        Assert.Equal("已在外地参保", detail.GetProperty("history")[4].GetProperty("note").GetString());
    }

    [Fact]
    public async Task Bulk_actions_apply_to_every_selected_case_in_the_region_and_to_none_outside_it()
    {
        var officer = await host.SignedInAsync("officer");
        string[] mine = [host.NanjingCases[10], host.NanjingCases[11], host.NanjingCases[12]];
        var foreign = host.WuxiCases[2];
        async Task<JsonElement> Bulk(object body)
        {
            var response = await officer.PostAsync("/api/cases/actions", body);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        }

        var contacted = await Bulk(new { ids = mine.Append(foreign).Append(mine[0]), action = "contacted", note = "批量电话" });
        Assert.Equal(3, contacted.GetProperty("done").GetInt32()); // the duplicate id counts once
        Assert.Equal("not found", contacted.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("id").GetString() == foreign).GetProperty("error").GetString());
        var assigned = await Bulk(new { ids = mine, action = "assign", assignee = "officer" });
        Assert.Equal(3, assigned.GetProperty("done").GetInt32());
        Assert.Equal(0, (await Bulk(new { ids = mine, action = "resolve" })).GetProperty("done").GetInt32()); // no reason: refused for each
        Assert.Equal(3, (await Bulk(new { ids = mine, action = "resolve", reason = "批量核实已参保" })).GetProperty("done").GetInt32());

        foreach (var id in mine)
        {
            var detail = await officer.GetJsonAsync($"/api/cases/{id}");
            Assert.Equal(("resolved", "officer"), (detail.GetProperty("case").GetProperty("status").GetString(), detail.GetProperty("case").GetProperty("assignee").GetString()));
            var notes = detail.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("note").GetString()).ToList();
            Assert.Contains("contacted: 批量电话", notes);
            Assert.Contains("批量核实已参保", notes);
        }
        var untouched = await (await host.SignedInAsync("supervisor")).GetJsonAsync($"/api/cases/{foreign}");
        Assert.Equal("new", untouched.GetProperty("case").GetProperty("status").GetString());
        Assert.Single(untouched.GetProperty("history").EnumerateArray()); // only its opening

        Assert.Equal(HttpStatusCode.BadRequest, (await officer.PostAsync("/api/cases/actions", new { ids = Array.Empty<string>(), action = "note", note = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await officer.PostAsync("/api/cases/actions", new { ids = Enumerable.Range(0, 201).Select(i => $"GC-{i}"), action = "note", note = "x" })).StatusCode);
    }

    [Fact]
    public async Task Exports_are_masked_csv_with_a_bom_and_xlsx_and_each_is_audited()
    {
        var officer = await host.SignedInAsync("officer");
        var csvBytes = await (await officer.GetAsync("/api/cases/export.csv?status=")).Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, csvBytes[..3]);
        var lines = Encoding.UTF8.GetString(csvBytes[3..]).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("编号 Case,人员 Person", lines[0]);
        Assert.Equal(121, lines.Length);
        Assert.DoesNotContain(OfficerWebHost.PersonOf("320100", 7), lines[1..].Aggregate((a, b) => a + b));
        Assert.All(lines[1..], l => Assert.Matches(@"^GC-[0-9A-F]{16},3201\*{10}\d{4},", l));

        var xlsx = await (await officer.GetAsync("/api/cases/export.xlsx?status=")).Content.ReadAsByteArrayAsync();
        using (var book = new XLWorkbook(new MemoryStream(xlsx)))
        {
            var sheet = book.Worksheet(1);
            Assert.Equal(121, sheet.LastRowUsed().RowNumber());
            Assert.All(Enumerable.Range(2, 120), r => Assert.Matches(@"^3201\*{10}\d{4}$", sheet.Cell(r, 2).GetString()));
            Assert.Equal("320100", sheet.Cell(2, 5).GetString());
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync("/api/cases/export.csv?unmasked=true&reason=need%20it")).StatusCode);
        var supervisor = await host.SignedInAsync("supervisor");
        Assert.Equal(HttpStatusCode.BadRequest, (await supervisor.GetAsync("/api/cases/export.csv?unmasked=true")).StatusCode);
        var unmasked = await (await supervisor.GetAsync("/api/cases/export.csv?unmasked=true&reason=%E5%B9%B4%E5%BA%A6%E6%A0%B8%E6%9F%A5&region=320200&status=")).Content.ReadAsStringAsync();
        Assert.Contains(OfficerWebHost.PersonOf("320200", 1), unmasked);

        var auditor = await host.SignedInAsync("auditor");
        var audit = (await auditor.GetJsonAsync("/api/audit?limit=500")).EnumerateArray().ToList();
        Assert.Contains(audit, a => a.GetProperty("action").GetString() == "export-csv" && a.GetProperty("user").GetString() == "officer");
        Assert.Contains(audit, a => a.GetProperty("action").GetString() == "export-xlsx" && a.GetProperty("user").GetString() == "officer");
        Assert.Contains(audit, a => a.GetProperty("action").GetString() == "export-csv" && a.GetProperty("reason").GetString() == "年度核查"
            && a.GetProperty("detail").GetString()!.Contains("unmasked"));
    }
}
