using DataHub.Reconciliation.Registries;
using DataHub.Schemas.Identity;
using DataHub.Schemas.Reference;

namespace DataHub.Reconciliation.Engine;

/// <summary>What every rule reads: the registries, the resolved settings, and the shared lookups.</summary>
public sealed class RuleContext
{
    // Pooling-area text by division / 100, filled as gaps are rendered (a race only writes equal strings).
    private static readonly string?[] RegionTexts = new string?[10_000];
    // Evidence notes repeat across gaps ("job ended", "self-paid 390 contribution for 202610"): one string each.
    private readonly SharedText _notes = new(10_000);

    public RuleContext(RegistrySet registries, ReconciliationOptions options, WorkingDayCalendar calendar)
    {
        Registries = registries;
        Options = options;
        Calendar = calendar;
        AsOf = options.ResolveAsOf();
        AsOfDay = Keys.Day(AsOf);
        Year = options.ResolveYear();
        YearStartDay = Keys.Day(new DateOnly(Year, 1, 1));
        SchoolYear = options.ResolveSchoolYear();
        YearText = Year.ToString(System.Globalization.CultureInfo.InvariantCulture);
        AsOfText = Keys.DateText(AsOfDay);
        var deaths = registries.Deaths;
        var deceased = new List<long>(deaths.Count);
        for (var i = 0; i < deaths.Count; i++)
            if (deaths.Rows[i].DeathDay <= AsOfDay) deceased.Add(deaths.Keys[i]);
        Deceased = new SortedKeySet(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(deceased));
        Children = new ChildMatcher(registries);
    }

    public RegistrySet Registries { get; }
    public ReconciliationOptions Options { get; }
    public WorkingDayCalendar Calendar { get; }
    public DateOnly AsOf { get; }
    public int AsOfDay { get; }
    public int Year { get; }
    public int YearStartDay { get; }
    public string SchoolYear { get; }
    /// <summary><see cref="Year"/> and <see cref="AsOf"/> as the gaps print them (yyyy, yyyy-MM-dd).</summary>
    public string YearText { get; }
    public string AsOfText { get; }
    /// <summary>People with a death registered on or before AsOf, sorted: rules walking in key order probe it with <see cref="SortedKeySet.Cursor"/>.</summary>
    public SortedKeySet Deceased { get; }
    public ChildMatcher Children { get; }

    /// <summary>Whether a death on or before AsOf is registered (the deceased rule covers them; other rules skip them).</summary>
    public bool IsDeceased(long key) => Deceased.Contains(key);

    public static string PersonText(long key) => ResidentId.Unpack(key);

    /// <summary>The pooling area (prefecture) of a division code.</summary>
    public static string Region(int division)
    {
        var prefix = division / 100;
        if ((uint)prefix >= RegionTexts.Length) return (prefix * 100).ToString("D6");
        return RegionTexts[prefix] ??= (prefix * 100).ToString("D6");
    }

    public GapEvidence Evidence(RowOrigin origin, int? day, string note)
    {
        note = _notes.Share(note);
        var source = Registries.Origins.Count > origin.Source ? Registries.Origins[origin.Source] : new SourceOrigin("?", "?");
        return new GapEvidence(source.Feed, source.Source, origin.Line, day is { } d && d != Keys.OpenEnd ? Keys.Date(d) : null, note);
    }

    /// <summary>Whether any of the rows is an enrolment active on <paramref name="day"/>.</summary>
    public static bool AnyActiveOn(KeyedTable<EnrolmentRow> table, (int Start, int End) range, int day)
    {
        for (var i = range.Start; i < range.End; i++)
            if (table.Rows[i].ActiveOn(day)) return true;
        return false;
    }
}
