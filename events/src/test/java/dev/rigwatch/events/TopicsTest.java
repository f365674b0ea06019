package dev.rigwatch.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TopicsTest {

    private static final Pattern NAME = Pattern.compile("[a-z]+(\\.[a-z0-9-]+)*");

    @Test
    void namesAreUniqueAndFollowTheConvention() {
        assertThat(Topics.all()).extracting(Topic::name).doesNotHaveDuplicates()
                .allMatch(name -> NAME.matcher(name).matches(), "matches <domain>.<entity>[.<variant>]");
    }

    @Test
    void rawHistoryIsKeptForeverSoImportedOldTimestampsSurvive() {
        assertThat(Topics.CRYPTO_TICKS.configs())
                .containsEntry("cleanup.policy", "delete")
                .containsEntry("retention.ms", "-1");
        assertThat(Topics.ALERTS.configs()).containsEntry("retention.ms", Long.toString(90L * 24 * 3600 * 1000));
    }

    @Test
    void everyTopicIsFoundByName() {
        for (Topic<?, ?> topic : Topics.all()) {
            assertThat(Topics.byName(topic.name())).contains(topic);
        }
        assertThat(Topics.byName("no.such.topic")).isEmpty();
    }
}
