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
/// see both charts, open a case, reveal with a reason (the audit row appears), resolve, act on two cases at once, export
/// CSV and XLSX (parsed back: masked); an admin sees health, runs a feed and finds it in the run history.
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
        using var driver = StartChromium(profile, downloads);
        var wait = new WebDriverWait(driver, TimeSpan.FromSeconds(20));
        try
        {
            SignIn(driver, wait, "officer");
            wait.Until(d => d.FindElement(By.Id("list-view")).Displayed && d.FindElements(By.CssSelector("#cases tbody tr")).Count > 0);
            Assert.Equal(50, driver.FindElements(By.CssSelector("#cases tbody tr")).Count); // first page of 120
            Assert.Contains("共 120 件", driver.FindElement(By.Id("counts")).Text);
            // Both charts drawn by the vendored chart.js: active cases by rule (9 bars) and region, and the trend (run R-test).
            wait.Until(d => ((ChromeDriver)d).ExecuteScript("return Chart.getChart('trend') ? Chart.getChart('trend').data.labels.length : 0") is 1L);
            Assert.Equal(9L, driver.ExecuteScript("return Chart.getChart('chart').data.labels.length"));
            Assert.Equal("320100", driver.ExecuteScript("return Chart.getChart('chart').data.datasets.map(d => d.label).join()"));
            Assert.Equal(120L, driver.ExecuteScript("return Chart.getChart('trend').data.datasets[0].data[0]"));
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
            // Bulk: the first two cases of the page marked contacted at once.
            foreach (var box in driver.FindElements(By.CssSelector("input.pick")).Take(2)) box.Click();
            Choose(driver, "bulk-action", "contacted");
            driver.FindElement(By.Id("bulk-btn")).Click();
            wait.Until(d => d.FindElement(By.Id("bulk-result")).Text.StartsWith("已处理 2 / 2"));
            wait.Until(d => d.FindElement(By.Id("counts")).Text.Contains("处理中 2"));
            Shot(driver, "6-bulk");

            driver.FindElement(By.Id("export-csv")).Click();
            driver.FindElement(By.Id("export-xlsx")).Click();
            var files = new WebDriverWait(driver, TimeSpan.FromSeconds(30)).Until(_ =>
            {
                var done = Directory.GetFiles(downloads).Where(f => f.EndsWith(".csv") || f.EndsWith(".xlsx")).ToArray();
                return done.Length == 2 ? done : null;
            });
            Shot(driver, "7-exported");

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

    [ChromiumFact]
    public void An_admin_sees_health_runs_a_feed_and_finds_it_in_the_run_history()
    {
        var profile = Directory.CreateTempSubdirectory("datahub-chromium-").FullName;
        using var driver = StartChromium(profile, profile);
        var wait = new WebDriverWait(driver, TimeSpan.FromSeconds(60));
        try
        {
            SignIn(driver, wait, "admin");
            wait.Until(d => d.FindElement(By.Id("users-view")).Displayed && d.FindElements(By.CssSelector("#feeds tbody tr")).Count > 0);
            wait.Until(d => d.FindElements(By.CssSelector("#health li")).Count == 4);
            Assert.StartsWith("总体：正常", driver.FindElement(By.Id("health-overall")).Text);
            foreach (var part in new[] { "kafka", "schema-registry", "store" })
                Assert.Contains("正常", driver.FindElement(By.CssSelector($"#health li[data-part='{part}']")).Text);
            Assert.Contains(driver.FindElements(By.CssSelector("#users tbody tr td:first-child")), td => td.Text == "officer-wuxi");

            var row = driver.FindElements(By.CssSelector("#feeds tbody tr")).Single(r => r.FindElement(By.CssSelector("td")).Text == host.FeedName);
            row.FindElement(By.CssSelector("button.run-feed")).Click();
            wait.Until(d => d.FindElement(By.Id("feed-result")).Text.Contains("发布 12"));
            wait.Until(d => d.FindElements(By.CssSelector("#runs tbody tr")).Any(r => r.Text.Contains(host.FeedName)));
            var run = driver.FindElements(By.CssSelector("#runs tbody tr")).First(r => r.Text.Contains(host.FeedName)).FindElements(By.CssSelector("td"));
            Assert.Equal(("管理员 admin", "成功", "12"), (run[2].Text, run[5].Text, run[7].Text));
            Shot(driver, "8-admin");
        }
        catch
        {
            Shot(driver, "admin-failure");
            output.WriteLine(driver.PageSource);
            throw;
        }
        finally
        {
            driver.Quit();
            try { Directory.Delete(profile, true); } catch (IOException) { }
        }
    }

    private static ChromeDriver StartChromium(string profile, string downloads)
    {
        var options = new ChromeOptions { BinaryLocation = ChromiumFactAttribute.Browser };
        options.AddArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", $"--user-data-dir={profile}", "--window-size=1400,1000", "--lang=zh-CN");
        options.AddUserProfilePreference("download.default_directory", downloads);
        options.AddUserProfilePreference("download.prompt_for_download", false);
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(ChromiumFactAttribute.Driver)!, Path.GetFileName(ChromiumFactAttribute.Driver));
        service.SuppressInitialDiagnosticInformation = true;
        return new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }

    private void SignIn(ChromeDriver driver, WebDriverWait wait, string user)
    {
        driver.Navigate().GoToUrl(host.Url + "/");
        wait.Until(d => d.FindElement(By.Id("login-view")).Displayed);
        driver.FindElement(By.Id("username")).SendKeys(user);
        driver.FindElement(By.Id("password")).SendKeys(OfficerWebHost.Password);
        driver.FindElement(By.Id("login-btn")).Click();
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
