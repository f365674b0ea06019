package dev.rigwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigwatch.broker.testing.SharedKafka;
import dev.rigwatch.testing.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import picocli.CommandLine;

/**
 * The report a trader opens, as they open it: the real ETH-USD daily history imported with {@code rigwatch import},
 * backtested with {@code rigwatch backtest}, and the HTML page shown in a real headless Chromium, which must show the
 * signal-quality table, the ETH chart with its year labels, the 9 calibrated rebounds with their shaded forward
 * windows, and the chart within the page's width. The screenshots are left under {@code target/screenshots/}.
 */
class BacktestReportScreenshotTest {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final int PAGE_WIDTH = 1280;

    @RegisterExtension
    final CapturedOutput captured = new CapturedOutput();

    @TempDir
    Path dir;

    @Test
    void theEthReportShowsSignalQualityAndAChartWithTheNineReboundsAndTheirWindowsWithinThePage() throws IOException {
        String bootstrap = SharedKafka.bootstrapServers();
        // an exchange of its own: the shared broker holds other tests' ETH-USD history in the same range
        String exchange = "shot" + ThreadLocalRandom.current().nextInt(1_000_000, 10_000_000);
        String subject = exchange + ":ETH-USD";
        Path history = TestData.path("/data/history/eth-usd-daily-2017-2024.csv");
        Path out = dir.resolve("reports");
        Files.createDirectories(SCREENSHOTS);

        assertThat(rigwatch("import", history.toString(), "--symbol", "ETH-USD", "--exchange", exchange,
                "--bootstrap-servers", bootstrap)).as(printed()).isZero();
        assertThat(rigwatch("backtest", "--from", "2017-11-09", "--to", "2024-12-09", "--out", out.toString(),
                "--bootstrap-servers", bootstrap, "--state-dir", dir.resolve("state").toString(),
                "--log-file", Path.of("target", "backtest-report-screenshot-test.log").toString())).as(printed()).isZero();
        Path html;
        try (Stream<Path> files = Files.list(out)) {
            html = files.filter(f -> f.toString().endsWith(".html")).findFirst().orElseThrow();
        }
        Files.copy(html, SCREENSHOTS.resolve("backtest-report.html"), StandardCopyOption.REPLACE_EXISTING);

        WebDriver browser = HeadlessChromium.start(PAGE_WIDTH, 2000);
        try {
            browser.get(html.toUri().toString());
            assertThat(browser.findElement(By.tagName("h2")).getText()).isEqualTo("Signal quality");
            WebElement quality = browser.findElement(By.cssSelector("h2 ~ table"));
            assertThat(quality.getText()).contains("rebound " + subject + " 1d after 7 closes 9");
            WebElement chart = browser.findElement(By.cssSelector("svg.chart[data-subject='" + subject + "']"));
            assertThat(texts(chart, "text.time-tick")).containsExactly("2018", "2019", "2020", "2021", "2022", "2023",
                    "2024");
            assertThat(texts(chart, "text.price-tick")).contains("100", "1,000");
            assertThat(chart.findElements(By.cssSelector("circle.rebound title"))).hasSize(9);
            assertThat(chart.findElements(By.cssSelector("path.peak title"))).hasSize(9);
            assertThat(chart.findElements(By.cssSelector("path.trough title"))).hasSize(9);
            List<WebElement> windows = chart.findElements(By.cssSelector("rect.forward-window"));
            assertThat(windows).filteredOn(w -> !w.findElements(By.tagName("title")).isEmpty()).hasSize(9)
                    .allSatisfy(w -> assertThat(w.getRect().getWidth()).isPositive());
            Number chartRight = (Number) ((JavascriptExecutor) browser).executeScript(
                    "return arguments[0].getBoundingClientRect().right", chart);
            Number pageWidth = (Number) ((JavascriptExecutor) browser).executeScript(
                    "return document.documentElement.clientWidth");
            assertThat(chartRight.doubleValue()).as("the chart's right edge within the page").isLessThanOrEqualTo(
                    pageWidth.doubleValue());
            Number contentWidth = (Number) ((JavascriptExecutor) browser).executeScript(
                    "return document.documentElement.scrollWidth");
            assertThat(contentWidth.doubleValue()).as("nothing wider than the page (no sideways scrolling)")
                    .isLessThanOrEqualTo(pageWidth.doubleValue());
            assertThat(browser.findElement(By.xpath("//h2[text()='Signals and alerts']/following-sibling::table[1]"))
                    .getText()).contains("peak", "trough", "after 90 closes", "2022-07-18 00:00Z");
            Path whole = SCREENSHOTS.resolve("backtest-report.png");
            Files.write(whole, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
            // the chart alone, at the browser's rendering: the evidence that the markers and windows are drawn
            Path chartShot = SCREENSHOTS.resolve("backtest-report-chart.png");
            Files.write(chartShot, chart.getScreenshotAs(OutputType.BYTES));
            assertThat(Files.size(whole)).isGreaterThan(50_000);
            assertThat(Files.size(chartShot)).isGreaterThan(30_000);
        } finally {
            browser.quit();
        }
    }

    private static int rigwatch(String... args) {
        return new CommandLine(new Rigwatch()).execute(args);
    }

    private String printed() {
        return captured.out.toString(StandardCharsets.UTF_8) + captured.err.toString(StandardCharsets.UTF_8);
    }

    private static List<String> texts(WebElement chart, String css) {
        return chart.findElements(By.cssSelector(css)).stream().map(e -> e.getDomProperty("textContent")).toList();
    }
}
