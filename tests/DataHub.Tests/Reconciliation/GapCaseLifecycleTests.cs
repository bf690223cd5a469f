using System.Text;
using DataHub.Hub.Reconciliation;
using DataHub.Reconciliation.City;
using DataHub.Reconciliation.Engine;
using DataHub.Schemas.Topics;
using DataHub.Tests.Support;

namespace DataHub.Tests.Reconciliation;

/// <summary>Gap cases have a life: opened with an event, auto-closed when the gap goes, untouched by a re-run.</summary>
public sealed class GapCaseLifecycleTests
{
    [Fact]
    public async Task Cases_open_with_events_stay_put_on_a_rerun_and_close_when_the_gap_is_fixed()
    {
        await using var hub = await HubHarness.StartAsync();
        var city = CityHub.Generate(hub, 2_000, 5);
        var runner = CityHub.Runner(hub);
        var options = new ReconciliationOptions { AsOf = CitySettings.DefaultAsOf };
        await new CityAccuracyRun(hub.NewRunner(), runner).RunAsync(city, CityHub.FeedsDirectory, options);
        var opened = runner.Cases.Cases();
        Assert.NotEmpty(opened);
        Assert.All(opened, c => Assert.Equal(CaseStatus.New, c.Status));
        var events = hub.ReadTopic(TopicCatalog.GapEvents);
        Assert.Equal(opened.Count, events.Count);
        Assert.All(events, e => Assert.Equal("opened", e.Value["kind"]));
        Assert.Equal(opened.Select(c => c.CaseId).Order(), events.Select(e => e.Key!).Order());

        // The same data again: nothing changes, nothing is published.
        var again = await runner.RunAsync(options, "test");
        Assert.Equal((0, 0, 0, opened.Count), (again.Cases.Opened, again.Cases.Changed, again.Cases.Closed, again.Cases.Unchanged));
        Assert.Equal(0, again.EventsPublished);
        Assert.Equal(opened.Count, hub.ReadTopic(TopicCatalog.GapEvents).Count);
        Assert.All(runner.Cases.Cases(), c => Assert.Single(runner.Cases.History(c.CaseId)));

        // The enrolment office enrols one assisted person who was missed: that case closes by itself.
        var missed = opened.First(c => c.Rule == RuleIds.Assisted);
        var fix = hub.WriteFile("enrolments-fix.csv",
            CityFeedLayout.Enrolments.Header + "\n" +
            $"EFIX000000001,{missed.Person},,390,{missed.Region},资助参保,参保缴费,2026-11-01,2026-12-31,,,2026-11-01 09:00:00\n");
        await hub.RunAsync(ShippedFeeds.Load("medical-insurance/enrolments.yaml"), fix);
        var fixedRun = await runner.RunAsync(options, "test");

        Assert.Equal((0, 1), (fixedRun.Cases.Opened, fixedRun.Cases.Closed));
        var closed = runner.Cases.Cases().Single(c => c.CaseId == missed.CaseId);
        Assert.Equal(CaseStatus.AutoClosed, closed.Status);
        var history = runner.Cases.History(missed.CaseId);
        Assert.Equal([CaseStatus.New, CaseStatus.AutoClosed], history.Select(h => h.ToStatus));
        Assert.Equal(GapCaseStore.Engine, history[1].By);
        var closing = hub.ReadTopic(TopicCatalog.GapEvents).Where(e => e.Key == missed.CaseId).ToList();
        Assert.Equal(["opened", "closed"], closing.Select(e => (string)e.Value["kind"]));
        Assert.Equal(CaseStatus.AutoClosed, closing[1].Value["status"]);
    }

    [Fact]
    public async Task An_officer_works_a_case_and_every_step_is_kept_with_who_and_when()
    {
        await using var hub = await HubHarness.StartAsync();
        var cases = new GapCaseStore(hub.Runtime.Database);
        var gap = new Gap("320102199001011234", RuleIds.NotRenewed, "2026", "320100", "not renewed",
            [new GapEvidence("medical-insurance.enrolments", "e.csv", 7, new DateOnly(2025, 12, 31), "last resident enrolment")], MatchKind.ResidentId);
        var t0 = new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero);
        cases.Apply([gap], "R1", t0);
        var id = GapCaseStore.CaseIdOf(gap.Person, gap.Rule, gap.Period);

        cases.Transition(id, CaseStatus.Open, "officer-li", "looking", t0.AddHours(1));
        cases.Transition(id, CaseStatus.InProgress, "officer-li", "called the family", t0.AddHours(2));
        cases.Transition(id, CaseStatus.Resolved, "officer-wang", "enrolled at the counter", t0.AddHours(3));
        Assert.Throws<InvalidOperationException>(() => cases.Transition(id, CaseStatus.Open, "officer-li", null, t0.AddHours(4)));

        var history = cases.History(id);
        Assert.Equal([CaseStatus.New, CaseStatus.Open, CaseStatus.InProgress, CaseStatus.Resolved], history.Select(h => h.ToStatus));
        Assert.Equal(["engine", "officer-li", "officer-li", "officer-wang"], history.Select(h => h.By));
        Assert.Equal(t0.AddHours(3), history[3].At);
        Assert.Equal(["opened", "changed", "changed", "closed"], cases.PendingEvents().Select(e => e.Event.Kind));

        // A resolved case whose gap a later run still finds is opened again, on the record.
        var rerun = cases.Apply([gap], "R2", t0.AddDays(1));
        Assert.Equal(1, rerun.Opened);
        Assert.Equal(CaseStatus.Open, cases.Cases().Single().Status);
    }

    [Fact]
    public void Case_ids_are_stable_for_an_identity_and_differ_between_identities()
    {
        Assert.Equal(GapCaseStore.CaseIdOf("A", "r", "2026"), GapCaseStore.CaseIdOf("A", "r", "2026"));
        Assert.NotEqual(GapCaseStore.CaseIdOf("A", "r", "2026"), GapCaseStore.CaseIdOf("A", "r", "2025"));
        Assert.NotEqual(GapCaseStore.CaseIdOf("A", "r", "2026"), GapCaseStore.CaseIdOf("B", "r", "2026"));
    }
}
