using System.Globalization;
using DataHub.Schemas.Codes;
using DataHub.Schemas.Identity;
using DataHub.Schemas.Reference;

namespace DataHub.Connectors.Invoices;

/// <summary>An invoice rule that failed: the field at fault and why.</summary>
public sealed record InvoiceError(string Field, string Reason);

/// <summary>
/// The rules one invoice must pass on its own (docs/invoices.md): code and number formats, check code,
/// issuing institution (标准8 code and credit code), payer, visit type, item codes against the
/// service-item, drug and consumable standards, item arithmetic, item sum = total, and
/// fund + account + personal = total. Red-letter rules that need earlier invoices are in <see cref="InvoiceLedger"/>.
/// </summary>
public sealed class InvoiceValidator(IReadOnlyDictionary<string, CodeTable>? codeTables = null)
{
    private readonly CodeValidator _institution = CodeValidator.For("institution");
    private readonly Dictionary<string, CodeValidator> _items = new()
    {
        ["service-item"] = CodeValidator.For("service-item", codeTables?.GetValueOrDefault("service-item")),
        ["drug"] = CodeValidator.For("drug", codeTables?.GetValueOrDefault("drug")),
        ["consumable"] = CodeValidator.For("consumable", codeTables?.GetValueOrDefault("consumable")),
    };

    public InvoiceError? Validate(Invoice invoice)
    {
        if (!IsDigits(invoice.InvoiceCode, 8)) return new("invoiceCode", $"'{invoice.InvoiceCode}' must be 8 digits");
        if (!IsDigits(invoice.InvoiceNumber, 10)) return new("invoiceNumber", $"'{invoice.InvoiceNumber}' must be 10 digits");
        if (invoice.CheckCode.Length != 6 || !invoice.CheckCode.All(char.IsAsciiLetterOrDigit))
            return new("checkCode", "must be 6 letters or digits");
        if (!DateOnly.TryParseExact(invoice.IssueDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var issued))
            return new("issueDate", $"'{invoice.IssueDate}' is not a real date (yyyy-MM-dd)");
        if (issued > DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(1)) return new("issueDate", $"{invoice.IssueDate} is in the future");
        var institution = _institution.Check(invoice.InstitutionCode, issued);
        if (!institution.IsValid) return new("institutionCode", institution.Error!);
        var credit = CreditCode.Check(invoice.InstitutionCreditCode);
        if (!credit.IsValid) return new("institutionCreditCode", $"invalid unified social credit code: {credit.Error}");
        if (string.IsNullOrWhiteSpace(invoice.Payer.Name)) return new("payer.name", "is required but empty");
        if (!string.IsNullOrEmpty(invoice.Payer.ResidentId))
        {
            var id = ResidentId.Check(invoice.Payer.ResidentId, DivisionTable.Default.Contains);
            if (!id.IsValid) return new("payer.residentId", $"invalid resident ID: {id.Error}");
        }
        if (invoice.VisitType is not ("outpatient" or "inpatient")) return new("visitType", $"'{invoice.VisitType}' must be outpatient or inpatient");
        if (invoice.Items.Count == 0) return new("items", "an invoice needs at least one item line");
        return ValidateItems(invoice, issued) ?? ValidateAmounts(invoice);
    }

    private InvoiceError? ValidateItems(Invoice invoice, DateOnly issued)
    {
        var sign = invoice.Kind == InvoiceKind.Void ? -1 : 1;
        for (var i = 0; i < invoice.Items.Count; i++)
        {
            var item = invoice.Items[i];
            var field = $"items[{i + 1}]";
            if (!_items.TryGetValue(item.ItemType, out var validator))
                return new($"{field}.itemType", $"'{item.ItemType}' must be service-item, drug or consumable");
            var code = validator.Check(item.Code, issued);
            if (!code.IsValid) return new($"{field}.code", code.Error!);
            if (string.IsNullOrWhiteSpace(item.Name)) return new($"{field}.name", "is required but empty");
            if (Math.Sign(item.Amount) != sign && item.Amount != 0)
                return new($"{field}.amount", sign > 0 ? "must not be negative on an issued invoice" : "must be negative on a red-letter invoice");
            if (Math.Abs(Math.Round(item.Quantity * item.UnitPrice, 2, MidpointRounding.AwayFromZero) - item.Amount) > 0.01m)
                return new($"{field}.amount", $"{item.Amount} is not quantity {item.Quantity} × unit price {item.UnitPrice}");
        }
        return null;
    }

    private static InvoiceError? ValidateAmounts(Invoice invoice)
    {
        var itemSum = invoice.Items.Sum(i => i.Amount);
        if (itemSum != invoice.TotalAmount) return new("totalAmount", $"{invoice.TotalAmount} is not the sum of the item amounts ({itemSum})");
        var parts = invoice.FundPaid + invoice.AccountPaid + invoice.PersonalPaid;
        if (parts != invoice.TotalAmount)
            return new("totalAmount", $"fund {invoice.FundPaid} + account {invoice.AccountPaid} + personal {invoice.PersonalPaid} = {parts}, not the total {invoice.TotalAmount}");
        if (invoice.Kind == InvoiceKind.Issued && invoice.TotalAmount <= 0) return new("totalAmount", "must be positive on an issued invoice");
        if (invoice.Kind == InvoiceKind.Void && invoice.Original is null) return new("original", "a red-letter invoice must name the invoice it voids");
        return null;
    }

    private static bool IsDigits(string value, int length) => value.Length == length && value.All(char.IsAsciiDigit);
}
