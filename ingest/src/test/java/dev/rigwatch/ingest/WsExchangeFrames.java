package dev.rigwatch.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rigwatch.events.Json;
import dev.rigwatch.testing.TestData;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;

/**
 * Frames an exchange's WebSocket sends, made from its real fixtures with the fields a test needs changed: a trade
 * of a given product at a given time, price and id, a heartbeat, an error. The product is a test's own, so that
 * tests sharing the broker's topics never read each other's ticks.
 */
enum WsExchangeFrames {

    COINBASE("coinbase", "USD") {
        @Override
        String trade(String base, BigDecimal price, Instant time, long sequence) {
            ObjectNode frame = fixture("coinbase-ws-ticker-update.json");
            frame.put("timestamp", time.toString()).put("sequence_num", sequence);
            ArrayNode tickers = (ArrayNode) frame.path("events").path(0).path("tickers");
            tickers.remove(1);
            ((ObjectNode) tickers.get(0)).put("product_id", base + "-USD").put("price", price.toPlainString())
                    .put("best_bid", price.subtract(BigDecimal.ONE).toPlainString())
                    .put("best_ask", price.toPlainString());
            return frame.toString();
        }

        @Override
        String heartbeat(long sequence) {
            return fixture("coinbase-ws-heartbeats.json").put("sequence_num", sequence).toString();
        }

        @Override
        String error() {
            return TestData.fixture("coinbase-ws-error.json");
        }
    },
    KRAKEN("kraken", "USD") {
        @Override
        String trade(String base, BigDecimal price, Instant time, long sequence) {
            ObjectNode frame = fixture("kraken-ws-trade-update.json");
            ArrayNode trades = (ArrayNode) frame.path("data");
            trades.remove(1);
            ((ObjectNode) trades.get(0)).put("symbol", base + "/USD").put("price", price).put("trade_id", sequence)
                    .put("timestamp", time.toString());
            return frame.toString();
        }

        @Override
        String heartbeat(long sequence) {
            return TestData.fixture("kraken-ws-heartbeat.json");
        }

        @Override
        String error() {
            return fixture("kraken-ws-subscribe-error.json").put("symbol", "NOPE/USD").toString();
        }
    },
    BINANCE("binance", "USDT") {
        @Override
        String trade(String base, BigDecimal price, Instant time, long sequence) {
            return fixture("binance-ws-trade.json").put("s", base + "USDT").put("t", sequence)
                    .put("p", price.toPlainString()).put("T", time.toEpochMilli()).put("E", time.toEpochMilli() + 1)
                    .toString();
        }

        /** Binance has no heartbeat message: it pings at the protocol level, which OkHttp answers. */
        @Override
        String heartbeat(long sequence) {
            return null;
        }

        @Override
        String error() {
            return TestData.fixture("binance-ws-error.json");
        }
    },
    BITSTAMP("bitstamp", "USD") {
        @Override
        String trade(String base, BigDecimal price, Instant time, long sequence) {
            ObjectNode frame = fixture("bitstamp-ws-trade.json");
            frame.put("channel", "live_trades_" + base.toLowerCase(Locale.ROOT) + "usd");
            long micros = time.getEpochSecond() * 1_000_000 + time.getNano() / 1_000;
            ((ObjectNode) frame.path("data")).put("id", sequence).put("price", price)
                    .put("price_str", price.toPlainString()).put("timestamp", String.valueOf(time.getEpochSecond()))
                    .put("microtimestamp", String.valueOf(micros));
            return frame.toString();
        }

        /** The answer to the client's {@code bts:heartbeat}; Bitstamp sends nothing of its own while quiet. */
        @Override
        String heartbeat(long sequence) {
            return TestData.fixture("bitstamp-ws-heartbeat.json");
        }

        @Override
        String error() {
            return TestData.fixture("bitstamp-ws-error.json");
        }
    };

    final String exchange;
    final String quote;

    WsExchangeFrames(String exchange, String quote) {
        this.exchange = exchange;
        this.quote = quote;
    }

    /** A trade (Coinbase: a ticker update) of {@code base} against this exchange's quote. */
    abstract String trade(String base, BigDecimal price, Instant time, long sequence);

    /** A keep-alive the exchange sends, or null when it has none at the application level. */
    abstract String heartbeat(long sequence);

    /** An error the exchange reports on the connection. */
    abstract String error();

    /**
     * The exchange's REST answer of 1-minute candles of {@code base}, one per minute from {@code first} for
     * {@code minutes}, made from its candle fixture's first row with the times moved (newest first for Coinbase,
     * as it answers).
     */
    String candles(String base, Instant first, int minutes) {
        try {
            return switch (this) {
                case COINBASE -> {
                    ArrayNode rows = (ArrayNode) Json.mapper().readTree(TestData.fixture("coinbase-candles-BTC-USD-60.json"));
                    ArrayNode out = Json.mapper().createArrayNode();
                    for (int i = minutes - 1; i >= 0; i--) {
                        ArrayNode row = rows.get(0).deepCopy();
                        row.set(0, Json.mapper().getNodeFactory().numberNode(first.getEpochSecond() + 60L * i));
                        out.add(row);
                    }
                    yield out.toString();
                }
                case KRAKEN -> {
                    ObjectNode answer = fixture("kraken-ohlc-XBTUSD-1.json");
                    ObjectNode result = (ObjectNode) answer.path("result");
                    ArrayNode template = (ArrayNode) result.path("XXBTZUSD");
                    ArrayNode out = Json.mapper().createArrayNode();
                    for (int i = 0; i < minutes; i++) {
                        ArrayNode row = template.get(0).deepCopy();
                        row.set(0, Json.mapper().getNodeFactory().numberNode(first.getEpochSecond() + 60L * i));
                        out.add(row);
                    }
                    result.removeAll();
                    result.set(base + "USD", out);
                    result.put("last", first.getEpochSecond() + 60L * (minutes - 1));
                    yield answer.toString();
                }
                case BINANCE -> {
                    ArrayNode rows = (ArrayNode) Json.mapper().readTree(TestData.fixture("binance-klines-BTCUSDT-1m.json"));
                    ArrayNode out = Json.mapper().createArrayNode();
                    for (int i = 0; i < minutes; i++) {
                        ArrayNode row = rows.get(0).deepCopy();
                        long open = first.toEpochMilli() + 60_000L * i;
                        row.set(0, Json.mapper().getNodeFactory().numberNode(open));
                        row.set(6, Json.mapper().getNodeFactory().numberNode(open + 59_999));
                        out.add(row);
                    }
                    yield out.toString();
                }
                case BITSTAMP -> {
                    ObjectNode answer = fixture("bitstamp-ohlc-btcusd-60.json");
                    ObjectNode data = (ObjectNode) answer.path("data");
                    ArrayNode template = (ArrayNode) data.path("ohlc");
                    ArrayNode out = Json.mapper().createArrayNode();
                    for (int i = 0; i < minutes; i++) {
                        ObjectNode row = (ObjectNode) template.get(0).deepCopy();
                        row.put("timestamp", String.valueOf(first.getEpochSecond() + 60L * i));
                        out.add(row);
                    }
                    data.put("pair", base + "/USD");
                    data.set("ohlc", out);
                    yield answer.toString();
                }
            };
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The instrument registry row of {@code base}: what this exchange calls it in requests and responses. */
    String registryRow(String base) {
        String id = switch (this) {
            case COINBASE -> base + "-USD";
            case KRAKEN -> base + "USD";
            case BINANCE -> base + "USDT";
            case BITSTAMP -> base.toLowerCase(Locale.ROOT) + "usd";
        };
        return exchange + "," + base + "-" + quote + "," + id + "," + id;
    }

    private static ObjectNode fixture(String name) {
        try {
            JsonNode node = Json.mapper().readTree(TestData.fixture(name));
            return (ObjectNode) node;
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
