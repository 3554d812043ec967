package io.chariot.personal;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;

/** Keys in a map, for the cipher's unit tests: the PostgreSQL store is tested in the platform (PersonalDataIT). */
final class MapTenantKeys implements TenantKeys {

    private final Map<String, TenantKeyState> keys = new HashMap<>();

    @Override
    public TenantKeyState forWriting(String tenant) {
        return keys.computeIfAbsent(tenant, t -> {
            byte[] material = new byte[32];
            new SecureRandom().nextBytes(material);
            return new TenantKeyState.Live(new DataKey(material));
        });
    }

    @Override
    public TenantKeyState forReading(String tenant) {
        return keys.getOrDefault(tenant, TenantKeyState.NONE);
    }

    void destroy(String tenant) {
        keys.put(tenant, TenantKeyState.DESTROYED);
    }
}
