package io.chariot.account.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.chariot.api.account.AccountCommands;
import io.chariot.api.account.AccountCommands.AccountLinkState;
import io.chariot.api.account.AccountCommands.LinkAccount;
import io.chariot.api.account.AccountCommands.UnlinkAccount;
import io.chariot.websupport.tenancy.Caller;
import io.chariot.websupport.tenancy.Role;
import io.chariot.websupport.web.BadRequestException;
import io.chariot.websupport.web.ForbiddenException;
import io.swagger.v3.oas.annotations.Operation;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /account/{member}} links a collaborator (an email) to the caller's tenant; {@code DELETE
 * /account/{member}} unlinks it. Only the tenant's admins may do either. Integrations (members without {@code @},
 * such as {@code github} or {@code hook}, but not {@code settings}/{@code settings-display-name}, which are 400) are
 * handed to {@link IntegrationLinks}: their secrets are write-only. An empty
 * {@code value} means the member itself, so a collaborator's key is {@code #account#{tenant}#{member}#{member}}.
 * The answer is the Account object; a link never carries a secret.
 */
@RestController
public class AccountController {

    /** {@code key} and {@code member} are sent by {@code DELETE /account/hook}; {@code secret} is write-only. */
    public record AccountRequest(JsonNode config, String value, String role, JsonNode secret, String key,
                                 String member) {
        public AccountRequest(JsonNode config, String value, String role) {
            this(config, value, role, null, null, null);
        }
    }

    private final CommandGateway commands;
    private final IntegrationLinks integrations;

    public AccountController(CommandGateway commands, IntegrationLinks integrations) {
        this.commands = commands;
        this.integrations = integrations;
    }

    @Operation(summary = "Link a collaborator (email, with a role: admin, analyst, readonly) or an integration "
                         + "(github, hook, …; secret config members are write-only) to the caller's tenant")
    @PostMapping("/account/{member}")
    public AccountView link(Caller caller, @PathVariable String member,
                                    @RequestBody(required = false) AccountRequest body) {
        requireAdmin(caller);
        String m = member(member);
        AccountRequest b = body == null ? new AccountRequest(null, null, null) : body;
        if (AccountCommands.isIntegration(m)) {
            return integrations.link(caller, m, b);
        }
        String value = value(b.value(), m);
        String key = AccountCommands.accountKey(caller.tenant(), m, value);
        AccountLinkState state = commands.sendAndWait(new LinkAccount(
                AccountCommands.aggregateId(caller.tenant(), key), caller.tenant(), m, value, b.role(), caller.user()));
        return AccountView.of(caller.tenant(), state);
    }

    @Operation(summary = "Unlink a collaborator or an integration from the caller's tenant")
    @DeleteMapping("/account/{member}")
    public AccountView unlink(Caller caller, @PathVariable String member,
                                      @RequestBody(required = false) AccountRequest body) {
        requireAdmin(caller);
        String m = member(member);
        if (AccountCommands.isIntegration(m)) {
            return integrations.unlink(caller, m, body);
        }
        String value = value(body == null ? null : body.value(), m);
        String key = AccountCommands.accountKey(caller.tenant(), m, value);
        AccountLinkState state = commands.sendAndWait(new UnlinkAccount(
                AccountCommands.aggregateId(caller.tenant(), key), caller.tenant(), m, value, caller.user()));
        return AccountView.of(caller.tenant(), state);
    }

    static void requireAdmin(Caller caller) {
        if (caller.role() != Role.ADMIN) {
            throw new ForbiddenException("only an admin of " + caller.tenant() + " may change its account links");
        }
    }

    private static String member(String member) {
        String m = AccountCommands.normalise(member);
        if (m == null || m.isEmpty()) {
            throw new BadRequestException("member is required");
        }
        if (!m.contains("@") && !AccountCommands.isIntegration(m)) {
            throw new BadRequestException("'" + m + "' is a settings record, not an account link");
        }
        if (m.contains("#")) {
            throw new BadRequestException("member must not contain '#'");
        }
        return m;
    }

    static String value(String value, String member) {
        if (value == null || value.isBlank()) {
            return member;
        }
        if (value.contains("#")) {
            throw new BadRequestException("value must not contain '#'");
        }
        return value.trim();
    }
}
