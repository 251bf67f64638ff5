package org.tend.local.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

/**
 * The participant's pages ({@code /me/}) and the practitioner's ({@code /practitioner/}) in headless Chromium against
 * the real stack, signed in on the local identity provider's login page as the HR dashboard is. The story, in order:
 * alice starts a PHQ-9, leaves it and resumes it, answers item 9 positively and sees the crisis signposting and the
 * safety pathway; priya sees the alert first on her caseload, acknowledges it, releases the care hold and adds an
 * intervention to alice's plan (first without a reason: the problem shows next to the field); alice then sees the
 * new plan; neither may open the other's pages. axe-core finds no serious or critical violation on any page state, at
 * desktop and phone width.
 *
 * <p>Screenshots go to {@code target/screenshots/care-pages/} (printed at the start). Needs Chromium as
 * {@link HrDashboardBrowserTest} does.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CarePagesBrowserTest {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots", "care-pages");
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String SIGNPOSTING = "call 999";

    @TempDir
    static Path data;
    private static LocalStack stack;
    private static Path chromium;
    private static Path chromedriver;
    private static String alice;
    private static final List<String> AXE_FINDINGS = new ArrayList<>();

    private WebDriver driver;

    @RegisterExtension
    final AfterTestExecutionCallback diagnostics = context -> {
        if (context.getExecutionException().isEmpty() || driver == null) {
            return;
        }
        StringBuilder report = new StringBuilder("[diagnostics] " + context.getDisplayName() + " failed\n");
        try {
            report.append("[diagnostics] browser at ").append(driver.getCurrentUrl()).append('\n');
            Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
            Path saved = SCREENSHOTS.resolve("failed-" + context.getRequiredTestMethod().getName() + ".png");
            Files.copy(shot, saved, StandardCopyOption.REPLACE_EXISTING);
            report.append("[diagnostics] screenshot ").append(saved.toAbsolutePath()).append('\n');
            report.append("[diagnostics] status: ").append(driver.findElements(By.id("status")).stream()
                    .map(WebElement::getText).toList()).append('\n');
        } catch (RuntimeException | IOException e) {
            report.append("[diagnostics] the browser did not answer: ").append(e).append('\n');
        }
        report.append("[diagnostics] end of the gateway's log:\n").append(stack.service(TendService.GATEWAY).logTail(30));
        System.out.println(report);
    };

    @BeforeAll
    static void startTheStackWithAProgrammeThatPriyaServes() throws Exception {
        chromium = HrDashboardBrowserTest.Browsers.chromium();
        chromedriver = HrDashboardBrowserTest.Browsers.chromedriver();
        Files.createDirectories(SCREENSHOTS);
        System.out.println("[care-pages] screenshots in " + SCREENSHOTS.toAbsolutePath());
        stack = LocalStack.builder()
                .dataDir(data)
                .mongoBackend(LocalStack.MongoBackend.MEMORY)
                .freePorts()
                .onProgress(line -> System.out.println("[stack] " + line))
                .build();
        stack.start();

        JsonNode programme = call("adam", "POST", "/api/programmes", Map.of("organisationId", "acme",
                "name", "Care pages", "minimumGroupSize", 10, "departments", List.of("sales")), 201);
        String programmeId = programme.get("programmeId").asText();
        String invitation = call("adam", "POST", "/api/programmes/" + programmeId + "/invitations", Map.of(), 201)
                .get("code").asText();
        call("priya", "POST", "/api/invitations/redemptions", Map.of("code", invitation), 201);
        Map<String, Object> enrolment = Map.of("enrolmentCode", programme.get("enrolmentCode").asText(),
                "consent", true, "department", "sales");
        alice = call("alice", "POST", "/api/enrolments", enrolment, 201).get("participantId").asText();
        call("bob", "POST", "/api/enrolments", enrolment, 201);
        // An earlier PHQ-9 (severe, item 9 not positive), so alice's journey has a history to chart.
        call("alice", "POST", "/api/assessments", Map.of("instrumentId", "phq-9", "submit", true, "answers",
                Map.of("phq9-1", 3, "phq9-2", 3, "phq9-3", 3, "phq9-4", 2, "phq9-5", 2, "phq9-6", 3, "phq9-7", 2,
                        "phq9-8", 2, "phq9-9", 0)), 201);
        call("alice", "POST", "/api/assessments", Map.of("instrumentId", "gad-7", "submit", true, "answers",
                Map.of("gad7-1", 2, "gad7-2", 2, "gad7-3", 2, "gad7-4", 2, "gad7-5", 1, "gad7-6", 2, "gad7-7", 1)), 201);
    }

    @AfterAll
    static void stopAll() {
        if (stack != null) {
            stack.close();
        }
    }

    @BeforeEach
    void openBrowser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,900", "--lang=en-GB", "--hide-scrollbars");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(90));
    }

    @AfterEach
    void closeBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    @Order(1)
    void aliceResumesAPhq9AndWithItem9PositiveSeesTheCrisisSignpostingAndTheSafetyPathway() throws Exception {
        signIn("alice", "/me/");
        awaitLoaded("home");
        assertThat(text("next-steps")).contains("Nothing is waiting for you");
        assertThat(driver.findElements(By.cssSelector("#charts .journey-chart"))).hasSizeGreaterThanOrEqualTo(2);
        assertThat(text("charts")).contains("PHQ-9", "Severe");
        screenshot("participant-home-before", 1280);
        accessible("/me/ overview");

        // Start the PHQ-9: all its questions on a desktop (nine scored, the tenth, about difficulty, not).
        driver.findElement(By.cssSelector("button[aria-label='Start the PHQ-9']")).click();
        awaitLoaded("assessment");
        assertThat(driver.findElements(By.cssSelector("#questions .question"))).hasSize(10);
        assertThat(driver.findElements(By.cssSelector("#questions .question")).stream().filter(WebElement::isDisplayed))
                .hasSize(10);
        assertThat(text("question-phq9-10")).contains("(optional)");
        answer("phq9-1", 1);
        answer("phq9-2", 2);
        answer("phq9-3", 1);
        awaitText("saved", "Answer saved.");
        accessible("/me/ questionnaire");

        // Leave it: the overview offers to carry on, and the answers so far are kept.
        driver.get(stack.gatewayUrl() + "/me/");
        awaitLoaded("home");
        WebElement resume = driver.findElement(By.cssSelector("#next-steps li[data-step=resume] a"));
        assertThat(resume.getText()).isEqualTo("Carry on with the PHQ-9");
        resume.click();
        awaitLoaded("assessment");
        assertThat(driver.findElement(By.cssSelector("#question-phq9-2 input[value='2']")).isSelected()).isTrue();
        assertThat(text("saved")).contains("earlier answers");

        // Submitting with questions left open says which, next to nothing sent.
        driver.findElement(By.id("submit")).click();
        assertThat(driver.findElement(By.cssSelector("#assessment-form [data-role=form-error]")).getText())
                .contains("4, 5, 6, 7, 8, 9");
        assertThat(driver.findElements(By.cssSelector(".question.unanswered"))).hasSize(6);
        for (String item : List.of("phq9-4", "phq9-5", "phq9-6", "phq9-7", "phq9-8")) {
            answer(item, 1);
        }
        answer("phq9-9", 1);
        screenshot("participant-questionnaire", 1280);
        driver.findElement(By.id("submit")).click();

        awaitLoaded("result");
        assertThat(text("result-title")).isEqualTo("Your PHQ-9 result");
        WebElement signposting = driver.findElement(By.id("signposting"));
        assertThat(signposting.getText()).contains(SIGNPOSTING, "Samaritans", "Your practitioner has been told");
        assertThat(driver.findElement(By.cssSelector("#result .band")).getText()).isEqualTo("Moderate");
        assertThat(text("result")).contains("10 out of 27");
        screenshot("participant-result-signposting", 1280);
        accessible("/me/ result with signposting");

        // The overview: the signposting at the top, recommendations replaced by the safety pathway.
        driver.findElement(By.cssSelector("#result a[href='#home-plan']")).click();
        awaitLoaded("home");
        assertThat(driver.findElement(By.id("signposting")).getText()).contains(SIGNPOSTING);
        assertThat(driver.findElement(By.id("safety-pathway")).getText()).contains("practitioner will be in touch");
        assertThat(driver.findElements(By.cssSelector("#recommendation-list"))).isEmpty();
        screenshot("participant-safety-pathway", 1280);
    }

    @Test
    @Order(2)
    void onAPhoneAQuestionnaireIsOneQuestionAtATimeAndThePagesFitTheScreen() throws Exception {
        signIn("alice", "/me/");
        driver.manage().window().setSize(new Dimension(390, 844));
        awaitLoaded("home");
        noSidewaysScrolling("/me/ overview");
        accessible("/me/ overview on a phone");
        screenshotViewport("participant-phone-home");

        driver.findElement(By.cssSelector("button[aria-label='Start the GAD-7']")).click();
        awaitLoaded("assessment");
        assertThat(driver.findElement(By.tagName("body")).getDomAttribute("data-layout")).isEqualTo("one-at-a-time");
        List<WebElement> questions = driver.findElements(By.cssSelector("#questions .question"));
        assertThat(questions).hasSize(7);
        for (int i = 0; i < questions.size(); i++) {
            int index = i;
            new WebDriverWait(driver, WAIT).until(d -> d.findElements(By.cssSelector("#questions .question")).get(index)
                    .isDisplayed());
            assertThat(driver.findElements(By.cssSelector("#questions .question")).stream()
                    .filter(WebElement::isDisplayed)).hasSize(1);
            assertThat(text("progress-text")).isEqualTo("Question " + (i + 1) + " of 7");
            if (i == 1) {
                noSidewaysScrolling("/me/ questionnaire");
                accessible("/me/ questionnaire on a phone");
                screenshotViewport("participant-phone-question");
            }
            WebElement question = driver.findElements(By.cssSelector("#questions .question")).get(i);
            question.findElement(By.cssSelector("input[value='0']")).findElement(By.xpath("..")).click();
        }
        awaitText("saved", "Answer saved.");
        driver.findElement(By.id("submit")).click();
        awaitLoaded("result");
        assertThat(driver.findElement(By.cssSelector("#result .band")).getText()).isEqualTo("Minimal");
        noSidewaysScrolling("/me/ result");
        accessible("/me/ result on a phone");
        screenshotViewport("participant-phone-result");
    }

    @Test
    @Order(3)
    void priyaSeesTheAlertFirstAcknowledgesItReleasesTheHoldAndAddsAnInterventionWithAReason() throws Exception {
        signIn("priya", "/practitioner/");
        awaitLoaded("caseload");
        List<WebElement> alerts = driver.findElements(By.cssSelector("#alerts li.alert-entry"));
        assertThat(alerts).isNotEmpty();
        assertThat(alerts.get(0).getDomAttribute("data-participant-id")).isEqualTo(alice);
        assertThat(alerts.get(0).getText()).contains("Safety alert", "PHQ-9", "item 9");
        // The alerts come before the plans to review and the re-assessments due.
        assertThat((Boolean) js("return document.getElementById('h-alerts').compareDocumentPosition("
                + "document.getElementById('h-review')) === Node.DOCUMENT_POSITION_FOLLOWING;")).isTrue();
        screenshot("practitioner-caseload", 1280);
        accessible("/practitioner/ caseload");

        alerts.get(0).findElement(By.cssSelector("a")).click();
        awaitLoaded("participant");
        assertThat(text("participant-title")).contains(alice);
        assertThat(driver.findElement(By.cssSelector(".safety-alert")).getText()).contains("item 9");
        assertThat(driver.findElement(By.id("care-hold")).getText()).contains("Care hold since");
        assertThat(driver.findElements(By.cssSelector("#charts .journey-chart"))).hasSizeGreaterThanOrEqualTo(2);
        screenshot("practitioner-participant-alert", 1280);
        accessible("/practitioner/ participant with an alert and a hold");

        // Acknowledge the alert.
        driver.findElement(By.cssSelector(".safety-alert button")).click();
        new WebDriverWait(driver, WAIT).until(d -> d.findElements(By.cssSelector(".safety-alert")).isEmpty());
        awaitText("status", "Alert acknowledged.");
        assertThat(api("priya", "/api/safety/alerts")).isEmpty();

        // Release the hold.
        driver.findElement(By.cssSelector("#release-form button")).click();
        new WebDriverWait(driver, WAIT).until(d -> !d.findElements(By.id("care-hold-released")).isEmpty());
        assertThat(api("priya", "/api/care-holds?participantId=" + alice).get("held").asBoolean()).isFalse();

        // Adjust the plan: without a reason, the problem is shown next to the reason.
        new Select(driver.findElement(By.id("adjust-change"))).selectByValue("add");
        new Select(driver.findElement(By.id("adjust-intervention"))).selectByValue("cbt");
        driver.findElement(By.cssSelector("#adjust button[type=submit]")).click();
        WebElement problem = new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#adjust .field-error[data-problem-for=reason]")));
        assertThat(driver.findElement(By.id("adjust-reason")).getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(driver.findElement(By.id("adjust-reason")).getDomAttribute("aria-describedby"))
                .isEqualTo(problem.getDomAttribute("id"));
        screenshotElement("practitioner-adjust-problem", driver.findElement(By.id("adjust")));

        new Select(driver.findElement(By.id("adjust-intervention"))).selectByValue("cbt");
        new Select(driver.findElement(By.id("adjust-reason"))).selectByValue("participant-preference");
        driver.findElement(By.id("adjust-note")).sendKeys("Agreed on the phone after the review.");
        driver.findElement(By.cssSelector("#adjust button[type=submit]")).click();
        awaitText("status", "Plan adjusted.");
        WebElement added = driver.findElement(By.cssSelector("#plan-interventions li[data-intervention-id=cbt]"));
        assertThat(added.getText()).contains("Cognitive behavioural therapy", "Active");
        assertThat(text("plan-history")).contains("Added Cognitive behavioural therapy", "Participant’s preference",
                "Agreed on the phone");
        // The plan's change is on the charts (a dashed line) and, in words, under each chart's table.
        assertThat(driver.findElement(By.id("charts")).getDomProperty("textContent"))
                .contains("Plan changes: Added Cognitive behavioural therapy", "Plan: Added Cognitive behavioural therapy");
        screenshot("practitioner-participant-plan", 1280);
        accessible("/practitioner/ participant after the adjustment");

        // Record a review.
        new Select(driver.findElement(By.id("review-reason"))).selectByValue("other");
        driver.findElement(By.cssSelector("#review button[type=submit]")).click();
        awaitText("status", "Review recorded.");
        assertThat(text("plan-history")).contains("Reviewed: continue");

        driver.manage().window().setSize(new Dimension(390, 844));
        js("window.dispatchEvent(new Event('resize'))");
        noSidewaysScrolling("/practitioner/ participant");
        accessible("/practitioner/ participant on a phone");
        screenshotViewport("practitioner-phone-participant");
        driver.get(stack.gatewayUrl() + "/practitioner/");
        awaitLoaded("caseload");
        noSidewaysScrolling("/practitioner/ caseload");
        accessible("/practitioner/ caseload on a phone");
        screenshotViewport("practitioner-phone-caseload");
    }

    @Test
    @Order(4)
    void aliceThenSeesTheNewPlanAndHerRecommendationsAgain() throws Exception {
        signIn("alice", "/me/");
        awaitLoaded("home");
        // The release and the adjustment reach alice's views through the catalogue's read models: soon, not at once.
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline && (driver.findElements(By.cssSelector(
                "#plan-interventions li[data-intervention-id=cbt]")).isEmpty()
                || driver.findElements(By.id("recommendation-list")).isEmpty())) {
            Thread.sleep(1000);
            driver.navigate().refresh();
            awaitLoaded("home");
        }
        WebElement cbt = driver.findElement(By.cssSelector("#plan-interventions li[data-intervention-id=cbt]"));
        assertThat(cbt.getText()).contains("Cognitive behavioural therapy", "Active", "since");
        assertThat(driver.findElements(By.id("signposting"))).isEmpty();
        assertThat(driver.findElements(By.cssSelector("#recommendation-list li"))).isNotEmpty();
        assertThat(text("recommendation-list")).contains("Why:");

        // Set a goal on it and rate it.
        new Select(driver.findElement(By.id("goal-intervention"))).selectByValue("cbt");
        driver.findElement(By.id("goal-description")).sendKeys("Sleep through the night most weeknights");
        driver.findElement(By.cssSelector("#new-goal button[type=submit]")).click();
        awaitText("status", "Goal set.");
        WebElement goal = driver.findElement(By.cssSelector("#goals li[data-status=active]"));
        assertThat(goal.getText()).contains("Sleep through the night", "not rated yet");
        new Select(goal.findElement(By.cssSelector("select[name=rating]"))).selectByValue("4");
        goal.findElement(By.cssSelector("form.rate button")).click();
        awaitText("status", "Rating saved.");
        assertThat(driver.findElement(By.cssSelector("#goals li[data-status=active]")).getText())
                .contains("latest rating 4 out of 10");
        screenshot("participant-plan-after-review", 1280);
        accessible("/me/ overview with a plan and a goal");

        // Close it as achieved.
        WebElement open = driver.findElement(By.cssSelector("#goals li[data-status=active]"));
        open.findElement(By.tagName("summary")).click();
        open.findElement(By.cssSelector("form.close button[value=achieved]")).click();
        new WebDriverWait(driver, WAIT).until(d -> !d.findElements(By.cssSelector("#goals li[data-status=achieved]"))
                .isEmpty());
        assertThat(driver.findElement(By.cssSelector("#goals li[data-status=achieved]")).getText()).contains("Achieved");
    }

    @Test
    @Order(5)
    void aParticipantCannotOpenThePractitionersPagesNorAPractitionerTheParticipants() throws Exception {
        signIn("alice", "/practitioner/");
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.tagName("h1")));
        assertThat(driver.getCurrentUrl()).endsWith("/practitioner/");
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("These pages are for practitioners");
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("the role participant", "Sign out");
        assertThat(driver.findElements(By.id("alerts"))).isEmpty();
        screenshot("practitioner-refused", 1280);
        // The API refuses her too: the page is not the only line.
        assertThat(send("alice", "GET", "/api/safety/alerts", null).statusCode()).isEqualTo(403);

        // Signing out is the HR dashboard's form (HrDashboardBrowserTest follows it to the identity provider).
        assertThat(driver.findElement(By.cssSelector("form[action='/logout'] input[name=_csrf]")).getDomProperty("value"))
                .isNotBlank();

        closeBrowser();
        openBrowser();
        signIn("priya", "/me/");
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.tagName("h1")));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("These pages are for participants");
    }

    @Test
    @Order(6)
    void noPageStateHadASeriousOrCriticalAccessibilityViolation() {
        assertThat(AXE_FINDINGS).as("axe-core serious or critical violations").isEmpty();
    }

    // ---- the browser ----------------------------------------------------------------------------------------------

    private void signIn(String user, String page) {
        try {
            signInOnce(user, page);
        } catch (org.openqa.selenium.TimeoutException e) {
            System.out.println("[diagnostics] the sign-in of " + user + " did not finish (browser at "
                    + driver.getCurrentUrl() + "); signing in again");
            driver.manage().deleteAllCookies();
            signInOnce(user, page);
        }
    }

    private void signInOnce(String user, String page) {
        driver.get(stack.gatewayUrl() + page);
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(DevTokenIssuer.DEMO_PASSWORD);
        driver.findElement(By.cssSelector("button[type=submit]")).click();
        new WebDriverWait(driver, WAIT).until(d -> d.getCurrentUrl().startsWith(stack.gatewayUrl() + page));
    }

    /** Waits until the page shows this view with its data, and fails with the page's status if it failed. */
    private void awaitLoaded(String view) {
        new WebDriverWait(driver, WAIT).until(d -> {
            WebElement body = d.findElement(By.tagName("body"));
            String loaded = body.getDomAttribute("data-loaded");
            return "error".equals(loaded) || ("true".equals(loaded) && view.equals(body.getDomAttribute("data-view")));
        });
        assertThat(driver.findElement(By.tagName("body")).getDomAttribute("data-loaded"))
                .as(driver.findElement(By.id("status")).getText()).isEqualTo("true");
    }

    private void awaitText(String id, String expected) {
        new WebDriverWait(driver, WAIT).until(d -> d.findElement(By.id(id)).getText().contains(expected));
    }

    private String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    private void answer(String item, int value) {
        driver.findElement(By.cssSelector("#question-" + item + " input[value='" + value + "']"))
                .findElement(By.xpath("..")).click();
    }

    private Object js(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    private void accessible(String where) {
        Results results = new AxeBuilder().analyze(driver);
        List<String> found = new ArrayList<>();
        for (Rule violation : results.getViolations()) {
            if ("serious".equals(violation.getImpact()) || "critical".equals(violation.getImpact())) {
                found.add(where + ": " + violation.getId() + " (" + violation.getImpact() + "): "
                        + violation.getHelp() + " at " + violation.getNodes().stream()
                        .map(n -> String.valueOf(n.getTarget())).toList());
            }
        }
        AXE_FINDINGS.addAll(found);
        assertThat(found).as("axe-core serious or critical violations").isEmpty();
    }

    private void noSidewaysScrolling(String where) {
        Long overflow = (Long) js("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertThat(overflow).as("no sideways scrolling of " + where + " at phone width").isLessThanOrEqualTo(0L);
    }

    /** The whole page at this width, from its top. */
    private void screenshot(String name, int width) throws IOException {
        Long height = (Long) js("return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight);");
        driver.manage().window().setSize(new Dimension(width, (int) Math.min(Math.max(height, 600), 6000)));
        js("window.dispatchEvent(new Event('resize')); window.scrollTo(0, 0);");
        save(name, ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath());
        driver.manage().window().setSize(new Dimension(width, 900));
    }

    /** What the window shows now (a phone's screen). */
    private void screenshotViewport(String name) throws IOException {
        js("window.scrollTo(0, 0);");
        save(name, ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath());
    }

    private void screenshotElement(String name, WebElement element) throws IOException {
        js("arguments[0].scrollIntoView()", element);
        save(name, element.getScreenshotAs(OutputType.FILE).toPath());
    }

    private static void save(String name, Path shot) throws IOException {
        Path target = SCREENSHOTS.resolve(name + ".png");
        Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
    }

    // ---- the API, with the demo users' own tokens --------------------------------------------------------------------

    private static JsonNode api(String user, String path) throws IOException {
        HttpResponse<String> answer = send(user, "GET", path, null);
        assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private static JsonNode call(String user, String method, String path, Object body, int expected) throws IOException {
        HttpResponse<String> answer = send(user, method, path, body);
        assertThat(answer.statusCode()).as(method + " " + path + ": " + answer.body()).isEqualTo(expected);
        return JSON.readTree(answer.body());
    }

    private static HttpResponse<String> send(String user, String method, String path, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path))
                    .header("Authorization", "Bearer " + stack.issuer().mintFor(user))
                    .timeout(Duration.ofSeconds(30));
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            }
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
