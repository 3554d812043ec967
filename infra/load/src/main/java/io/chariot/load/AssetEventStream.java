package io.chariot.load;

import io.chariot.api.asset.AssetCommands;
import io.chariot.api.asset.AssetEvents.AssetAttackSurfaceChanged;
import io.chariot.api.asset.AssetEvents.AssetDiscovered;
import io.chariot.api.asset.AssetEvents.AssetSourcePromoted;
import io.chariot.api.asset.AssetEvents.AssetStatusChanged;
import io.chariot.api.asset.AssetEvents.AssetVisited;
import io.chariot.api.asset.AssetEvents.AttributeAdded;
import io.chariot.api.asset.AssetEvents.AttributeRemoved;
import io.chariot.api.asset.AssetEvents.PortAdded;
import io.chariot.api.asset.AssetEvents.PortRemoved;
import io.chariot.api.asset.AssetKeys;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * A deterministic stream of asset-context events as the Asset aggregate would have applied them: every asset starts
 * with {@link AssetDiscovered} (sequence 0), then visits, attributes and ports added (and some removed), status
 * changes, attack-surface changes, source promotions and soft deletes (always last), with consecutive sequence
 * numbers per aggregate ({@code tenant + key}). A few thousand assets are "in flight" at once, so aggregates
 * interleave in the stream the way scanners touching many assets make them. Tenants are skewed (the first holds
 * about a third of the assets). About 9 events per asset.
 */
final class AssetEventStream {

    enum Kind { DISCOVERED, VISITED, STATUS, SURFACE, PROMOTED, ATTRIBUTE_ADDED, ATTRIBUTE_REMOVED, PORT_ADDED,
        PORT_REMOVED, DELETED }

    private static final String[] ATTRIBUTES = {"https", "http", "ssh", "technology", "cname", "ftp", "smtp",
            "title", "server", "tls-version"};
    private static final int[] PORTS = {22, 25, 53, 80, 110, 143, 443, 465, 587, 993, 995, 3306, 3389, 5432, 6379,
            8080, 8443, 9200};
    private static final String[] SERVICES = {"ssh", "smtp", "dns", "http", "pop3", "imap", "https", "smtps",
            "submission", "imaps", "pop3s", "mysql", "rdp", "postgresql", "redis", "http-alt", "https-alt",
            "elasticsearch"};
    private static final String[] CAPABILITIES = {"nuclei", "portscan", "whois", "subdomain", "crawler"};
    private static final String[] SURFACES = {"internal", "external", "cloud", "application", "repository"};

    private final SplittableRandom random;
    private final List<String> tenants;
    private final double[] cumulativeWeight;
    private final String runTag;
    private final Instant start;
    private final long stepMicros;
    private final Asset[] inFlight;
    private final Map<Kind, Long> counts = new EnumMap<>(Kind.class);
    private long assetNumber;
    private long emitted;

    /**
     * @param runTag   makes keys unique per generation run, so a second run appending to a store never reuses
     *                 an aggregate (and its sequence numbers)
     * @param expected events this stream will be asked for; timestamps spread them over the 60 days before now
     */
    AssetEventStream(long seed, List<String> tenants, String runTag, long expected, int concurrentAssets) {
        this.random = new SplittableRandom(seed);
        this.tenants = List.copyOf(tenants);
        this.runTag = runTag;
        this.cumulativeWeight = new double[tenants.size()];
        double sum = 0;
        for (int i = 0; i < tenants.size(); i++) {
            sum += 1.0 / (i + 1); // Zipf: the first tenant is the biggest
            cumulativeWeight[i] = sum;
        }
        for (int i = 0; i < tenants.size(); i++) {
            cumulativeWeight[i] /= sum;
        }
        Duration span = Duration.ofDays(60);
        this.start = Instant.now().minus(span);
        this.stepMicros = Math.max(1, span.toNanos() / 1000 / Math.max(1, expected));
        this.inFlight = new Asset[Math.max(1, concurrentAssets)];
    }

    Map<Kind, Long> counts() {
        return counts;
    }

    long assets() {
        return assetNumber;
    }

    DomainEventMessage<?> next() {
        int slot = random.nextInt(inFlight.length);
        Asset asset = inFlight[slot];
        if (asset == null || asset.done()) {
            asset = newAsset();
            inFlight[slot] = asset;
        }
        Instant at = start.plusNanos(emitted * stepMicros * 1000);
        Object payload = asset.next(at);
        emitted++;
        long seq = asset.seq++;
        return new GenericDomainEventMessage<>("Asset", asset.aggregateId, seq, payload,
                Map.of("correlationId", asset.aggregateId.hashCode() + "-" + seq, "traceId", asset.traceId),
                UUID.randomUUID().toString(), at);
    }

    private Asset newAsset() {
        long n = assetNumber++;
        double pick = random.nextDouble();
        int t = 0;
        while (t < cumulativeWeight.length - 1 && cumulativeWeight[t] < pick) {
            t++;
        }
        String tenant = tenants.get(t);
        String domain = runTag + "-" + (n / 50) + ".example" + t + ".com";
        AssetKeys.Identity identity;
        int shape = random.nextInt(10);
        if (n % 50 == 0) { // the domain itself (50 assets share one)
            identity = AssetKeys.identity(domain, domain);
        } else if (shape < 5) { // an IP under it
            int a = shape == 0 ? 10 : 20 + random.nextInt(180);
            identity = AssetKeys.identity(domain, a + "." + ((n >> 16) & 255) + "." + ((n >> 8) & 255) + "." + (n & 255));
        } else { // a subdomain
            identity = AssetKeys.identity(domain, "host" + n + "." + domain);
        }
        String source = random.nextInt(20) == 0 ? "seed" : "self";
        List<Kind> plan = new ArrayList<>();
        plan.add(Kind.DISCOVERED);
        List<Kind> middle = new ArrayList<>();
        times(middle, Kind.VISITED, 1 + random.nextInt(4));
        times(middle, Kind.ATTRIBUTE_ADDED, 1 + random.nextInt(5));
        times(middle, Kind.PORT_ADDED, random.nextInt(4));
        maybe(middle, Kind.STATUS, 0.30);
        maybe(middle, Kind.ATTRIBUTE_REMOVED, 0.15);
        maybe(middle, Kind.PORT_REMOVED, 0.10);
        maybe(middle, Kind.SURFACE, 0.05);
        if (!source.equals("seed")) {
            maybe(middle, Kind.PROMOTED, 0.03);
        }
        Collections.shuffle(middle, new java.util.Random(random.nextLong()));
        plan.addAll(middle);
        maybe(plan, Kind.DELETED, 0.05);
        return new Asset(tenant, identity, source, plan);
    }

    private void times(List<Kind> plan, Kind kind, int n) {
        for (int i = 0; i < n; i++) {
            plan.add(kind);
        }
    }

    private void maybe(List<Kind> plan, Kind kind, double p) {
        if (random.nextDouble() < p) {
            plan.add(kind);
        }
    }

    private long ttl(Instant at, boolean permanent) {
        return permanent ? 0 : at.plus(Duration.ofDays(30)).getEpochSecond();
    }

    /** One asset aggregate: its plan of events and what the aggregate's state would be. */
    private final class Asset {
        final String tenant;
        final String key;
        final AssetKeys.Identity identity;
        final String aggregateId;
        final String traceId = Long.toHexString(random.nextLong());
        final List<Kind> plan;
        final List<String> attributes = new ArrayList<>();
        final List<String> ports = new ArrayList<>();
        String source;
        String status = "A";
        long seq;
        int step;

        Asset(String tenant, AssetKeys.Identity identity, String source, List<Kind> plan) {
            this.tenant = tenant;
            this.identity = identity;
            this.key = identity.key();
            this.aggregateId = AssetCommands.aggregateId(tenant, key);
            this.source = source;
            this.plan = plan;
        }

        boolean done() {
            return step >= plan.size();
        }

        Object next(Instant at) {
            Kind kind = plan.get(step++);
            if (kind == Kind.ATTRIBUTE_REMOVED && attributes.isEmpty()
                    || kind == Kind.PORT_REMOVED && ports.isEmpty()) {
                kind = Kind.VISITED; // nothing to remove yet: the scanner saw the asset again instead
            }
            counts.merge(kind, 1L, Long::sum);
            String by = source.equals("seed") ? "user@" + tenant.substring(tenant.indexOf('@') + 1) : "scanner";
            boolean permanent = source.equals("seed");
            return switch (kind) {
                case DISCOVERED -> {
                    status = permanent ? "P" : "A";
                    yield new AssetDiscovered(tenant, key, identity.dns(), identity.name(),
                            AssetKeys.classOf(identity, source), AssetKeys.isPrivate(identity), status, source, by,
                            List.of(SURFACES[random.nextInt(2)]), ttl(at, permanent), null, by, at);
                }
                case VISITED -> new AssetVisited(tenant, key, ttl(at, permanent), by, at);
                case STATUS -> {
                    String from = status;
                    status = status.equals("A") ? (random.nextBoolean() ? "F" : "AH") : "A";
                    yield new AssetStatusChanged(tenant, key, from, status, random.nextInt(4) == 0 ? "triaged" : null,
                            "analyst@" + tenant.substring(tenant.indexOf('@') + 1), at);
                }
                case SURFACE -> new AssetAttackSurfaceChanged(tenant, key, List.of("external", "cloud"), by, at);
                case PROMOTED -> {
                    String from = source;
                    source = "seed";
                    yield new AssetSourcePromoted(tenant, key, from, "seed", status, by, at);
                }
                case ATTRIBUTE_ADDED -> {
                    String name = ATTRIBUTES[random.nextInt(ATTRIBUTES.length)];
                    String value = name + "-" + step + "-" + random.nextInt(1000);
                    String attributeKey = AssetKeys.attributeKey(name, value, key);
                    attributes.add(attributeKey);
                    yield new AttributeAdded(tenant, key, attributeKey, name, value,
                            CAPABILITIES[random.nextInt(CAPABILITIES.length)], ttl(at, false), by, at);
                }
                case ATTRIBUTE_REMOVED -> new AttributeRemoved(tenant, key,
                        attributes.remove(random.nextInt(attributes.size())), by, at);
                case PORT_ADDED -> {
                    int i = random.nextInt(PORTS.length);
                    int port = PORTS[i];
                    String portKey = AssetKeys.portKey("tcp", port, key);
                    if (ports.contains(portKey)) { // the aggregate ignores a port it has: pick a high one
                        port = 10_000 + ports.size() * 7 + random.nextInt(7);
                        portKey = AssetKeys.portKey("tcp", port, key);
                    }
                    ports.add(portKey);
                    yield new PortAdded(tenant, key, portKey, "tcp", port, SERVICES[i], "portscan", ttl(at, false), by,
                            at);
                }
                case PORT_REMOVED -> new PortRemoved(tenant, key, ports.remove(random.nextInt(ports.size())), by, at);
                case DELETED -> {
                    String from = status;
                    status = "D";
                    yield new AssetStatusChanged(tenant, key, from, "D", null, by, at);
                }
            };
        }
    }
}
