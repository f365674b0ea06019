package dev.rigwatch.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * A program a test runs (Debian's chromium, prometheus). Where it is not installed the test is skipped, unless
 * {@value #REQUIRE_ENV}=1 (as {@code .ci/run} sets it, after installing them): then a missing tool fails the test,
 * so a green CI run proves the test ran.
 */
public final class InstalledTool {

    public static final String REQUIRE_ENV = "RIGWATCH_REQUIRE_TOOLS";

    private InstalledTool() {
    }

    /** @return {@code program}, when it is an executable file */
    public static Path require(String program, String installHint) {
        Path path = Path.of(program);
        if (Files.isExecutable(path)) {
            return path;
        }
        String message = program + " is not installed (" + installHint + ")";
        if ("1".equals(System.getenv(REQUIRE_ENV))) {
            throw new AssertionError(message + ", and " + REQUIRE_ENV + "=1 makes this test mandatory");
        }
        Assumptions.abort(message + "; skipped (set " + REQUIRE_ENV + "=1 to make it fail instead)");
        return path;
    }
}
