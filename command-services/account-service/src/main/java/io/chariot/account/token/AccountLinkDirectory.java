package io.chariot.account.token;

import io.chariot.api.account.AccountEvents.AccountLinked;
import io.chariot.api.account.AccountEvents.AccountRoleChanged;
import io.chariot.api.account.AccountEvents.AccountUnlinked;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Timestamp;

/**
 * The account links the {@code account} header checks, projected synchronously (subscribing processor, same
 * transaction as the event append) into PostgreSQL. {@code member} is the user's email (token {@code email} claim),
 * {@code tenant} the tenant it reaches. Every deployable reads them with the runtime's reader
 * ({@code io.chariot.runtime.accounts.StoredAccountLinks}, ADR 0024).
 */
@ProcessingGroup(AccountLinkDirectory.PROCESSING_GROUP)
public class AccountLinkDirectory {

    public static final String PROCESSING_GROUP = "account-links";
    private final JdbcClient jdbc;

    public AccountLinkDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(AccountLinked e) {
        jdbc.sql("""
                        INSERT INTO account_link (tenant, member, value, role, updated)
                        VALUES (:tenant, :member, :value, :role, :at)
                        ON CONFLICT (tenant, member, value) DO UPDATE SET role = EXCLUDED.role, updated = EXCLUDED.updated""")
                .param("tenant", e.tenant()).param("member", e.member()).param("value", e.value())
                .param("role", e.role()).param("at", Timestamp.from(e.at()))
                .update();
    }

    @EventHandler
    void on(AccountRoleChanged e) {
        jdbc.sql("UPDATE account_link SET role = :role, updated = :at "
                 + "WHERE tenant = :tenant AND member = :member AND value = :value")
                .param("tenant", e.tenant()).param("member", e.member()).param("value", e.value())
                .param("role", e.to()).param("at", Timestamp.from(e.at()))
                .update();
    }

    @EventHandler
    void on(AccountUnlinked e) {
        jdbc.sql("DELETE FROM account_link WHERE tenant = :tenant AND member = :member AND value = :value")
                .param("tenant", e.tenant()).param("member", e.member()).param("value", e.value())
                .update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM account_link").update();
    }
}
