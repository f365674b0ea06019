package dev.rigwatch.app;

import dev.rigwatch.testing.InstalledTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver: both given to Selenium, so it downloads nothing
 * (no browser download works here), and with the networking flags that stop it trying hosts it cannot reach. A test
 * using it is skipped where they are not installed ({@link InstalledTool}).
 */
final class HeadlessChromium {

    private HeadlessChromium() {
    }

    /** A fresh browser (its own profile folder) with a {@code width}×{@code height} window; the caller quits it. */
    static WebDriver start(int width, int height) throws IOException {
        Path chromium = InstalledTool.require("/usr/bin/chromium", "apt-get install chromium chromium-driver");
        Path driver = InstalledTool.require("/usr/bin/chromedriver", "apt-get install chromium-driver");
        ChromeOptions options = new ChromeOptions().setBinary(chromium.toFile()).addArguments("--headless=new", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=" + width + "," + height,
                "--user-data-dir=" + Files.createTempDirectory("rigwatch-chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile()).build();
        return new ChromeDriver(service, options);
    }
}
