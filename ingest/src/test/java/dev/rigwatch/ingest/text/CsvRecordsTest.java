package dev.rigwatch.ingest.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** rigwatch's one CSV reader: what spreadsheets and shops really export. */
class CsvRecordsTest {

    @Test
    void aByteOrderMarkIsDroppedOnceAndOnlyAtTheStart() throws IOException {
        List<CsvRecords.Record> records = read("\uFEFFlisting_id,title\r\nx-1,\uFEFFodd\r\n");

        assertThat(records).extracting(CsvRecords.Record::fields)
                .containsExactly(List.of("listing_id", "title"), List.of("x-1", "\uFEFFodd"));
        assertThat(TextFiles.withoutBom("\uFEFF\uFEFFa")).isEqualTo("\uFEFFa");
    }

    @Test
    void aBareQuoteInsideAnUnquotedFieldIsACharacterAndTheNextLinesStayTheirOwn() throws IOException {
        List<CsvRecords.Record> records = read("""
                id,title,price
                1,Dell 27" monitor,150
                2,RTX 3080,450
                """);

        assertThat(records).extracting(CsvRecords.Record::line, CsvRecords.Record::fields).containsExactly(
                tuple(1, List.of("id", "title", "price")),
                tuple(2, List.of("1", "Dell 27\" monitor", "150")),
                tuple(3, List.of("2", "RTX 3080", "450")));
    }

    @Test
    void quotedFieldsHoldCommasDoubledQuotesAndLineBreaksAndLaterLinesKeepTheirNumbers() throws IOException {
        List<CsvRecords.Record> records = read("""
                id,title,price
                1,"RTX 3080, 10GB",450

                2,"EVGA ""FTW3"" RTX 3090",700
                3,"two
                lines",100
                4,RX 6600,180
                """);

        assertThat(records).extracting(CsvRecords.Record::line, CsvRecords.Record::fields).containsExactly(
                tuple(1, List.of("id", "title", "price")),
                tuple(2, List.of("1", "RTX 3080, 10GB", "450")),
                tuple(4, List.of("2", "EVGA \"FTW3\" RTX 3090", "700")),
                tuple(5, List.of("3", "two\nlines", "100")),
                tuple(7, List.of("4", "RX 6600", "180")));
        assertThat(records.get(3).raw()).isEqualTo("3,\"two\nlines\",100");
    }

    @Test
    void aQuotedFieldNeverClosedIsReportedOnTheLineItOpensWithWhatItSwallowed() throws IOException {
        List<CsvRecords.Record> records = read("id,price\n1,10\n2,\"11\n3,12\n");

        assertThat(records).extracting(CsvRecords.Record::line, CsvRecords.Record::error).containsExactly(
                tuple(1, null), tuple(2, null),
                tuple(3, "a quoted field opened on line 3 is not closed before the end of the file"));
        assertThat(records.get(2).raw()).isEqualTo("2,\"11\n3,12");
    }

    @Test
    void aRecordThatDoesNotParseCostsOnlyItself() throws IOException {
        List<CsvRecords.Record> records = read("id,title\n1,\"RTX\"x\n2,RX 6600\n");

        assertThat(records).extracting(CsvRecords.Record::line).containsExactly(1, 2, 3);
        assertThat(records.get(1).error()).startsWith("Unexpected character");
        assertThat(records.get(1).raw()).isEqualTo("1,\"RTX\"x");
        assertThat(records.get(2).fields()).containsExactly("2", "RX 6600");
    }

    @Test
    void oneLineParsesAsItsFirstRecord() {
        assertThat(CsvRecords.parse(1, "Open time, Open ,High").fields()).containsExactly("Open time", "Open", "High");
        assertThat(CsvRecords.parse(1, "   ").fields()).isEmpty();
    }

    private static List<CsvRecords.Record> read(String text) throws IOException {
        List<CsvRecords.Record> records = new ArrayList<>();
        assertThat(CsvRecords.read(new StringReader(text), records::add)).isNull();
        return records;
    }
}
