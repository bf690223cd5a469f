using DataHub.Reconciliation.Engine;
using DataHub.Reconciliation.Invoices;
using DataHub.Reconciliation.Registries;
using DataHub.Schemas.Identity;

namespace DataHub.Tests.Invoices;

/// <summary>The invoice cross-checks against the registries, each with a case that must raise a signal and one that must not.</summary>
public sealed class FundClaimRulesTests
{
    private static readonly DateOnly AsOf = new(2026, 11, 20);
    private static readonly DateOnly Visit = new(2026, 6, 15);

    private readonly RegistrySetBuilder _registries = new();
    private readonly FundClaimsBuilder _claims = new();
    private long _invoice = 320101262026000000;

    [Fact]
    public void Fund_paid_while_enrolled_raises_nothing_and_while_not_enrolled_raises_a_signal_with_the_invoice_and_enrolment()
    {
        var enrolled = Person(1);
        var lapsed = Person(2);
        Enrolment(enrolled, new DateOnly(2026, 1, 1), null, EnrolmentStatus.Active);
        Enrolment(lapsed, new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31), EnrolmentStatus.Terminated);
        Claim(enrolled, Visit);
        var lapsedInvoice = Claim(lapsed, Visit, fundFen: 42_360);

        var gap = Assert.Single(Run());

        Assert.Equal((FundClaimRules.NotEnrolled, ResidentId.Unpack(lapsed), $"{lapsedInvoice / 10_000_000_000L:D8}-{lapsedInvoice % 10_000_000_000L:D10}"),
            (gap.Rule, gap.Person, gap.Period));
        Assert.Equal("320100", gap.Region);
        Assert.Contains("423.60", gap.Summary);
        var invoice = gap.Evidence[0];
        Assert.Equal(("finance.invoices", "invoices.ndjson", Visit), (invoice.Feed, invoice.Source, invoice.Date));
        Assert.Contains(gap.Period, invoice.Note);
        var enrolment = gap.Evidence[1];
        Assert.Equal(("medical-insurance.enrolments", new DateOnly(2025, 1, 1)), (enrolment.Feed, enrolment.Date));
        Assert.Contains("terminated", enrolment.Note);
    }

    [Fact]
    public void No_enrolment_at_all_or_only_a_suspended_one_is_not_cover()
    {
        var never = Person(3);
        var suspended = Person(4);
        Enrolment(suspended, new DateOnly(2026, 1, 1), null, EnrolmentStatus.Suspended);
        Claim(never, Visit);
        Claim(suspended, Visit);

        var gaps = Run();

        Assert.Equal(new[] { never, suspended }.Select(ResidentId.Unpack).Order(), gaps.Select(g => g.Person).Order());
        Assert.All(gaps, g => Assert.Equal(FundClaimRules.NotEnrolled, g.Rule));
        Assert.Contains("no enrolment on record", gaps.Single(g => g.Person == ResidentId.Unpack(never)).Summary);
    }

    [Fact]
    public void A_terminated_enrolment_still_covers_the_days_of_its_period()
    {
        var person = Person(5);
        Enrolment(person, new DateOnly(2026, 1, 1), new DateOnly(2026, 6, 30), EnrolmentStatus.Terminated);
        Claim(person, Visit);
        Claim(person, new DateOnly(2026, 7, 1));

        var gap = Assert.Single(Run());

        Assert.Equal(Keys.Day(new DateOnly(2026, 7, 1)), Keys.Day(gap.Evidence[0].Date!.Value));
    }

    [Fact]
    public void A_newborn_enrolled_on_the_birth_certificate_is_covered_through_the_birth_registration()
    {
        var child = Person(6, birth: new DateOnly(2026, 5, 1));
        var certificate = Keys.Certificate("A123456789");
        _registries.Births.Add(child, new BirthRow(Person(7), 0, Keys.Day(new DateOnly(2026, 5, 1)), 1, certificate, "王宝", 320102, Origin("public-security.births")));
        _registries.Enrolments.Add(0, new EnrolmentRow(390, 320100, PersonType.Newborn, EnrolmentStatus.Active, Keys.Day(new DateOnly(2026, 5, 1)),
            Keys.OpenEnd, certificate, Origin("medical-insurance.enrolments")));
        Claim(child, Visit);
        var uncovered = Person(8, birth: new DateOnly(2026, 5, 2));
        _registries.Births.Add(uncovered, new BirthRow(Person(7), 0, Keys.Day(new DateOnly(2026, 5, 2)), 1, Keys.Certificate("A123456790"), null, 320102, Origin("public-security.births")));
        Claim(uncovered, Visit);

        var gap = Assert.Single(Run());

        Assert.Equal(ResidentId.Unpack(uncovered), gap.Person);
    }

    [Fact]
    public void Fund_paid_after_the_date_of_death_raises_a_signal_with_the_death_record_but_not_on_the_day_of_death()
    {
        var diedBefore = Person(9);
        var diedThatDay = Person(10);
        var diedLater = Person(11);
        foreach (var p in new[] { diedBefore, diedThatDay, diedLater }) Enrolment(p, new DateOnly(2020, 1, 1), null, EnrolmentStatus.Active);
        Death(diedBefore, Visit.AddDays(-3));
        Death(diedThatDay, Visit);
        Death(diedLater, Visit.AddDays(10));
        var afterDeath = Claim(diedBefore, Visit);
        Claim(diedThatDay, Visit);
        Claim(diedLater, Visit);

        var gap = Assert.Single(Run());

        Assert.Equal((FundClaimRules.AfterDeath, ResidentId.Unpack(diedBefore)), (gap.Rule, gap.Person));
        Assert.Contains($"{afterDeath % 10_000_000_000L:D10}", gap.Period);
        Assert.Contains("3 day(s) after", gap.Summary);
        Assert.Equal(["finance.invoices", "public-security.deaths"], gap.Evidence.Select(e => e.Feed));
        Assert.Equal(Visit.AddDays(-3), gap.Evidence[1].Date);
    }

    [Fact]
    public void A_visit_after_death_is_only_an_after_death_signal_and_not_also_a_not_enrolled_one()
    {
        var person = Person(12);
        Death(person, Visit.AddDays(-30));
        Claim(person, Visit);

        Assert.Equal([FundClaimRules.AfterDeath], Run().Select(g => g.Rule));
    }

    [Fact]
    public void Each_invoice_is_its_own_signal_and_visits_after_the_as_of_day_wait()
    {
        var person = Person(13);
        Claim(person, Visit);
        Claim(person, Visit.AddDays(1));
        Claim(person, AsOf.AddDays(1));

        var gaps = Run();

        Assert.Equal(2, gaps.Count);
        Assert.Equal(2, gaps.Select(g => g.Period).Distinct().Count());
    }

    private List<Gap> Run()
    {
        var claims = _claims.Build();
        var result = new ReconciliationEngine(FundClaimRules.Over(claims)).Run(_registries.Build(), new ReconciliationOptions { AsOf = AsOf });
        return [.. result.Gaps];
    }

    private static long Person(int n, DateOnly? birth = null)
    {
        var first17 = $"320102{birth ?? new DateOnly(1970, 1, 1):yyyyMMdd}{n:D3}";
        return ResidentId.Pack(first17 + ResidentId.CheckCharacter(first17));
    }

    private RowOrigin Origin(string feed) => new(_registries.Origin(feed, feed + ".csv"), 1);

    private void Enrolment(long person, DateOnly start, DateOnly? end, EnrolmentStatus status) =>
        _registries.Enrolments.Add(person, new EnrolmentRow(390, 320100, PersonType.Resident, status, Keys.Day(start),
            end is { } e ? Keys.Day(e) : Keys.OpenEnd, 0, Origin("medical-insurance.enrolments")));

    private void Death(long person, DateOnly day) =>
        _registries.Deaths.Add(person, new DeathRow(Keys.Day(day), 320102, Origin("public-security.deaths")));

    private long Claim(long payer, DateOnly visit, long fundFen = 10_000)
    {
        var key = ++_invoice;
        _claims.Add(payer, new FundClaimRow(key, Keys.Day(visit), fundFen, "H32010204712", 320102,
            new RowOrigin(_claims.Origin("finance.invoices", "invoices.ndjson"), (int)(key % 1000))));
        return key;
    }
}
