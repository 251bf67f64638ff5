package org.tend.local.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.NumberFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.tend.local.DevTokenIssuer;
import org.tend.local.LocalStack;
import org.tend.local.TendService;
import org.tend.local.demo.DemoPlan;
import org.tend.local.demo.DemoSeeder;

/**
 * The HR dashboard in headless Chromium against the real stack: every service and the gateway as their own JVMs, the
 * local identity provider's login page, the authorization-code flow with PKCE, the gateway's session relaying hana's
 * token to the real insights-service. One stack for the class, seeded with a small demo ({@link #SMALL}: 40 people
 * over three months, the department {@value DemoPlan#SMALL_DEPARTMENT} below k) through the gateway on the demo
 * clock, as {@code ./run-local.sh --demo} does.
 *
 * <p>The page must show exactly what the API answers to hana's token: every value cell carries the measure and field
 * it shows ({@code data-measure}, {@code data-field}, and {@code data-period} for a month of the trend), and each is
 * compared with the API's JSON; a withheld one with its rule. The noise-mode test runs last, since it changes the
 * programme's settings.
 *
 * <p>Needs Debian's {@code chromium} and {@code chromium-driver} ({@code .ci/run} installs them): found at
 * {@code CHROME_BIN} / {@code CHROMEDRIVER} or the usual paths. Without them the test is skipped, except under CI
 * ({@code CI=true}), where it fails. Screenshots go to {@code target/screenshots/}.
 *
 * <p>The demo's size can be raised for a more telling screenshot (with 40 people nearly every figure is withheld):
 * {@code -Dtend.browser.demo-participants=200 -Dtend.browser.demo-months=4} (the README's
 * {@code docs/images/hr-dashboard.png} is {@code hr-dashboard-top.png} of such a run). The defaults keep CI fast.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HrDashboardBrowserTest {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final DemoPlan.Size SMALL = new DemoPlan.Size(
            Integer.getInteger("tend.browser.demo-participants", 40), Integer.getInteger("tend.browser.demo-months", 3),
            42);
    /** How much of the page's top the README's screenshot shows: the pickers, uptake and engagement, the bands. */
    private static final int TOP_HEIGHT = 2000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path data;
    private static LocalStack stack;
    private static DemoSeeder.Summary seeded;
    private static Path chromium;
    private static Path chromedriver;

    private WebDriver driver;
    private Path downloads;

    /**
     * When a test fails, what is needed to tell why is on the console (before the browser closes): where the browser
     * was, a screenshot of it, and the end of the gateway's and insights-service's logs (the stack's logs are files in
     * a temporary directory that is gone after the run).
     */
    @RegisterExtension
    final AfterTestExecutionCallback diagnostics = context -> {
        if (context.getExecutionException().isEmpty() || driver == null) {
            return;
        }
        StringBuilder report = new StringBuilder("[diagnostics] " + context.getDisplayName() + " failed\n");
        try {
            report.append("[diagnostics] browser at ").append(driver.getCurrentUrl()).append(" (")
                    .append(driver.getTitle()).append(")\n");
            Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
            Files.createDirectories(SCREENSHOTS);
            Path saved = SCREENSHOTS.resolve("failed-" + context.getRequiredTestMethod().getName() + ".png");
            Files.copy(shot, saved, StandardCopyOption.REPLACE_EXISTING);
            report.append("[diagnostics] screenshot ").append(saved.toAbsolutePath()).append('\n');
        } catch (RuntimeException | IOException e) {
            report.append("[diagnostics] the browser did not answer: ").append(e.getClass().getSimpleName()).append('\n');
        }
        for (TendService service : List.of(TendService.GATEWAY, TendService.INSIGHTS)) {
            report.append("[diagnostics] end of ").append(service).append("'s log:\n")
                    .append(stack.service(service).logTail(40)).append('\n');
        }
        System.out.println(report);
    };

    @BeforeAll
    static void startTheStackAndSeedASmallDemo() throws Exception {
        System.out.println("[demo] size " + SMALL);
        chromium = Browsers.chromium();
        chromedriver = Browsers.chromedriver();
        stack = LocalStack.builder()
                .dataDir(data)
                .mongoBackend(LocalStack.MongoBackend.MEMORY)
                .freePorts()
                .demoClock()
                .onProgress(line -> System.out.println("[stack] " + line))
                .build();
        stack.start();
        seeded = new DemoSeeder(stack.gatewayUrl(), DemoSeeder.Tokens.of(stack.issuer()),
                stack.demoClockFile().orElseThrow(), SMALL, 4, line -> System.out.println("[demo] " + line)).seed();
        awaitSettledFigures();
        Files.createDirectories(SCREENSHOTS);
    }

    /**
     * insights-service reads the topics behind the seeder (and progress-service's outcomes behind that): wait until the
     * latest month's figures are released and stay the same for a few seconds.
     */
    private static void awaitSettledFigures() throws InterruptedException {
        String path = figuresPath(seeded.plan().lastMonth().toString(), null);
        // Three minutes for the default demo; a larger one (see SMALL) takes insights-service longer to read.
        long deadline = System.nanoTime()
                + Duration.ofSeconds(Math.max(180, SMALL.participants() * SMALL.months() / 2)).toNanos();
        String last = null;
        int same = 0;
        while (System.nanoTime() < deadline && same < 3) {
            HttpResponse<String> answer = send(hana(), path);
            String body = answer.statusCode() == 200 ? answer.body() : null;
            boolean released = body != null && body.contains("\"status\":\"released\"");
            same = released && body.equals(last) ? same + 1 : 0;
            last = body;
            Thread.sleep(2000);
        }
        assertThat(same).as("the latest month's figures settled: " + last).isGreaterThanOrEqualTo(3);
    }

    @AfterAll
    static void stopAll() {
        if (stack != null) {
            stack.close();
        }
    }

    @BeforeEach
    void openBrowser() throws IOException {
        downloads = Files.createTempDirectory("tend-downloads");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,900", "--lang=en-GB", "--hide-scrollbars");
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        // Below Selenium's own 3-minute command timeout, so that a page that never loads fails with the browser's
        // answer (and the diagnostics above) rather than a client-side timeout.
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(90));
    }

    @AfterEach
    void closeBrowser() throws IOException {
        if (driver != null) {
            driver.quit();
        }
        try (Stream<Path> files = Files.list(downloads)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
        }
        Files.deleteIfExists(downloads);
    }

    @Test
    @Order(1)
    void hanaSeesTheSeededProgrammesFiguresAsTheApiAnswersThemWithWithheldValuesMarkedAndTheCsvOfWhatIsShown()
            throws Exception {
        signIn("hana");
        waitUntilLoaded();

        // The latest closed month by default; the current month is not offered, and the page says why.
        String lastMonth = seeded.plan().lastMonth().toString();
        assertThat(new Select(driver.findElement(By.id("period"))).getFirstSelectedOption().getDomAttribute("value"))
                .isEqualTo(lastMonth);
        assertThat(new Select(driver.findElement(By.id("period"))).getOptions())
                .noneMatch(o -> seeded.plan().lastMonth().plusMonths(1).toString().equals(o.getDomAttribute("value")));
        assertThat(driver.findElement(By.id("current")).getText()).contains("is not over yet");
        assertThat(driver.findElement(By.id("privacy")).getText()).contains("exact", "10");

        // Every value on the page is the API's, for hana's token.
        JsonNode figures = api(hana(), figuresPath(lastMonth, null));
        JsonNode trend = api(hana(), trendPath(null));
        Checked checked = assertPageShows(figures, trend);
        assertThat(checked.released()).as("released values shown").isGreaterThanOrEqualTo(10);
        WebElement enrolledToDate = driver.findElement(By.cssSelector(
                "td[data-measure='enrolled'][data-field='enrolledToDate']"));
        assertThat(enrolledToDate.getText()).isEqualTo(String.valueOf(seeded.participants()));
        assertThat(driver.findElements(By.cssSelector("#t-trend tbody tr"))).hasSize(trend.get("months").size());

        // The CSV holds exactly the values the tables show, in the same order, and the button downloads it.
        String csv = (String) ((JavascriptExecutor) driver).executeScript("return window.tendDashboard.csv();");
        List<String> shownInCsv = csv.lines().skip(1).map(HrDashboardBrowserTest::shownColumn).toList();
        List<String> shownOnPage = driver.findElements(By.cssSelector("#figures tbody td")).stream()
                .map(td -> td.findElements(By.className("mark")).isEmpty() ? td.getText()
                        : td.findElement(By.className("mark")).getText())
                .toList();
        assertThat(shownInCsv).isEqualTo(shownOnPage);
        driver.findElement(By.id("download")).click();
        Path file = awaitDownload();
        String downloaded = Files.readString(file, StandardCharsets.UTF_8);
        Files.writeString(SCREENSHOTS.resolve("hr-dashboard.csv"), downloaded);
        assertThat(downloaded.lines().toList()).isEqualTo(csv.lines().toList());
        screenshot("hr-dashboard-desktop", 1280);
        screenshotTop("hr-dashboard-top", 1280, TOP_HEIGHT);
        for (String chart : List.of("chart-engagement", "chart-bands", "chart-outcomes", "chart-trend",
                "chart-interventions")) {
            Path shot = driver.findElement(By.id(chart)).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, SCREENSHOTS.resolve(chart + ".png"), StandardCopyOption.REPLACE_EXISTING);
        }

        // The small department: its figures withheld, each marked in words, its rule explained on focus.
        new Select(driver.findElement(By.id("cohort"))).selectByValue(DemoPlan.SMALL_DEPARTMENT);
        new WebDriverWait(driver, WAIT).until(d -> "true".equals(d.findElement(By.tagName("body"))
                .getDomAttribute("data-loaded")) && d.findElement(By.id("status")).getText().contains("Legal"));
        JsonNode legal = api(hana(), figuresPath(lastMonth, DemoPlan.SMALL_DEPARTMENT));
        Checked legalChecked = assertPageShows(legal, api(hana(), trendPath(DemoPlan.SMALL_DEPARTMENT)));
        assertThat(legalChecked.withheld()).isPositive();
        // Six people enrolled to date: below k, withheld by the threshold rule.
        WebElement enrolled = driver.findElement(By.cssSelector(
                "td[data-measure='enrolled'][data-field='enrolledToDate']"));
        assertThat(enrolled.getDomAttribute("data-rule")).isEqualTo("threshold");
        WebElement mark = enrolled.findElement(By.className("mark"));
        assertThat(mark.getText()).isEqualTo("Withheld: fewer than 10 people");
        WebElement tip = enrolled.findElement(By.className("tip"));
        assertThat(tip.isDisplayed()).isFalse();
        ((JavascriptExecutor) driver).executeScript("arguments[0].focus()", mark);
        assertThat(tip.isDisplayed()).isTrue();
        assertThat(tip.getText()).contains("(rule: threshold)");
        assertThat(mark.getDomAttribute("tabindex")).isEqualTo("0");
        screenshot("hr-dashboard-withheld", 1280);
    }

    @Test
    @Order(2)
    void theDashboardHasNoSeriousAccessibilityViolationsAndWorksAtPhoneWidth() throws Exception {
        signIn("hana");
        waitUntilLoaded();
        Results results = new AxeBuilder().analyze(driver);
        List<String> serious = new ArrayList<>();
        for (Rule violation : results.getViolations()) {
            if ("serious".equals(violation.getImpact()) || "critical".equals(violation.getImpact())) {
                serious.add(violation.getId() + " (" + violation.getImpact() + "): " + violation.getHelp() + " at "
                        + violation.getNodes().stream().map(n -> String.valueOf(n.getTarget())).toList());
            }
        }
        assertThat(serious).as("axe-core serious or critical violations").isEmpty();

        driver.manage().window().setSize(new Dimension(390, 844));
        ((JavascriptExecutor) driver).executeScript("window.dispatchEvent(new Event('resize'))");
        Long overflow = (Long) ((JavascriptExecutor) driver).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertThat(overflow).as("no sideways scrolling of the page at phone width").isLessThanOrEqualTo(0L);
        screenshot("hr-dashboard-phone", 390);
    }

    @Test
    @Order(3)
    void hrOfAnotherOrganisationDoesNotSeeAcmesProgramme() throws Exception {
        assertThat(api(token("henrik"), "/api/insights/programmes")).isEmpty();
        assertThat(send(token("henrik"), figuresPath(seeded.plan().lastMonth().toString(), null)).statusCode())
                .isEqualTo(404);

        signIn("henrik");
        new WebDriverWait(driver, WAIT).until(d -> "empty".equals(d.findElement(By.tagName("body"))
                .getDomAttribute("data-loaded")));
        assertThat(driver.findElement(By.id("status")).getText()).isEqualTo("There is no programme of your organisation yet.");
        assertThat(driver.findElement(By.id("figures")).isDisplayed()).isFalse();
        assertThat(driver.getPageSource()).doesNotContain(seeded.programmeId());
    }

    @Test
    @Order(4)
    void aParticipantWhoSignsInIsRefusedWithAClearPage() throws Exception {
        signIn("alice");
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.tagName("h1")));
        assertThat(driver.getCurrentUrl()).endsWith("/hr/");
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("This page is for HR");
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("participant", "Sign out");
        assertThat(driver.findElements(By.id("figures"))).isEmpty();
        screenshot("hr-refused", 1280);

        // Signing out ends the gateway's session and goes on to the identity provider's sign-out.
        driver.findElement(By.cssSelector("form[action='/logout'] button")).click();
        new WebDriverWait(driver, WAIT).until(d -> d.getCurrentUrl().startsWith(stack.issuer().issuer()));
    }

    @Test
    @Order(5)
    void inNoiseModeThePageSaysSoAndShowsTheBudgetSpentAndLeft() throws Exception {
        String settings = "{\"noise\":true,\"epsilonPerFigure\":\"0.1\",\"monthlyBudget\":\"1000\","
                + "\"reassessmentIntervalDays\":28}";
        HttpResponse<String> saved = HTTP.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl()
                        + "/api/insights/programmes/" + seeded.programmeId() + "/settings"))
                .header("Authorization", "Bearer " + token("adam")).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(settings)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(saved.statusCode()).as(saved.body()).isBetween(200, 299);

        signIn("hana");
        waitUntilLoaded();
        WebElement privacy = driver.findElement(By.id("privacy"));
        assertThat(privacy.getDomAttribute("data-mode")).isEqualTo("noise");
        assertThat(privacy.getText()).contains("with noise added", "Privacy budget used by these figures\nε ",
                "Privacy budget left this month\nε ", "of 1000");
        assertThat(driver.findElements(By.cssSelector("#figures td.num")).stream().map(WebElement::getText))
                .anyMatch(text -> text.startsWith("≈ "));
        screenshot("hr-dashboard-noise", 1280);
    }

    // ---- the page against the API -------------------------------------------------------------------------------

    record Checked(int released, int withheld) {
    }

    /** Every value cell of the page against the API's figures (and the trend's months for the trend's cells). */
    private Checked assertPageShows(JsonNode figures, JsonNode trend) {
        int released = 0;
        int withheld = 0;
        List<WebElement> cells = driver.findElements(By.cssSelector("#figures td[data-measure]"));
        assertThat(cells).isNotEmpty();
        for (WebElement td : cells) {
            String measure = td.getDomAttribute("data-measure");
            String field = td.getDomAttribute("data-field");
            String period = td.getDomAttribute("data-period");
            JsonNode figure = period == null ? figureOf(figures.get("figures"), measure) : monthOf(trend, period);
            JsonNode value = valueOf(figure, field);
            String where = measure + "." + field + (period == null ? "" : " in " + period);
            assertThat(value).as("the API has " + where).isNotNull();
            if ("withheld".equals(value.get("status").asText())) {
                withheld++;
                assertThat(td.getDomAttribute("data-rule")).as(where).isEqualTo(value.get("rule").asText());
                assertThat(td.findElement(By.className("mark")).getText()).as(where).startsWith("Withheld");
                assertThat(td.findElement(By.className("tip")).getDomProperty("textContent")).as(where)
                        .contains(value.get("explanation").asText());
            } else {
                released++;
                assertThat(td.getText()).as(where).isEqualTo(format(value, field));
            }
        }
        return new Checked(released, withheld);
    }

    private static JsonNode figureOf(JsonNode figures, String measure) {
        for (JsonNode f : figures) {
            if (f.get("measure").asText().equals(measure)) {
                return f;
            }
        }
        throw new AssertionError("the API returned no figure " + measure);
    }

    private static JsonNode monthOf(JsonNode trend, String period) {
        for (JsonNode month : trend.get("months")) {
            if (month.get("period").asText().equals(period)) {
                return month.get("figure");
            }
        }
        throw new AssertionError("the trend has no month " + period);
    }

    private static JsonNode valueOf(JsonNode figure, String field) {
        if (field.startsWith("cells.")) {
            String category = field.substring("cells.".length(), field.lastIndexOf('.'));
            for (JsonNode cell : figure.get("cells")) {
                if (cell.get("category").asText().equals(category)) {
                    return cell.get(field.substring(field.lastIndexOf('.') + 1));
                }
            }
            return null;
        }
        return figure.get(field);
    }

    /** As the page writes a released value: en-GB digits, a % for a percentage, ≈ for a noisy one. */
    private static String format(JsonNode value, String field) {
        NumberFormat number = NumberFormat.getNumberInstance(Locale.UK);
        number.setMaximumFractionDigits(3);
        String text = number.format(new BigDecimal(value.get("value").asText()));
        return (value.path("noisy").asBoolean(false) ? "≈ " : "") + text + (field.endsWith("percent") ? " %" : "");
    }

    // ---- the API as hana (and others) -----------------------------------------------------------------------------

    private static String token(String demoUser) {
        return stack.issuer().mintFor(demoUser);
    }

    private static String hana() {
        return token("hana");
    }

    private static String figuresPath(String period, String cohort) {
        return "/api/insights/programmes/" + seeded.programmeId() + "/figures?period=" + period
                + (cohort == null ? "" : "&cohort=" + URLEncoder.encode(cohort, StandardCharsets.UTF_8));
    }

    private static String trendPath(String cohort) {
        return "/api/insights/programmes/" + seeded.programmeId() + "/trends?measure=who5-mean"
                + (cohort == null ? "" : "&cohort=" + URLEncoder.encode(cohort, StandardCharsets.UTF_8));
    }

    private static JsonNode api(String token, String path) throws IOException {
        HttpResponse<String> answer = send(token, path);
        assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private static HttpResponse<String> send(String token, String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    /**
     * Signs in on the identity provider's login page and waits until the browser is back at the gateway. A sign-in
     * whose redirects do not finish within the page-load timeout is tried once more, as a person would click again,
     * and says so on the console with where the browser was (CI once saw one hang on a busy machine); a second
     * failure fails the test.
     */
    private void signIn(String user) {
        try {
            signInOnce(user);
        } catch (org.openqa.selenium.TimeoutException e) {
            System.out.println("[diagnostics] the sign-in of " + user + " did not finish (browser at "
                    + driver.getCurrentUrl() + "); gateway log:\n" + stack.service(TendService.GATEWAY).logTail(30)
                    + "\n[diagnostics] signing in again");
            driver.manage().deleteAllCookies();
            signInOnce(user);
        }
    }

    private void signInOnce(String user) {
        driver.get(stack.gatewayUrl() + "/hr/");
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        assertThat(driver.getCurrentUrl()).startsWith(stack.issuer().issuer() + "/login");
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(DevTokenIssuer.DEMO_PASSWORD);
        driver.findElement(By.cssSelector("button[type=submit]")).click();
        new WebDriverWait(driver, WAIT).until(d -> d.getCurrentUrl().startsWith(stack.gatewayUrl()));
    }

    private void waitUntilLoaded() {
        new WebDriverWait(driver, WAIT).until(d -> d.findElement(By.tagName("body")).getDomAttribute("data-loaded") != null);
        assertThat(driver.findElement(By.tagName("body")).getDomAttribute("data-loaded"))
                .as(driver.findElement(By.id("status")).getText()).isEqualTo("true");
    }

    private Path awaitDownload() throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            try (Stream<Path> files = Files.list(downloads)) {
                List<Path> done = files.filter(f -> f.toString().endsWith(".csv")).toList();
                if (!done.isEmpty()) {
                    return done.get(0);
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no CSV was downloaded to " + downloads);
    }

    /** A screenshot of the whole page at this width, from its top. */
    private void screenshot(String name, int width) throws IOException {
        Long height = (Long) ((JavascriptExecutor) driver).executeScript(
                "return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight);");
        driver.manage().window().setSize(new Dimension(width, (int) Math.min(Math.max(height, 600), 6000)));
        ((JavascriptExecutor) driver).executeScript("window.dispatchEvent(new Event('resize')); window.scrollTo(0, 0);");
        Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** A screenshot of the page's top at this width, at most this high (the whole page if shorter). */
    private void screenshotTop(String name, int width, int maxHeight) throws IOException {
        Long height = (Long) ((JavascriptExecutor) driver).executeScript(
                "return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight);");
        driver.manage().window().setSize(new Dimension(width, (int) Math.min(Math.max(height, 600), maxHeight)));
        ((JavascriptExecutor) driver).executeScript("window.dispatchEvent(new Event('resize')); window.scrollTo(0, 0);");
        Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** The CSV's "shown" column (the 8th), read with quoting. */
    private static String shownColumn(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields.get(7);
    }

    /** Locates Debian's Chromium and its driver. */
    static final class Browsers {
        private Browsers() {
        }

        static Path chromium() {
            return find("CHROME_BIN", "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/lib/chromium/chromium",
                    "/usr/bin/google-chrome");
        }

        static Path chromedriver() {
            return find("CHROMEDRIVER", "/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver",
                    "/usr/lib/chromium-browser/chromedriver");
        }

        private static Path find(String variable, String... candidates) {
            List<String> tried = new ArrayList<>();
            String fromEnv = System.getenv(variable);
            if (fromEnv != null && !fromEnv.isBlank()) {
                tried.add(fromEnv);
            }
            tried.addAll(List.of(candidates));
            for (String candidate : tried) {
                Path path = Path.of(candidate);
                if (Files.isExecutable(path)) {
                    return path;
                }
            }
            String message = "no " + variable.toLowerCase(java.util.Locale.ROOT) + " found (tried " + tried
                    + "); install Debian's chromium and chromium-driver (.ci/run does) or set " + variable;
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(message);
            }
            org.junit.jupiter.api.Assumptions.abort(message);
            return null;
        }
    }
}
