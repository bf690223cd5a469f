namespace DataHub.Reconciliation.Engine;

/// <summary>
/// Settings of a reconciliation run, bound from the configuration section <c>Reconciliation</c>
/// (e.g. DATAHUB__Reconciliation__NewbornGraceDays=60). Regions differ: every grace and deadline is here.
/// </summary>
public sealed class ReconciliationOptions
{
    public const string Section = "Reconciliation";

    /// <summary>The day the registries are judged on (default: today, China time).</summary>
    public DateOnly? AsOf { get; set; }

    /// <summary>The coverage year (default: the year of <see cref="AsOf"/>).</summary>
    public int? Year { get; set; }

    /// <summary>The school year whose rosters count, e.g. 2026-2027 (default: from September of AsOf's year).</summary>
    public string? SchoolYear { get; set; }

    /// <summary>A newborn enrolled within this many days of birth is covered from birth (新生儿参保宽限期).</summary>
    public int NewbornGraceDays { get; set; } = 90;

    /// <summary>Births older than this are left to the other rules.</summary>
    public int NewbornLookbackDays { get; set; } = 365;

    /// <summary>Months after a job ends within which a new job, flexible contributions or resident enrolment must follow (断保宽限期).</summary>
    public int LapseGraceMonths { get; set; } = 3;

    /// <summary>Job ends older than this are not reported as lapses.</summary>
    public int LapseLookbackMonths { get; set; } = 24;

    /// <summary>Contributions for periods within this many months before AsOf's month need an active enrolment.</summary>
    public int ContributionLookbackMonths { get; set; } = 3;

    /// <summary>Working days a transfer between pooling areas may take (15 in 003/004; 20 nationally in 001).</summary>
    public int TransferWorkingDays { get; set; } = 15;

    /// <summary>Days after 1 January before a resident enrolment not renewed counts (regions extend the payment period).</summary>
    public int RenewalGraceDays { get; set; }

    /// <summary>Days after a death before a still-active enrolment counts (registries need time to catch up).</summary>
    public int DeathGraceDays { get; set; } = 30;

    /// <summary>Invoices with a fund payment for visits within this many days before AsOf are cross-checked against enrolment and deaths.</summary>
    public int FundClaimLookbackDays { get; set; } = 365;

    public DateOnly ResolveAsOf() => AsOf ?? DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    public int ResolveYear() => Year ?? ResolveAsOf().Year;

    public string ResolveSchoolYear()
    {
        if (!string.IsNullOrWhiteSpace(SchoolYear)) return SchoolYear!;
        var asOf = ResolveAsOf();
        var first = asOf.Month >= 9 ? asOf.Year : asOf.Year - 1;
        return $"{first}-{first + 1}";
    }
}
