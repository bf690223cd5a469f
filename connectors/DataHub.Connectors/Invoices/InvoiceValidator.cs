using DataHub.Schemas.Codes;
using DataHub.Schemas.Identity;
using DataHub.Schemas.Reference;
using DataHub.Schemas.Text;

namespace DataHub.Connectors.Invoices;

/// <summary>An invoice rule that failed: the field at fault and why.</summary>
public sealed record InvoiceError(string Field, string Reason);

/// <summary>
/// The rules one invoice must pass on its own (docs/invoices.md): code and number formats, check code,
/// dates, issuing institution (标准8 code and credit code), payer, visit type, item codes against the
/// service-item, drug and consumable standards, item arithmetic, decimal places, item sum = total, and
/// fund + account + personal = total. Red-letter rules that need earlier invoices are in <see cref="InvoiceLedger"/>.
/// Cheap per item: the format verdicts of codes (regular expressions from coding-standards.json) are
/// remembered per distinct code (<see cref="PassedValues"/>), and nothing is allocated unless a rule fails.
/// Thread-safe.
/// </summary>
public sealed class InvoiceValidator
{
    /// <summary>The scales of schemas/avro/invoice: amounts in fen (2 places), quantities and unit prices 4.</summary>
    public const int AmountPlaces = 2, QuantityPlaces = 4;

    private readonly CodeValidator _institution = CodeValidator.For("institution");
    private readonly ItemStandard[] _items;
    private readonly PassedValues _institutions = new();
    private readonly PassedValues _creditCodes = new();
    private readonly TimeProvider _clock;

    public InvoiceValidator(IReadOnlyDictionary<string, CodeTable>? codeTables = null, TimeProvider? clock = null)
    {
        _clock = clock ?? TimeProvider.System;
        _items = [.. new[] { "service-item", "drug", "consumable" }.Select(key => new ItemStandard(key, codeTables?.GetValueOrDefault(key)))];
    }

    public InvoiceError? Validate(Invoice invoice)
    {
        if (!IsDigits(invoice.InvoiceCode, 8)) return new("invoiceCode", $"'{invoice.InvoiceCode}' must be 8 digits");
        if (!IsDigits(invoice.InvoiceNumber, 10)) return new("invoiceNumber", $"'{invoice.InvoiceNumber}' must be 10 digits");
        if (invoice.CheckCode.Length != 6 || invoice.CheckCode.AsSpan().ContainsAnyExcept(InvoiceText.LettersAndDigits))
            return new("checkCode", "must be 6 letters or digits");
        if (!IsoDate.TryParse(invoice.IssueDate, out var issued)) return new("issueDate", $"'{invoice.IssueDate}' is not a real date (yyyy-MM-dd)");
        if (issued > DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime.AddHours(8)).AddDays(1)) return new("issueDate", $"{invoice.IssueDate} is in the future");
        if (invoice.VisitDate is { } visitText)
        {
            if (!IsoDate.TryParse(visitText, out var visit)) return new("visitDate", $"'{visitText}' is not a real date (yyyy-MM-dd)");
            if (visit > issued) return new("visitDate", $"{visitText} is after the issue date {invoice.IssueDate}");
        }
        if (invoice.IssuedAt is { Length: > 0 } at && !IsoInstant.TryParseUtc(at, out _)) return new("issuedAt", $"'{at}' is not an ISO 8601 instant (e.g. 2026-04-20T10:18:00)");
        if (!_institutions.Contains(invoice.InstitutionCode))
        {
            var institution = _institution.Check(invoice.InstitutionCode);
            if (!institution.IsValid) return new("institutionCode", institution.Error!);
            _institutions.Add(invoice.InstitutionCode);
        }
        if (!_creditCodes.Contains(invoice.InstitutionCreditCode))
        {
            var credit = CreditCode.Check(invoice.InstitutionCreditCode);
            if (!credit.IsValid) return new("institutionCreditCode", $"invalid unified social credit code: {credit.Error}");
            _creditCodes.Add(invoice.InstitutionCreditCode);
        }
        if (string.IsNullOrWhiteSpace(invoice.Payer.Name)) return new("payer.name", "is required but empty");
        if (!string.IsNullOrEmpty(invoice.Payer.ResidentId) && PayerKey(invoice.Payer.ResidentId) == 0)
        {
            var id = ResidentId.Check(invoice.Payer.ResidentId, DivisionTable.Default.Contains);
            return new("payer.residentId", $"invalid resident ID: {id.Error ?? "not usable"}");
        }
        if (invoice.VisitType is not ("outpatient" or "inpatient")) return new("visitType", $"'{invoice.VisitType}' must be outpatient or inpatient");
        if (invoice.Items.Count == 0) return new("items", "an invoice needs at least one item line");
        return ValidateItems(invoice, issued, out var itemSum) ?? ValidateAmounts(invoice, itemSum);
    }

    /// <summary>The payer's resident ID packed (<see cref="ResidentId.Pack"/>; a 15-digit ID upgraded first), or 0 when it is not a valid one.</summary>
    public static long PayerKey(string? residentId)
    {
        if (string.IsNullOrEmpty(residentId)) return 0;
        if (ResidentId.TryPack(residentId, DivisionTable.Default, out var key)) return key;
        var check = ResidentId.Check(residentId, DivisionTable.Default.Contains);
        if (!check.IsValid) return 0;
        var id18 = check.Normalized!.Length == 15 ? ResidentId.UpgradeLegacy(check.Normalized) : check.Normalized;
        return ResidentId.TryPack(id18, out key) ? key : 0;
    }

    /// <summary>The item lines; their amounts (in fen) summed into <paramref name="itemSum"/>. Arithmetic in integers at the schemas' scales.</summary>
    private InvoiceError? ValidateItems(Invoice invoice, DateOnly issued, out long itemSum)
    {
        itemSum = 0;
        var sign = invoice.Kind == InvoiceKind.Void ? -1 : 1;
        var items = invoice.Items;
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var standard = Standard(item.ItemType);
            if (standard is null) return new(ItemField(i, "itemType"), $"'{item.ItemType}' must be service-item, drug or consumable");
            if (standard.Check(item.Code, issued) is { } codeError) return new(ItemField(i, "code"), codeError);
            if (string.IsNullOrWhiteSpace(item.Name)) return new(ItemField(i, "name"), "is required but empty");
            if (!FixedPoint.TryUnscaled(item.Quantity, QuantityPlaces, out var quantity)) return new(ItemField(i, "quantity"), Decimals(item.Quantity, QuantityPlaces));
            if (!FixedPoint.TryUnscaled(item.UnitPrice, QuantityPlaces, out var price)) return new(ItemField(i, "unitPrice"), Decimals(item.UnitPrice, QuantityPlaces));
            if (!FixedPoint.TryUnscaled(item.Amount, AmountPlaces, out var amount)) return new(ItemField(i, "amount"), Decimals(item.Amount, AmountPlaces));
            if (Math.Sign(amount) != sign && amount != 0)
                return new(ItemField(i, "amount"), sign > 0 ? "must not be negative on an issued invoice" : "must be negative on a red-letter invoice");
            // quantity × price has 8 decimal places: to fen, rounding half away from zero, as Math.Round(…, 2, AwayFromZero).
            var product = (Int128)quantity * price;
            var fen = (product + (product < 0 ? -500_000 : 500_000)) / 1_000_000;
            if (Int128.Abs(fen - amount) > 1)
                return new(ItemField(i, "amount"), $"{item.Amount} is not quantity {item.Quantity} × unit price {item.UnitPrice}");
            itemSum += amount;
        }
        return null;
    }

    private static InvoiceError? ValidateAmounts(Invoice invoice, long itemSum)
    {
        if (!FixedPoint.TryUnscaled(invoice.TotalAmount, AmountPlaces, out var total)) return new("totalAmount", Decimals(invoice.TotalAmount, AmountPlaces));
        if (!FixedPoint.TryUnscaled(invoice.FundPaid, AmountPlaces, out var fund)) return new("fundPaid", Decimals(invoice.FundPaid, AmountPlaces));
        if (!FixedPoint.TryUnscaled(invoice.AccountPaid, AmountPlaces, out var account)) return new("accountPaid", Decimals(invoice.AccountPaid, AmountPlaces));
        if (!FixedPoint.TryUnscaled(invoice.PersonalPaid, AmountPlaces, out var personal)) return new("personalPaid", Decimals(invoice.PersonalPaid, AmountPlaces));
        if (itemSum != total) return new("totalAmount", $"{invoice.TotalAmount} is not the sum of the item amounts ({itemSum / 100m:0.00})");
        if (fund + account + personal != total)
            return new("totalAmount", $"fund {invoice.FundPaid} + account {invoice.AccountPaid} + personal {invoice.PersonalPaid} = {(fund + account + personal) / 100m:0.00}, not the total {invoice.TotalAmount}");
        if (invoice.Kind == InvoiceKind.Issued && total <= 0) return new("totalAmount", "must be positive on an issued invoice");
        if (invoice.Kind == InvoiceKind.Void && invoice.Original is null) return new("original", "a red-letter invoice must name the invoice it voids");
        if (invoice.Kind == InvoiceKind.Void && (!IsDigits(invoice.Original!.InvoiceCode, 8) || !IsDigits(invoice.Original.InvoiceNumber, 10)))
            return new("original", $"'{invoice.Original.InvoiceCode}-{invoice.Original.InvoiceNumber}' is not an invoice code (8 digits) and number (10 digits)");
        return null;
    }

    /// <summary>Why a value does not fit its Avro decimal (precision 18, the given scale).</summary>
    private static string Decimals(decimal value, int places) =>
        decimal.Round(value, places) != value ? $"{value} has more than {places} decimal places"
            : $"{value} has more than {18 - places} digits before the decimal point";

    private ItemStandard? Standard(string itemType)
    {
        foreach (var standard in _items)
            if (standard.Key == itemType) return standard;
        return null;
    }

    private static string ItemField(int index, string field) => $"items[{index + 1}].{field}";

    private static bool IsDigits(string value, int length) => value.Length == length && !value.AsSpan().ContainsAnyExceptInRange('0', '9');

    /// <summary>One item standard: the format verdict remembered per code, then (with a loaded table) existence on the issue date.</summary>
    private sealed class ItemStandard(string key, CodeTable? table)
    {
        private readonly CodeValidator _format = CodeValidator.For(key);
        private readonly PassedValues _passed = new();

        public string Key { get; } = key;

        public string? Check(string code, DateOnly issued)
        {
            if (!_passed.Contains(code))
            {
                var format = _format.Check(code);
                if (!format.IsValid) return format.Error;
                _passed.Add(code);
            }
            if (table is null || table.Contains(code, issued)) return null;
            return table.Contains(code) ? $"{_format.Standard.Label}: code '{code}' is not valid on {issued:yyyy-MM-dd}"
                : $"{_format.Standard.Label}: code '{code}' is not in the loaded code table";
        }
    }
}
