package dev.rigwatch.ingest.listing.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigwatch.ingest.listing.feed.OperatorFeedSettings.Format;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OperatorFeedSettingsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "/srv/feeds/partners.csv, CSV",
            "C:\\feeds\\PARTNERS.CSV, CSV",
            "history.jsonl, JSON_LINES",
            "/srv/feeds/partners.ndjson, JSON_LINES",
            "https://partner.example/export/listings.csv?token=abc, CSV",
            "http://10.0.0.5:8080/listings.jsonl, JSON_LINES"})
    void theFormatIsToldByTheExtension(String location, Format format) {
        assertThat(OperatorFeedSettings.of("partners", location))
                .isEqualTo(new OperatorFeedSettings("partners", location, format));
    }

    @Test
    void aLocationWithoutAKnownExtensionNeedsTheFormatSet() {
        assertThatThrownBy(() -> OperatorFeedSettings.of("partners", "https://partner.example/export?format=csv"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("feed partners: cannot tell the format of \"https://partner.example/export?format=csv\" from"
                        + " its extension; name it .csv, .jsonl or .ndjson, or set the format");
        assertThat(new OperatorFeedSettings("partners", "https://partner.example/export?format=csv", Format.CSV).isUrl())
                .isTrue();
    }

    @Test
    void namesAndLocationsAreChecked() {
        assertThatThrownBy(() -> new OperatorFeedSettings("Partner Feed", "a.csv", Format.CSV))
                .hasMessage("feed name \"Partner Feed\" must be lower-case letters, digits and dashes");
        assertThatThrownBy(() -> new OperatorFeedSettings("partners", " ", Format.CSV))
                .hasMessage("feed partners has no location");
        assertThatThrownBy(() -> new OperatorFeedSettings("partners", "https://", Format.CSV))
                .hasMessage("feed partners: \"https://\" is not a valid URL");
        assertThatThrownBy(() -> new OperatorFeedSettings("partners", "feed\u0000.csv", Format.CSV))
                .hasMessage("feed partners: \"feed\u0000.csv\" is not a path: Nul character not allowed");
    }
}
