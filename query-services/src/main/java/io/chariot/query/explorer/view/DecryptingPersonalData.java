package io.chariot.query.explorer.view;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.chariot.personal.PersonalFieldCipher;
import io.chariot.personal.TenantKeyStore;
import io.chariot.personal.UnreadablePersonalDataException;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The explorer's view of crypto-shredded payloads: it reads the stored JSON straight from PostgreSQL, so it decrypts
 * every encrypted string itself — clear where the tenant's key lives, an {@link PersonalData#erased} marker where it
 * was destroyed. A ciphertext that does not open although the key exists is shown as unreadable, never as erased
 * (that would hide corruption as an erasure).
 */
public class DecryptingPersonalData implements PersonalData {

    static final String PURGED = "tenant purged";
    static final String UNREADABLE = "(unreadable: tampered, or encrypted under another key)";

    private final PersonalFieldCipher cipher;
    private final Supplier<List<String>> liveTenants;

    public DecryptingPersonalData(PersonalFieldCipher cipher, TenantKeyStore keys) {
        this(cipher, keys::liveTenants);
    }

    /** {@code liveTenants}: the tenants whose key lives, for a filter across tenants (an operator's). */
    public DecryptingPersonalData(PersonalFieldCipher cipher, Supplier<List<String>> liveTenants) {
        this.cipher = cipher;
        this.liveTenants = liveTenants;
    }

    @Override
    public JsonNode shown(String tenant, String aggregateId, JsonNode payload) {
        if (payload == null || !holdsCiphertext(payload)) {
            return payload;
        }
        JsonNode copy = payload.deepCopy();
        return replace(tenant, copy);
    }

    @Override
    public String shownText(String tenant, String value) {
        if (!PersonalFieldCipher.isEncrypted(value)) {
            return value;
        }
        try {
            String clear = cipher.decryptOrNull(tenant, value);
            return clear == null ? ERASED_TEXT : clear;
        } catch (UnreadablePersonalDataException | IllegalArgumentException e) {
            return UNREADABLE;
        }
    }

    @Override
    public List<String> storedForms(String tenant, String value) {
        List<String> forms = new ArrayList<>();
        forms.add(value);
        for (String t : tenant != null ? List.of(tenant) : liveTenants.get()) {
            String form = cipher.storedForm(t, value);
            if (form != null) {
                forms.add(form);
            }
        }
        return forms;
    }

    private JsonNode replace(String tenant, JsonNode node) {
        if (node.isTextual() && PersonalFieldCipher.isEncrypted(node.textValue())) {
            try {
                String clear = cipher.decryptOrNull(tenant, node.textValue());
                return clear == null ? PersonalData.erased(PURGED) : TextNode.valueOf(clear);
            } catch (UnreadablePersonalDataException | IllegalArgumentException e) {
                return TextNode.valueOf(UNREADABLE);
            }
        }
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            List<Map.Entry<String, JsonNode>> all = new ArrayList<>();
            fields.forEachRemaining(all::add);
            for (Map.Entry<String, JsonNode> field : all) {
                object.set(field.getKey(), replace(tenant, field.getValue()));
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, replace(tenant, array.get(i)));
            }
        }
        return node;
    }

    private static boolean holdsCiphertext(JsonNode node) {
        if (node.isTextual()) {
            return PersonalFieldCipher.isEncrypted(node.textValue());
        }
        for (JsonNode child : node) {
            if (holdsCiphertext(child)) {
                return true;
            }
        }
        return false;
    }
}
