using DataHub.Connectors.Definitions;
using DataHub.Hub.Pipeline;
using DataHub.Tests.Support;

namespace DataHub.Tests.Connectors;

/// <summary>
/// Adding a feed needs no C#: a department the code has never heard of (退役军人 veterans affairs) sends a roster;
/// a YAML definition and a CSV sample written here are loaded, run through the real FeedRunner and read back decoded.
/// </summary>
public class NewDepartmentFeedTests(EmbeddedHubFixture hub) : IClassFixture<EmbeddedHubFixture>
{
    private const string Definition = """
        # 退役军人事务 优抚对象名册 — written for this test only; no C# knows this feed.
        name: veterans.entitled-roster
        department: 退役军人事务 Veterans affairs
        description: 享受医疗救助的优抚对象 Entitled persons whose enrolment is subsidised
        source:
          kind: file
          path: roster/*.csv
        format:
          type: csv
          encoding: auto
          delimiter: "|"
        target:
          topic: mi.test.veterans-membership.v1
          schema: assistance/membership
          key: residentId
        fields:
          residentId:       { column: 身份证号, rules: [required, residentId] }
          name:             { column: 姓名, personal: true }
          group:            { column: 救助类别, map: { 特困供养: extreme-poverty, 低保: minimum-living }, rules: [required, "oneOf:extreme-poverty|minimum-living"] }
          division:         { column: 所在地, rules: [required, division] }
          fromDate:         { column: 认定日期, date: [yyyy年M月d日, yyyy-MM-dd], rules: [required, pastDate] }
          toDate:           { column: 终止日期 }
          sourceDepartment: { const: veterans }
          certificateNo:    { column: 优待证号, upper: true }
        """;

    private const string Roster = """
        身份证号|姓名|救助类别|所在地|认定日期|终止日期|优待证号
        360112198609131844|周敏|低保|320102|2024年3月1日||yd-0001
        360102198704094444|刘芳|特困供养|360102|2023-11-20|2025-12-31|YD-0002
        370811199006127150|王强|低保|370811|2024年5月6日||YD-0003
        370811199006127158|孙磊|优抚|370811|2024年5月6日||YD-0004
        """;

    [Fact]
    public async Task A_new_departments_yaml_and_csv_run_end_to_end_and_read_back_decoded()
    {
        var folder = hub.NewDirectory("veterans");
        Directory.CreateDirectory(Path.Combine(folder, "roster"));
        var yaml = Path.Combine(folder, "entitled-roster.yaml");
        await File.WriteAllTextAsync(yaml, Definition);
        await File.WriteAllTextAsync(Path.Combine(folder, "roster", "2026-11.csv"), Roster);
        // No topic is created here either: the embedded cluster creates a topic on its first record, as a broker with
        // auto.create.topics.enable does. (A production cluster gets its topics from operations.)

        var feed = FeedDefinitionLoader.Load(yaml);
        var result = await hub.NewFeedRunner().RunAsync(feed, SourceFiles.Resolve(feed), "test");

        Assert.Equal((4, 2, 2), (result.Read, result.Published, result.DeadLettered));
        var records = hub.ReadTopic("mi.test.veterans-membership.v1").OrderBy(r => r.Origin!.Line).ToList();
        Assert.Equal(["360112198609131844", "360102198704094444"], records.Select(r => r.Key));
        var first = records[0].Value;
        Assert.Equal("minimum-living", first["group"]);
        Assert.Equal("veterans", first["sourceDepartment"]);
        Assert.Equal(new DateTime(2024, 3, 1), first["fromDate"]);
        Assert.Null(first["toDate"]);
        Assert.Equal("YD-0001", first["certificateNo"]);
        Assert.Equal(new DateTime(2025, 12, 31), records[1].Value["toDate"]);

        var rejected = (await hub.Runtime.FeedState.DeadLettersAsync(feed.Name, 10)).OrderBy(d => d.Line).ToList();
        Assert.Equal([(4L, "residentId"), (5L, "group")], rejected.Select(d => (d.Line, d.Field!)));
        Assert.Equal("3708**********7150", rejected[0].Value);
    }
}
