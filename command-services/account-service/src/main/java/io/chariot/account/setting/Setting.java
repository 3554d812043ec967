package io.chariot.account.setting;

import io.chariot.api.account.AccountCommands;
import io.chariot.api.account.AccountCommands.RemoveSetting;
import io.chariot.api.account.AccountCommands.SettingState;
import io.chariot.api.account.AccountCommands.StoreSetting;
import io.chariot.api.account.AccountEvents.SettingRemoved;
import io.chariot.api.account.AccountEvents.SettingStored;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A tenant's setting ({@code #setting#{name}}) or configuration ({@code #configuration#{name}}): a name and any
 * JSON value. Identified by tenant + key.
 * <p>
 * Rules: the key is {@code #setting#} or {@code #configuration#} followed by the name; the name is not blank;
 * a value is required (JSON {@code null} is a value); storing the same value again changes nothing; removing a
 * setting that does not exist (or no longer exists) is "not found"; a removed setting can be stored again.
 */
@Aggregate
public class Setting {

    @AggregateIdentifier
    private String settingId;
    private String key;
    private String tenant;
    private String name;
    private String value;
    private Instant lastModified;
    private boolean present;

    protected Setting() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public SettingState handle(StoreSetting command) {
        if (command.tenant() == null || command.tenant().isBlank()) {
            throw new IllegalArgumentException("tenant is required");
        }
        if (command.name() == null || command.name().isBlank()) {
            throw new IllegalArgumentException("name is required");
        }
        String k = command.key();
        if (!Objects.equals(k, AccountCommands.SETTING_PREFIX + command.name())
            && !Objects.equals(k, AccountCommands.CONFIGURATION_PREFIX + command.name())) {
            throw new IllegalArgumentException("key must be #setting#{name} or #configuration#{name}");
        }
        if (!command.settingId().equals(AccountCommands.aggregateId(command.tenant(), k))) {
            throw new IllegalArgumentException("settingId must be tenant + key");
        }
        if (command.value() == null) {
            throw new IllegalArgumentException("value is required");
        }
        if (present && command.value().equals(value)) {
            return state();
        }
        apply(new SettingStored(k, command.tenant(), command.name(), command.value(), command.by(),
                GenericEventMessage.clock.instant()));
        return state();
    }

    @CommandHandler
    public SettingState handle(RemoveSetting command) {
        if (!present || !tenant.equals(command.tenant())) {
            throw new AggregateNotFoundException(command.settingId(), "no " + command.key());
        }
        apply(new SettingRemoved(key, tenant, name, command.by(), GenericEventMessage.clock.instant()));
        return state();
    }

    @EventSourcingHandler
    void on(SettingStored e) {
        settingId = AccountCommands.aggregateId(e.tenant(), e.key());
        key = e.key();
        tenant = e.tenant();
        name = e.name();
        value = e.value();
        lastModified = e.at();
        present = true;
    }

    @EventSourcingHandler
    void on(SettingRemoved e) {
        present = false;
        value = null;
        lastModified = e.at();
    }

    private SettingState state() {
        return new SettingState(key, tenant, name, value, lastModified, present);
    }
}
