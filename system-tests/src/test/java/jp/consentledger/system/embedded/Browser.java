package jp.consentledger.system.embedded;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static jp.consentledger.system.embedded.LedgerDriver.eventually;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, or {@code CHROME_BIN} and
 * {@code CHROMEDRIVER}) driven through chromedriver: a fresh profile per browser, so each person signs in on
 * their own, with a language preference, a download folder and a screenshot per step under target/.
 */
final class Browser implements AutoCloseable {
    private static final Optional<Path> CHROMIUM = locate("CHROME_BIN", "/usr/bin/chromium", "/usr/bin/chromium-browser",
            "/usr/bin/google-chrome");
    private static final Optional<Path> CHROMEDRIVER = locate("CHROMEDRIVER", "/usr/bin/chromedriver",
            "/usr/lib/chromium/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final Duration PAGE_LOAD = Duration.ofSeconds(30);

    private final ChromeDriver driver;
    private final Path profile;
    private final Path downloads;
    private final String baseUrl;
    private final String name;
    private int step;

    /** Skips the calling test, saying why, when no browser can be found (CI installs one: .ci/run). */
    static void assumeAvailable() {
        Assumptions.assumeTrue(CHROMIUM.isPresent() && CHROMEDRIVER.isPresent(), "No headless browser found: install"
                + " Debian's chromium and chromium-driver (apt-get install chromium chromium-driver; .ci/run does) or set"
                + " CHROME_BIN and CHROMEDRIVER. The console's browser tests are skipped.");
    }

    /**
     * @param acceptLanguage the browser's language preference (Accept-Language), e.g. "ja" or "en-US,en"
     * @param name           prefixes this browser's screenshots
     */
    Browser(String baseUrl, String acceptLanguage, String name) {
        this.baseUrl = baseUrl;
        this.name = name;
        try {
            profile = Files.createTempDirectory("console-browser-profile-");
            downloads = Files.createTempDirectory("console-browser-downloads-");
            Files.createDirectories(SCREENSHOTS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.orElseThrow().toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=1400,1000", "--lang=" + acceptLanguage.split(",")[0]);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", acceptLanguage,
                "download.default_directory", downloads.toString(), "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.orElseThrow().toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
    }

    /**
     * HTTP Basic, as a person signs in at the browser's prompt: the first address carries the credentials, and
     * the browser then sends them with every request to this origin (links, forms, downloads).
     */
    Browser signIn(String user, String password, String path) {
        String userInfo = encode(user) + ":" + encode(password) + "@";
        driver.get(baseUrl.replace("://", "://" + userInfo) + path);
        return this;
    }

    Browser open(String path) {
        driver.get(baseUrl + path);
        return this;
    }

    ChromeDriver driver() {
        return driver;
    }

    WebElement element(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> elements(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    boolean has(String css) {
        return !elements(css).isEmpty();
    }

    String text(String css) {
        return element(css).getText();
    }

    /** Follows a link or submits a form, and waits for the next page (a click returns before it has loaded). */
    void click(String css) {
        WebElement page = element("html");
        element(css).click();
        new WebDriverWait(driver, PAGE_LOAD).until(d -> gone(page));
    }

    /**
     * Whether the page an element belongs to has been left. Asked mid-navigation, chromedriver may answer "Node
     * with given id does not belong to the document" instead of a stale reference: the old page is gone all the
     * same (two CI runs failed on selenium's stalenessOf, which knows only the stale reference).
     */
    private static boolean gone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (StaleElementReferenceException e) {
            return true;
        } catch (WebDriverException e) {
            if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    /** Clicks something that opens no page (a download). */
    void clickInPlace(String css) {
        element(css).click();
    }

    void type(String css, String text) {
        WebElement field = element(css);
        field.clear();
        field.sendKeys(text);
    }

    String language() {
        return element("html").getAttribute("lang");
    }

    /** Saves what the screen shows now as target/console-screenshots/{name}-{nn}-{what}.png. */
    Path shot(String what) {
        File file = driver.getScreenshotAs(OutputType.FILE);
        Path target = SCREENSHOTS.resolve(String.format("%s-%02d-%s.png", name, ++step, what));
        try {
            Files.copy(file.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    /**
     * The JSON document the browser downloaded, once whole: Chrome may show the file under its final name before
     * the last bytes are written, so it is read until no download is in progress and the document is complete.
     */
    String awaitJsonDownload() {
        return eventually().until(() -> {
            try (Stream<Path> files = Files.list(downloads)) {
                List<Path> all = files.toList();
                if (all.stream().anyMatch(f -> f.getFileName().toString().endsWith(".crdownload"))) {
                    return null;
                }
                for (Path file : all) {
                    String text = Files.readString(file).trim();
                    if (file.getFileName().toString().endsWith(".json") && text.endsWith("}")) {
                        return text;
                    }
                }
                return null;
            }
        }, text -> text != null);
    }

    @Override
    public void close() {
        driver.quit();
        delete(profile);
        delete(downloads);
    }

    private static void delete(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static Optional<Path> locate(String environment, String... candidates) {
        String configured = System.getenv(environment);
        return Stream.concat(Stream.ofNullable(configured), Stream.of(candidates)).map(Path::of)
                .filter(Files::isExecutable).findFirst();
    }
}
