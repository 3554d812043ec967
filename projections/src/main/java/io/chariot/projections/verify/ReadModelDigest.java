package io.chariot.projections.verify;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a read model holds, per tenant: how many records and a checksum of their content. The checksum is the sum of
 * one 64-bit hash per record, so it does not depend on the order the store returns records in; two models with the
 * same records in any order have equal digests.
 */
public record ReadModelDigest(Map<String, Tenant> tenants) {

    public record Tenant(long records, long checksum) {
    }

    /** One tenant that differs between two digests. */
    public record Difference(String tenant, long liveRecords, long rebuiltRecords, String liveChecksum,
                             String rebuiltChecksum) {
    }

    public static Builder builder() {
        return new Builder();
    }

    public long records() {
        return tenants.values().stream().mapToLong(Tenant::records).sum();
    }

    /** The tenants whose counts or checksums differ, in tenant order. */
    public static List<Difference> compare(ReadModelDigest live, ReadModelDigest rebuilt) {
        List<Difference> out = new ArrayList<>();
        var tenants = new TreeSet<>(live.tenants.keySet());
        tenants.addAll(rebuilt.tenants.keySet());
        for (String tenant : tenants) {
            Tenant a = live.tenants.getOrDefault(tenant, new Tenant(0, 0));
            Tenant b = rebuilt.tenants.getOrDefault(tenant, new Tenant(0, 0));
            if (!a.equals(b)) {
                out.add(new Difference(tenant, a.records, b.records, hex(a.checksum), hex(b.checksum)));
            }
        }
        return out;
    }

    public static String hex(long checksum) {
        return String.format("%016x", checksum);
    }

    /** Collects records; not thread-safe. */
    public static final class Builder {
        private final Map<String, long[]> tenants = new TreeMap<>();
        private final MessageDigest sha;

        private Builder() {
            try {
                sha = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Adds one record given as a canonical text (the caller sorts fields so equal records give equal text). */
        public Builder add(String tenant, String canonicalRecord) {
            byte[] h = sha.digest(canonicalRecord.getBytes(StandardCharsets.UTF_8));
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (h[i] & 0xff);
            }
            long[] t = tenants.computeIfAbsent(tenant == null ? "" : tenant, k -> new long[2]);
            t[0]++;
            t[1] += v;
            return this;
        }

        public ReadModelDigest build() {
            Map<String, Tenant> out = new TreeMap<>();
            tenants.forEach((k, v) -> out.put(k, new Tenant(v[0], v[1])));
            return new ReadModelDigest(out);
        }
    }

    /** A canonical text for nested maps/lists/scalars: maps with sorted keys, so field order never matters. */
    public static String canonical(Object value) {
        StringBuilder sb = new StringBuilder();
        canonical(value, sb);
        return sb.toString();
    }

    @SuppressWarnings("unchecked")
    private static void canonical(Object value, StringBuilder sb) {
        if (value instanceof Map<?, ?> map) {
            sb.append('{');
            new TreeMap<>((Map<String, Object>) map).forEach((k, v) -> {
                sb.append(k).append('=');
                canonical(v, sb);
                sb.append(';');
            });
            sb.append('}');
        } else if (value instanceof Iterable<?> list) {
            sb.append('[');
            for (Object v : list) {
                canonical(v, sb);
                sb.append(',');
            }
            sb.append(']');
        } else {
            sb.append(value == null ? "null" : value.getClass().getSimpleName() + ":" + value);
        }
    }
}
