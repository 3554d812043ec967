package io.chariot.platform;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.chariot.platform.ExplorerApiIT.all;
import static io.chariot.platform.ExplorerApiIT.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The explorer in a real browser — Debian's {@code chromium}, driven through its {@code chromium-driver} with
 * Selenium: a person logs in with an API key, filters by a request's correlation id, opens the risk it changed, sees
 * its state before the change and what the change did, exports the filter, and never sees a secret or another
 * tenant's event. Screenshots of each step land in {@code platform/target/explorer-screenshots}. Without the browser
 * the tests are skipped with one line, unless {@code CHARIOT_REQUIRE_BROWSER=1} (CI), where that is a failure.
 */
class ExplorerBrowserIT extends PlatformIntegrationTest {

    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHARIOT_CHROMIUM", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(System.getenv().getOrDefault("CHARIOT_CHROMEDRIVER", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target", "explorer-screenshots");

    @TempDir
    Path downloads;

    WebDriver browser;
    String test;
    int shot;

    @BeforeAll
    static void requireTheBrowser() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
        if (!present && "1".equals(System.getenv("CHARIOT_REQUIRE_BROWSER"))) {
            fail("CHARIOT_REQUIRE_BROWSER=1 but " + CHROMIUM + " or " + DRIVER + " is missing: run "
                    + "infra/browser/install-chromium.sh (root) or apt-get install chromium chromium-driver");
        }
        if (!present) {
            System.out.println("ExplorerBrowserIT skipped: no " + CHROMIUM + " and " + DRIVER
                    + " (apt-get install chromium chromium-driver)");
        }
        assumeTrue(present, "no chromium and chromium-driver");
    }

    @BeforeEach
    void openTheBrowser(TestInfo info) {
        test = info.getTestMethod().orElseThrow().getName();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // a laptop's screen; root in a container needs --no-sandbox, and a small /dev/shm the disk instead
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1366,800",
                "--no-first-run", "--disable-background-networking", "--disable-sync", "--lang=en-US");
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false, "safebrowsing.enabled", false));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterEach
    void closeTheBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void anAuditorFindsWhoChangedARiskThroughWhichRequestAndWhatItLookedLikeBefore() throws IOException {
        ChariotClient alice = newTenant();
        String asset = "#asset#browser.example#10.12.12.12";
        ok(alice.put("/asset", "{\"group\":\"browser.example\",\"identifier\":\"10.12.12.12\",\"status\":\"A\"}"));
        String risk = ok(alice.put("/risk", "{\"key\":\"" + asset + "\",\"name\":\"CVE-2024-1212\",\"status\":\"TH\","
                + "\"source\":\"\"}")).json().get("risks").get(0).get("key").asText();
        var change = ok(alice.put("/risk", "{\"key\":\"" + risk + "\",\"status\":\"OH\",\"comment\":\"confirmed\"}"));

        // not logged in: the explorer sends the browser to its login form, and back after it
        open("/explorer?correlationId=" + change.requestId());
        assertThat(browser.getCurrentUrl()).contains("/explorer/login");
        screenshot("login");
        logIn(alice);
        Cookie session = browser.manage().getCookieNamed("chariot_explorer");
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Strict");
        assertThat(session.getPath()).isEqualTo("/explorer");
        assertThat(browser.getCurrentUrl()).contains("correlationId=" + change.requestId());

        // filter by the request's correlation id, typed into the form
        open("/explorer");
        browser.findElement(By.id("correlationId")).sendKeys(change.requestId());
        navigateBy(browser.findElement(By.cssSelector("form.filters button[type=submit]")));
        List<WebElement> rows = browser.findElements(By.cssSelector("table.events tbody tr"));
        screenshot("filtered-by-correlation");
        assertThat(rows).hasSize(1);
        String row = rows.get(0).getText();
        assertThat(row).contains("RiskStatusChanged").contains(risk).contains(alice.tenant).contains("PUT /risk");

        // open the risk: its history says who, when and through which request
        navigateBy(rows.get(0).findElement(By.cssSelector("td.key a")));
        screenshot("risk-history");
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains("Risk").contains(risk);
        List<WebElement> versions = browser.findElements(By.cssSelector("table.history tbody tr"));
        assertThat(versions).hasSize(2);
        assertThat(versions.get(1).getText()).contains("RiskStatusChanged").contains(alice.tenant)
                .contains("PUT /risk");

        // time travel: the state as of version 0 (before the change), then what version 1 changed
        browser.findElement(By.id("version")).sendKeys("0");
        navigateBy(browser.findElement(By.cssSelector("section.travel form button[type=submit]")));
        screenshot("state-before");
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains("as of version 0");
        assertThat(valueOf("status")).isEqualTo("TH");
        navigateBy(browser.findElement(By.linkText("History")));
        navigateBy(browser.findElements(By.cssSelector("table.history tbody tr")).get(1)
                .findElement(By.linkText("changes")));
        screenshot("what-the-change-did");
        WebElement status = browser.findElements(By.cssSelector("table.diff tbody tr")).stream()
                .filter(r -> r.findElement(By.tagName("code")).getText().equals("/status")).findFirst().orElseThrow();
        assertThat(status.findElement(By.cssSelector("td.before")).getText()).isEqualTo("TH");
        assertThat(status.findElement(By.cssSelector("td.after")).getText()).isEqualTo("OH");

        // the event itself: request, command, correlation id
        open("/explorer?correlationId=" + change.requestId());
        navigateBy(browser.findElement(By.cssSelector("table.events tbody tr td.time a")));
        screenshot("event");
        String facts = browser.findElement(By.cssSelector("dl.facts")).getText();
        assertThat(facts).contains("PUT /risk").contains("UpdateRisk").contains(change.requestId())
                .contains(alice.tenant);

        // export the filter as JSON Lines, as a person clicks it
        open("/explorer?key=" + ExplorerApiIT.enc(risk));
        browser.findElement(By.linkText("JSON Lines")).click();
        Path file = await().atMost(Duration.ofSeconds(20)).until(() -> finishedDownload(".jsonl"), f -> f != null);
        List<JsonNode> exported = Files.readAllLines(file).stream().map(ExplorerApiIT::parse).toList();
        assertThat(exported).extracting(e -> e.get("type").asText()).containsExactly("RiskOpened",
                "RiskStatusChanged");
    }

    @Test
    void secretsShowAsRedactedAndAnotherTenantsEventIsNotThere() {
        ChariotClient alice = newTenant();
        String token = "ghp_browser" + Long.toHexString(System.nanoTime());
        ok(alice.post("/account/github", "{\"value\":\"acme\",\"config\":{\"org\":\"acme\",\"token\":\"" + token
                + "\"}}"));
        String linked = all(alice, "type=IntegrationLinked").get(0).get("id").asText();

        open("/explorer/events/" + linked);
        logIn(alice);
        screenshot("integration-event");
        assertThat(browser.getPageSource()).doesNotContain(token);
        assertThat(browser.findElements(By.cssSelector(".badge.redacted"))).isNotEmpty();
        assertThat(browser.findElement(By.cssSelector("dl.facts")).getText()).contains(alice.tenant);

        navigateBy(browser.findElement(By.cssSelector("header form button[type=submit]")));
        assertThat(browser.getCurrentUrl()).contains("/explorer/login");
        assertThat(browser.manage().getCookieNamed("chariot_explorer")).isNull();
        ChariotClient mallory = newTenant();
        logIn(mallory);
        open("/explorer/events/" + linked);
        screenshot("foreign-event");
        assertThat(browser.findElement(By.tagName("h1")).getText()).startsWith("404");
        assertThat(browser.getPageSource()).doesNotContain(alice.tenant).doesNotContain(token);
    }

    @Test
    void anOperatorFindsAParkedSagaByAFilterTypedAtTheKeyboardAndRetriesItAfterTheFix() {
        ChariotClient alice = newTenant();
        String name = FaultySaga.PROBE + "-browser";
        String key = "#asset#sagas.example#" + name;
        FaultySaga.FAILING.add(alice.tenant + key);
        var put = alice.put("/asset", "{\"group\":\"sagas.example\",\"identifier\":\"" + name
                + "\",\"status\":\"A\"}");
        assertThat(put.status() == 200 || put.status() == 503 && put.json().path("stored").asBoolean())
                .as(put.body()).isTrue();

        open("/explorer/operations");
        logIn(clientFor(OPERATOR));
        screenshot("operations");
        navigateBy(browser.findElement(By.linkText("Sagas")));
        // the filter, typed and submitted with the keyboard, lands in the URL (a link to share)
        WebElement tenant = browser.findElement(By.id("tenant"));
        tenant.sendKeys(alice.tenant);
        navigateBy(tenant, Keys.ENTER);
        assertThat(browser.getCurrentUrl()).contains("tenant=" + ExplorerApiIT.enc(alice.tenant));
        String shared = browser.getCurrentUrl();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            browser.get(shared);
            return browser.findElements(By.cssSelector("table.sagas tbody tr")).stream()
                    .anyMatch(r -> r.getText().contains(key) && r.findElement(By.cssSelector("[data-test=parked]"))
                            .getText().equals("1"));
        });
        screenshot("sagas-of-a-tenant");
        WebElement row = browser.findElement(By.cssSelector("table.sagas tbody tr"));
        assertThat(row.getText()).contains("test-probe").contains("RUNNING").contains(alice.tenant);

        navigateBy(row.findElement(By.cssSelector("th a")));
        screenshot("parked-saga");
        assertThat(browser.findElement(By.cssSelector("table.parked")).getText()).contains("AssetDiscovered")
                .contains("this saga cannot take");

        // fixed: Retry, pressed from the keyboard, hands the event to the instance, and the page shows it drained
        FaultySaga.FAILING.remove(alice.tenant + key);
        WebElement retry = browser.findElements(By.cssSelector("form button[type=submit]")).stream()
                .filter(b -> b.getText().equals("Retry")).findFirst().orElseThrow();
        navigateBy(retry, Keys.ENTER);
        screenshot("retried");
        assertThat(browser.findElement(By.cssSelector("[data-test=parked-count]")).getText()).isEqualTo("(0)");
        assertThat(browser.findElement(By.cssSelector("[data-test=steps]")).getText()).isEqualTo("AssetDiscovered");
        assertThat(FaultySaga.HANDLED.get(alice.tenant + key)).containsExactly("AssetDiscovered");
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    private void open(String path) {
        browser.get("http://127.0.0.1:" + port + path);
    }

    /**
     * Clicks what leads to another page and waits until that page has replaced this one: a click returns once the
     * event is dispatched, not once the browser has navigated, so looking at once may still see the old page.
     */
    private void navigateBy(WebElement target) {
        navigate(target::click);
    }

    /** Presses a key on an element (Enter in a field submits its form, on a button presses it) and waits likewise. */
    private void navigateBy(WebElement target, CharSequence key) {
        navigate(() -> target.sendKeys(key));
    }

    private void navigate(Runnable action) {
        WebElement oldPage = browser.findElement(By.tagName("html"));
        action.run();
        await().atMost(Duration.ofSeconds(30)).until(() -> replaced(oldPage)
                && "complete".equals(((JavascriptExecutor) browser).executeScript("return document.readyState")));
    }

    private static boolean replaced(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (StaleElementReferenceException gone) {
            return true;
        }
    }

    private void logIn(ChariotClient client) {
        if (!browser.getCurrentUrl().contains("/explorer/login")) {
            open("/explorer/login");
        }
        String[] key = client.keyOptions();
        browser.findElement(By.id("keyId")).sendKeys(key[3]);
        browser.findElement(By.id("keySecret")).sendKeys(key[5]);
        navigateBy(browser.findElement(By.cssSelector("form.login button[type=submit]")));
        List<WebElement> user = browser.findElements(By.cssSelector("[data-test=user]"));
        assertThat(user).as("logged in as %s; the page at %s says: %s", client.tenant, browser.getCurrentUrl(),
                browser.findElement(By.tagName("body")).getText()).isNotEmpty();
        assertThat(user.get(0).getText()).isEqualTo(client.tenant);
    }

    /** The text shown for a member of a state's JSON (the definition list's term and its value). */
    private String valueOf(String member) {
        return browser.findElements(By.cssSelector(".json.state > dl > dt")).stream()
                .filter(dt -> dt.getText().equals(member)).findFirst().orElseThrow()
                .findElement(By.xpath("following-sibling::dd[1]")).getText();
    }

    private Path finishedDownload(String extension) throws IOException {
        try (Stream<Path> files = Files.list(downloads)) {
            return files.filter(f -> f.toString().endsWith(extension)).findFirst().orElse(null);
        }
    }

    private void screenshot(String step) {
        try {
            Files.createDirectories(SCREENSHOTS);
            byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
            Files.write(SCREENSHOTS.resolve(test + "-" + String.format("%02d", ++shot) + "-" + step + ".png"), png);
        } catch (IOException e) {
            throw new AssertionError("cannot save a screenshot", e);
        }
    }
}
