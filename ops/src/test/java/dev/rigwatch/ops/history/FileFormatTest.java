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
            """)
    void theFormatIsToldFromTheFirstLine(String firstLine, FileFormat expected) {
        assertThat(FileFormat.detect(firstLine)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", textBlock = """
            date,price,volume => cannot tell the format from the header [date, price, volume]: OHLCV needs open, high, low and close; listings listing_id and title; GPU sold prices gpu and month. Give it with --format ohlcv|events|listings|gpu-sold
            a,"b              => the first line is neither a CSV header nor a JSON object (not CSV: a quoted field opened on line 1 is not closed before the end of the line); give the format with --format
            """)
    void anythingElseNeedsTheFormatGiven(String firstLine, String message) {
        assertThatThrownBy(() -> FileFormat.detect(firstLine)).isInstanceOf(ImportRefusedException.class).hasMessage(message);
    }
}
