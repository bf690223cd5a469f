using System.Text;
using System.Text.Json;
using DataHub.Connectors.Invoices;
using DataHub.Hub.Invoices;

namespace DataHub.Tests.Invoices;

/// <summary>The streaming invoice readers: NDJSON, JSON arrays and XML read the same invoices; bad ones are named and skipped.</summary>
public sealed class InvoiceReaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("datahub-invoice-reader-").FullName;

    [Fact]
    public void Ndjson_a_json_array_larger_than_the_read_buffer_and_xml_give_the_same_invoices()
    {
        var generator = new InvoiceGenerator(41);
        var invoices = Enumerable.Range(0, 900).Select(_ => generator.Issued()).ToList();
        invoices.Add(generator.VoidOf(invoices[3]));
        invoices[5].VisitDate = invoices[5].IssueDate;
        var ndjson = Write("all.ndjson", string.Join("\n", invoices.Select(i => JsonSerializer.Serialize(i, InvoiceGenerator.Json))));
        var array = Write("all.json", JsonSerializer.Serialize(invoices, InvoiceGenerator.Json));
        Assert.True(new FileInfo(array).Length > 1 << 20, "the array must be larger than the reader's 1 MiB window, so elements straddle refills");
        var xml = Path.Combine(_dir, "all.xml");
        InvoiceGenerator.WriteXml(xml, invoices);

        var expected = invoices.Select(Canonical).ToList();
        foreach (var file in new[] { ndjson, array, xml })
        {
            var reads = InvoiceFileReader.Read(file).ToList();
            Assert.All(reads, r => Assert.Null(r.Problem));
            Assert.Equal(expected, reads.Select(r => Canonical(r.Invoice!)));
            Assert.Equal(Enumerable.Range(1, invoices.Count).Select(i => (long)i), reads.Select(r => r.Index));
        }
    }

    [Fact]
    public void A_value_of_the_wrong_kind_names_its_field_and_the_next_invoice_is_still_read()
    {
        var generator = new InvoiceGenerator(42);
        var (a, b) = (Json(generator.Issued(items: 2)), Json(generator.Issued(items: 2)));
        var bad = a.Replace("\"quantity\":", "\"quantity\":\"a lot\",\"was\":", StringComparison.Ordinal);
        var ndjson = InvoiceFileReader.Read(Write("bad.ndjson", bad + "\n" + b)).ToList();
        var array = InvoiceFileReader.Read(Write("bad.json", $"[{bad},{b}]")).ToList();
        var xml = InvoiceFileReader.Read(Write("bad.xml", "<invoices><invoice><invoiceCode>32010126</invoiceCode><totalAmount>12,5 yuan</totalAmount></invoice>"
            + InvoiceXml.Element(generator.Issued(items: 2)) + "</invoices>")).ToList();

        foreach (var (reads, field) in new[] { (ndjson, "items[1].quantity"), (array, "items[1].quantity"), (xml, "totalAmount") })
        {
            Assert.Equal(2, reads.Count);
            Assert.Equal(field, reads[0].Field);
            Assert.Contains("is not a number", reads[0].Problem);
            Assert.NotNull(reads[1].Invoice);
        }
    }

    [Fact]
    public void Broken_json_ends_an_array_file_with_where_it_broke_but_only_its_line_in_ndjson()
    {
        var generator = new InvoiceGenerator(43);
        var (a, b) = (Json(generator.Issued(items: 1)), Json(generator.Issued(items: 1)));
        var array = InvoiceFileReader.Read(Write("broken.json", $"[{a},{{\"invoiceCode\": 3201,,}},{b}]")).ToList();
        var ndjson = InvoiceFileReader.Read(Write("broken.ndjson", $"{a}\n{{\"invoiceCode\": \n{b}\n\nnull\n")).ToList();

        Assert.Equal(2, array.Count);
        Assert.NotNull(array[0].Invoice);
        Assert.Contains("invalid JSON at line 1", array[1].Problem);
        Assert.EndsWith("the rest of the file was not read", array[1].Problem);
        Assert.Equal([1L, 2L, 3L, 5L], ndjson.Select(r => r.Index));
        Assert.Equal([true, false, true, false], ndjson.Select(r => r.Invoice is not null));
        Assert.Equal("null instead of an invoice", ndjson[3].Problem);
    }

    [Fact]
    public void Names_in_any_case_numbers_as_strings_unknown_fields_and_a_byte_order_mark_are_all_read()
    {
        var json = """
            {"KIND":"Issued","InvoiceCode":"32010126","invoiceNumber":"2026000001","checkCode":"AB12CD","issueDate":"2026-04-20","extra":{"deep":[1,2,{"x":null}]},
             "payer":{"Name":"王一","residentId":null},"totalAmount":"10.50","items":[{"itemType":"drug","code":"X1","name":"n","quantity":"1","unitPrice":1.5E1,"amount":10.5}]}
            """.ReplaceLineEndings("");
        var path = Path.Combine(_dir, "odd.ndjson");
        File.WriteAllText(path, json, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        var invoice = Assert.Single(InvoiceFileReader.Read(path)).Invoice!;

        Assert.Equal((InvoiceKind.Issued, "32010126", "王一", (string?)null), (invoice.Kind, invoice.InvoiceCode, invoice.Payer.Name, invoice.Payer.ResidentId));
        Assert.Equal((10.50m, 1m, 15m, 10.5m), (invoice.TotalAmount, invoice.Items[0].Quantity, invoice.Items[0].UnitPrice, invoice.Items[0].Amount));
    }

    [Fact]
    public void A_json_file_that_is_not_an_array_says_so()
    {
        var read = Assert.Single(InvoiceFileReader.Read(Write("one.json", Json(new InvoiceGenerator(44).Issued()))));
        Assert.Contains("must hold a JSON array of invoices", read.Problem);
    }

    [Fact]
    public void A_runaway_line_is_refused_and_the_next_line_is_read()
    {
        var good = Json(new InvoiceGenerator(45).Issued(items: 1));
        var path = Path.Combine(_dir, "runaway.ndjson");
        using (var writer = new StreamWriter(path))
        {
            writer.Write("{\"reason\":\"");
            writer.Write(new string('x', InvoiceFileReader.MaxInvoiceBytes + 10));
            writer.WriteLine("\"}");
            writer.WriteLine(good);
        }

        var reads = InvoiceFileReader.Read(path).ToList();

        Assert.Equal(2, reads.Count);
        Assert.Contains("longer than 16 MB", reads[0].Problem);
        Assert.NotNull(reads[1].Invoice);
    }

    [Theory]
    [InlineData("progress.ndjson")]
    [InlineData("progress.json")]
    [InlineData("progress.xml")]
    public void The_read_position_grows_through_the_file_and_ends_at_its_length(string name)
    {
        var generator = new InvoiceGenerator(43);
        var path = Path.Combine(_dir, name);
        var invoices = Enumerable.Range(0, 1500).Select(_ => generator.Issued()).ToList();
        if (name.EndsWith(".json")) File.WriteAllText(path, JsonSerializer.Serialize(invoices, InvoiceGenerator.Json));
        else InvoiceGenerator.Write(path, invoices);
        var length = new FileInfo(path).Length;
        Assert.True(length > 2 << 20, "larger than two of the readers' buffers, so the position is seen between refills");
        var position = new ReadPosition();

        var seen = new List<long>();
        foreach (var read in InvoiceFileReader.Read(path, position: position))
        {
            Assert.NotNull(read.Invoice);
            seen.Add(position.Bytes);
        }

        Assert.Equal(1500, seen.Count);
        Assert.All(seen.Zip(seen.Skip(1)), pair => Assert.True(pair.Second >= pair.First, "the position never goes back"));
        Assert.True(seen[0] > 0 && seen[0] < length, $"the first invoice is read before the whole file ({seen[0]:N0} of {length:N0} bytes)");
        Assert.Equal(length, position.Bytes);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static string Json(Invoice invoice) => JsonSerializer.Serialize(invoice, InvoiceGenerator.Json);

    /// <summary>Everything an invoice holds, as one comparable text.</summary>
    private static string Canonical(Invoice invoice) => JsonSerializer.Serialize(invoice, InvoiceGenerator.Json);

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
