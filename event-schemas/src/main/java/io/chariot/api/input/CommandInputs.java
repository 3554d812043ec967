package io.chariot.api.input;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Holds every command to {@link StoreLimits} before it is dispatched, so nothing a store cannot hold is ever handled,
 * let alone stored: the one check every controller, saga and worker path shares, and that a new command gets without
 * doing anything. It walks the command record: every string is well-formed text within its limit (members named
 * like an indexed table attribute, {@link StoreLimits#INDEXED_FIELDS}, within the index limit; who-fields
 * ({@code tenant}, {@code member}, {@code by}) within {@link #IDENTITY_CHARS}; {@link JsonText} members as
 * documents), lists and maps have at most {@link StoreLimits#ENTRIES} entries and no empty map key, numbers and
 * instants are in range, and the whole command fits one record ({@link StoreLimits#RECORD_BYTES}). Nested records
 * are walked the same way. A violation is an {@link InvalidInputException} (400), thrown in the caller's thread.
 */
public final class CommandInputs implements MessageDispatchInterceptor<CommandMessage<?>> {

    /** Emails and integration names: the account tables' columns are VARCHAR(320). */
    public static final int IDENTITY_CHARS = 320;
    private static final Set<String> IDENTITY_FIELDS = Set.of("tenant", "member", "by");

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(
            List<? extends CommandMessage<?>> messages) {
        return (index, message) -> {
            check(message.getPayload());
            return message;
        };
    }

    /** @throws InvalidInputException when a member of {@code command} breaks a limit */
    public static void check(Object command) {
        if (command == null || !command.getClass().isRecord()) {
            return;
        }
        long bytes = new Walk().top(command);
        if (bytes > StoreLimits.RECORD_BYTES) {
            throw new InvalidInputException("the request holds " + bytes + " bytes of text, more than one record "
                    + "can store (" + StoreLimits.RECORD_BYTES + ")");
        }
    }

    /** One walk over a command; {@link #value} answers the bytes a value adds to the record holding it. */
    private static final class Walk {

        long top(Object command) {
            long bytes = 0;
            for (RecordComponent c : command.getClass().getRecordComponents()) {
                Object value = read(c, command);
                String name = c.getName();
                if (value instanceof String s) {
                    bytes += topText(c, name, s);
                } else if (c.isAnnotationPresent(StoredApart.class) && value != null) {
                    apart(name, value);
                } else {
                    bytes += value(name, value, 0);
                }
            }
            return bytes;
        }

        private long topText(RecordComponent c, String name, String s) {
            if (c.isAnnotationPresent(JsonText.class)) {
                Inputs.jsonDocument(name, s);
                return s.length();
            }
            if (IDENTITY_FIELDS.contains(name) && s.length() > IDENTITY_CHARS) {
                throw new InvalidInputException(name + " is longer than " + IDENTITY_CHARS + " characters");
            }
            int max = StoreLimits.INDEXED_FIELDS.contains(name) ? StoreLimits.INDEXED_BYTES : StoreLimits.TEXT_BYTES;
            return text(name, s, max);
        }

        /** Each entry of a {@link StoredApart} member is a record of its own, with a budget of its own. */
        private void apart(String name, Object value) {
            if (value instanceof Collection<?> entries) {
                int i = 0;
                for (Object entry : entries) {
                    budget(name + "[" + i + "]", value(name + "[" + i + "]", entry, 1));
                    i++;
                }
            } else if (value.getClass().isRecord()) {
                for (RecordComponent c : value.getClass().getRecordComponents()) {
                    apart(name + "." + c.getName(), read(c, value));
                }
            } else {
                budget(name, value(name, value, 0));
            }
        }

        private static void budget(String path, long bytes) {
            if (bytes > StoreLimits.RECORD_BYTES) {
                throw new InvalidInputException(path + " holds " + bytes + " bytes of text, more than one record "
                        + "can store (" + StoreLimits.RECORD_BYTES + ")");
            }
        }

        private long value(String path, Object value, int depth) {
            if (depth > StoreLimits.DOCUMENT_DEPTH) {
                throw new InvalidInputException(path + " nests deeper than " + StoreLimits.DOCUMENT_DEPTH + " levels");
            }
            if (value == null || value instanceof Boolean || value instanceof Enum<?>) {
                return 0;
            }
            if (value instanceof String s) {
                return text(path, s, StoreLimits.TEXT_BYTES);
            }
            if (value instanceof Double || value instanceof Float) {
                double d = ((Number) value).doubleValue();
                if (!Double.isFinite(d)) {
                    throw new InvalidInputException(path + " must be a finite number");
                }
                return Inputs.number(path, BigDecimal.valueOf(d)).toString().length();
            }
            if (value instanceof BigDecimal n) {
                return Inputs.number(path, n).toString().length();
            }
            if (value instanceof BigInteger n) {
                return Inputs.number(path, new BigDecimal(n)).toString().length();
            }
            if (value instanceof Number n) {
                return n.toString().length();
            }
            if (value instanceof Instant at) {
                Inputs.instant(path, at);
                return 30;
            }
            if (value instanceof Optional<?> o) {
                return value(path, o.orElse(null), depth);
            }
            if (value instanceof JsonNode node) {
                Inputs.jsonDocument(path, node);
                return node.toString().length();
            }
            if (value instanceof Collection<?> entries) {
                entries(path, entries.size());
                long bytes = 0;
                int i = 0;
                for (Object entry : entries) {
                    bytes += value(path + "[" + i++ + "]", entry, depth + 1);
                }
                return bytes;
            }
            if (value instanceof Map<?, ?> map) {
                entries(path, map.size());
                long bytes = 0;
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    String key = String.valueOf(e.getKey());
                    if (key.isEmpty()) {
                        throw new InvalidInputException(path + " has an entry with an empty name");
                    }
                    bytes += text(path + " entry name", key, StoreLimits.INDEXED_BYTES);
                    bytes += value(path + "." + key, e.getValue(), depth + 1);
                }
                return bytes;
            }
            if (value.getClass().isRecord()) {
                long bytes = 0;
                for (RecordComponent c : value.getClass().getRecordComponents()) {
                    bytes += value(path + "." + c.getName(), read(c, value), depth + 1);
                }
                return bytes;
            }
            return text(path, value.toString(), StoreLimits.TEXT_BYTES);
        }

        private static void entries(String path, int size) {
            if (size > StoreLimits.ENTRIES) {
                throw new InvalidInputException(path + " has more than " + StoreLimits.ENTRIES + " entries");
            }
        }

        private static long text(String path, String s, int maxBytes) {
            int bytes = Inputs.utf8Bytes(path, s);
            if (bytes > maxBytes) {
                throw new InvalidInputException(path + " is longer than " + maxBytes + " bytes (UTF-8)");
            }
            return bytes;
        }

        private static Object read(RecordComponent c, Object record) {
            try {
                var accessor = c.getAccessor();
                accessor.setAccessible(true);
                return accessor.invoke(record);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + c.getName() + " of " + record.getClass(), e);
            }
        }
    }
}
