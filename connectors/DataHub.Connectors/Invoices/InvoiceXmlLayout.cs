using System.Reflection;
using System.Xml.Serialization;

namespace DataHub.Connectors.Invoices;

/// <summary>
/// The XML layout of invoices: the same names as the JSON layout (camelCase elements, items as
/// &lt;items&gt;&lt;item&gt;…, kind as issued|void), mapped onto the model with XmlSerializer overrides so
/// the model carries no XML attributes.
/// </summary>
public static class InvoiceXmlLayout
{
    public static XmlSerializer Serializer { get; } = Create();

    private static XmlSerializer Create()
    {
        var overrides = new XmlAttributeOverrides();
        foreach (var type in new[] { typeof(Invoice), typeof(InvoicePayer), typeof(InvoiceReference), typeof(InvoiceItem) })
        {
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
            {
                var name = char.ToLowerInvariant(property.Name[0]) + property.Name[1..];
                var attributes = new XmlAttributes();
                if (property.PropertyType == typeof(List<InvoiceItem>))
                {
                    attributes.XmlArray = new XmlArrayAttribute(name);
                    attributes.XmlArrayItems.Add(new XmlArrayItemAttribute("item"));
                }
                else
                {
                    attributes.XmlElements.Add(new XmlElementAttribute(name));
                }
                overrides.Add(type, property.Name, attributes);
            }
        }
        foreach (var kind in Enum.GetNames<InvoiceKind>())
            overrides.Add(typeof(InvoiceKind), kind, new XmlAttributes { XmlEnum = new XmlEnumAttribute(kind.ToLowerInvariant()) });
        return new XmlSerializer(typeof(Invoice), overrides, [], new XmlRootAttribute("invoice"), null);
    }
}
