using System.Globalization;
using System.Text.Json;
using DataHub.Hub.ScaleOut;
using DataHub.Reconciliation.Registries;
using DataHub.Schemas.Topics;

namespace DataHub.Hub.Reconciliation;

/// <summary>
/// Loads the materialised registries from the store into the engine's columnar tables (resident IDs packed
/// into longs), keeping each row's feed, source file and line for evidence: every row, or an instance's share
/// (<see cref="RegistrySlice"/>).
/// </summary>
public static class StoreRegistryLoader
{
    public static RegistrySet Load(IRegistryStore store, ReconcileScope? scope = null)
    {
        var b = new RegistrySetBuilder();
        foreach (var r in store.Read(TopicCatalog.Births, scope))
        {
            var p = Parse(r);
            b.Births.Add(Keys.Person(p.S("residentId")), new BirthRow(Keys.Person(p.S("motherId")), Keys.Person(p.S("fatherId")), p.Day("birthDate"),
                Sex(p.S("sex")), Keys.Certificate(p.S("birthCertificateNo")), p.S("name"), p.Int("householdDivision"), Origin(b, r)));
        }
        foreach (var r in store.Read(TopicCatalog.Deaths, scope))
        {
            var p = Parse(r);
            // The deaths feed also lists household registrations cancelled for other reasons (注销原因 其他): not deaths.
            if (p.S("reason") == "other") continue;
            b.Deaths.Add(Keys.Person(p.S("residentId")), new DeathRow(p.Day("deathDate"), p.Int("householdDivision"), Origin(b, r)));
        }
        foreach (var r in store.Read(TopicCatalog.Enrolments, scope))
        {
            var p = Parse(r);
            b.Enrolments.Add(Keys.Person(p.S("residentId")), new EnrolmentRow(short.Parse(p.S("scheme")!), p.Int("poolingArea"),
                RegistryCodes.PersonType(p.S("personType")!), RegistryCodes.Status(p.S("status")!), p.Day("startDate"),
                p.S("endDate") is null ? Keys.OpenEnd : p.Day("endDate"), Keys.Certificate(p.S("birthCertificateNo")), Origin(b, r)));
        }
        foreach (var r in store.Read(TopicCatalog.TaxContributions, scope))
        {
            var p = Parse(r);
            b.Contributions.Add(Keys.Person(p.S("residentId")), new ContributionRow(short.Parse(p.S("scheme")!), p.S("payerType") == "person",
                p.Int("period"), p.Day("paidDate"), p.Int("poolingArea"), Origin(b, r)));
        }
        foreach (var r in store.Read(TopicCatalog.JobEvents, scope))
        {
            var p = Parse(r);
            b.Jobs.Add(Keys.Person(p.S("residentId")), new JobRow(p.S("event") == "start", p.Day("eventDate"), p.Int("poolingArea"), Origin(b, r)));
        }
        foreach (var r in store.Read(TopicCatalog.AssistanceMemberships, scope))
        {
            var p = Parse(r);
            b.Memberships.Add(Keys.Person(p.S("residentId")), new MembershipRow(RegistryCodes.Group(p.S("group")!), p.Day("fromDate"),
                p.S("toDate") is null ? Keys.OpenEnd : p.Day("toDate"), p.Int("division"), Origin(b, r)));
        }
        foreach (var r in store.Read(TopicCatalog.StudentEnrolments, scope))
        {
            var p = Parse(r);
            b.Students.Add(Keys.Person(p.S("studentId")), new StudentRow(Keys.Person(p.S("guardianId")), p.Day("birthDate"), Sex(p.S("sex")),
                p.S("name") ?? "", p.S("schoolYear")!, p.Int("schoolDivision"), Origin(b, r)));
        }
        foreach (var r in store.Read(TopicCatalog.Transfers, scope))
        {
            var p = Parse(r);
            b.Transfers.Add(Keys.Person(p.S("residentId")), new TransferRow(p.S("transferId")!, short.Parse(p.S("scheme")!), p.Int("fromPoolingArea"),
                p.Int("toPoolingArea"), RegistryCodes.Transfer(p.S("status")!), p.Day("appliedDate"),
                p.S("completedDate") is null ? Keys.OpenEnd : p.Day("completedDate"), Origin(b, r)));
        }
        return b.Build();
    }

    private static RowOrigin Origin(RegistrySetBuilder b, StoredRecord r) =>
        new(b.Origin(r.Feed ?? "?", r.Source ?? "?"), (int)Math.Min(r.Line, int.MaxValue));

    private static byte Sex(string? code) => code is "1" ? (byte)1 : code is "2" ? (byte)2 : (byte)9;

    private static Payload Parse(StoredRecord r) => new(JsonSerializer.Deserialize<Dictionary<string, string?>>(r.Payload) ?? []);

    private readonly record struct Payload(Dictionary<string, string?> Values)
    {
        public string? S(string field) => Values.TryGetValue(field, out var v) && !string.IsNullOrEmpty(v) ? v : null;
        public int Int(string field) => int.Parse(S(field) ?? "0", CultureInfo.InvariantCulture);
        public int Day(string field) => Keys.Day(DateOnly.ParseExact(S(field) ?? throw new InvalidDataException($"stored record lacks {field}"), "yyyy-MM-dd", CultureInfo.InvariantCulture));
    }
}
