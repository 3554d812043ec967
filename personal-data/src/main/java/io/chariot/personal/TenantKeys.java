package io.chariot.personal;

/** Where the cipher gets a tenant's key: {@link TenantKeyStore} in PostgreSQL, a map in unit tests. */
public interface TenantKeys {

    /** The key to encrypt with: created on first use; {@link TenantKeyState.Destroyed} once destroyed. */
    TenantKeyState forWriting(String tenant);

    /** The key to decrypt with: never created here ({@link TenantKeyState.None} if there is none). */
    TenantKeyState forReading(String tenant);
}
