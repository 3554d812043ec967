package io.chariot.runtime.accounts;

import io.chariot.websupport.tenancy.AccountLinks;
import io.chariot.websupport.tenancy.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code account} header in every deployable: the links are read from the table the account context keeps in
 * PostgreSQL ({@code account_link}, written in the same transaction as the link's events), so a link granted or
 * revoked holds in every service as soon as its command answered. The account context only writes them (ADR 0024).
 */
@Component
class StoredAccountLinks implements AccountLinks {

    private final JdbcClient jdbc;

    StoredAccountLinks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Role> roleOf(String tenant, String member) {
        if (tenant == null || member == null) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT role FROM account_link WHERE tenant = :tenant AND member = :member")
                .param("tenant", tenant.trim().toLowerCase(Locale.ROOT))
                .param("member", member.trim().toLowerCase(Locale.ROOT))
                .query(String.class).list().stream()
                .map(Role::parse)
                .min(Comparator.naturalOrder()); // ADMIN < ANALYST < READONLY: the most powerful link wins
    }
}
