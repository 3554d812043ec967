package io.chariot.personal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.chariot.api.personal.TenantDataKeys;

import javax.sql.DataSource;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Tenants' data keys in PostgreSQL ({@code tenant_data_key}, V60): 32 random bytes per tenant, created on first
 * write, stored wrapped under the {@link MasterKey}, cached in memory. {@link #destroy} deletes the key material and
 * keeps the row as a tombstone ({@code destroyed_at}): the erasure record's proof.
 * <p>
 * It uses connections of its own (in a deployable, a pool of its own: a load runs inside a command's transaction),
 * outside the caller's transaction: a key created while an event is appended stays even if that append rolls back
 * (harmless), and a destroy commits at once. The cache holds live keys for at most
 * {@code ttl}: within one JVM a destroy evicts at once; another instance stops using its cached copy after the ttl
 * at the latest (ADR 0019 on what distributed mode needs).
 */
public final class TenantKeyStore implements TenantDataKeys, TenantKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final DataSource dataSource;
    private final MasterKey master;
    private final Cache<String, TenantKeyState> cache;

    public TenantKeyStore(DataSource dataSource, MasterKey master, Duration ttl, long maximumTenants) {
        this.dataSource = dataSource;
        this.master = master;
        this.cache = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maximumTenants).build();
    }

    @Override
    public TenantKeyState forWriting(String tenant) {
        TenantKeyState state = cache.get(tenant, this::load);
        if (state instanceof TenantKeyState.None) {
            cache.invalidate(tenant);
            return cache.get(tenant, this::create);
        }
        return state;
    }

    @Override
    public TenantKeyState forReading(String tenant) {
        TenantKeyState state = cache.get(tenant, this::load);
        if (state instanceof TenantKeyState.None) {
            // not remembered: another instance may create it any moment
            cache.invalidate(tenant);
        }
        return state;
    }

    @Override
    public void destroy(String tenant) {
        sql(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO tenant_data_key (tenant, wrapped_key, destroyed_at) VALUES (?, NULL, now())
                    ON CONFLICT (tenant) DO UPDATE SET wrapped_key = NULL,
                        destroyed_at = COALESCE(tenant_data_key.destroyed_at, now())""")) {
                s.setString(1, tenant);
                s.executeUpdate();
            }
            return null;
        });
        cache.put(tenant, TenantKeyState.DESTROYED);
    }

    @Override
    public boolean destroyed(String tenant) {
        TenantKeyState cached = cache.getIfPresent(tenant);
        if (cached instanceof TenantKeyState.Destroyed) {
            return true;
        }
        return load(tenant) instanceof TenantKeyState.Destroyed;
    }

    /** The tenants whose key is live: whose stored values the explorer may look up by their encrypted form. */
    public List<String> liveTenants() {
        return sql(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT tenant FROM tenant_data_key WHERE destroyed_at IS NULL ORDER BY tenant");
                 ResultSet rs = s.executeQuery()) {
                List<String> tenants = new ArrayList<>();
                while (rs.next()) {
                    tenants.add(rs.getString(1));
                }
                return tenants;
            }
        });
    }

    private TenantKeyState load(String tenant) {
        return sql(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT wrapped_key, destroyed_at IS NOT NULL FROM tenant_data_key WHERE tenant = ?")) {
                s.setString(1, tenant);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return TenantKeyState.NONE;
                    }
                    if (rs.getBoolean(2)) {
                        return TenantKeyState.DESTROYED;
                    }
                    return new TenantKeyState.Live(new DataKey(master.unwrap(tenant, rs.getBytes(1))));
                }
            }
        });
    }

    private TenantKeyState create(String tenant) {
        byte[] material = new byte[32];
        RANDOM.nextBytes(material);
        sql(c -> {
            // Two writers may race to create it: one insert wins, both then read the winner's key.
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO tenant_data_key (tenant, wrapped_key) VALUES (?, ?) ON CONFLICT (tenant) DO NOTHING")) {
                s.setString(1, tenant);
                s.setBytes(2, master.wrap(tenant, material));
                s.executeUpdate();
            }
            return null;
        });
        return load(tenant);
    }

    private <T> T sql(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            if (!c.getAutoCommit()) {
                c.setAutoCommit(true);
            }
            return work.run(c);
        } catch (SQLException e) {
            throw new IllegalStateException("tenant data keys: " + e.getMessage(), e);
        }
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }
}
