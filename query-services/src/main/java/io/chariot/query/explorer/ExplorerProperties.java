package io.chariot.query.explorer;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code chariot.explorer.*}: page sizes of the stream ({@code page-size}, at most {@code max-page-size}) and of an
 * aggregate's history ({@code history-page}), how many events an export reads at a time ({@code export-batch}),
 * and how many events of one correlation a causation tree shows ({@code chain-limit}).
 */
@ConfigurationProperties("chariot.explorer")
public record ExplorerProperties(@DefaultValue("50") int pageSize, @DefaultValue("500") int maxPageSize,
                                 @DefaultValue("1000") int historyPage, @DefaultValue("500") int exportBatch,
                                 @DefaultValue("2000") int chainLimit) {
}
