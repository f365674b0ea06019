package dev.rigwatch.events.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigSourceTest {

    @TempDir
    Path dir;

    @Test
    void theFirstEnvVarSetWinsAsItIsSetThenTheFirstFileKeyTrimmed() throws Exception {
        Path file = Files.writeString(dir.resolve("rigwatch.properties"), "streams.state-dir = /from/file  \n");
        ConfigSource source = new ConfigSource(Map.of("RIGWATCH_PASSWORD", "ends in a space ", "OTHER", "x"), file);

        assertThat(source.lookup(List.of("RIGWATCH_PASSWORD", "OTHER"), List.of()))
                .isEqualTo(new ConfigSource.Value("ends in a space ", "env RIGWATCH_PASSWORD"));
        assertThat(source.lookup(List.of("UNSET"), List.of("state-dir", "streams.state-dir")))
                .isEqualTo(new ConfigSource.Value("/from/file", file + ": streams.state-dir"));
        assertThat(source.lookup(List.of("UNSET"), List.of("unset"))).isNull();
    }

    @Test
    void aBlankEnvVarIsUnsetUnlessEmptyIsAValueAndThenOnlyWhenEmpty() {
        ConfigSource source = new ConfigSource(Map.of("EMPTY", "", "BLANK", "  "), null);

        assertThat(source.lookup(List.of("EMPTY"), List.of())).isNull();
        assertThat(source.lookup(List.of("EMPTY"), List.of(), true)).isEqualTo(new ConfigSource.Value("", "env EMPTY"));
        assertThat(source.lookup(List.of("BLANK"), List.of(), true)).isNull();
    }

    @Test
    void aConfigFileThatCannotBeReadIsAClearError() {
        Path missing = dir.resolve("nope.properties");

        assertThatThrownBy(() -> new ConfigSource(Map.of(), missing))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageStartingWith("cannot read the config file " + missing + " (set by RIGWATCH_CONFIG");
    }
}
