using System.Collections.Concurrent;
using DataHub.Reconciliation.City;
using DataHub.Reconciliation.Registries;

namespace DataHub.Tests.Reconciliation;

/// <summary>
/// A generated city happens before its as-of day: no department records an event after it, or feeds whose dates must
/// be in the past would dead-letter rows of a city generated on the default as-of day and run a little later.
/// </summary>
public sealed class CityChronologyTests
{
    [Theory]
    [InlineData(20_000, 7)]
    [InlineData(60_000, 3)]
    public void No_event_of_a_generated_city_is_dated_after_its_as_of_day(int people, int seed)
    {
        var settings = new CitySettings(people, seed, CitySettings.DefaultAsOf) { ChunkSize = 10_000 };
        var asOf = Keys.Day(settings.AsOf);
        var late = new ConcurrentBag<string>();

        CityGenerator.Generate(settings, _ => new LateEvents(asOf, late));

        Assert.True(late.IsEmpty, $"{late.Count} events after {settings.AsOf:yyyy-MM-dd}, e.g. {string.Join("; ", late.Take(5))}");
    }

    private sealed class LateEvents(int asOf, ConcurrentBag<string> late) : ICitySink
    {
        private void Check(string what, int day)
        {
            if (day > asOf) late.Add($"{what} on {Keys.Date(day):yyyy-MM-dd}");
        }

        public void Birth(in CityBirth r) { Check("birth", r.Child.BirthDay); Check("birth registered", r.RegisteredDay); }
        public void Death(in CityDeath r) { Check("death", r.DeathDay); Check("death registered", r.CancelledDay); }
        public void Move(in CityMove r) { Check("move", r.MoveDay); Check("move registered", r.RegisteredDay); }
        public void Membership(in CityMembership r) => Check("membership from", r.FromDay);
        public void Contribution(in CityContribution r) => Check("contribution paid", r.PaidDay);
        public void Job(in CityJob r) { Check(r.IsStart ? "job start" : $"job end ({r.Reason})", r.Day); Check("job recorded", r.RecordedDay); }
        public void Student(in CityStudent r) => Check("roster", r.RosterDay);
        public void Enrolment(in CityEnrolment r) => Check("enrolment start", r.StartDay);
        public void Transfer(in CityTransfer r) => Check("transfer applied", r.AppliedDay);
        public void Dispose() { }
    }
}
