package dev.rigwatch.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopicNamespaceTest {

    @Test
    void prefixesEveryCatalogueTopicAndLeavesProductionAlone() {
        TopicNamespace sandbox = TopicNamespace.of("bt-2022");
        assertThat(sandbox.prefix()).isEqualTo("bt-2022.");
        assertThat(sandbox.of(Topics.CRYPTO_TICKS).name()).isEqualTo("bt-2022.crypto.ticks");
        assertThat(sandbox.of(Topics.CRYPTO_TICKS).configs()).isEqualTo(Topics.CRYPTO_TICKS.configs());
        assertThat(TopicNamespace.of("").of(Topics.ALERTS)).isSameAs(Topics.ALERTS);
        assertThat(TopicNamespace.PRODUCTION.isProduction()).isTrue();
        assertThatThrownBy(() -> TopicNamespace.of("no spaces")).hasMessageContaining("topic prefix");
    }
}
