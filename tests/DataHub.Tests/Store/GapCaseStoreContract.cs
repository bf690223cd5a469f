using DataHub.Hub.Reconciliation;
using DataHub.Reconciliation.Engine;

namespace DataHub.Tests.Store;

/// <summary>What every <see cref="IGapCaseStore"/> must do; a subclass per store runs it on an empty store.</summary>
public abstract class GapCaseStoreContract
{
    protected abstract IGapCaseStore Store { get; }

    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 8, 0, 0, TimeSpan.Zero);

    private static Gap Gap(string person, string rule, string region = "320100", string summary = "not renewed", int line = 7) =>
        new(person, rule, "2026", region, summary,
            [new GapEvidence("medical-insurance.enrolments", "e.csv", line, new DateOnly(2025, 12, 31), "last resident enrolment")], MatchKind.ResidentId);

    private static readonly Gap A = Gap("320102199001011234", RuleIds.NotRenewed);
    private static readonly Gap B = Gap("320102199001015678", RuleIds.Deceased, "320200");
    private static readonly Gap C = Gap("BC:A123456789", RuleIds.Newborn, "330100") with { MatchedBy = MatchKind.Certificate };

    private static string Id(Gap gap) => GapCaseStore.CaseIdOf(gap.Person, gap.Rule, gap.Period);

    [StoreFact]
    public void A_run_opens_new_cases_with_history_and_events_and_the_same_run_again_changes_nothing()
    {
        Assert.Equal(new CaseApplyResult(3, 0, 0, 0), Store.Apply([A, B, C], "R1", T0));

        var cases = Store.Cases();
        Assert.Equal(new[] { B, A, C }.Select(Id), cases.Select(c => c.CaseId)); // by rule (deceased…, lapsed…, missed…), person, period
        var a = cases.Single(c => c.CaseId == Id(A));
        Assert.Equal((A.Person, A.Rule, "2026", "320100", CaseStatus.New, "not renewed", "id", T0, T0, "R1"),
            (a.Person, a.Rule, a.Period, a.Region, a.Status, a.Summary, a.MatchedBy, a.OpenedAt, a.UpdatedAt, a.LastRunId));
        Assert.Equal(A.Evidence, a.Evidence);
        Assert.Equal("certificate", cases.Single(c => c.CaseId == Id(C)).MatchedBy);
        Assert.Equal([new GapCaseChange(Id(A), T0, GapCaseStore.Engine, null, CaseStatus.New, "opened", null, "R1")], Store.History(Id(A)));
        var events = Store.PendingEvents();
        Assert.Equal([Id(A), Id(B), Id(C)], events.Select(e => e.Event.CaseId)); // in the order the run found the gaps
        Assert.All(events, e => Assert.Equal(("opened", CaseStatus.New, "R1", (string?)null), (e.Event.Kind, e.Event.Status, e.Event.RunId, e.Event.ChangedBy)));
        Assert.True(events[0].Seq < events[1].Seq && events[1].Seq < events[2].Seq);

        Assert.Equal(new CaseApplyResult(0, 0, 0, 3), Store.Apply([A, B, C, A], "R2", T0.AddDays(1)));
        Assert.Equal(cases, Store.Cases(), new CaseComparer());
        Assert.Single(Store.History(Id(A)));
        Assert.Equal(3, Store.PendingEvents().Count);
    }

    [StoreFact]
    public void A_gap_that_is_gone_auto_closes_its_case_and_one_found_again_opens_it_again()
    {
        Store.Apply([A, B], "R1", T0);
        Assert.Equal(new CaseApplyResult(0, 0, 1, 1), Store.Apply([A], "R2", T0.AddDays(1)));

        var closed = Store.Cases(CaseStatus.AutoClosed).Single();
        Assert.Equal((Id(B), T0.AddDays(1), "R2"), (closed.CaseId, closed.UpdatedAt, closed.LastRunId));
        Assert.Equal([Id(A)], Store.Cases(CaseStatus.New).Select(c => c.CaseId));
        var history = Store.History(Id(B));
        Assert.Equal(new GapCaseChange(Id(B), T0.AddDays(1), GapCaseStore.Engine, CaseStatus.New, CaseStatus.AutoClosed, "closed", "a later run no longer finds the gap", "R2"), history[1]);
        var closing = Store.PendingEvents()[^1].Event;
        Assert.Equal((Id(B), "closed", CaseStatus.AutoClosed, "R2"), (closing.CaseId, closing.Kind, closing.Status, closing.RunId));

        Assert.Equal(new CaseApplyResult(1, 0, 0, 1), Store.Apply([A, B], "R3", T0.AddDays(2)));
        Assert.Equal(CaseStatus.Open, Store.Cases().Single(c => c.CaseId == Id(B)).Status);
        Assert.Equal((CaseStatus.AutoClosed, CaseStatus.Open, "opened", "the gap is found again"),
            (Store.History(Id(B))[2].FromStatus, Store.History(Id(B))[2].ToStatus, Store.History(Id(B))[2].Kind, Store.History(Id(B))[2].Note));
        Assert.Equal(T0, Store.Cases().Single(c => c.CaseId == Id(B)).OpenedAt); // the case keeps its opening
    }

    [StoreFact]
    public void Changed_evidence_or_summary_updates_an_active_case_and_keeps_its_status()
    {
        Store.Apply([A], "R1", T0);
        Store.Transition(Id(A), CaseStatus.InProgress, "officer-li", "called", T0.AddHours(1));
        var changed = A with { Summary = "not renewed since 2025", Evidence = [.. A.Evidence, new GapEvidence("tax.payroll", "p.csv", 3, null, "no payroll")] };

        Assert.Equal(new CaseApplyResult(0, 1, 0, 0), Store.Apply([changed], "R2", T0.AddDays(1)));
        var stored = Store.Cases().Single();
        Assert.Equal((CaseStatus.InProgress, "not renewed since 2025", 2, "R2"), (stored.Status, stored.Summary, stored.Evidence.Count, stored.LastRunId));
        Assert.Equal(changed.Evidence, stored.Evidence);
        Assert.Equal(("changed", CaseStatus.InProgress, CaseStatus.InProgress), (Store.History(Id(A))[^1].Kind, Store.History(Id(A))[^1].FromStatus, Store.History(Id(A))[^1].ToStatus));
        Assert.Equal(new CaseApplyResult(0, 0, 0, 1), Store.Apply([changed], "R3", T0.AddDays(2)));
    }

    [StoreFact]
    public void Officers_move_cases_from_new_to_resolved_and_back_with_who_and_when()
    {
        Store.Apply([A, B], "R1", T0);
        var opened = Store.Transition(Id(A), CaseStatus.Open, "officer-li", "looking", T0.AddHours(1));
        Assert.Equal((CaseStatus.Open, T0.AddHours(1)), (opened.Status, opened.UpdatedAt));
        Store.Transition(Id(A), CaseStatus.InProgress, "officer-li", "called the family", T0.AddHours(2));
        Store.AddNote(Id(A), "note", "officer-wang", "family will come on Monday", T0.AddHours(3));
        Store.Transition(Id(A), CaseStatus.Resolved, "officer-wang", "enrolled at the counter", T0.AddHours(4));
        Assert.Throws<InvalidOperationException>(() => Store.Transition(Id(A), CaseStatus.Open, "officer-li", null, T0.AddHours(5)));
        Assert.Throws<InvalidOperationException>(() => Store.Transition(Id(B), CaseStatus.AutoClosed, "officer-li", null, T0.AddHours(5)));
        Assert.Throws<InvalidOperationException>(() => Store.Reopen(Id(B), "officer-li", null, T0.AddHours(5)));
        Assert.Throws<KeyNotFoundException>(() => Store.Transition("GC-0000000000000000", CaseStatus.Open, "officer-li", null, T0));
        Assert.Throws<KeyNotFoundException>(() => Store.AddNote("GC-0000000000000000", "note", "officer-li", "x", T0));

        var history = Store.History(Id(A));
        Assert.Equal([CaseStatus.New, CaseStatus.Open, CaseStatus.InProgress, CaseStatus.InProgress, CaseStatus.Resolved], history.Select(h => h.ToStatus));
        Assert.Equal(["engine", "officer-li", "officer-li", "officer-wang", "officer-wang"], history.Select(h => h.By));
        Assert.Equal(new GapCaseChange(Id(A), T0.AddHours(3), "officer-wang", CaseStatus.InProgress, CaseStatus.InProgress, "note", "family will come on Monday", null), history[3]);
        Assert.Equal(new GapCaseChange(Id(A), T0.AddHours(4), "officer-wang", CaseStatus.InProgress, CaseStatus.Resolved, "closed", "enrolled at the counter", null), history[4]);
        var events = Store.PendingEvents().Where(e => e.Event.CaseId == Id(A)).Select(e => e.Event).ToList(); // a note has no event
        Assert.Equal(["opened", "changed", "changed", "closed"], events.Select(e => e.Kind));
        Assert.Equal(("officer-wang", CaseStatus.Resolved, T0.AddHours(4)), (events[^1].ChangedBy, events[^1].Status, events[^1].OccurredAt));

        var reopened = Store.Reopen(Id(A), "officer-li", "family moved away", T0.AddHours(6));
        Assert.Equal(CaseStatus.Open, reopened.Status);
        Assert.Equal(CaseStatus.Open, Store.Cases().Single(c => c.CaseId == Id(A)).Status);
        Assert.Equal((CaseStatus.Resolved, CaseStatus.Open, "opened", "officer-li"), (Store.History(Id(A))[^1].FromStatus, Store.History(Id(A))[^1].ToStatus, Store.History(Id(A))[^1].Kind, Store.History(Id(A))[^1].By));

        // A resolved case whose gap a later run still finds is opened again, on the record.
        Store.Transition(Id(B), CaseStatus.Resolved, "officer-li", "enrolled", T0.AddHours(7));
        Assert.Equal(new CaseApplyResult(1, 0, 0, 1), Store.Apply([A, B], "R2", T0.AddDays(1)));
        Assert.Equal(CaseStatus.Open, Store.Cases().Single(c => c.CaseId == Id(B)).Status);
    }

    [StoreFact]
    public void Auto_closing_covers_only_the_people_the_run_owned()
    {
        Store.Apply([A, B, C], "R1", T0);
        Assert.Equal(new CaseApplyResult(0, 0, 1, 0), Store.Apply([], "R2", T0.AddDays(1), person => person == A.Person));
        Assert.Equal([Id(A)], Store.Cases(CaseStatus.AutoClosed).Select(c => c.CaseId));
        Assert.Equal(2, Store.Cases(CaseStatus.New).Count);
    }

    [StoreFact]
    public void Outbox_claims_keep_two_publishers_apart_and_published_events_leave_the_outbox()
    {
        Store.Apply([A, B, C], "R1", T0);
        var now = T0.AddMinutes(1);
        var claimed = Store.ClaimPendingEvents("instance-a", null, TimeSpan.FromMinutes(10), now);
        Assert.Equal([Id(A), Id(B), Id(C)], claimed.Select(e => e.Event.CaseId));
        Assert.Empty(Store.ClaimPendingEvents("instance-b", null, TimeSpan.FromMinutes(10), now));

        Store.ReleaseClaims("instance-a");
        Assert.Equal([Id(B)], Store.ClaimPendingEvents("instance-b", person => person == B.Person, TimeSpan.FromMinutes(10), now).Select(e => e.Event.CaseId));
        Assert.Equal([Id(A), Id(C)], Store.ClaimPendingEvents("instance-c", null, TimeSpan.FromMinutes(10), now).Select(e => e.Event.CaseId));
        // instance-b died holding B's event: after the timeout another publisher takes it over.
        Assert.Equal([Id(A), Id(B), Id(C)], Store.ClaimPendingEvents("instance-d", null, TimeSpan.FromMinutes(10), now.AddMinutes(11)).Select(e => e.Event.CaseId));

        Store.MarkPublished(claimed.Take(2).Select(e => e.Seq), now.AddMinutes(12));
        Assert.Equal([Id(C)], Store.PendingEvents().Select(e => e.Event.CaseId));
        Assert.Empty(Store.PendingEvents(person => person == A.Person));
        Store.ReleaseClaims("instance-d");
        Assert.Equal([Id(C)], Store.ClaimPendingEvents("instance-e", null, TimeSpan.FromMinutes(10), now.AddMinutes(13)).Select(e => e.Event.CaseId));
    }

    /// <summary>Cases equal field by field (the record's evidence list compares by reference).</summary>
    private sealed class CaseComparer : IEqualityComparer<GapCase>
    {
        private static readonly GapEvidence[] NoEvidence = [];
        public bool Equals(GapCase? x, GapCase? y) => x is not null && y is not null && x with { Evidence = NoEvidence } == y with { Evidence = NoEvidence } && x.Evidence.SequenceEqual(y.Evidence);
        public int GetHashCode(GapCase obj) => obj.CaseId.GetHashCode();
    }
}
