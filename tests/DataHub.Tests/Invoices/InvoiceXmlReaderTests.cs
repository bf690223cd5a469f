using System.Text;
using DataHub.Connectors.Invoices;
using DataHub.Hub.Invoices;

namespace DataHub.Tests.Invoices;

/// <summary>XML invoice files as the finance platform and hospitals send them: encodings, numbers, DTDs.</summary>
public sealed class InvoiceXmlReaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("datahub-invoice-xml-").FullName;

    [Theory]
    [InlineData("GB18030")]
    [InlineData("GBK")]
    public void A_file_in_the_encoding_its_declaration_names_is_read(string encoding)
    {
        var invoice = new InvoiceGenerator(61).Issued(items: 2);
        var path = Path.Combine(_dir, "platform.xml");
        File.WriteAllBytes(path, CodePages(encoding).GetBytes($"<?xml version=\"1.0\" encoding=\"{encoding}\"?>" + InvoiceXml.Document(invoice)));

        var read = Assert.Single(InvoiceFileReader.Read(path));

        Assert.Null(read.Problem);
        Assert.Equal((invoice.Payer.Name, invoice.Items[0].Name), (read.Invoice!.Payer.Name, read.Invoice.Items[0].Name));
    }

    [Theory]
    [InlineData("39,19")]      // a decimal comma must not become 3919
    [InlineData("1,000.00")]   // nor a thousands separator be dropped
    [InlineData("39.19-")]     // nor a trailing sign be read
    public void An_amount_that_is_not_a_plain_number_names_its_field(string amount)
    {
        var invoice = new InvoiceGenerator(62).Issued(items: 1);
        var xml = InvoiceXml.Document(invoice);
        var total = $"<totalAmount>{invoice.TotalAmount.ToString(System.Globalization.CultureInfo.InvariantCulture)}</totalAmount>";
        Assert.Contains(total, xml);
        var path = Path.Combine(_dir, "comma.xml");
        File.WriteAllText(path, xml.Replace(total, $"<totalAmount>{amount}</totalAmount>"));

        var read = Assert.Single(InvoiceFileReader.Read(path));

        Assert.Null(read.Invoice);
        Assert.Equal(("totalAmount", $"'{amount}' is not a number"), (read.Field, read.Problem));
    }

    [Fact]
    public void A_dtd_is_refused_in_words_a_sender_can_act_on()
    {
        var path = Path.Combine(_dir, "dtd.xml");
        File.WriteAllText(path, "<?xml version=\"1.0\"?>\n<!DOCTYPE invoices [<!ENTITY a \"x\">]>\n" + InvoiceXml.Document(new InvoiceGenerator(63).Issued(items: 1)));

        var problem = Assert.Single(InvoiceFileReader.Read(path)).Problem!;

        Assert.StartsWith("the file declares a DTD (<!DOCTYPE …>), which is refused", problem);
        Assert.DoesNotContain("XmlReaderSettings", problem);
        Assert.EndsWith("the rest of the file was not read", problem);
    }

    [Fact]
    public void A_root_other_than_invoices_is_named_instead_of_reading_nothing()
    {
        var path = Path.Combine(_dir, "bills.xml");
        File.WriteAllText(path, "<bills>" + InvoiceXml.Element(new InvoiceGenerator(64).Issued(items: 1)) + "</bills>");

        var problem = Assert.Single(InvoiceFileReader.Read(path)).Problem!;

        Assert.StartsWith("the root element is <bills>, not <invoices>", problem);
    }

    [Fact]
    public void A_misspelt_invoice_element_is_reported_and_its_neighbours_are_still_read()
    {
        var generator = new InvoiceGenerator(65);
        var (first, second) = (generator.Issued(items: 1), generator.Issued(items: 1));
        var path = Path.Combine(_dir, "case.xml");
        File.WriteAllText(path, "<invoices>" + InvoiceXml.Element(first) + "<Invoice><kind>issued</kind></Invoice>" + InvoiceXml.Element(second) + "</invoices>");

        var reads = InvoiceFileReader.Read(path).ToList();

        Assert.Equal(3, reads.Count);
        Assert.Equal(first.InvoiceNumber, reads[0].Invoice!.InvoiceNumber);
        Assert.Equal((2L, "<Invoice> inside <invoices>, where only <invoice> elements belong (element names are case-sensitive)"), (reads[1].Index, reads[1].Problem));
        Assert.Equal(second.InvoiceNumber, reads[2].Invoice!.InvoiceNumber);
    }

    // Not registered for the process: the reader must find the encoding on its own.
    private static Encoding CodePages(string name) => CodePagesEncodingProvider.Instance.GetEncoding(name)!;

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
