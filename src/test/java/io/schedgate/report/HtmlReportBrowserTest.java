package io.schedgate.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schedgate.verdict.RunFixtures;
import io.schedgate.verdict.Thresholds;
import io.schedgate.verdict.Verdict;
import io.schedgate.verdict.VerdictEngine;
import io.schedgate.verdict.VerdictJson;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The herd fixture's report in a real headless browser (Debian's chromium and chromium-driver, which
 * scripts/setup installs; Selenium is given both paths, so Selenium Manager downloads nothing): the
 * verdict text is verdict.json's, every chart and every flame graph drew something, the console has no
 * error. A full-page screenshot is left in target/ for people to look at. Without chromium it fails.
 */
class HtmlReportBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path OUT = Path.of("target/report-browser");

    @Test
    void herdReportRendersChartsAndFlameGraphsWithoutConsoleErrors() throws IOException {
        assertTrue(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "no " + CHROMIUM + " or " + CHROMEDRIVER + ": run scripts/setup (installs Debian's chromium and"
                        + " chromium-driver)");
        if (Files.exists(OUT)) {
            try (Stream<Path> old = Files.walk(OUT)) {
                old.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
        Files.createDirectories(OUT);
        Path dir = RunFixtures.copy("herd-go1.26", OUT);
        Verdict verdict = new VerdictEngine(Thresholds.defaults()).evaluate(dir);
        VerdictJson.write(verdict, dir);
        Path report = HtmlReport.write(dir, verdict);

        ChromeDriver driver = chromium();
        try {
            WebDriverWait wait = opened(driver, report);
            herdPage(driver, wait, verdict, report);
        } finally {
            driver.quit();
        }
    }

    /** {@code page} opened in {@code driver}, once its script has drawn the charts; the wait for what follows. */
    static WebDriverWait opened(ChromeDriver driver, Path page) {
        driver.get(page.toAbsolutePath().toUri().toString());
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-charts-rendered")));
        return wait;
    }

    /** Headless chromium through Debian's driver, with the browser console logged. */
    static ChromeDriver chromium() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--disable-gpu",
                "--window-size=1280,900",
                "--allow-file-access-from-files");
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    private static void herdPage(ChromeDriver driver, WebDriverWait wait, Verdict verdict, Path report)
            throws IOException {
        // the verdict, as verdict.json has it
        assertEquals(
                HtmlReport.gateWord(verdict),
                driver.findElement(By.id("gate-word")).getText());
        assertEquals(
                VerdictTable.decisive(verdict),
                driver.findElement(By.id("decisive")).getText());
        List<String> reasons = new ArrayList<>();
        for (WebElement li : driver.findElements(By.cssSelector("#gate-reasons li"))) {
            reasons.add(li.getText());
        }
        assertEquals(verdict.gate().reasons(), reasons);

        // every chart: a uPlot canvas with points
        List<WebElement> charts = driver.findElements(By.cssSelector("div.chart"));
        assertEquals(7, charts.size(), "six charts on offered req/s and the USL fit");
        drew(driver, charts, 6);
        assertEquals(
                "18",
                driver.findElement(By.id("chart-goroutines")).getDomAttribute("data-points"),
                "measured, Little's law and the limit at each of 6 steps");
        assertTrue(
                driver.findElement(By.id("goroutines-leak")).getText().startsWith("after the ramp (goroutines.leak, "));
        assertTrue(driver.findElement(By.id("baseline-none")).isDisplayed());
        assertTrue(driver.findElement(By.id("gatling-report")).getText().startsWith("Gatling's report: none ("));

        // every step: flame graphs (CPU and goroutines at least; mutex when there was contention) that drew
        assertEquals(
                6,
                driver.findElements(By.cssSelector("iframe.flame[data-kind='cpu']"))
                        .size());
        assertEquals(
                6,
                driver.findElements(By.cssSelector("iframe.flame[data-kind='goroutineEnd']"))
                        .size());
        assertEquals(1, driver.findElements(By.cssSelector("iframe.flame.diff")).size());
        flamesDrew(driver, wait, driver.findElements(By.cssSelector("iframe.flame")));
        assertEquals(List.of(), consoleErrors(driver), "browser console");

        // measured, not asserted: when the page (its iframes included) finished loading and charts were drawn
        Number loaded = (Number)
                driver.executeScript("return Math.round(performance.getEntriesByType('navigation')[0].loadEventEnd)");
        // the top of the page as a reader first sees it (README's picture: cp it to docs/report-herd-go1.26.png)
        driver.executeScript("window.scrollTo(0, 0)");
        Files.write(Path.of("target/report-herd-go1.26-top.png"), driver.getScreenshotAs(OutputType.BYTES));
        // full-page screenshot: the window as tall as the page
        Number height = (Number) driver.executeScript("return document.documentElement.scrollHeight");
        driver.manage().window().setSize(new Dimension(1280, Math.min(20000, height.intValue() + 40)));
        Path shot = Path.of("target/report-herd-go1.26.png");
        Files.write(shot, driver.getScreenshotAs(OutputType.BYTES));
        System.out.println("[report] " + report.toAbsolutePath().toUri() + " (" + Files.size(report)
                + " bytes, loaded in " + loaded + " ms), screenshot " + shot.toAbsolutePath());
    }

    @Test
    void againstABaselineBothRunsAreDrawnOnTheSameAxesWithTheDifferentialFlameGraphAtMatchedQps(@TempDir Path tmp)
            throws IOException {
        assertTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER), "no chromium: run scripts/setup");
        Path dir = RunFixtures.copy("herd-go1.26", tmp);
        Path base = RunFixtures.copy("hotlock-go1.26", tmp);
        Verdict verdict = new VerdictEngine(Thresholds.defaults()).evaluate(dir, base);
        Path report = HtmlReport.write(dir, verdict, base);
        ChromeDriver driver = chromium();
        try {
            WebDriverWait wait = opened(driver, report);
            List<WebElement> charts = driver.findElements(By.cssSelector("#against-baseline div.chart"));
            assertEquals(2, charts.size(), "capacity and sched.lock of both runs");
            // herd's 6 steps and hotlock's 3 on one x axis
            drew(driver, charts, 9);
            assertTrue(driver.findElement(By.id("baseline-run")).getText().startsWith("baseline: ../hotlock-go1.26 ("));
            List<WebElement> diff = driver.findElements(By.cssSelector("iframe.flame.diff[data-kind='baseline-diff']"));
            assertEquals(1, diff.size());
            flamesDrew(driver, wait, diff);
            assertEquals(List.of(), consoleErrors(driver), "browser console");
        } finally {
            driver.quit();
        }
    }

    @Test
    void aGoMatrixPageDrawsOneSeriesPerRunOnEveryChartAndItsTable(@TempDir Path tmp) throws IOException {
        assertTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER), "no chromium: run scripts/setup");
        Path page = MatrixReportTest.matrixOf(tmp, List.of("a warning"), "fanout-go1.23", "fanout-go1.26");
        ChromeDriver driver = chromium();
        try {
            opened(driver, page);
            List<WebElement> charts = driver.findElements(By.cssSelector("#charts div.chart"));
            assertEquals(5, charts.size(), "achieved, p99, wake-ups, sched.lock, GC");
            // both runs' 3 steps on each chart
            drew(driver, charts, 6);
            assertEquals(2, driver.findElements(By.cssSelector("#runs a")).size());
            assertTrue(driver.findElements(By.cssSelector("#matrix-table tr")).size() > 10);
            assertEquals(List.of(), consoleErrors(driver), "browser console");
        } finally {
            driver.quit();
        }
    }

    /** Each chart rendered at least {@code points} points on a canvas that is not blank. */
    static void drew(ChromeDriver driver, List<WebElement> charts, int points) {
        for (WebElement chart : charts) {
            String id = chart.getDomAttribute("id");
            assertEquals("true", chart.getDomAttribute("data-rendered"), id);
            assertTrue(Integer.parseInt(chart.getDomAttribute("data-points")) >= points, id);
            WebElement canvas = chart.findElement(By.tagName("canvas"));
            assertTrue(
                    canvas.getSize().getWidth() > 300 && canvas.getSize().getHeight() > 100,
                    id + " canvas " + canvas.getSize());
            assertTrue(inkedPixels(driver, canvas) > 500, id + " drew nothing");
        }
    }

    /** Each flame graph's iframe loaded async-profiler's page, which laid out levels and drew them. */
    static void flamesDrew(ChromeDriver driver, WebDriverWait wait, List<WebElement> flames) {
        for (WebElement flame : flames) {
            String step = flame.getDomAttribute("data-step") + " " + flame.getDomAttribute("data-kind");
            driver.switchTo().frame(flame);
            wait.until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
            Number depth = (Number) driver.executeScript("return levels.length");
            assertTrue(depth.intValue() > 1, "step " + step + " flame graph depth " + depth);
            WebElement canvas = driver.findElement(By.id("canvas"));
            assertTrue(inkedPixels(driver, canvas) > 500, "step " + step + " flame graph drew nothing");
            driver.switchTo().defaultContent();
        }
    }

    /** The browser console's warnings and errors. */
    static List<String> consoleErrors(ChromeDriver driver) {
        List<String> errors = new ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
            if (e.getLevel().intValue() >= Level.WARNING.intValue()) {
                errors.add(e.getLevel() + " " + e.getMessage());
            }
        }
        return errors;
    }

    /** Pixels of the canvas that are not blank (not transparent, not white). */
    static long inkedPixels(ChromeDriver driver, WebElement canvas) {
        Object n = driver.executeScript(
                "const c = arguments[0], x = c.getContext('2d');"
                        + "const d = x.getImageData(0, 0, c.width, c.height).data; let n = 0;"
                        + "for (let i = 0; i < d.length; i += 4) { if (d[i + 3] > 0 && (d[i] < 240 || d[i + 1] < 240"
                        + " || d[i + 2] < 240)) n++; } return n;",
                canvas);
        return ((Number) n).longValue();
    }
}
