import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Opens a report.html RUNS times in Debian's headless chromium (a fresh page each time) and prints the
 * medians of: charts drawn (report.js's mark) and the load event's end (every flame graph iframe loaded),
 * in ms since navigation started. Usage: java -cp TEST_CLASSPATH bench/ReportLoadTime.java REPORT [RUNS]
 */
public class ReportLoadTime {
    public static void main(String[] args) {
        Path report = Path.of(args[0]).toAbsolutePath();
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments(
                "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        List<Long> charts = new ArrayList<>();
        List<Long> loaded = new ArrayList<>();
        try {
            for (int i = 0; i < runs; i++) {
                driver.get("about:blank");
                driver.get(report.toUri().toString());
                new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> "true"
                        .equals(d.findElement(By.tagName("body")).getDomAttribute("data-charts-rendered")));
                charts.add(Long.parseLong(
                        driver.findElement(By.tagName("body")).getDomAttribute("data-charts-rendered-at")));
                loaded.add(((Number) driver.executeScript(
                                "return Math.round(performance.getEntriesByType('navigation')[0].loadEventEnd)"))
                        .longValue());
            }
        } finally {
            driver.quit();
        }
        System.out.println("charts drawn: median " + median(charts) + " ms " + charts + "; load event end (all flame"
                + " graphs loaded): median " + median(loaded) + " ms " + loaded);
    }

    static long median(List<Long> xs) {
        List<Long> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }
}
