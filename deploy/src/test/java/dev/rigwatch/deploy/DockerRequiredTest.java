package dev.rigwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

/**
 * The container tests skip where no Docker engine answers, so that {@code mvn verify} passes on any machine; CI
 * ({@code .ci/run}) installs and starts one and sets {@value #REQUIRE}, and then this test fails instead of letting
 * them skip: a green CI run proves they ran.
 */
class DockerRequiredTest {

    static final String REQUIRE = "RIGWATCH_REQUIRE_TOOLS";

    @Test
    void whereCiRequiresContainersADockerEngineAnswers() {
        boolean required = "1".equals(System.getenv(REQUIRE));
        boolean available = DockerClientFactory.instance().isDockerAvailable();
        System.out.println("Docker engine " + (available ? "answers" : "does not answer") + "; " + REQUIRE + "="
                + System.getenv(REQUIRE));
        if (required) {
            assertThat(available).as("a Docker engine (CI sets " + REQUIRE + "=1, so the container tests must run)")
                    .isTrue();
        }
    }
}
