package dev.rigwatch.ingest.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigwatch.events.gpu.GpuCatalogue;
import org.junit.jupiter.api.Test;

class CatalogueNamesTest {

    @Test
    void everyCatalogueModelIsRecognisedFromItsOwnName() {
        TitleNormaliser normaliser = TitleNormaliser.standard();

        assertThat(GpuCatalogue.load().models()).allSatisfy(m ->
                assertThat(normaliser.classify(m.model()).model()).as(m.model()).isEqualTo(m.model()));
    }
}
