package io.chariot.query.my;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** @param pageSize items one page of {@code /my} answers at most */
@ConfigurationProperties("chariot.query")
public record SearchPaging(@DefaultValue("1000") int pageSize) {

    public SearchPaging {
        if (pageSize < 1) {
            throw new IllegalArgumentException("chariot.query.page-size must be at least 1, not " + pageSize);
        }
    }
}
