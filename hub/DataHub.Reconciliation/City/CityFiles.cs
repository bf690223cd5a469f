using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace DataHub.Reconciliation.City;

/// <summary>What <see cref="CityFiles.Write"/> produced.</summary>
public sealed record CityWriteResult(string Directory, int People, int ExpectedGaps, int Files, long Bytes, TimeSpan Elapsed);

/// <summary>
/// Writes a whole city to a folder: every department feed (see <see cref="CityFeedLayout"/>), the employers,
/// <c>expected-gaps.csv</c> (person, rule, period, match) as ground truth, and <c>city.json</c> (people, seed, as-of day).
/// </summary>
public static class CityFiles
{
    public const string ExpectedGapsFile = "expected-gaps.csv";
    public const string ManifestFile = "city.json";

    public static CityWriteResult Write(CitySettings settings, string directory)
    {
        var watch = Stopwatch.StartNew();
        Directory.CreateDirectory(directory);
        var employers = CityGenerator.EmployerCodes(settings);
        var sink = new CsvCitySink(directory, employers);
        var expected = CityGenerator.Generate(settings, sink.ForChunk);
        using (var writer = sink.Open(CityFeedLayout.Employers, "employers.csv"))
        {
            var geography = new CityGeography(employers.Count);
            for (var i = 0; i < employers.Count; i++)
                writer.WriteLine($"{employers[i]},城市企业{i + 1}有限公司,{geography.EmployerCounty(i)},正常,2010-01-01,,C{i % 40 + 13},");
        }
        using (var writer = new StreamWriter(Path.Combine(directory, ExpectedGapsFile), false, new UTF8Encoding(false)) { NewLine = "\n" })
        {
            writer.WriteLine("person,rule,period,match");
            foreach (var gap in expected) writer.WriteLine($"{gap.Person},{gap.Rule},{gap.Period},{gap.Match}");
        }
        File.WriteAllText(Path.Combine(directory, ManifestFile), JsonSerializer.Serialize(new CityManifest(settings.People, settings.Seed,
            settings.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), settings.SchoolYear), new JsonSerializerOptions { WriteIndented = true }));
        var files = Directory.GetFiles(directory, "*", SearchOption.AllDirectories);
        return new CityWriteResult(directory, settings.People, expected.Count, files.Length, files.Sum(f => new FileInfo(f).Length), watch.Elapsed);
    }

    public static CityManifest ReadManifest(string directory) =>
        JsonSerializer.Deserialize<CityManifest>(File.ReadAllText(Path.Combine(directory, ManifestFile)))
        ?? throw new InvalidDataException($"{ManifestFile} in {directory} is empty");

    public static IReadOnlyList<ExpectedGap> ReadExpected(string directory) =>
        File.ReadLines(Path.Combine(directory, ExpectedGapsFile)).Skip(1).Where(l => l.Length > 0).Select(l =>
        {
            var parts = l.Split(',');
            return new ExpectedGap(parts[0], parts[1], parts.Length > 2 ? parts[2] : "", parts.Length > 3 ? parts[3] : "id");
        }).ToList();
}

/// <summary>city.json: how the city was made, and the day it is judged on.</summary>
public sealed record CityManifest(int People, int Seed, string AsOf, string SchoolYear)
{
    public DateOnly AsOfDate => DateOnly.ParseExact(AsOf, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
