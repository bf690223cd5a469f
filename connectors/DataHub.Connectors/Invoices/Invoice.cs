namespace DataHub.Connectors.Invoices;

/// <summary>issued: a normal (blue) invoice; void: a red-letter invoice (红票) that voids an earlier one.</summary>
public enum InvoiceKind { Issued, Void }

/// <summary>
/// A medical-fee e-invoice (医疗收费电子票据) as the finance e-invoice platform or a hospital sends it
/// (the layout is documented in docs/invoices.md). Amounts in yuan.
/// </summary>
public sealed class Invoice
{
    public InvoiceKind Kind { get; set; } = InvoiceKind.Issued;
    public string InvoiceCode { get; set; } = "";
    public string InvoiceNumber { get; set; } = "";
    public string CheckCode { get; set; } = "";
    public string IssueDate { get; set; } = "";
    /// <summary>就诊日期 yyyy-MM-dd: the outpatient visit or the inpatient admission; when absent, the issue date.</summary>
    public string? VisitDate { get; set; }
    public string InstitutionCode { get; set; } = "";
    public string InstitutionCreditCode { get; set; } = "";
    public InvoicePayer Payer { get; set; } = new();
    public string VisitType { get; set; } = "";
    public decimal TotalAmount { get; set; }
    public decimal FundPaid { get; set; }
    public decimal AccountPaid { get; set; }
    public decimal PersonalPaid { get; set; }
    public List<InvoiceItem> Items { get; set; } = [];
    /// <summary>For a red-letter invoice: the invoice it voids.</summary>
    public InvoiceReference? Original { get; set; }
    public string? Reason { get; set; }
    /// <summary>When it was issued (ISO 8601; local China time when no offset).</summary>
    public string? IssuedAt { get; set; }

    /// <summary>Code and number, the invoice's identity (18 digits when valid).</summary>
    public string Key => InvoiceCode + InvoiceNumber;
}

public sealed class InvoicePayer
{
    public string Name { get; set; } = "";
    public string? ResidentId { get; set; }
}

public sealed class InvoiceReference
{
    public string InvoiceCode { get; set; } = "";
    public string InvoiceNumber { get; set; } = "";
    public string Key => InvoiceCode + InvoiceNumber;
}

public sealed class InvoiceItem
{
    /// <summary>service-item, drug or consumable: which coding standard the code follows.</summary>
    public string ItemType { get; set; } = "";
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public decimal Quantity { get; set; }
    public decimal UnitPrice { get; set; }
    public decimal Amount { get; set; }
}

/// <summary>
/// One invoice read from a source, or why it could not be read (<see cref="Field"/>: the field at fault, when
/// one is). Index: the line for NDJSON, else the 1-based position of the invoice in the file.
/// </summary>
public readonly record struct InvoiceRead(long Index, Invoice? Invoice, string? Problem, string? Field = null);
