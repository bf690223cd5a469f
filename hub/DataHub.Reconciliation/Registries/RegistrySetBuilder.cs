namespace DataHub.Reconciliation.Registries;

/// <summary>Collects rows of every source in any order (from topics, the store or the city generator), then builds a <see cref="RegistrySet"/>.</summary>
public sealed class RegistrySetBuilder(int expectedPeople = 1024)
{
    private readonly List<SourceOrigin> _origins = [];
    private readonly Dictionary<SourceOrigin, int> _originIndex = [];

    public KeyedTableBuilder<BirthRow> Births { get; } = new(expectedPeople / 8);
    public KeyedTableBuilder<DeathRow> Deaths { get; } = new(expectedPeople / 64);
    public KeyedTableBuilder<EnrolmentRow> Enrolments { get; } = new(expectedPeople * 2);
    public KeyedTableBuilder<ContributionRow> Contributions { get; } = new(expectedPeople);
    public KeyedTableBuilder<JobRow> Jobs { get; } = new(expectedPeople / 2);
    public KeyedTableBuilder<MembershipRow> Memberships { get; } = new(expectedPeople / 16);
    public KeyedTableBuilder<StudentRow> Students { get; } = new(expectedPeople / 6);
    public KeyedTableBuilder<TransferRow> Transfers { get; } = new(expectedPeople / 32);

    /// <summary>The index of a feed's source file, for <see cref="RowOrigin"/>.</summary>
    public int Origin(string feed, string source)
    {
        var origin = new SourceOrigin(feed, source);
        lock (_origins)
        {
            if (_originIndex.TryGetValue(origin, out var index)) return index;
            _origins.Add(origin);
            return _originIndex[origin] = _origins.Count - 1;
        }
    }

    public RegistrySet Build()
    {
        var births = Births.Build();
        var enrolments = Enrolments.Build();
        var students = Students.Build();
        ShareRepeatedText(births, students);
        return new RegistrySet
        {
            Origins = _origins.ToArray(),
            Births = births,
            Deaths = Deaths.Build(),
            Enrolments = enrolments,
            Contributions = Contributions.Build(),
            Jobs = Jobs.Build(),
            Memberships = Memberships.Build(),
            Students = students,
            Transfers = Transfers.Build(),
            EnrolmentsByCertificate = IndexEnrolmentsByCertificate(enrolments),
            BirthsByCertificate = IndexBirthsByCertificate(births),
            BirthsByParent = IndexBirthsByParent(births),
        };
    }

    /// <summary>
    /// One string instance per distinct school year and name: every roster row otherwise carries its own copy,
    /// and the student rule compares the school year of every row (a shared, cached string is compared by reference).
    /// </summary>
    private static void ShareRepeatedText(KeyedTable<BirthRow> births, KeyedTable<StudentRow> students)
    {
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        string? Share(string? text)
        {
            if (text is null) return null;
            if (!texts.TryGetValue(text, out var shared)) texts[text] = shared = text;
            return shared;
        }
        for (var i = 0; i < students.Count; i++)
        {
            ref var row = ref students.Rows[i];
            row.SchoolYear = Share(row.SchoolYear)!;
            row.Name = Share(row.Name)!;
        }
        for (var i = 0; i < births.Count; i++) births.Rows[i].Name = Share(births.Rows[i].Name);
    }

    private static Dictionary<long, int[]> IndexEnrolmentsByCertificate(KeyedTable<EnrolmentRow> table)
    {
        var index = new Dictionary<long, List<int>>();
        for (var i = 0; i < table.Count; i++)
        {
            var certificate = table.Rows[i].Certificate;
            if (certificate == 0) continue;
            if (!index.TryGetValue(certificate, out var rows)) index[certificate] = rows = [];
            rows.Add(i);
        }
        return index.ToDictionary(p => p.Key, p => p.Value.ToArray());
    }

    private static Dictionary<long, int> IndexBirthsByCertificate(KeyedTable<BirthRow> table)
    {
        var index = new Dictionary<long, int>();
        for (var i = 0; i < table.Count; i++)
            if (table.Keys[i] != 0 && table.Rows[i].Certificate != 0) index.TryAdd(table.Rows[i].Certificate, i);
        return index;
    }

    private static Dictionary<ParentKey, int[]> IndexBirthsByParent(KeyedTable<BirthRow> table)
    {
        var index = new Dictionary<ParentKey, List<int>>();
        for (var i = 0; i < table.Count; i++)
        {
            if (table.Keys[i] == 0) continue;
            var row = table.Rows[i];
            foreach (var parent in new[] { row.MotherKey, row.FatherKey })
            {
                if (parent == 0) continue;
                var key = new ParentKey(parent, row.BirthDay, row.Sex);
                if (!index.TryGetValue(key, out var rows)) index[key] = rows = [];
                rows.Add(i);
            }
        }
        return index.ToDictionary(p => p.Key, p => p.Value.ToArray());
    }
}
