package io.chariot.personal;

/** What is known of a tenant's data key: live (with the key), destroyed, or never created. */
public sealed interface TenantKeyState {

    record Live(DataKey key) implements TenantKeyState {
    }

    record Destroyed() implements TenantKeyState {
    }

    record None() implements TenantKeyState {
    }

    TenantKeyState DESTROYED = new Destroyed();
    TenantKeyState NONE = new None();
}
