package io.chariot.account.apikey;

import io.chariot.api.account.AccountCommands.ApiKeyState;
import io.chariot.api.account.AccountCommands.IssueApiKey;
import io.chariot.api.account.AccountCommands.RevokeApiKey;
import io.chariot.api.account.AccountEvents.ApiKeyIssued;
import io.chariot.api.account.AccountEvents.ApiKeyRevoked;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.regex.Pattern;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An API key of one tenant ({@code #key#{id}}), identified by its key id. It records only the hash of its secret.
 * <p>
 * Issuing is a plain creation: a second {@link IssueApiKey} with the same id is refused by the event store (the
 * first event of an aggregate id can be appended once). Revoking is idempotent. A key is invisible to other
 * tenants: revoking another tenant's key fails exactly like revoking an unknown one.
 */
@Aggregate
public class ApiKey {

    /** A hex digest of at least 256 bits (SHA-256 or longer): a hash, never a secret. */
    private static final Pattern HEX_DIGEST = Pattern.compile("^[0-9a-f]{64,}$");

    @AggregateIdentifier
    private String keyId;
    private String tenant;
    private boolean revoked;
    private String name;
    private String role;
    private Instant created;
    private String creator;
    private Instant expires;
    private Instant deleted;
    private String deleter;

    protected ApiKey() {
        // for Axon
    }

    @CommandHandler
    public ApiKey(IssueApiKey command) {
        required(command.keyId(), "keyId");
        if (command.keyId().contains("#")) {
            throw new IllegalArgumentException("keyId must not contain '#': " + command.keyId());
        }
        required(command.tenant(), "tenant");
        required(command.role(), "role");
        required(command.by(), "by");
        if (command.secretHash() == null || !HEX_DIGEST.matcher(command.secretHash()).matches()) {
            throw new IllegalArgumentException("secretHash must be a lower-case hex digest of at least 256 bits; "
                                               + "the secret itself is never sent");
        }
        Instant at = now();
        if (command.expires() != null && !command.expires().isAfter(at)) {
            throw new IllegalArgumentException("expires must be in the future: " + command.expires());
        }
        apply(new ApiKeyIssued(command.keyId(), command.tenant(), command.name(), command.secretHash(),
                               command.role(), command.expires(), command.by(), at));
    }

    @CommandHandler
    public ApiKeyState handle(RevokeApiKey command) {
        if (!tenant.equals(command.tenant())) {
            throw new AggregateNotFoundException(command.keyId(), "no API key " + command.keyId() + " for tenant "
                                                                  + command.tenant());
        }
        if (!revoked) {
            apply(new ApiKeyRevoked(keyId, tenant, command.by(), now()));
        }
        return new ApiKeyState(keyId, tenant, name, role, created, creator, expires, revoked ? "D" : "A", deleted,
                deleter);
    }

    @EventSourcingHandler
    void on(ApiKeyIssued event) {
        keyId = event.keyId();
        tenant = event.tenant();
        revoked = false;
        name = event.name();
        role = event.role();
        created = event.at();
        creator = event.by();
        expires = event.expires();
    }

    @EventSourcingHandler
    void on(ApiKeyRevoked event) {
        revoked = true;
        deleted = event.at();
        deleter = event.by();
    }

    boolean revoked() {
        return revoked;
    }

    private static void required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
    }

    private static Instant now() {
        return GenericEventMessage.clock.instant();
    }
}
