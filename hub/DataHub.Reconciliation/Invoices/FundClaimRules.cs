using DataHub.Reconciliation.Engine;
using DataHub.Reconciliation.Registries;
using DataHub.Reconciliation.Rules;

namespace DataHub.Reconciliation.Invoices;

/// <summary>
/// The registry cross-checks of medical-fee invoices: signals for review, run with the other gap rules in a
/// reconciliation run (their cases and gap events are of their own kind: rule IDs under <c>fund-paid/</c>).
/// </summary>
public static class FundClaimRules
{
    public const string NotEnrolled = "fund-paid/not-enrolled";
    public const string AfterDeath = "fund-paid/after-death";

    public static IReadOnlyList<string> All { get; } = [NotEnrolled, AfterDeath];

    /// <summary>The rules over these claims, to run beside <see cref="ReconciliationEngine.StandardRules"/>.</summary>
    public static IReadOnlyList<IGapRule> Over(FundClaims claims) => [new FundPaidWhileNotEnrolled(claims), new FundPaidAfterDeath(claims)];

    /// <summary>Whether an enrolment row covered the day: active or since ended (terminated) with the day inside its period; not while suspended.</summary>
    public static bool Covers(in EnrolmentRow row, int day) =>
        row.Status is EnrolmentStatus.Active or EnrolmentStatus.Terminated && row.StartDay <= day && row.EndDay >= day;

    /// <summary>The first registered death of the person before <paramref name="day"/> (row index into the deaths), or -1.</summary>
    public static int DeathBefore(RuleContext context, (int Start, int End) deaths, int day)
    {
        for (var i = deaths.Start; i < deaths.End; i++)
            if (context.Registries.Deaths.Rows[i].DeathDay < day) return i;
        return -1;
    }
}
