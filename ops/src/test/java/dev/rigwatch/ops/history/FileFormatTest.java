package dev.rigwatch.ops.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FileFormatTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Date,Open,High,Low,Close,Adj Close,Volume           | OHLCV
            Open time,Open,High,Low,Close,Volume,Close time     | OHLCV
            unix,date,symbol,OPEN,HIGH,LOW,CLOSE,Volume BTC     | OHLCV
            GPU,eBay Price,QTY Sold,Month                       | GPU_SOLD
            model,price,month                                   | GPU_SOLD
            listing_id,title,price,currency                     | LISTINGS
            Listing ID,Title,Price                              | LISTINGS
            {"listing_id":"a1","title":"RTX 3080","price":450}  | LISTINGS
            {"v":1,"exchange":"kraken","symbol":"BTC-USD"}      | EVENTS
            {"topic":"crypto.ticks","value":{}}                 | EVENTS
            1704067200000000,42283.58,42554.57,42261.02,42475.23,1271.68,1704070799999999,53957394.0,47134,682.57,28963.14,0 | BINANCE_KLINES
            1381017600,122.0,122.0,122.0,122.0,0.1,1                  | KRAKEN_OHLCVT
            """)
    void theFormatIsToldFromTheFirstLine(String firstLine, FileFormat expected) {
        assertThat(FileFormat.detect(firstLine)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", textBlock = """
            date,price,volume => cannot tell the format from the header [date, price, volume]: OHLCV needs open, high, low and close; listings listing_id and title; GPU sold prices gpu and month. Give it with --format ohlcv|events|listings|gpu-sold|binance-klines|kraken-ohlcvt
            model,2019-01,2019-02,2019-03,2019-04,2019-05,2019-06,2019-07,2019-08,2019-09 => cannot tell the format from the header [model, 2019-01, 2019-02, 2019-03, 2019-04, 2019-05, 2019-06, 2019-07, ... 2 more]: OHLCV needs open, high, low and close; listings listing_id and title; GPU sold prices gpu and month. Give it with --format ohlcv|events|listings|gpu-sold|binance-klines|kraken-ohlcvt
            1,2,3 => the first line is 3 numbers and no header: Binance kline dumps have 12 columns, Kraken OHLCVT exports 7; give a header or the format with --format ohlcv|events|listings|gpu-sold|binance-klines|kraken-ohlcvt
            a,"b              => the first line is neither a CSV header nor a JSON object (not CSV: a quoted field opened on line 1 is not closed before the end of the line); give the format with --format
            """)
    void anythingElseNeedsTheFormatGiven(String firstLine, String message) {
        assertThatThrownBy(() -> FileFormat.detect(firstLine)).isInstanceOf(ImportRefusedException.class).hasMessage(message);
    }
}
