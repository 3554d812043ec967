package io.chariot.migration.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chariot.migration.source.Json;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a legacy export like the shared sample's, generated from a seed and larger and messier: unicode and punycode
 * names, upper-case keys, long histories, reopened risks, duplicate edges, and a known set of malformed records (for
 * the tests and the benchmark). {@link #write} answers what it wrote.
 */
public final class GeneratedExport {

    /** What was written: legacy records (nodes and items), edges, and the malformed records among them. */
    public record Written(long records, long edges, long malformed, List<String> tenants) {
    }

    private static final String[] UNICODE = {"例え", "café", "münchen", "ελλάδα", "пример", "xn--bcher-kva"};
    private static final String[] RISKS = {"CVE-2024-3400", "tls-weak-cipher", "ssh password auth", "CVE-2021-44228"};
    private static final String[] SEVERITIES = {"L", "M", "H", "C"};
    private static final Instant BASE = Instant.parse("2024-01-01T00:00:00Z");

    private final Random random;
    private final int tenants;
    private final int assetsPerTenant;
    private final int longHistoryEvery;
    private final boolean malformed;
    private final String exportId;
    private final String tenantPrefix;

    /**
     * @param longHistoryEvery every n-th asset's risk gets a history of 200 entries (0: none)
     * @param malformed        add the known malformed records
     */
    public GeneratedExport(long seed, int tenants, int assetsPerTenant, int longHistoryEvery, boolean malformed) {
        this(seed, tenants, assetsPerTenant, longHistoryEvery, malformed, "");
    }

    /** @param tenantPrefix put before every tenant name (the benchmark's runs import into one store side by side) */
    public GeneratedExport(long seed, int tenants, int assetsPerTenant, int longHistoryEvery, boolean malformed,
                           String tenantPrefix) {
        this.tenantPrefix = tenantPrefix;
        this.random = new Random(seed);
        this.tenants = tenants;
        this.assetsPerTenant = assetsPerTenant;
        this.longHistoryEvery = longHistoryEvery;
        this.malformed = malformed;
        this.exportId = "0" + (1700000000000L + seed) + "-generated";
    }

    public Written write(Path root) throws IOException {
        Path data = Files.createDirectories(root.resolve("dynamodb/AWSDynamoDB/" + exportId + "/data"));
        Files.createDirectories(root.resolve("neo4j"));
        long records = 0;
        long edges = 0;
        long bad = 0;
        long items = 0;
        List<String> tenantNames = new ArrayList<>();
        MessageDigest md5 = md5();
        Path dataFile = data.resolve("generated.json.gz");
        try (Writer graph = Files.newBufferedWriter(root.resolve("neo4j/graph.jsonl"), StandardCharsets.UTF_8);
             OutputStream raw = new DigestOutputStream(Files.newOutputStream(dataFile), md5);
             Writer table = new BufferedWriter(new OutputStreamWriter(new GZIPOutputStream(raw, 1 << 16),
                     StandardCharsets.UTF_8), 1 << 16)) {
            long nodeId = 0;
            long edgeId = 0;
            for (int t = 0; t < tenants; t++) {
                long lastAsset = -1;
                String tenant = tenantPrefix + "owner" + t + "@gen" + t + ".example.com";
                tenantNames.add(tenant);
                for (int a = 0; a < assetsPerTenant; a++) {
                    Instant created = BASE.plusSeconds(random.nextInt(90 * 86400));
                    String dns = a % 17 == 0 ? UNICODE[a % UNICODE.length] + "-" + a + ".example"
                            : "gen" + t + ".example.com";
                    String name = a % 17 == 0 ? dns : "host" + a + ".gen" + t + ".example.com";
                    boolean upper = a % 23 == 5;
                    String key = "#asset#" + dns + "#" + name;
                    if (upper) {
                        key = key.toUpperCase(java.util.Locale.ROOT).replace("#ASSET#", "#asset#");
                    }
                    boolean seed = a % 50 == 0;
                    long assetNode = nodeId++;
                    long previousAsset = lastAsset;
                    lastAsset = assetNode;
                    ObjectNode asset = props(tenant, key);
                    asset.put("dns", dns);
                    asset.put("name", name);
                    asset.put("source", seed ? "seed" : "self");
                    asset.put("status", "A");
                    asset.put("created", created.toString());
                    asset.put("ttl", seed ? 0 : 1767225600L);
                    // Every fifth asset also has a note (a comment without a status change) after its activation.
                    asset.put("history", "[{\"from\": \"" + (seed ? "P" : "") + "\", \"to\": \"A\", \"by\": \"portscan\", "
                            + "\"comment\": \"\", \"updated\": \"" + created + "\"}"
                            + (a % 5 == 1 ? ", {\"by\": \"" + tenant + "\", \"comment\": \"owner: équipe " + a
                            + "\", \"updated\": \"" + created.plusSeconds(3600) + "\"}" : "") + "]");
                    asset.putArray("attackSurface").add(a % 3 == 0 ? "internal" : "external");
                    if (a % 4 == 0) {
                        asset.putArray("tags").add("prod").add("équipe-" + (a % 5));
                    }
                    node(graph, assetNode, seed ? List.of("Asset", "TTL", "Seed") : List.of("Asset", "TTL"), asset);
                    records++;

                    long portNode = nodeId++;
                    ObjectNode port = props(tenant, "#port#tcp#443" + key);
                    port.put("source", key);
                    port.put("protocol", "tcp");
                    port.put("port", 443);
                    port.put("service", "https");
                    port.put("status", "A");
                    port.put("created", created.plusSeconds(60).toString());
                    port.put("capability", "portscan");
                    node(graph, portNode, List.of("Port", "TTL"), port);
                    records++;
                    edge(graph, edgeId++, "HAS_PORT", assetNode, portNode, created.plusSeconds(60), "portscan");
                    edges++;
                    if (a % 7 == 0) {
                        // the same edge twice, as the legacy graph sometimes holds it
                        edge(graph, edgeId++, "HAS_PORT", assetNode, portNode, created.plusSeconds(60), "portscan");
                        edges++;
                    }

                    if (a % 11 == 3) {
                        // an asset found from the one before it (a DISCOVERED edge between assets), sometimes twice
                        edge(graph, edgeId++, "DISCOVERED", previousAsset, assetNode, created, "subdomain");
                        edges++;
                        if (a % 22 == 3) {
                            edge(graph, edgeId++, "DISCOVERED", previousAsset, assetNode, created, "subdomain");
                            edges++;
                        }
                    }

                    if (a % 2 == 0) {
                        long attrNode = nodeId++;
                        String value = "nginx/1." + (a % 30);
                        ObjectNode attr = props(tenant, "#attribute#technology#" + value + key);
                        attr.put("source", key);
                        attr.put("name", "technology");
                        attr.put("value", value);
                        attr.put("status", "A");
                        attr.put("created", created.plusSeconds(120).toString());
                        attr.put("capability", "crawler");
                        attr.put("metadata", "{\"confidence\": 0." + (1 + random.nextInt(99)) + "}");
                        node(graph, attrNode, List.of("Attribute", "TTL"), attr);
                        records++;
                        edge(graph, edgeId++, "HAS_ATTRIBUTE", assetNode, attrNode, created.plusSeconds(120), "crawler");
                        edges++;
                    }

                    if (a % 3 == 0) {
                        long riskNode = nodeId++;
                        String riskName = RISKS[a % RISKS.length];
                        String riskDns = a % 17 == 0 ? dns : "gen" + t + ".example.com";
                        String sev = SEVERITIES[a % SEVERITIES.length];
                        String riskKey = "#risk#" + riskDns + "#" + riskName + (a % 17 == 0 ? "" : "-" + a);
                        ObjectNode risk = props(tenant, riskKey);
                        risk.put("dns", riskDns);
                        risk.put("name", riskName + (a % 17 == 0 ? "" : "-" + a));
                        risk.put("title", riskName);
                        risk.put("source", "nuclei");
                        risk.put("created", created.plusSeconds(300).toString());
                        risk.putArray("tags").add("gen");
                        List<String[]> history = new ArrayList<>();
                        Instant at = created.plusSeconds(300);
                        history.add(new String[]{"", "T" + sev, "nuclei", ""});
                        int entries = longHistoryEvery > 0 && a % longHistoryEvery == 0 ? 200 : a % 4;
                        String last = "T" + sev;
                        for (int h = 0; h < entries; h++) {
                            // open, remediate, reopen on re-detection, with a note now and then
                            String next = switch (h % 3) {
                                case 0 -> "O" + sev;
                                case 1 -> "R" + sev;
                                default -> "O" + sev;
                            };
                            if (h % 5 == 4) {
                                history.add(new String[]{null, null, tenant, "note " + h + " ✓"});
                            } else {
                                history.add(new String[]{last, next, h % 3 == 2 ? "nuclei" : tenant,
                                        h % 3 == 2 ? "re-detected" : "checked \"" + h + "\""});
                                last = next;
                            }
                        }
                        risk.put("status", last);
                        risk.put("history", history(history, at));
                        node(graph, riskNode, List.of("Risk", "TTL"), risk);
                        records++;
                        edge(graph, edgeId++, "HAS_VULNERABILITY", assetNode, riskNode, at, "nuclei");
                        edges++;
                        if (a % 9 == 0) {
                            edge(graph, edgeId++, "HAS_VULNERABILITY", assetNode, riskNode, at, "nuclei");
                            edges++;
                        }
                        if (a % 6 == 0) {
                            edge(graph, edgeId++, "HAS_VULNERABILITY", portNode, riskNode, at.plusSeconds(5), "nuclei");
                            edges++;
                        }
                    }

                    ObjectNode job = Json.MAPPER.createObjectNode();
                    String code = switch (a % 4) {
                        case 0 -> "JP";
                        case 1 -> "JF";
                        case 2 -> "JQ";
                        default -> "JR";
                    };
                    Instant jobAt = created.plusSeconds(3600);
                    String jobKey = "#job#" + dns + "#" + name + "#portscan";
                    job.set("key", typed("S", jobKey));
                    job.set("dns", typed("S", dns));
                    job.set("source", typed("S", "portscan#" + jobAt));
                    job.set("status", typed("S", code + "#" + jobAt));
                    job.set("created", typed("S", created.toString()));
                    job.set("updated", typed("S", jobAt.toString()));
                    ObjectNode config = Json.MAPPER.createObjectNode();
                    config.set("intensity", typed("S", a % 2 == 0 ? "low" : "high"));
                    job.set("config", wrap("M", config));
                    ArrayNode caps = Json.MAPPER.createArrayNode();
                    caps.add(typed("S", "portscan"));
                    job.set("capabilities", wrap("L", caps));
                    ObjectNode model = Json.MAPPER.createObjectNode();
                    model.set("key", typed("S", "#asset#" + dns + "#" + name));
                    ObjectNode target = Json.MAPPER.createObjectNode();
                    target.set("type", typed("S", "asset"));
                    target.set("model", wrap("M", model));
                    job.set("target", wrap("M", target));
                    job.set("username", typed("S", tenant));
                    item(table, job);
                    items++;
                    records++;
                }
                ObjectNode setting = Json.MAPPER.createObjectNode();
                setting.set("username", typed("S", tenant));
                setting.set("key", typed("S", "#setting#notifications"));
                setting.set("name", typed("S", "notifications"));
                ObjectNode value = Json.MAPPER.createObjectNode();
                value.set("email", wrap("BOOL", Json.MAPPER.getNodeFactory().booleanNode(true)));
                setting.set("value", wrap("M", value));
                setting.set("last_modified", typed("S", BASE.toString()));
                item(table, setting);
                items++;
                records++;
            }
            if (malformed) {
                String tenant = tenantNames.get(0);
                // each of these must land in quarantine with its reason
                ObjectNode noTenant = Json.MAPPER.createObjectNode();
                noTenant.set("key", typed("S", "#asset#no-tenant#x"));
                item(table, noTenant);
                ObjectNode badStatus = props(tenant, "#asset#bad.example#bad.example");
                badStatus.put("status", "ZZ");
                badStatus.put("created", BASE.toString());
                node(graph, nodeId++, List.of("Asset", "TTL"), badStatus);
                ObjectNode nul = props(tenant, "#asset#nul.example#nul\u0000.example");
                nul.put("status", "A");
                nul.put("created", BASE.toString());
                node(graph, nodeId++, List.of("Asset", "TTL"), nul);
                ObjectNode badHistory = props(tenant, "#risk#bad.example#broken-history");
                badHistory.put("status", "TH");
                badHistory.put("created", BASE.toString());
                badHistory.put("history", "[{not json");
                node(graph, nodeId++, List.of("Risk", "TTL"), badHistory);
                ObjectNode orphan = props(tenant, "#port#tcp#22#asset#nowhere.example#nowhere.example");
                orphan.put("protocol", "tcp");
                orphan.put("port", 22);
                orphan.put("created", BASE.toString());
                node(graph, nodeId++, List.of("Port", "TTL"), orphan);
                ObjectNode badPort = props(tenant, "#port#tcp#99999#asset#gen0.example.com#host1.gen0.example.com");
                badPort.put("protocol", "tcp");
                badPort.put("port", 99999);
                badPort.put("created", BASE.toString());
                node(graph, nodeId++, List.of("Port", "TTL"), badPort);
                graph.write("{\"type\": \"node\", \"id\": \"broken\n");
                table.write("{\"Item\": {\"key\": {\"S\": \"#job#x\"}, \"bad\": {\"Q\": \"1\"}}}\n");
                items += 2;
                bad = 8;
                records += 6;
            }
        }
        Path manifestDir = data.getParent();
        Files.writeString(manifestDir.resolve("manifest-files.json"), "{\"itemCount\": " + items
                + ", \"md5Checksum\": \"" + HexFormat.of().formatHex(md5.digest()) + "\", \"dataFileS3Key\": "
                + "\"AWSDynamoDB/" + exportId + "/data/generated.json.gz\"}\n");
        Files.writeString(manifestDir.resolve("manifest-summary.json"), "{\"version\": \"2020-06-30\", "
                + "\"exportFormat\": \"DYNAMODB_JSON\", \"itemCount\": " + items + "}\n");
        return new Written(records, edges, bad, tenantNames);
    }

    public String sourceName() {
        return "export:" + exportId;
    }

    private static ObjectNode props(String tenant, String key) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("username", tenant);
        n.put("key", key);
        return n;
    }

    private static String history(List<String[]> entries, Instant start) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        Instant at = start;
        for (String[] e : entries) {
            ObjectNode r = a.addObject();
            if (e[1] != null) {
                r.put("from", e[0]);
                r.put("to", e[1]);
            }
            r.put("by", e[2]);
            r.put("comment", e[3]);
            r.put("updated", at.toString());
            at = at.plusSeconds(3600);
        }
        return a.toString();
    }

    private static void node(Writer w, long id, List<String> labels, ObjectNode props) throws IOException {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("type", "node");
        n.put("id", String.valueOf(id));
        ArrayNode l = n.putArray("labels");
        labels.forEach(l::add);
        n.set("properties", props);
        w.write(n.toString());
        w.write('\n');
    }

    private static void edge(Writer w, long id, String label, long start, long end, Instant created,
                             String capability) throws IOException {
        w.write("{\"type\": \"relationship\", \"id\": \"" + id + "\", \"label\": \"" + label + "\", \"properties\": "
                + "{\"created\": \"" + created + "\", \"capability\": \"" + capability + "\"}, \"start\": {\"id\": \""
                + start + "\"}, \"end\": {\"id\": \"" + end + "\"}}\n");
    }

    private static void item(Writer w, ObjectNode item) throws IOException {
        ObjectNode line = Json.MAPPER.createObjectNode();
        line.set("Item", item);
        w.write(line.toString());
        w.write('\n');
    }

    private static ObjectNode typed(String type, String value) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put(type, value);
        return n;
    }

    private static ObjectNode wrap(String type, com.fasterxml.jackson.databind.JsonNode value) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.set(type, value);
        return n;
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
