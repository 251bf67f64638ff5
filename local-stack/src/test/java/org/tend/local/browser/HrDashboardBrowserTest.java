package org.tend.local.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
import org.openqa.selenium.support.ui.WebDriverWait;
import org.tend.local.DevTokenIssuer;
import org.tend.local.FreePorts;
import org.tend.local.ServiceProcess;
import org.tend.local.TendService;

/**
 * The HR dashboard in headless Chromium, signed in through the real gateway (its exec jar) and the real local identity
 * provider (Spring Authorization Server): the login page, the authorization-code flow with PKCE, the session, the token
 * relayed to {@code /api/insights/**}.
 *
 * <p>Only the insights service is a stand-in ({@link FakeInsights}: fixed figures in the shape of insights-service's
 * {@code FigureView}, withheld values included), so this test says nothing about the figures' privacy: it shows that
 * the page shows exactly what the API answers, marks what is withheld, exports the same, and refuses the wrong people.
 * The end-to-end version against the real stack belongs to {@code PlatformEndToEndTest}'s kind of test.
 *
 * <p>Needs Debian's {@code chromium} and {@code chromium-driver} ({@code .ci/run} installs them): found at
 * {@code CHROME_BIN} / {@code CHROMEDRIVER} or the usual paths. Without them the test is skipped, except under CI
 * ({@code CI=true}), where it fails. Screenshots go to {@code target/screenshots/}.
 */
class HrDashboardBrowserTest {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static DevTokenIssuer issuer;
    private static FakeInsights insights;
    private static ServiceProcess gateway;
    private static Path chromium;
    private static Path chromedriver;

    private WebDriver driver;
    private Path downloads;

    @BeforeAll
    static void startGatewayIssuerAndFakeInsights() throws Exception {
        chromium = Browsers.chromium();
        chromedriver = Browsers.chromedriver();
        issuer = new DevTokenIssuer(0);
        insights = FakeInsights.start();
        Path root = org.tend.local.RepositoryRoot.locate();
        Path jar = TendService.GATEWAY.execJar(root, org.tend.local.RepositoryRoot.version(root));
        Map<String, String> env = new HashMap<>();
        env.put("SPRING_PROFILES_ACTIVE", "local");
        env.put("TEND_JWT_AUDIENCE", DevTokenIssuer.AUDIENCE);
        env.put("TEND_JWT_ISSUER", issuer.issuer());
        env.put("TEND_JWT_JWK_SET_URI", issuer.jwkSetUri());
        env.put("TEND_OAUTH2_CLIENT_ID", DevTokenIssuer.GATEWAY_CLIENT_ID);
        env.put("TEND_OAUTH2_CLIENT_SECRET", issuer.gatewayClientSecret());
        env.put("TEND_OAUTH2_AUTHORIZATION_URI", issuer.authorizationUri());
        env.put("TEND_OAUTH2_TOKEN_URI", issuer.oauth2TokenUri());
        env.put("TEND_OAUTH2_LOGOUT_URI", issuer.logoutUri());
        env.put("TEND_INSIGHTS_URL", insights.url());
        gateway = new ServiceProcess("gateway", jar, FreePorts.find(), env, ServiceProcess.DEFAULT_JVM_OPTIONS,
                Path.of("target", "browser-test", "gateway.log"));
        issuer.start();
        gateway.start(Duration.ofSeconds(120));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stopAll() {
        if (gateway != null) {
            gateway.stop();
        }
        if (issuer != null) {
            issuer.stop();
        }
        if (insights != null) {
            insights.close();
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
    void hrSignsInAndSeesTheApisFiguresWithWithheldValuesMarkedAndTheCsvOfWhatIsShown() throws Exception {
        signIn("hana");
        waitUntilLoaded();

        // The figures are the API's, and every call carried hana's token from the identity provider (TokenRelay).
        assertThat(row("t-engagement", "Enrolled in the period")).containsExactly("240", "—");
        assertThat(row("t-engagement", "Enrolled to date")).containsExactly("412", "—");
        assertThat(row("t-engagement", "Assessments completed")).containsExactly("530", "198");
        assertThat(row("t-outcomes", "Reliable improvement (NHS Talking Therapies), of those with two PHQ-9 or GAD-7 measures"))
                .containsExactly("46.5 %", "142");
        assertThat(insights.subjects()).isNotEmpty().allMatch("demo|hana"::equals);
        assertThat(insights.paths()).contains("/api/insights/programmes",
                "/api/insights/programmes/prg-acme/figures?period=2026-06");

        // A withheld value is marked in words, and explained on focus (the keyboard) as on hover.
        WebElement severe = cellElement("PHQ-9 bands at the latest measure", "Severe", 1);
        WebElement mark = severe.findElement(By.className("mark"));
        assertThat(mark.getText()).isEqualTo("Withheld: fewer than 10 people");
        WebElement tip = severe.findElement(By.className("tip"));
        assertThat(tip.isDisplayed()).isFalse();
        ((JavascriptExecutor) driver).executeScript("arguments[0].focus()", mark);
        assertThat(tip.isDisplayed()).isTrue();
        assertThat(tip.getText()).contains("Fewer than 10 people: withheld to protect a small group", "threshold");
        assertThat(cellElement("PHQ-9 bands at the latest measure", "Moderately severe", 1).getText())
                .isEqualTo("Withheld to protect a small group");

        // The CSV holds exactly the values the tables show, in the same order, and the button downloads it.
        String csv = (String) ((JavascriptExecutor) driver).executeScript("return window.tendDashboard.csv();");
        List<String> shownInCsv = csv.lines().skip(1).map(HrDashboardBrowserTest::shownColumn).toList();
        List<String> shownOnPage = driver.findElements(By.cssSelector("#figures tbody td")).stream()
                .map(td -> td.findElements(By.className("mark")).isEmpty() ? td.getText()
                        : td.findElement(By.className("mark")).getText())
                .toList();
        assertThat(shownInCsv).isEqualTo(shownOnPage).contains("Withheld: fewer than 10 people", "240");
        driver.findElement(By.id("download")).click();
        Path file = awaitDownload();
        String downloaded = Files.readString(file, StandardCharsets.UTF_8);
        Files.writeString(SCREENSHOTS.resolve("hr-dashboard.csv"), downloaded);
        assertThat(downloaded.lines().toList()).isEqualTo(csv.lines().toList());
        screenshot("hr-dashboard-desktop", 1280);

        // Another department: new figures from the API, the Legal department's all withheld.
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("cohort"))).selectByVisibleText("Legal");
        new WebDriverWait(driver, WAIT).until(d -> insights.paths().stream()
                .anyMatch(p -> p.contains("cohort=Legal")) && "true".equals(d.findElement(By.tagName("body"))
                .getDomAttribute("data-loaded")) && d.findElement(By.id("status")).getText().contains("Legal"));
        assertThat(row("t-engagement", "Enrolled in the period")).containsExactly("Withheld: fewer than 10 people", "—");
    }

    @Test
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
        new WebDriverWait(driver, WAIT).until(d -> d.getCurrentUrl().startsWith(issuer.issuer()));
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private void signIn(String user) {
        driver.get(gateway.baseUrl() + "/hr/");
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        assertThat(driver.getCurrentUrl()).startsWith(issuer.issuer() + "/login");
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(DevTokenIssuer.DEMO_PASSWORD);
        driver.findElement(By.cssSelector("button[type=submit]")).click();
        new WebDriverWait(driver, WAIT).until(d -> d.getCurrentUrl().startsWith(gateway.baseUrl()));
    }

    private void waitUntilLoaded() {
        new WebDriverWait(driver, WAIT).until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-loaded"))
                || d.findElement(By.id("status")).getText().startsWith("The "));
        assertThat(driver.findElement(By.tagName("body")).getDomAttribute("data-loaded"))
                .as(driver.findElement(By.id("status")).getText()).isEqualTo("true");
    }

    /** The shown texts of a table row's value cells (a withheld one as its mark). */
    private List<String> row(String tableId, String rowHeader) {
        WebElement table = driver.findElement(By.id(tableId));
        for (WebElement tr : table.findElements(By.cssSelector("tbody tr"))) {
            if (tr.findElement(By.tagName("th")).getText().equals(rowHeader)) {
                return tr.findElements(By.tagName("td")).stream().map(td -> td.getText().lines().findFirst().orElse(""))
                        .toList();
            }
        }
        throw new AssertionError("no row '" + rowHeader + "' in #" + tableId + ": " + table.getText());
    }

    private WebElement cellElement(String caption, String rowHeader, int column) {
        for (WebElement table : driver.findElements(By.cssSelector("#figures table"))) {
            if (table.findElement(By.tagName("caption")).getText().equals(caption)) {
                for (WebElement tr : table.findElements(By.cssSelector("tbody tr"))) {
                    if (tr.findElement(By.tagName("th")).getText().equals(rowHeader)) {
                        return tr.findElements(By.tagName("td")).get(column - 1);
                    }
                }
            }
        }
        throw new AssertionError("no cell " + caption + " / " + rowHeader);
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

    /** A screenshot of the whole page at this width. */
    private void screenshot(String name, int width) throws IOException {
        Long height = (Long) ((JavascriptExecutor) driver).executeScript(
                "return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight);");
        driver.manage().window().setSize(new Dimension(width, (int) Math.min(Math.max(height, 600), 6000)));
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

    /**
     * A stand-in for insights-service's API: one programme of organisation acme, six closed months, figures in the
     * service's {@code FigureView} shape. Records each request's path and the subject of the token it carried.
     */
    static final class FakeInsights implements AutoCloseable {
        private final HttpServer server;
        private final List<String> paths = new CopyOnWriteArrayList<>();
        private final List<String> subjects = new CopyOnWriteArrayList<>();

        private FakeInsights(HttpServer server) {
            this.server = server;
        }

        static FakeInsights start() throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            FakeInsights fake = new FakeInsights(server);
            server.createContext("/", fake::handle);
            server.start();
            return fake;
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        List<String> paths() {
            return List.copyOf(paths);
        }

        List<String> subjects() {
            return List.copyOf(subjects);
        }

        @Override
        public void close() {
            server.stop(0);
        }

        private void handle(HttpExchange exchange) throws IOException {
            String path = exchange.getRequestURI().getRawPath();
            String query = exchange.getRequestURI().getRawQuery();
            if (path.startsWith("/api/")) { // not the gateway's health check asking /actuator/info
                paths.add(path + (query == null ? "" : "?" + query));
                subjects.add(subjectOf(exchange.getRequestHeaders().getFirst("Authorization")));
            }
            String body;
            int status = 200;
            if (path.equals("/api/insights/programmes")) {
                body = Fixtures.PROGRAMMES;
            } else if (path.equals("/api/insights/programmes/prg-acme/figures")) {
                body = Fixtures.figures(query == null ? "" : java.net.URLDecoder.decode(query, StandardCharsets.UTF_8));
            } else {
                status = 404;
                body = "{\"type\":\"/problems/not-found\",\"title\":\"Not Found\",\"status\":404}";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", status == 200 ? "application/json" : "application/problem+json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }

        private static String subjectOf(String authorization) {
            if (authorization == null || !authorization.startsWith("Bearer ")) {
                return "(no token)";
            }
            String[] parts = authorization.substring(7).split("\\.");
            String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
            java.util.regex.Matcher sub = java.util.regex.Pattern.compile("\"sub\"\\s*:\\s*\"([^\"]+)\"").matcher(payload);
            return sub.find() ? sub.group(1) : "(no sub)";
        }
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
