package io.chariot.query.explorer.api;

import io.chariot.query.explorer.export.EventExport;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The headers of an export download, shared by the API and the web UI. */
public final class ExportResponses {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private ExportResponses() {
    }

    public static void start(HttpServletResponse response, EventExport.Format format) {
        response.setContentType(format.contentType + ";charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename("chariot-events-" + STAMP.format(Instant.now()) + "." + format.extension).build()
                .toString());
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    }
}
