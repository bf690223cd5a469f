using System.Text;
using System.Text.Json;
using ClosedXML.Excel;
using DataHub.Tests.Support;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;
using Xunit.Abstractions;

namespace DataHub.Tests.Web;

/// <summary>
/// The officers' pages in Debian's headless Chromium (Selenium WebDriver, /usr/bin/chromedriver): sign in, filter,
/// open a case, reveal with a reason (the audit row appears), resolve, export CSV and XLSX (parsed back: masked).
/// Screenshots go to TestResults/screenshots.
/// </summary>
public sealed class OfficerBrowserTests(OfficerWebHost host, ITestOutputHelper output) : IClassFixture<OfficerWebHost>
{
    private readonly string _screenshots = Directory.CreateDirectory(RepoPaths.Under("TestResults", "screenshots")).FullName;

    [ChromiumFact]
    public async Task An_officer_signs_in_filters_reveals_with_a_reason_resolves_and_exports_masked_files()
    {
        var downloads = Directory.CreateTempSubdirectory("datahub-downloads-").FullName;
        var profile = Directory.CreateTempSubdirectory("datahub-chromium-").FullName;
        var options = new ChromeOptions { BinaryLocation = ChromiumFactAttribute.Browser };
        options.AddArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", $"--user-data-dir={profile}", "--window-size=1400,1000", "--lang=zh-CN");
        options.AddUserProfilePreference("download.default_directory", downloads);
        options.AddUserProfilePreference("download.prompt_for_download", false);
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(ChromiumFactAttribute.Driver)!, Path.GetFileName(ChromiumFactAttribute.Driver));
        service.SuppressInitialDiagnosticInformation = true;
        using var driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
        var wait = new WebDriverWait(driver, TimeSpan.FromSeconds(20));
        try
        {
            driver.Navigate().GoToUrl(host.Url + "/");
            wait.Until(d => d.FindElement(By.Id("login-view")).Displayed);
            driver.FindElement(By.Id("username")).SendKeys("officer");
            driver.FindElement(By.Id("password")).SendKeys(OfficerWebHost.Password);
            driver.FindElement(By.Id("login-btn")).Click();
            wait.Until(d => d.FindElement(By.Id("list-view")).Displayed && d.FindElements(By.CssSelector("#cases tbody tr")).Count > 0);
            Assert.Equal(50, driver.FindElements(By.CssSelector("#cases tbody tr")).Count); // first page of 120
            Assert.Contains("共 120 件", driver.FindElement(By.Id("counts")).Text);
            Shot(driver, "1-list");

            Choose(driver, "f-rule", "deceased-enrolled");
            driver.FindElement(By.Id("apply")).Click();
            wait.Until(d => d.FindElements(By.CssSelector("#cases tbody tr")).Count is > 0 and < 50);
            Assert.All(driver.FindElements(By.CssSelector("#cases tbody tr td:nth-child(4)")), td => Assert.Equal("deceased-enrolled", td.Text));
            Shot(driver, "2-filtered");

            var caseId = driver.FindElement(By.CssSelector("a.case-link")).Text;
            driver.FindElement(By.CssSelector("a.case-link")).Click();
            wait.Until(d => d.FindElement(By.Id("case-view")).Displayed && d.FindElement(By.Id("case-id")).Text == caseId);
            Assert.Matches(@"^3201\*{10}\d{4}$", driver.FindElement(By.Id("case-person")).Text);
            Assert.Contains("seeded evidence", driver.FindElement(By.Id("evidence")).Text);
            Shot(driver, "3-case");

            driver.FindElement(By.Id("reveal-btn")).Click();
            wait.Until(d => d.FindElement(By.Id("reveal-dialog")).Displayed);
            driver.FindElement(By.Id("reveal-reason")).SendKeys("上门核实身份");
            driver.FindElement(By.Id("reveal-ok")).Click();
            wait.Until(d => d.FindElement(By.Id("revealed")).Text.Length == 18);
            Assert.StartsWith("3201", driver.FindElement(By.Id("revealed")).Text);
            Shot(driver, "4-revealed");
            using (var auditor = host.Session())
            {
                await auditor.LoginAsync("auditor", OfficerWebHost.Password);
                var audit = await auditor.GetJsonAsync("/api/audit?action=reveal");
                Assert.Contains(audit.EnumerateArray(), a => a.GetProperty("caseId").GetString() == caseId && a.GetProperty("reason").GetString() == "上门核实身份");
            }

            driver.FindElement(By.Id("resolve-reason")).SendKeys("已于外地参保，提供凭证");
            driver.FindElement(By.Id("resolve-btn")).Click();
            wait.Until(d => d.FindElement(By.Id("case-status")).Text == "已办结");
            Assert.Contains("已于外地参保", driver.FindElement(By.Id("timeline")).Text);
            Shot(driver, "5-resolved");

            driver.FindElement(By.Id("back")).Click();
            wait.Until(d => d.FindElement(By.Id("list-view")).Displayed);
            Choose(driver, "f-rule", "");
            Choose(driver, "f-status", "");
            driver.FindElement(By.Id("apply")).Click();
            wait.Until(d => d.FindElement(By.Id("export-csv")).GetAttribute("href")!.Contains("status=") == false && d.FindElements(By.CssSelector("#cases tbody tr")).Count == 50);
            driver.FindElement(By.Id("export-csv")).Click();
            driver.FindElement(By.Id("export-xlsx")).Click();
            var files = new WebDriverWait(driver, TimeSpan.FromSeconds(30)).Until(_ =>
            {
                var done = Directory.GetFiles(downloads).Where(f => f.EndsWith(".csv") || f.EndsWith(".xlsx")).ToArray();
                return done.Length == 2 ? done : null;
            });
            Shot(driver, "6-exported");

            var csv = File.ReadAllBytes(files.Single(f => f.EndsWith(".csv")));
            Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, csv[..3]);
            var rows = Encoding.UTF8.GetString(csv[3..]).Split('\n', StringSplitOptions.RemoveEmptyEntries)[1..];
            Assert.Equal(120, rows.Length);
            Assert.All(rows, r => Assert.Matches(@"^GC-[0-9A-F]{16},3201\*{10}\d{4},", r));
            using var book = new XLWorkbook(files.Single(f => f.EndsWith(".xlsx")));
            var sheet = book.Worksheet(1);
            Assert.Equal(121, sheet.LastRowUsed().RowNumber());
            Assert.All(Enumerable.Range(2, 120), r => Assert.Matches(@"^3201\*{10}\d{4}$", sheet.Cell(r, 2).GetString()));
        }
        catch
        {
            Shot(driver, "failure");
            output.WriteLine(driver.PageSource);
            throw;
        }
        finally
        {
            driver.Quit();
            try { Directory.Delete(profile, true); Directory.Delete(downloads, true); } catch (IOException) { }
        }
    }

    /// <summary>Picks an option the way a user does (value, then the change event), without Selenium.Support's SelectElement.</summary>
    private static void Choose(ChromeDriver driver, string selectId, string value) =>
        driver.ExecuteScript("const s = document.getElementById(arguments[0]); s.value = arguments[1]; s.dispatchEvent(new Event('change'));", selectId, value);

    private void Shot(ChromeDriver driver, string name)
    {
        var path = Path.Combine(_screenshots, $"officer-{name}.png");
        driver.GetScreenshot().SaveAsFile(path);
        output.WriteLine($"screenshot {path}");
    }
}
