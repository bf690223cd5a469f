namespace DataHub.Reconciliation.City;

/// <summary>
/// The department files of a city: folder (department/feed, as under connectors/feeds), header row and
/// encoding, exactly as docs/feed-formats.md documents them. Some departments export GB18030.
/// </summary>
public sealed record CityFeedLayout(string Folder, string Feed, bool Gb18030, string Header)
{
    public static readonly CityFeedLayout Births = new("public-security/births", "public-security.births", false,
        "公民身份号码,姓名,性别,出生日期,户籍地行政区划,母亲身份号码,父亲身份号码,出生医学证明编号,登记日期");
    public static readonly CityFeedLayout Deaths = new("public-security/deaths", "public-security.deaths", true,
        "公民身份号码,姓名,死亡日期,户籍地行政区划,注销原因,死亡医学证明编号,注销日期");
    public static readonly CityFeedLayout Moves = new("public-security/moves", "public-security.moves", false,
        "公民身份号码,姓名,迁移类型,迁出地行政区划,迁入地行政区划,迁移日期,迁移原因,登记日期");
    public static readonly CityFeedLayout CivilAffairs = new("civil-affairs/assisted-groups", "civil-affairs.assisted-groups", true, MembershipHeader);
    public static readonly CityFeedLayout RuralRevitalisation = new("rural-revitalisation/monitored-households", "rural-revitalisation.monitored-households", false, MembershipHeader);
    public static readonly CityFeedLayout DisabledFederation = new("disabled-federation/severe-disability", "disabled-federation.severe-disability", true, MembershipHeader);
    public static readonly CityFeedLayout Contributions = new("tax/contributions", "tax.contributions", false,
        "公民身份号码,缴费主体,单位统一社会信用代码,险种,费款所属期,缴费金额,缴费日期,统筹区,完税凭证号");
    public static readonly CityFeedLayout Employers = new("tax/employers", "tax.employers", false,
        "统一社会信用代码,单位名称,登记地行政区划,登记状态,登记日期,注销日期,行业代码,地址");
    public static readonly CityFeedLayout Jobs = new("hr-social-security/job-events", "hr-social-security.job-events", false,
        "公民身份号码,姓名,业务类型,单位统一社会信用代码,变动日期,统筹区,终止原因,登记日期");
    public static readonly CityFeedLayout Students = new("education/student-rosters", "education.student-rosters", true,
        "学校标识码,学校名称,学校所在地行政区划,年级,班级,学生身份证号,学生姓名,出生日期,性别,监护人身份证号,学年,名册日期");
    public static readonly CityFeedLayout Enrolments = new("medical-insurance/enrolments", "medical-insurance.enrolments", false,
        "参保登记号,公民身份号码,姓名,险种,统筹区,人员类别,参保状态,参保开始日期,参保终止日期,单位统一社会信用代码,出生医学证明编号,变更时间");
    public static readonly CityFeedLayout Transfers = new("medical-insurance/transfers", "medical-insurance.transfers", false,
        "转移单号,公民身份号码,险种,转出地统筹区,转入地统筹区,办理状态,申请日期,完成日期,办理渠道");

    private const string MembershipHeader = "公民身份号码,姓名,人员类别,所在地行政区划,认定日期,终止日期,证件编号";

    public static IReadOnlyList<CityFeedLayout> All { get; } =
        [Births, Deaths, Moves, CivilAffairs, RuralRevitalisation, DisabledFederation, Contributions, Employers, Jobs, Students, Enrolments, Transfers];

    /// <summary>The feed definition under connectors/feeds that reads this folder.</summary>
    public string DefinitionPath => Folder + ".yaml";
}
