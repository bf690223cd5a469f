using System.Globalization;
using DataHub.Connectors.Invoices;
using DataHub.Hub.Invoices;

namespace DataHub.Tests.Invoices;

/// <summary>Every invoice rule, each with a passing and a failing case.</summary>
public sealed class InvoiceValidationTests
{
    private readonly InvoiceValidator _validator = new();
    private static Invoice Valid(int seed = 1) => new InvoiceGenerator(seed).Issued(items: 5);

    [Fact]
    public void A_generated_invoice_passes_every_rule() =>
        Assert.Null(_validator.Validate(Valid()));

    public static TheoryData<string, Action<Invoice>> Breakers => new()
    {
        { "invoiceCode", i => i.InvoiceCode = "3201012" },
        { "invoiceNumber", i => i.InvoiceNumber = "00000A0001" },
        { "checkCode", i => i.CheckCode = "AB12" },
        { "issueDate", i => i.IssueDate = "2026-02-30" },
        { "issueDate", i => i.IssueDate = DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd") },
        { "institutionCode", i => i.InstitutionCode = "H99999904712" },
        { "institutionCode", i => i.InstitutionCode = "P32010204712" },
        { "institutionCreditCode", i => i.InstitutionCreditCode = i.InstitutionCreditCode[..17] + (i.InstitutionCreditCode[17] == '1' ? '2' : '1') },
        { "payer.name", i => i.Payer.Name = " " },
        { "payer.residentId", i => i.Payer.ResidentId = i.Payer.ResidentId![..17] + (i.Payer.ResidentId[17] == '1' ? '2' : '1') },
        { "visitType", i => i.VisitType = "emergency" },
        { "items", i => { i.Items.Clear(); } },
        { "items[1].itemType", i => i.Items[0].ItemType = "food" },
        { "items[1].code", i => i.Items[0].Code = i.Items[0].ItemType == "drug" ? "Q" + i.Items[0].Code[1..] : "X" + i.Items[0].Code },
        { "items[1].amount", i => { i.Items[0].Amount += 1m; i.TotalAmount += 1m; i.PersonalPaid += 1m; } },
        { "totalAmount", i => { i.TotalAmount += 0.01m; i.PersonalPaid += 0.01m; } },
        { "totalAmount", i => i.FundPaid += 0.01m },
        { "totalAmount", i => { i.TotalAmount = 0; i.FundPaid = 0; i.AccountPaid = 0; i.PersonalPaid = 0; foreach (var item in i.Items) { item.Amount = 0; item.Quantity = 0; } } },
        { "visitDate", i => i.VisitDate = "2026-13-01" },
        { "visitDate", i => i.VisitDate = DateOnly.ParseExact(i.IssueDate, "yyyy-MM-dd").AddDays(1).ToString("yyyy-MM-dd") },
        { "issuedAt", i => i.IssuedAt = "yesterday at ten" },
        { "items[1].quantity", i => i.Items[0].Quantity = 1.00001m },
        { "items[1].unitPrice", i => i.Items[0].UnitPrice = 0.12345m },
        { "items[1].amount", i => { i.Items[0].Amount += 0.001m; i.TotalAmount += 0.001m; i.PersonalPaid += 0.001m; } },
        { "items[1].amount", i => { i.Items[0].Amount = -i.Items[0].Amount; } },
        { "items[1].name", i => i.Items[0].Name = "" },
        { "fundPaid", i => { i.FundPaid += 0.005m; i.PersonalPaid -= 0.005m; } },
        { "totalAmount", i => { i.TotalAmount = 1e17m; } },
    };

    /// <summary>Values at the edge of each rule that must still pass.</summary>
    public static TheoryData<string, Action<Invoice>> Keepers => new()
    {
        { "invoice code with leading zeros", i => i.InvoiceCode = "00000001" },
        { "check code in lower case", i => i.CheckCode = "ab12cd" },
        { "visit on the issue day", i => i.VisitDate = i.IssueDate },
        { "inpatient admitted a month before", i => { i.VisitType = "inpatient"; i.VisitDate = DateOnly.ParseExact(i.IssueDate, "yyyy-MM-dd").AddDays(-30).ToString("yyyy-MM-dd"); } },
        { "issuedAt with an offset", i => i.IssuedAt = i.IssueDate + "T10:00:00-05:00" },
        { "issuedAt in UTC", i => i.IssuedAt = i.IssueDate + "T02:00:00Z" },
        { "no issuedAt", i => i.IssuedAt = null },
        { "no payer ID", i => i.Payer.ResidentId = null },
        { "15-digit payer ID", i => i.Payer.ResidentId = i.Payer.ResidentId![..6] + i.Payer.ResidentId[8..17] },
        { "trailing zeros beyond the scale", i => i.Items[0].UnitPrice = decimal.Parse(i.Items[0].UnitPrice.ToString("0.0000", CultureInfo.InvariantCulture) + "00", CultureInfo.InvariantCulture) },
        { "amount rounded half away from zero", i => { var item = i.Items[0]; var d = 0.13m - item.Amount; item.Quantity = 1; item.UnitPrice = 0.125m; item.Amount = 0.13m; i.TotalAmount += d; i.PersonalPaid += d; } },
        { "no fund payment", i => { i.PersonalPaid += i.FundPaid; i.FundPaid = 0; } },
    };

    [Theory]
    [MemberData(nameof(Keepers))]
    public void Each_rule_lets_its_edge_cases_through(string why, Action<Invoice> change)
    {
        var invoice = Valid();
        change(invoice);
        Assert.True(_validator.Validate(invoice) is null, $"{why}: {_validator.Validate(invoice)}");
    }

    [Theory]
    [MemberData(nameof(Breakers))]
    public void Each_rule_rejects_its_fault_and_names_the_field(string field, Action<Invoice> breakIt)
    {
        var invoice = Valid();
        breakIt(invoice);
        var error = _validator.Validate(invoice);
        Assert.NotNull(error);
        Assert.Equal(field, error.Field);
        Assert.False(string.IsNullOrWhiteSpace(error.Reason));
    }

    [Fact]
    public void A_red_letter_invoice_voids_its_original_once_with_negated_amounts()
    {
        var generator = new InvoiceGenerator(3);
        var original = generator.Issued();
        var ledger = new InvoiceLedger();
        Assert.Null(ledger.Check(original));
        ledger.Accept(original);

        var red = generator.VoidOf(original);
        Assert.Null(_validator.Validate(red));
        Assert.Null(ledger.Check(red));
        ledger.Accept(red);

        var second = generator.VoidOf(original);
        var error = ledger.Check(second);
        Assert.Equal("original", error?.Field);
        Assert.Contains("already voided", error!.Reason);
    }

    [Fact]
    public void A_red_letter_invoice_for_an_unknown_original_is_rejected()
    {
        var generator = new InvoiceGenerator(4);
        var red = generator.VoidOf(generator.Issued());
        var error = new InvoiceLedger().Check(red);
        Assert.Equal("original", error?.Field);
        Assert.Contains("unknown invoice", error!.Reason);
    }

    [Fact]
    public void A_red_letter_invoice_must_negate_every_amount_exactly()
    {
        var generator = new InvoiceGenerator(5);
        var original = generator.Issued();
        var ledger = new InvoiceLedger();
        ledger.Accept(original);
        var red = generator.VoidOf(original);
        red.FundPaid += 0.01m;
        red.PersonalPaid -= 0.01m;
        Assert.Null(_validator.Validate(red));
        Assert.Equal("fundPaid", ledger.Check(red)?.Field);   // the first amount that is not the original's negated
    }

    [Fact]
    public void A_red_letter_invoice_needs_negative_items_and_an_original()
    {
        var generator = new InvoiceGenerator(6);
        var red = generator.VoidOf(generator.Issued());
        red.Original = null;
        Assert.Equal("original", _validator.Validate(red)?.Field);
        var positive = generator.VoidOf(generator.Issued());
        positive.Items[0].Amount = -positive.Items[0].Amount;
        Assert.Equal("items[1].amount", _validator.Validate(positive)?.Field);
    }

    [Fact]
    public void The_same_invoice_twice_is_a_duplicate()
    {
        var invoice = Valid(7);
        var ledger = new InvoiceLedger();
        ledger.Accept(invoice);
        var error = ledger.Check(invoice);
        Assert.Equal("invoiceNumber", error?.Field);
        Assert.Contains("duplicate", error!.Reason);
    }
}
