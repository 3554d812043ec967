package io.chariot.account.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chariot.api.account.AccountCommands;
import io.chariot.api.account.AccountCommands.RemoveSetting;
import io.chariot.api.account.AccountCommands.SettingState;
import io.chariot.api.account.AccountCommands.StoreSetting;
import io.chariot.websupport.tenancy.Caller;
import io.chariot.websupport.web.Absent;
import io.chariot.websupport.web.BadRequestException;
import io.swagger.v3.oas.annotations.Operation;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;


/**
 * {@code PUT /setting {name, value}} and {@code DELETE /setting {name}} ({@code #setting#{name}}); the same for
 * {@code /configuration} ({@code #configuration#{name}}). The value is any JSON. Writing needs a role that can
 * write (admin or analyst); readonly gets 403. Removing one that does not exist is not an error.
 */
@RestController
public class SettingController {

    public record SettingRequest(String name, JsonNode value) {
    }

    private final CommandGateway commands;
    private final ObjectMapper json;

    public SettingController(CommandGateway commands, ObjectMapper json) {
        this.commands = commands;
        this.json = json;
    }

    @Operation(summary = "Store a setting {name, value: any JSON}")
    @PutMapping("/setting")
    public SettingView putSetting(Caller caller, @RequestBody SettingRequest body) {
        return store(caller, AccountCommands.SETTING_PREFIX, body);
    }

    @Operation(summary = "Remove a setting {name}")
    @DeleteMapping("/setting")
    public SettingView deleteSetting(Caller caller, @RequestBody SettingRequest body) {
        return remove(caller, AccountCommands.SETTING_PREFIX, body);
    }

    @Operation(summary = "Store a configuration {name, value: any JSON}")
    @PutMapping("/configuration")
    public SettingView putConfiguration(Caller caller, @RequestBody SettingRequest body) {
        return store(caller, AccountCommands.CONFIGURATION_PREFIX, body);
    }

    @Operation(summary = "Remove a configuration {name}")
    @DeleteMapping("/configuration")
    public SettingView deleteConfiguration(Caller caller, @RequestBody SettingRequest body) {
        return remove(caller, AccountCommands.CONFIGURATION_PREFIX, body);
    }

    private SettingView store(Caller caller, String prefix, SettingRequest body) {
        caller.requireWrite();
        String name = name(body);
        if (body.value() == null) {
            throw new BadRequestException("value is required (any JSON)");
        }
        String key = AccountCommands.settingKey(prefix, name);
        String value;
        try {
            value = json.writeValueAsString(body.value());
        } catch (JsonProcessingException e) {
            throw new BadRequestException("value is not JSON");
        }
        SettingState state = commands.sendAndWait(new StoreSetting(AccountCommands.aggregateId(caller.tenant(), key),
                caller.tenant(), key, name, value, caller.user()));
        return view(state);
    }

    /**
     * Removes {@code #setting#{name}}; a name given as the whole key ({@code #setting#{name}}, as praetorian-cli's
     * own tests pass it) means that name. Removing what is not there answers the record without a value and writes
     * nothing: the client's clean-up removes settings it never stored.
     */
    private SettingView remove(Caller caller, String prefix, SettingRequest body) {
        caller.requireWrite();
        String name = name(body);
        if (name.startsWith(prefix) && name.length() > prefix.length()) {
            name = name.substring(prefix.length());
        }
        String key = AccountCommands.settingKey(prefix, name);
        try {
            return view(commands.sendAndWait(new RemoveSetting(AccountCommands.aggregateId(caller.tenant(), key),
                    caller.tenant(), key, caller.user())));
        } catch (RuntimeException e) {
            if (!Absent.is(e)) {
                throw e;
            }
            return view(new SettingState(key, caller.tenant(), name, null, null, false));
        }
    }

    private static String name(SettingRequest body) {
        if (body == null || body.name() == null || body.name().isBlank()) {
            throw new BadRequestException("name is required");
        }
        return body.name().trim();
    }


    private SettingView view(SettingState s) {
        if (s.value() == null) {
            return SettingView.of(s, null);
        }
        try {
            return SettingView.of(s, json.readTree(s.value()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
