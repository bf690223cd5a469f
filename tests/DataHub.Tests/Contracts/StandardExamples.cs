namespace DataHub.Tests.Contracts;

/// <summary>
/// Hand-picked codes for every coding-standard definition: ones that must pass the format and division
/// checks, and ones that must fail with a message naming the fault.
/// </summary>
internal static class StandardExamples
{
    public sealed record Examples(string[] Valid, (string Code, string Fault)[] Invalid);

    public static readonly IReadOnlyDictionary<string, Examples> ByKey = new Dictionary<string, Examples>
    {
        ["diagnosis"] = new(["J18.900", "E11.900x001", "J18", "J18.9", "I10.x00x002", "A00.000"],
            [("j18.900", "layout"), ("J18.900X001", "layout"), ("J1.900", "layout"), ("J18.9000", "layout"), ("J18.900x01", "layout"), ("J18.900x0011", "characters")]),
        ["operation"] = new(["36.0600x001", "36", "36.06", "47.0100", "74.1x00"],
            [("3.0600", "layout"), ("36.06000", "layout"), ("A6.0600", "layout"), ("36.0600x0010", "characters")]),
        ["service-item"] = new(["001102000010000", "001201000010000"],
            [("00110200001000", "characters"), ("00110200001000A", "layout")]),
        ["drug"] = new(["XA01ABD075A002010100483", "ZA04AAL0165010102345678"],
            [("YA01ABD075A002010100483", "start with X or Z"), ("XA01ABD075A00201010048", "characters"), ("XA01ABD075A0020101004-3", "layout")]),
        ["consumable"] = new(["C02010101300000700000000123"],
            [("D02010101300000700000000123", "start with C"), ("C0201010130000070000000012", "characters"), ("C0201010130000070000000012A", "layout")]),
        ["settlement-list"] = new(["H3201020471220250115134305", "2025000000001"],
            [("H32-0102047", "layout"), ("123", "characters")]),
        ["agency"] = new(["320100000002", "360111000001"],
            [("329900000001", "not a GB/T 2260 division"), ("32010000000A", "layout"), ("3201000000021", "characters")]),
        ["agency-staff"] = new(["3201000000020001"],
            [("9999990000020001", "not a GB/T 2260 division"), ("320100000002001", "characters")]),
        ["institution"] = new(["H32010204712", "H37081100001"],
            [("H32990004712", "not a GB/T 2260 division"), ("D32010204712", "start with H"), ("H3201020471", "characters"), ("H3201020471A", "layout")]),
        ["physician"] = new(["D320102000123"],
            [("D320199000123", "not a GB/T 2260 division"), ("N320102000123", "start with D"), ("D32010200012", "characters")]),
        ["nurse"] = new(["N360111004567"],
            [("N360199004567", "not a GB/T 2260 division"), ("D360111004567", "start with N")]),
        ["pharmacy"] = new(["P37081100042"],
            [("P37089900042", "not a GB/T 2260 division"), ("H37081100042", "start with P"), ("P370811000421", "characters")]),
        ["pharmacist"] = new(["Y110108000321"],
            [("Y110199000321", "not a GB/T 2260 division"), ("P110108000321", "start with Y")]),
        ["chronic-disease"] = new(["M03900", "M01102"],
            [("M0390", "characters"), ("N03900", "start with M"), ("M0390A", "layout")]),
        ["disease-settlement"] = new(["B00001"],
            [("B0001", "characters"), ("A00001", "start with B")]),
        ["day-surgery"] = new(["R00001"],
            [("R000011", "characters"), ("B00001", "start with R")]),
    };
}
