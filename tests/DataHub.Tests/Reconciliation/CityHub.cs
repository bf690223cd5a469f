using DataHub.Hub.Reconciliation;
using DataHub.Reconciliation.City;
using DataHub.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace DataHub.Tests.Reconciliation;

/// <summary>A generated city in a temp folder and a hub to run it on.</summary>
internal static class CityHub
{
    public static string Generate(HubHarness hub, int people, int seed)
    {
        var dir = Path.Combine(hub.Directory, $"city-{seed}");
        CityFiles.Write(new CitySettings(people, seed, CitySettings.DefaultAsOf), dir);
        return dir;
    }

    public static ReconciliationRunner Runner(HubHarness hub) =>
        new(hub.Runtime.Kafka, hub.Runtime.Registry, hub.Runtime.Database, NullLoggerFactory.Instance);

    public static string FeedsDirectory => Path.Combine(AppContext.BaseDirectory, "feeds");
}
