using Avro;

namespace DataHub.Schemas.Avro.Compatibility;

/// <summary>
/// Walks a reader and a writer schema side by side and records every place where the reader could
/// not decode the writer's data, following the schema-resolution rules of the Avro specification
/// ("Schema Resolution"). Messages always describe the change from the old schema to the new one;
/// <c>readerIsNew</c> says which side is which (true for a BACKWARD check, false for FORWARD).
/// </summary>
internal sealed class SchemaResolutionChecker
{
    private readonly bool _readerIsNew;
    private readonly List<string> _messages = [];
    // Named-type pairs being checked further up: a recursive type meeting itself again is assumed
    // compatible there (its fields are being checked already), which stops the walk from looping.
    private readonly HashSet<(string Reader, string Writer)> _inProgress;

    private SchemaResolutionChecker(bool readerIsNew, HashSet<(string, string)> inProgress)
    {
        _readerIsNew = readerIsNew;
        _inProgress = inProgress;
    }

    public static IReadOnlyList<string> Check(Schema reader, Schema writer, bool readerIsNew)
    {
        var checker = new SchemaResolutionChecker(readerIsNew, []);
        checker.Visit(reader, writer, path: "");
        return checker._messages.Distinct().ToList(); // a named type used twice is reported once
    }

    /// <summary>A silent check (for choosing union branches) that shares the recursion guard.</summary>
    private bool CanRead(Schema reader, Schema writer)
    {
        var sub = new SchemaResolutionChecker(readerIsNew: true, [.. _inProgress]);
        sub.Visit(reader, writer, path: "");
        return sub._messages.Count == 0;
    }

    private void VisitNamed<T>(T reader, T writer, string path, Action<T, T> visit) where T : NamedSchema
    {
        if (!NamesMatch(reader, writer, path) || !_inProgress.Add((reader.Fullname, writer.Fullname))) return;
        visit(reader, writer);
        _inProgress.Remove((reader.Fullname, writer.Fullname));
    }

    private void Visit(Schema reader, Schema writer, string path)
    {
        // Logical types do not take part in resolution: the underlying types are resolved.
        if (reader is LogicalSchema readerLogical) reader = readerLogical.BaseSchema;
        if (writer is LogicalSchema writerLogical) writer = writerLogical.BaseSchema;

        if (writer is UnionSchema writerUnion)
        {
            VisitWriterUnion(reader, writerUnion, path);
            return;
        }
        if (reader is UnionSchema readerUnion)
        {
            // The first reader branch that can read the writer's type is used.
            if (!readerUnion.Schemas.Any(branch => CanRead(branch, writer))) Mismatch(reader, writer, path);
            return;
        }

        switch (reader, writer)
        {
            case (RecordSchema r, RecordSchema w):
                VisitNamed(r, w, path, VisitRecord);
                break;
            case (EnumSchema r, EnumSchema w):
                VisitNamed(r, w, path, (re, we) => VisitEnum(re, we, path));
                break;
            case (FixedSchema r, FixedSchema w):
                if (NamesMatch(r, w, path) && r.Size != w.Size)
                {
                    var (oldSize, newSize) = OldNew(r.Size, w.Size);
                    Add(path, $"fixed {r.Fullname} size changed from {oldSize} to {newSize}");
                }
                break;
            case (ArraySchema r, ArraySchema w):
                Visit(r.ItemSchema, w.ItemSchema, path + "[]");
                break;
            case (MapSchema r, MapSchema w):
                Visit(r.ValueSchema, w.ValueSchema, path + "{}");
                break;
            case (PrimitiveSchema r, PrimitiveSchema w):
                if (!Promotes(w.Tag, r.Tag)) Mismatch(reader, writer, path);
                break;
            default:
                Mismatch(reader, writer, path);
                break;
        }
    }

    private void VisitWriterUnion(Schema reader, UnionSchema writer, string path)
    {
        // Data written with a union may be any of its branches, so each must be readable.
        foreach (var branch in writer.Schemas)
        {
            if (reader is UnionSchema)
            {
                if (CanRead(reader, branch)) continue;
                Add(path, _readerIsNew
                    ? $"union branch {Describe(branch)} was removed (the new type {Describe(reader)} cannot read it)"
                    : $"union branch {Describe(branch)} was added (the old type {Describe(reader)} cannot read it)");
            }
            else
            {
                Visit(reader, branch, path);
            }
        }
    }

    private void VisitRecord(RecordSchema reader, RecordSchema writer)
    {
        foreach (var readerField in reader.Fields)
        {
            var fieldPath = $"{reader.Fullname}.{readerField.Name}";
            var writerField = FindWriterField(readerField, writer);
            if (writerField is not null)
            {
                Visit(readerField.Schema, writerField.Schema, fieldPath);
            }
            else if (readerField.DefaultValue is null)
            {
                _messages.Add(_readerIsNew
                    ? $"field '{fieldPath}' was added without a default"
                    : $"field '{fieldPath}' was removed, and the old schema has no default for it");
            }
        }
        // Writer fields the reader does not have are skipped when reading: always fine.
    }

    private static Field? FindWriterField(Field readerField, RecordSchema writer)
    {
        if (writer.TryGetField(readerField.Name, out var byName)) return byName;
        foreach (var alias in readerField.Aliases ?? [])
        {
            if (writer.TryGetField(alias, out var byAlias)) return byAlias;
        }
        return null;
    }

    private void VisitEnum(EnumSchema reader, EnumSchema writer, string path)
    {
        if (reader.Default is not null) return; // unknown symbols resolve to the reader's default
        var readerSymbols = reader.Symbols.ToHashSet(StringComparer.Ordinal);
        foreach (var symbol in writer.Symbols.Where(s => !readerSymbols.Contains(s)))
        {
            Add(path, _readerIsNew
                ? $"enum {reader.Fullname} symbol '{symbol}' was removed and the new enum has no default"
                : $"enum {reader.Fullname} symbol '{symbol}' was added and the old enum has no default");
        }
    }

    /// <summary>Named types resolve when the unqualified names match or a reader alias names the writer.</summary>
    private bool NamesMatch(NamedSchema reader, NamedSchema writer, string path)
    {
        if (reader.Name == writer.Name || NamedSchemaAliases.Contains(reader, writer)) return true;
        var (oldName, newName) = OldNew(reader.Fullname, writer.Fullname);
        Add(path, $"type name changed from {oldName} to {newName}");
        return false;
    }

    /// <summary>The promotions the specification allows, writer type to reader type.</summary>
    private static bool Promotes(Schema.Type writer, Schema.Type reader) => writer == reader || (writer, reader) switch
    {
        (Schema.Type.Int, Schema.Type.Long or Schema.Type.Float or Schema.Type.Double) => true,
        (Schema.Type.Long, Schema.Type.Float or Schema.Type.Double) => true,
        (Schema.Type.Float, Schema.Type.Double) => true,
        (Schema.Type.String, Schema.Type.Bytes) or (Schema.Type.Bytes, Schema.Type.String) => true,
        _ => false,
    };

    private void Mismatch(Schema reader, Schema writer, string path)
    {
        var (oldType, newType) = OldNew(Describe(reader), Describe(writer));
        Add(path, $"type changed from {oldType} to {newType}");
    }

    /// <summary>Orders a (reader, writer) pair as (old, new).</summary>
    private (T Old, T New) OldNew<T>(T reader, T writer) => _readerIsNew ? (writer, reader) : (reader, writer);

    private void Add(string path, string problem) =>
        _messages.Add(path.Length == 0 ? $"schema: {problem}" : $"field '{path}': {problem}");

    internal static string Describe(Schema schema) => schema switch
    {
        LogicalSchema l => $"{Describe(l.BaseSchema)} ({l.LogicalTypeName})",
        NamedSchema n => n.Fullname,
        ArraySchema a => $"array<{Describe(a.ItemSchema)}>",
        MapSchema m => $"map<{Describe(m.ValueSchema)}>",
        UnionSchema u => "[" + string.Join(", ", u.Schemas.Select(Describe)) + "]",
        _ => schema.Name,
    };
}
