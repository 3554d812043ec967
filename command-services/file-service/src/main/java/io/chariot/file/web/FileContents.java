package io.chariot.file.web;

import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * File bytes in PostgreSQL ({@code file_content}, ADR 0003). Callers write inside the transaction that also appends
 * the file's event, so contents and record commit or roll back together.
 */
public class FileContents {

    private final JdbcTemplate jdbc;

    public FileContents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void put(String tenant, String name, byte[] content, String sha256, Instant at) {
        jdbc.update("""
                INSERT INTO file_content (tenant, name, content, size, sha256, updated) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (tenant, name) DO UPDATE
                SET content = EXCLUDED.content, size = EXCLUDED.size, sha256 = EXCLUDED.sha256,
                    updated = EXCLUDED.updated
                """, tenant, name, content, content.length, sha256, Timestamp.from(at));
    }

    public Optional<byte[]> get(String tenant, String name) {
        List<byte[]> rows = jdbc.query("SELECT content FROM file_content WHERE tenant = ? AND name = ?",
                (rs, i) -> rs.getBytes(1), tenant, name);
        return rows.stream().findFirst();
    }

    public boolean exists(String tenant, String name) {
        Integer n = jdbc.queryForObject("SELECT count(*) FROM file_content WHERE tenant = ? AND name = ?",
                Integer.class, tenant, name);
        return n != null && n > 0;
    }

    public void delete(String tenant, String name) {
        jdbc.update("DELETE FROM file_content WHERE tenant = ? AND name = ?", tenant, name);
    }
}
