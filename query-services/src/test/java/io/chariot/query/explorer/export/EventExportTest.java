package io.chariot.query.explorer.export;

import io.chariot.websupport.web.BadRequestException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventExportTest {

    @Test
    void aCellASpreadsheetWouldReadAsAFormulaIsQuotedAsText() {
        assertThat(EventExport.cell("=HYPERLINK(\"x\")")).isEqualTo("'=HYPERLINK(\"x\")");
        assertThat(EventExport.cell("+1")).isEqualTo("'+1");
        assertThat(EventExport.cell("-1")).isEqualTo("'-1");
        assertThat(EventExport.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(EventExport.cell("#risk#x")).isEqualTo("#risk#x");
        assertThat(EventExport.cell(null)).isEmpty();
    }

    @Test
    void theFormatIsJsonLinesOrCsv() {
        assertThat(EventExport.Format.parse(null)).isEqualTo(EventExport.Format.JSONL);
        assertThat(EventExport.Format.parse("CSV")).isEqualTo(EventExport.Format.CSV);
        assertThatThrownBy(() -> EventExport.Format.parse("xml")).isInstanceOf(BadRequestException.class)
                .hasMessage("format must be jsonl or csv");
    }
}
