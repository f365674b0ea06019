package dev.rigwatch.ops.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigwatch.events.outcome.PricePoint;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * A constructed report's chart, page and CSV. 201 daily closes from 2024-01-01: 150 rising to a peak of 200 on day
 * 10, falling to a trough of 100 on day 30, then rising by 0.5 a day. On this chart a day is 4.3 px
 * (860 px / 200 days, from x = 84) and a price unit 2.88 px (288 px / 100, from y = 328 at 100).
 */
class ReportChartTest {

    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
    private static final String SUBJECT = "coinbase:ETH-USD";

    @TempDir
    Path dir;

    /** A rebound on day 40 (all horizons measured) with its peak and trough; one on day 150, 90 closes not yet. */
    private final BacktestReport report = new BacktestReport(START, day(201), Map.of("range", "constructed"),
            Map.of(SUBJECT, closes()), List.of(
                    new BacktestFinding(day(40), "rebound", SUBJECT, "1d", new BigDecimal("105.00001"), Map.of(
                            "peak", "200.0000001", "peak_time", day(10).toString(), "trough", "99.99999",
                            "trough_time", day(30).toString(), "drawdown_pct", "50.0", "recovery_pct", "5.0")),
                    new BacktestFinding(day(150), "rebound", SUBJECT, "1d", new BigDecimal("160.0"), Map.of()),
                    new BacktestFinding(day(150), "alert:signal:rebound", SUBJECT, "1d", new BigDecimal("160"),
                            Map.of("message", "rebound"))));

    @Test
    void theChartHasTimeAndPriceAxesWithTicksGridAndTitles() throws Exception {
        Document svg = svg();

        assertThat(texts(svg, "//*[@class='time-tick']")).containsExactly("Jan 2024", "Feb 2024", "Mar 2024",
                "Apr 2024", "May 2024", "Jun 2024", "Jul 2024");
        assertThat(texts(svg, "//*[@class='price-tick']")).containsExactly("100", "120", "140", "160", "180", "200");
        assertThat(nodes(svg, "//*[@class='grid']").getLength()).isEqualTo(7 + 6);
        assertThat(texts(svg, "//*[@class='axis-title']")).containsExactly("time (UTC)", "price (USD)");
        // the 200 tick is the plot's top, Feb 1st 31 days in
        assertThat(attribute(svg, "//*[@class='price-tick'][text()='200']", "y")).isEqualTo("40.0");
        assertThat(attribute(svg, "//*[@class='time-tick'][text()='Feb 2024']", "x")).isEqualTo("217.3");
        assertThat(texts(svg, "//*[@class='legend']")).contains("rebound signal", "peak before it",
                "trough it rose from", "its forward window", "alert");
    }

    @Test
    void aReboundsPeakAndTroughAreMarkedAndJoinedAndItsForwardWindowIsShaded() throws Exception {
        Document svg = svg();

        // triangles above the peak (day 10, 200) and below the trough (day 30, 100)
        assertThat(attributes(svg, "//*[@class='peak' and title]", "d")).containsExactly("M122.0 31.0 h10 l-5 8 z");
        assertThat(attributes(svg, "//*[@class='trough' and title]", "d")).containsExactly("M208.0 337.0 h10 l-5 -8 z");
        assertThat(attributes(svg, "//*[@class='rebound-path']", "points"))
                .containsExactly("127.0,40.0 213.0,328.0 256.0,313.6");
        assertThat(attributes(svg, "//circle[@class='rebound' and title]", "cx"))
                .containsExactly("256.0", "729.0");
        // day 40's window runs to its exit after 90 closes (day 130); day 150's to the series' end (day 200)
        assertThat(attributes(svg, "//*[@class='forward-window' and title]", "x")).containsExactly("256.0", "729.0");
        assertThat(attributes(svg, "//*[@class='forward-window' and title]", "width")).containsExactly("387.0", "215.0");
        assertThat(texts(svg, "//*[@class='forward-window']/title").get(1)).contains("90 closes not yet");
        assertThat(texts(svg, "//circle[@class='rebound']/title")).containsExactly(
                "2024-02-10 00:00Z rebound at 105.0 USD, after 7 closes 3.33 %, after 30 closes 14.29 %",
                "2024-05-30 00:00Z rebound at 160.0 USD, after 7 closes 2.19 %, after 30 closes 9.38 %");
        assertThat(texts(svg, "//*[@class='peak']/title")).containsExactly(
                "2024-01-11 00:00Z peak at 200.0 USD before the rebound of 2024-02-10 00:00Z");
        assertThat(nodes(svg, "//circle[@class='alert' and title]").getLength()).isEqualTo(1);
    }

    @Test
    void pricesAreRoundedToTheSeriesPrecisionInTheCsvTheTableAndTheSummary() throws Exception {
        Path csv = dir.resolve("report.csv");
        Path html = dir.resolve("report.html");
        ByteArrayOutputStream text = new ByteArrayOutputStream();

        report.writeCsv(csv);
        report.writeHtml(html);
        report.printSummary(new PrintStream(text, true, StandardCharsets.UTF_8));

        List<String> rows = Files.readAllLines(csv);
        List<String> header = List.of(rows.get(0).split(","));
        List<String> first = List.of(rows.get(1).split(",", -1));
        assertThat(first.get(header.indexOf("value"))).isEqualTo("105.0");
        assertThat(first.get(header.indexOf("peak"))).isEqualTo("200.0");
        assertThat(first.get(header.indexOf("trough"))).isEqualTo("100.0");
        assertThat(first.get(header.indexOf("entry_close"))).isEqualTo("105.0");
        assertThat(first.get(header.indexOf("after_7_change_pct"))).isEqualTo("3.3333");
        String page = Files.readString(html);
        assertThat(page).contains("<th>peak</th><th>trough</th><th>drawdown</th><th>recovery</th><th>after 1 close</th>"
                + "<th>after 7 closes</th><th>after 30 closes</th><th>after 90 closes</th><th>trough later</th>",
                "<td>105.0</td><td>200.0 on 2024-01-11</td><td>100.0 on 2024-01-31</td><td>50.00 %</td><td>5.00 %</td>"
                        + "<td>0.48 %</td><td>3.33 %</td><td>14.29 %</td><td>42.86 %</td><td>held 160 closes</td>",
                "<td>160.0</td><td></td><td></td><td></td><td></td><td>0.31 %</td><td>2.19 %</td><td>9.38 %</td>"
                        + "<td>not yet</td>");
        assertThat(page.indexOf("<h2>Signal quality</h2>")).isLessThan(page.indexOf("<h2>Parameters</h2>"));
        assertThat(page.indexOf("<h2>Parameters</h2>")).isLessThan(page.indexOf("<svg"));
        assertThat(page.indexOf("<svg")).isLessThan(page.indexOf("<h2>Signals and alerts</h2>"));
        assertThat(page).doesNotContain("<script", "105.00001", "200.0000001");
        assertThat(text.toString(StandardCharsets.UTF_8)).contains("rebound                coinbase:ETH-USD         1d   105.0")
                .doesNotContain("105.00001");
    }

    private Document svg() throws Exception {
        String svg = ReportChart.svg(SUBJECT, report.series().get(SUBJECT), report.findings(), report.outcomes(),
                report.precision(SUBJECT));
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static NodeList nodes(Document svg, String xpath) throws Exception {
        return (NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, svg, XPathConstants.NODESET);
    }

    private static List<String> texts(Document svg, String xpath) throws Exception {
        NodeList found = nodes(svg, xpath);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < found.getLength(); i++) {
            texts.add(found.item(i).getTextContent());
        }
        return texts;
    }

    private static List<String> attributes(Document svg, String xpath, String name) throws Exception {
        NodeList found = nodes(svg, xpath);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < found.getLength(); i++) {
            values.add(((Element) found.item(i)).getAttribute(name));
        }
        return values;
    }

    private static String attribute(Document svg, String xpath, String name) throws Exception {
        return attributes(svg, xpath, name).get(0);
    }

    private static List<PricePoint> closes() {
        List<PricePoint> closes = new ArrayList<>();
        for (int i = 0; i <= 200; i++) {
            BigDecimal price = i <= 10 ? BigDecimal.valueOf(150 + 5 * i) : i <= 30 ? BigDecimal.valueOf(200 - 5 * (i - 10))
                    : BigDecimal.valueOf(100 + 0.5 * (i - 30));
            closes.add(new PricePoint(day(i), price));
        }
        return closes;
    }

    private static Instant day(int index) {
        return START.plus(Duration.ofDays(index));
    }
}
