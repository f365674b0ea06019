package dev.rigwatch.ingest.exchange.kraken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigwatch.ingest.RejectReason;
import dev.rigwatch.ingest.exchange.AdapterTestBase;
import dev.rigwatch.ingest.exchange.InstrumentRegistry.Listed;
import dev.rigwatch.ingest.http.InvalidResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KrakenAssetPairsTest {

    @Test
    void mapsKrakensAssetsOnceAndKeepsTheAltnameForRequestsAndTheKeyForResponses() throws InvalidResponse {
        assertThat(KrakenAssetPairs.parse(AdapterTestBase.fixture("kraken-assetpairs.json"))).containsExactlyInAnyOrder(
                new Listed("BTC-USD", "XBTUSD", "XXBTZUSD"),
                new Listed("BTC-USDT", "XBTUSDT", "XBTUSDT"),
                new Listed("BTC-EUR", "XBTEUR", "XXBTZEUR"),
                new Listed("ETH-USD", "ETHUSD", "XETHZUSD"),
                new Listed("ETH-USDT", "ETHUSDT", "ETHUSDT"),
                new Listed("SOL-USD", "SOLUSD", "SOLUSD"),
                new Listed("DOGE-USD", "XDGUSD", "XDGUSD"),
                new Listed("USDT-USD", "USDTUSD", "USDTZUSD"));
    }

    @Test
    void skipsPairsThatAreNotOnlineOrHaveNoWsname() throws InvalidResponse {
        String body = """
                {"error":[],"result":{
                "XBTUSD.d":{"altname":"XBTUSD.d","base":"XXBT","quote":"ZUSD"},
                "XBTUSDC":{"altname":"XBTUSDC","wsname":"XBT/USDC","status":"delisted"},
                "SOLUSD":{"altname":"SOLUSD","wsname":"SOL/USD","status":"online"}}}""";
        assertThat(KrakenAssetPairs.parse(body)).containsExactly(new Listed("SOL-USD", "SOLUSD", "SOLUSD"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "<html>502</html>", "{\"error\":[]}", "{\"error\":[],\"result\":{}}",
            "{\"error\":[],\"result\":[1,2]}"})
    void aBodyThatIsNotAnAssetPairsListIsMalformed(String body) {
        assertThatThrownBy(() -> KrakenAssetPairs.parse(body))
                .isInstanceOfSatisfying(InvalidResponse.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.MALFORMED_JSON));
    }

    @Test
    void krakensOwnErrorIsAnExchangeError() {
        assertThatThrownBy(() -> KrakenAssetPairs.parse("{\"error\":[\"EService:Unavailable\"]}"))
                .isInstanceOfSatisfying(InvalidResponse.class, e -> {
                    assertThat(e.reason()).isEqualTo(RejectReason.EXCHANGE_ERROR);
                    assertThat(e.getMessage()).contains("EService:Unavailable");
                });
    }
}
