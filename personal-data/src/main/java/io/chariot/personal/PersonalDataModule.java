package io.chariot.personal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import io.chariot.api.personal.PersonalData;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Jackson support for {@link PersonalData}: a record's marked components are written as ciphertext under the key of
 * the record's {@code tenant} and read back in clear (or as {@link PersonalData#ERASED} once the key is destroyed).
 * Registered on the event serializer's own ObjectMapper only — never on the HTTP one — so the event store, Kafka
 * and the dead-letter queue hold ciphertext while handlers see clear values.
 */
public final class PersonalDataModule extends SimpleModule {

    private static final String TENANT = "tenant";

    public PersonalDataModule(PersonalFieldCipher cipher) {
        super("chariot-personal-data");
        setSerializerModifier(new Encrypting(cipher));
        setDeserializerModifier(new Decrypting(cipher));
    }

    /** The marked components of a record class (cached: asked once per class by each of the two modifiers). */
    static List<Marked> marked(Class<?> type) {
        return MARKED.computeIfAbsent(type, PersonalDataModule::scan);
    }

    private static final Map<Class<?>, List<Marked>> MARKED = new ConcurrentHashMap<>();

    private static List<Marked> scan(Class<?> type) {
        if (!type.isRecord()) {
            return List.of();
        }
        List<Marked> marked = new ArrayList<>();
        boolean tenant = false;
        for (RecordComponent c : type.getRecordComponents()) {
            tenant |= c.getName().equals(TENANT) && c.getType() == String.class;
            PersonalData marking = c.getAnnotation(PersonalData.class);
            if (marking != null) {
                if (c.getType() != String.class) {
                    throw new IllegalStateException("@PersonalData on " + type.getName() + "." + c.getName()
                            + ": only String components can be encrypted");
                }
                marked.add(new Marked(c.getName(), marking.onlyEmails()));
            }
        }
        if (!marked.isEmpty() && !tenant) {
            throw new IllegalStateException(type.getName() + " has @PersonalData but no String tenant component");
        }
        return List.copyOf(marked);
    }

    record Marked(String name, boolean onlyEmails) {

        boolean applies(String value) {
            return !onlyEmails || value.indexOf('@') >= 0;
        }
    }

    private static final class Encrypting extends BeanSerializerModifier {
        private final PersonalFieldCipher cipher;

        Encrypting(PersonalFieldCipher cipher) {
            this.cipher = cipher;
        }

        @Override
        public List<BeanPropertyWriter> changeProperties(SerializationConfig config, BeanDescription description,
                                                         List<BeanPropertyWriter> writers) {
            List<Marked> marked = marked(description.getBeanClass());
            if (marked.isEmpty()) {
                return writers;
            }
            BeanPropertyWriter tenant = writers.stream().filter(w -> w.getName().equals(TENANT)).findFirst()
                    .orElseThrow(() -> new IllegalStateException(description.getBeanClass().getName()
                            + ": the tenant is not serialized, so its personal data cannot be encrypted"));
            List<BeanPropertyWriter> changed = new ArrayList<>(writers);
            for (int i = 0; i < changed.size(); i++) {
                BeanPropertyWriter writer = changed.get(i);
                for (Marked m : marked) {
                    if (m.name().equals(writer.getName())) {
                        changed.set(i, new EncryptingWriter(writer, tenant, m, cipher));
                    }
                }
            }
            return changed;
        }
    }

    private static final class EncryptingWriter extends BeanPropertyWriter {
        private final BeanPropertyWriter tenant;
        private final Marked marked;
        private final PersonalFieldCipher cipher;

        EncryptingWriter(BeanPropertyWriter base, BeanPropertyWriter tenant, Marked marked,
                         PersonalFieldCipher cipher) {
            super(base);
            this.tenant = tenant;
            this.marked = marked;
            this.cipher = cipher;
        }

        @Override
        public void serializeAsField(Object bean, JsonGenerator gen, SerializerProvider provider) throws Exception {
            Object value = get(bean);
            if (value instanceof String clear && !clear.isEmpty() && marked.applies(clear)) {
                gen.writeFieldName(_name);
                gen.writeString(cipher.encrypt((String) tenant.get(bean), clear));
                return;
            }
            super.serializeAsField(bean, gen, provider);
        }
    }

    private static final class Decrypting extends BeanDeserializerModifier {
        private final PersonalFieldCipher cipher;

        Decrypting(PersonalFieldCipher cipher) {
            this.cipher = cipher;
        }

        @Override
        public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                                                      JsonDeserializer<?> deserializer) {
            List<Marked> marked = marked(description.getBeanClass());
            return marked.isEmpty() ? deserializer : new DecryptingDeserializer(deserializer, marked, cipher);
        }
    }

    /** Reads the record as a tree, puts the clear values in place of the ciphertexts, then lets Jackson bind it. */
    private static final class DecryptingDeserializer extends DelegatingDeserializer {
        private final List<Marked> marked;
        private final PersonalFieldCipher cipher;

        DecryptingDeserializer(JsonDeserializer<?> delegate, List<Marked> marked, PersonalFieldCipher cipher) {
            super(delegate);
            this.marked = marked;
            this.cipher = cipher;
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new DecryptingDeserializer(delegate, marked, cipher);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext context) throws IOException {
            JsonNode tree = context.readTree(p);
            if (tree instanceof ObjectNode record) {
                String tenant = record.path(TENANT).textValue();
                for (Marked m : marked) {
                    JsonNode value = record.get(m.name());
                    if (value != null && value.isTextual() && PersonalFieldCipher.isEncrypted(value.textValue())) {
                        record.put(m.name(), cipher.decrypt(tenant, value.textValue()));
                    }
                }
            }
            try (JsonParser clear = tree.traverse(p.getCodec())) {
                clear.nextToken();
                return _delegatee.deserialize(clear, context);
            }
        }
    }
}
