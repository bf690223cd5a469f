namespace DataHub.Hub.Invoices;

/// <summary>The e-invoice event topics (keyed by invoice code + number).</summary>
public static class InvoiceTopics
{
    public const string Issued = "mi.invoice.issued.v1";
    public const string Voided = "mi.invoice.voided.v1";
}
