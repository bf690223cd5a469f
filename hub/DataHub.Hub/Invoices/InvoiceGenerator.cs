using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using DataHub.Connectors.Invoices;
using DataHub.Schemas.Identity;

namespace DataHub.Hub.Invoices;

/// <summary>
/// Makes valid synthetic e-invoices (deterministic per seed) in the documented layout, so anyone can
/// produce test files (`datahub invoices generate`) and the benchmark has input.
/// </summary>
public sealed class InvoiceGenerator(int seed)
{
    // Codes from the shipped sample code tables (schemas/samples/codes).
    private static readonly (string Type, string Code, string Name, decimal Price)[] Catalogue =
    [
        ("service-item", "001101000010000", "普通门诊诊查费", 10m),
        ("service-item", "001102000010000", "主任医师门诊诊查费", 30m),
        ("drug", "XA01ABD075A002010100483", "地喹氯铵含片", 0.3125m),
        ("drug", "XA10BAE010A001010104381", "二甲双胍片", 0.4567m),
        ("consumable", "C02010101300000700000000123", "一次性使用无菌注射器", 1.2m),
    ];

    private static readonly (string Code, string Credit)[] Institutions =
    [
        ("H32010204712", "12320102799903892T"),
        ("H32010409814", "12320104474535986Y"),
    ];

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly Random _random = new(seed);
    private long _number = seed * 1_000_000L;

    public Invoice Issued(int items = 10)
    {
        var (institution, credit) = Institutions[_random.Next(Institutions.Length)];
        var lines = Enumerable.Range(0, items).Select(_ =>
        {
            var (type, code, name, price) = Catalogue[_random.Next(Catalogue.Length)];
            var quantity = _random.Next(1, 20);
            return new InvoiceItem { ItemType = type, Code = code, Name = name, Quantity = quantity, UnitPrice = price, Amount = Math.Round(quantity * price, 2, MidpointRounding.AwayFromZero) };
        }).ToList();
        var total = lines.Sum(l => l.Amount);
        var fund = Math.Round(total * 0.6m, 2);
        var account = Math.Round(total * 0.1m, 2);
        var day = new DateOnly(2026, 1, 1).AddDays(_random.Next(0, 300));
        return new Invoice
        {
            InvoiceCode = "32010126",
            InvoiceNumber = (++_number % 10_000_000_000L).ToString("D10", CultureInfo.InvariantCulture),
            CheckCode = _random.Next(0, 1 << 24).ToString("X6", CultureInfo.InvariantCulture),
            IssueDate = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            InstitutionCode = institution,
            InstitutionCreditCode = credit,
            Payer = new InvoicePayer { Name = "王" + (char)('一' + _random.Next(0, 2000)), ResidentId = Person() },
            VisitType = _random.Next(4) == 0 ? "inpatient" : "outpatient",
            TotalAmount = total, FundPaid = fund, AccountPaid = account, PersonalPaid = total - fund - account,
            Items = lines,
            IssuedAt = $"{day:yyyy-MM-dd}T10:{_random.Next(60):D2}:00",
        };
    }

    /// <summary>The red-letter invoice that voids <paramref name="original"/>: every amount negated.</summary>
    public Invoice VoidOf(Invoice original) => new()
    {
        Kind = InvoiceKind.Void,
        InvoiceCode = original.InvoiceCode,
        InvoiceNumber = (++_number % 10_000_000_000L).ToString("D10", CultureInfo.InvariantCulture),
        CheckCode = _random.Next(0, 1 << 24).ToString("X6", CultureInfo.InvariantCulture),
        IssueDate = original.IssueDate,
        InstitutionCode = original.InstitutionCode,
        InstitutionCreditCode = original.InstitutionCreditCode,
        Payer = original.Payer,
        VisitType = original.VisitType,
        TotalAmount = -original.TotalAmount, FundPaid = -original.FundPaid, AccountPaid = -original.AccountPaid, PersonalPaid = -original.PersonalPaid,
        Items = original.Items.Select(i => new InvoiceItem { ItemType = i.ItemType, Code = i.Code, Name = i.Name, Quantity = -i.Quantity, UnitPrice = i.UnitPrice, Amount = -i.Amount }).ToList(),
        Original = new InvoiceReference { InvoiceCode = original.InvoiceCode, InvoiceNumber = original.InvoiceNumber },
        Reason = "退费",
        IssuedAt = original.IssuedAt,
    };

    private string Person()
    {
        var birth = new DateOnly(1950, 1, 1).AddDays(_random.Next(0, 25000));
        var first17 = $"320102{birth:yyyyMMdd}{_random.Next(0, 1000):D3}";
        return first17 + ResidentId.CheckCharacter(first17);
    }

    /// <summary>Writes invoices as NDJSON (one per line), streaming.</summary>
    public static void WriteNdjson(string path, IEnumerable<Invoice> invoices)
    {
        using var writer = new StreamWriter(path, false, new System.Text.UTF8Encoding(false), 1 << 16);
        foreach (var invoice in invoices) writer.WriteLine(JsonSerializer.Serialize(invoice, Json));
    }

    /// <summary>Writes invoices in the XML layout (&lt;invoices&gt;&lt;invoice&gt;…, <see cref="InvoiceXmlLayout"/>), streaming.</summary>
    public static void WriteXml(string path, IEnumerable<Invoice> invoices)
    {
        var settings = new System.Xml.XmlWriterSettings { Encoding = new System.Text.UTF8Encoding(false), Indent = true };
        using var writer = System.Xml.XmlWriter.Create(path, settings);
        writer.WriteStartElement("invoices");
        var none = new System.Xml.Serialization.XmlSerializerNamespaces([System.Xml.XmlQualifiedName.Empty]);
        foreach (var invoice in invoices) InvoiceXmlLayout.Serializer.Serialize(writer, invoice, none);
        writer.WriteEndElement();
    }

    /// <summary>Writes invoices as XML for a .xml path, else as NDJSON.</summary>
    public static void Write(string path, IEnumerable<Invoice> invoices)
    {
        if (Path.GetExtension(path).Equals(".xml", StringComparison.OrdinalIgnoreCase)) WriteXml(path, invoices);
        else WriteNdjson(path, invoices);
    }
}
