using DataHub.Connectors.Invoices;
using DataHub.Hub.Invoices;
using DataHub.Reconciliation.City;
using DataHub.Reconciliation.Engine;
using DataHub.Reconciliation.Invoices;
using DataHub.Schemas.Identity;
using DataHub.Schemas.Topics;
using DataHub.Tests.Reconciliation;
using DataHub.Tests.Support;

namespace DataHub.Tests.Invoices;

/// <summary>
/// Invoices published by `invoices run`, registries by their feeds, then a reconciliation run: fund payments
/// for people not enrolled on the visit day or visiting after their death become signals (gap cases and
/// events of their own kind) with their evidence; a re-run changes nothing.
/// </summary>
public sealed class InvoiceCrossCheckTests
{
    private static readonly ReconciliationOptions AsOf = new() { AsOf = new DateOnly(2026, 11, 20) };

    [Fact]
    public async Task A_reconciliation_run_raises_a_signal_per_suspicious_invoice_with_its_evidence_and_a_rerun_changes_nothing()
    {
        await using var hub = await HubHarness.StartAsync();
        string enrolled = Id(1), notEnrolled = Id(2), deceased = Id(3);
        await hub.RunAsync(ShippedFeeds.Load("medical-insurance/enrolments.yaml"), hub.WriteFile("enrolments.csv",
            CityFeedLayout.Enrolments.Header + "\n" +
            $"E000000000001,{enrolled},王一,390,320100,城乡居民,参保缴费,2026-01-01,2026-12-31,,,2026-01-01 09:00:00\n" +
            $"E000000000003,{deceased},王三,390,320100,城乡居民,参保缴费,2026-01-01,2026-12-31,,,2026-01-01 09:00:00\n"));
        await hub.RunAsync(ShippedFeeds.Load("public-security/deaths.yaml"), hub.WriteFile("deaths.csv",
            CityFeedLayout.Deaths.Header + "\n" + $"{deceased},王三,20260601,320102,死亡,,20260605\n"));

        var generator = new InvoiceGenerator(31);
        var covered = Invoice(generator, enrolled, "2026-06-15");
        var uncovered = Invoice(generator, notEnrolled, "2026-06-15", visit: "2026-06-10");
        var afterDeath = Invoice(generator, deceased, "2026-06-20");
        var voided = Invoice(generator, notEnrolled, "2026-07-01");
        var noId = Invoice(generator, null, "2026-07-02");
        var noFund = Invoice(generator, notEnrolled, "2026-07-03");
        noFund.PersonalPaid += noFund.FundPaid;
        noFund.FundPaid = 0;
        var file = Path.Combine(hub.Directory, "invoices.ndjson");
        InvoiceGenerator.WriteNdjson(file, [covered, uncovered, afterDeath, voided, noId, noFund, generator.VoidOf(voided)]);
        var published = await InvoicePipelineTests.Runner(hub).RunAsync([file], "test");
        Assert.Equal(7, published.Published);

        var reconciliation = CityHub.Runner(hub);
        var run = await reconciliation.RunAsync(AsOf, "test");

        var signals = run.Result.Gaps.Where(g => FundClaimRules.All.Contains(g.Rule)).OrderBy(g => g.Rule).ToList();
        Assert.Equal([(FundClaimRules.AfterDeath, deceased, Text(afterDeath)), (FundClaimRules.NotEnrolled, notEnrolled, Text(uncovered))],
            signals.Select(g => (g.Rule, g.Person, g.Period)));
        var notEnrolledSignal = signals[1];
        Assert.Equal(("finance.invoices", "invoices.ndjson", 2L, new DateOnly(2026, 6, 10)),
            (notEnrolledSignal.Evidence[0].Feed, notEnrolledSignal.Evidence[0].Source, notEnrolledSignal.Evidence[0].Line, notEnrolledSignal.Evidence[0].Date));
        Assert.Equal(("public-security.deaths", "deaths.csv", new DateOnly(2026, 6, 1)),
            (signals[0].Evidence[1].Feed, signals[0].Evidence[1].Source, signals[0].Evidence[1].Date));

        var cases = reconciliation.Cases.Cases().Where(c => FundClaimRules.All.Contains(c.Rule)).ToList();
        Assert.Equal(2, cases.Count);
        var events = hub.ReadTopic(TopicCatalog.GapEvents).Where(e => FundClaimRules.All.Contains((string)e.Value["rule"])).ToList();
        Assert.Equal(cases.Select(c => c.CaseId).Order(), events.Select(e => e.Key!).Order());
        Assert.Contains(events, e => (string?)e.Value["residentId"] == notEnrolled);

        var again = await reconciliation.RunAsync(AsOf, "test");
        Assert.Equal((0, 0, 0), (again.Cases.Opened, again.Cases.Changed, again.Cases.Closed));
        Assert.Equal(0, again.EventsPublished);
        Assert.All(cases, c => Assert.Single(reconciliation.Cases.History(c.CaseId)));
    }

    [Fact]
    public async Task An_enrolment_that_arrives_later_closes_the_signal_by_itself()
    {
        await using var hub = await HubHarness.StartAsync();
        var person = Id(4);
        var generator = new InvoiceGenerator(32);
        var file = Path.Combine(hub.Directory, "late.ndjson");
        InvoiceGenerator.WriteNdjson(file, [Invoice(generator, person, "2026-08-01")]);
        await InvoicePipelineTests.Runner(hub).RunAsync([file], "test");
        var reconciliation = CityHub.Runner(hub);
        var first = await reconciliation.RunAsync(AsOf, "test");
        Assert.Single(first.Result.Gaps, g => g.Rule == FundClaimRules.NotEnrolled);

        await hub.RunAsync(ShippedFeeds.Load("medical-insurance/enrolments.yaml"), hub.WriteFile("late-enrolment.csv",
            CityFeedLayout.Enrolments.Header + "\n" + $"E000000000004,{person},王四,390,320100,城乡居民,参保缴费,2026-01-01,2026-12-31,,,2026-09-01 09:00:00\n"));
        var second = await reconciliation.RunAsync(AsOf, "test");

        Assert.DoesNotContain(second.Result.Gaps, g => g.Rule == FundClaimRules.NotEnrolled);
        Assert.Equal(1, second.Cases.Closed);
    }

    private static Invoice Invoice(InvoiceGenerator generator, string? payer, string issued, string? visit = null)
    {
        var invoice = generator.Issued(items: 3);
        invoice.Payer.ResidentId = payer;
        invoice.IssueDate = issued;
        invoice.VisitDate = visit;
        invoice.IssuedAt = issued + "T10:00:00";
        return invoice;
    }

    private static string Text(Invoice invoice) => $"{invoice.InvoiceCode}-{invoice.InvoiceNumber}";

    private static string Id(int n)
    {
        var first17 = $"32010219800101{n:D3}";
        return first17 + ResidentId.CheckCharacter(first17);
    }
}
