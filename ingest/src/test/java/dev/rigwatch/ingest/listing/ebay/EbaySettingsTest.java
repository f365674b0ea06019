package dev.rigwatch.ingest.listing.ebay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

class EbaySettingsTest {

    private static final HttpUrl BASE = HttpUrl.get("https://api.ebay.com");
    private static final List<String> QUERIES = List.of("rtx 3090", "rx 6800 xt");

    @Test
    void defaultsSearchTheUsSiteInFivePagesOfTwoHundred() {
        EbaySettings settings = EbaySettings.defaults("app-id", "cert-id", QUERIES);

        assertThat(settings).isEqualTo(new EbaySettings(HttpUrl.get("https://api.ebay.com/"), "app-id", "cert-id",
                QUERIES, 200, 5, "EBAY_US"));
    }

    @Test
    void toStringHidesTheSecret() {
        EbaySettings settings = new EbaySettings(BASE, "app-id", "cert-id-s3cret", QUERIES, 200, 5, "EBAY_GB");

        assertThat(settings.toString()).isEqualTo("EbaySettings[baseUrl=https://api.ebay.com/, clientId=app-id, "
                + "clientSecret=(hidden), queries=[rtx 3090, rx 6800 xt], pageSize=200, maxPages=5, "
                + "marketplaceId=EBAY_GB]");
    }

    @Test
    void credentialsAreBothAnIdAndASecret() {
        assertThat(EbaySettings.hasCredentials("app-id", "cert-id")).isTrue();
        assertThat(EbaySettings.hasCredentials("app-id", " ")).isFalse();
        assertThat(EbaySettings.hasCredentials(null, "cert-id")).isFalse();
        assertThatThrownBy(() -> new EbaySettings(BASE, "app-id", "", QUERIES, 200, 5, "EBAY_US"))
                .hasMessage("ebay needs a client id and a client secret");
    }

    @Test
    void queriesAreDistinctSearchTerms() {
        assertThatThrownBy(() -> settings(List.of(), 200, 5, "EBAY_US"))
                .hasMessage("ebay needs at least one query");
        assertThatThrownBy(() -> settings(List.of(" rtx 3090"), 200, 5, "EBAY_US"))
                .hasMessage("ebay query must be search terms without surrounding spaces, was ' rtx 3090'");
        assertThatThrownBy(() -> settings(List.of("rtx 3090", "rtx 3090"), 200, 5, "EBAY_US"))
                .hasMessage("ebay queries are listed more than once: [rtx 3090, rtx 3090]");
    }

    @Test
    void pagingStaysWithinWhatTheBrowseApiServes() {
        assertThatThrownBy(() -> settings(QUERIES, 0, 5, "EBAY_US"))
                .hasMessage("ebay page size must be 1 to 200, was 0");
        assertThatThrownBy(() -> settings(QUERIES, 201, 5, "EBAY_US"))
                .hasMessage("ebay page size must be 1 to 200, was 201");
        assertThatThrownBy(() -> settings(QUERIES, 200, 0, "EBAY_US"))
                .hasMessage("ebay max pages must be at least 1, was 0");
        assertThatThrownBy(() -> settings(QUERIES, 200, 51, "EBAY_US"))
                .hasMessage("ebay serves at most 10000 items of a search, but 51 pages of 200 ask for 10200");
        assertThat(settings(QUERIES, 200, 50, "EBAY_US").maxPages()).isEqualTo(50);
    }

    @Test
    void theMarketplaceIsAnEbaySiteId() {
        assertThat(settings(QUERIES, 200, 5, "EBAY_MOTORS_US").marketplaceId()).isEqualTo("EBAY_MOTORS_US");
        assertThatThrownBy(() -> settings(QUERIES, 200, 5, "us"))
                .hasMessage("ebay marketplace id must look like EBAY_US, was 'us'");
    }

    private static EbaySettings settings(List<String> queries, int pageSize, int maxPages, String marketplace) {
        return new EbaySettings(BASE, "app-id", "cert-id", queries, pageSize, maxPages, marketplace);
    }
}
