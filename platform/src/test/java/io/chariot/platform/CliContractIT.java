package io.chariot.platform;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The exact requests praetorian-cli 2.4.8 and chariot-ui send (chariot-api.md §3.4, §3.5, §4), replayed byte for
 * byte, with the response shapes they rely on: assets and attributes (tiers 0, 1, 4), then one test per tier 2, 3,
 * 5, 6 and 7 of §3.6 whose assertions are shapes — fields, JSON types and key formats.
 */
class CliContractIT extends PlatformIntegrationTest {

    static final String ASSET_KEY = "#asset#example.com#1.2.3.4";

    @Test
    void tierZeroAnEmptyTenantListsAssetsAsAnEmptyObject() {
        ChariotClient cli = newTenant();
        var r = cli.post("/my", "{\"node\":{\"labels\":[\"Asset\"]},\"limit\":4096,\"page\":0}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{}");
    }

    @Test
    void tokenAnswersWithATokenWhoseEmailClaimIsTheTenant() throws Exception {
        ChariotClient cli = newTenant();
        var r = cli.token();
        assertThat(r.status()).isEqualTo(200);
        String token = r.json().get("token").asText();
        String payload = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(payload).get("email").asText())
                .isEqualTo(cli.tenant);
    }

    @Test
    void addAssetReturnsAListWhoseFirstItemCarriesTheFieldsTheCliAsserts() {
        ChariotClient cli = newTenant();
        var r = cli.put("/asset",
                "{\"group\":\"example.com\",\"identifier\":\"1.2.3.4\",\"status\":\"A\",\"attackSurface\":[\"\"],\"type\":\"asset\"}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().isArray()).isTrue();
        JsonNode asset = r.json().get(0);
        for (String field : new String[]{"key", "dns", "name", "group", "identifier", "status", "attackSurface",
                "class", "source", "created", "visited", "ttl", "username"}) {
            assertThat(asset.has(field)).as(field).isTrue();
        }
        assertThat(asset.get("key").asText()).isEqualTo(ASSET_KEY);
        assertThat(asset.get("attackSurface").isArray()).isTrue();
        assertThat(asset.get("ttl").isNumber()).isTrue();
    }

    @Test
    void listGetSearchUpdateAndDeleteAssetAsTheCliDoes() {
        ChariotClient cli = newTenant();
        cli.put("/asset",
                "{\"group\":\"example.com\",\"identifier\":\"1.2.3.4\",\"status\":\"A\",\"attackSurface\":[\"\"],\"type\":\"asset\"}");
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> assertThat(
                cli.post("/my", "{\"node\":{\"labels\":[\"Asset\"]},\"limit\":4096,\"page\":0}").json().get("assets"))
                .hasSize(1));
        // chariot get asset KEY
        JsonNode got = cli.post("/my", "{\"node\":{\"labels\":[\"Asset\"],\"filters\":[{\"field\":\"key\",\"operator\":\"=\","
                + "\"value\":\"#asset#example.com#1.2.3.4\",\"not\":false}]},\"limit\":4096,\"page\":0}").json();
        assertThat(got.get("assets").get(0).get("identifier").asText()).isEqualTo("1.2.3.4");
        // chariot list assets -f '#asset#example.com' (key prefix, STARTS WITH)
        assertThat(cli.post("/my", "{\"node\":{\"labels\":[\"Asset\"],\"filters\":[{\"field\":\"key\",\"operator\":\"STARTS WITH\","
                + "\"value\":\"#asset#example.com\",\"not\":false}]},\"limit\":4096,\"page\":0}").json().get("assets")).hasSize(1);
        // chariot search --term status:A --kind asset
        assertThat(cli.post("/my", "{\"node\":{\"labels\":[\"Asset\"],\"filters\":[{\"field\":\"status\",\"operator\":\"STARTS WITH\","
                + "\"value\":\"A\",\"not\":false}]},\"limit\":4096,\"page\":0}").json().get("assets")).hasSize(1);
        // GET /my key prefix and exact, as chariot-ui does
        assertThat(cli.my("#asset#example.com").json().get("assets")).hasSize(1);
        assertThat(cli.get("/my?key=%23asset%23example.com%231.2.3.4&exact=true").json().get("assets")).hasSize(1);
        assertThat(cli.my("status:A").json().get("assets")).hasSize(1);

        // chariot update asset KEY -s F
        var updated = cli.put("/asset", "{\"key\":\"#asset#example.com#1.2.3.4\",\"status\":\"F\"}");
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get(0).get("status").asText()).isEqualTo("F");
        // chariot delete asset KEY, then get shows status D
        assertThat(cli.delete("/asset", "{\"key\":\"#asset#example.com#1.2.3.4\"}").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> assertThat(cli.post("/my",
                "{\"node\":{\"labels\":[\"Asset\"],\"filters\":[{\"field\":\"key\",\"operator\":\"=\","
                        + "\"value\":\"#asset#example.com#1.2.3.4\",\"not\":false}]},\"limit\":4096,\"page\":0}")
                .json().get("assets").get(0).get("status").asText()).isEqualTo("D"));
    }

    @Test
    void deleteAssetRefusesAKeyPrefixAndDeletesEveryMatchOnlyWhenThePrefixIsExplicit() {
        ChariotClient cli = newTenant();
        cli.put("/asset", "{\"group\":\"prefix.example\",\"identifier\":\"a.prefix.example\",\"status\":\"A\"}");
        cli.put("/asset", "{\"group\":\"prefix.example\",\"identifier\":\"b.prefix.example\",\"status\":\"A\"}");
        cli.put("/asset", "{\"group\":\"other.example\",\"identifier\":\"c.other.example\",\"status\":\"A\"}");
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                assertThat(cli.my("#asset#").json().get("assets")).hasSize(3));
        // what the CLI sends for `delete asset #asset#prefix.example`: a short key never widens into a mass delete
        var refused = cli.delete("/asset", "{\"key\":\"#asset#prefix.example\"}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("detail").asText()).contains("\"prefix\": true");
        assertThat(cli.delete("/asset", "{\"key\":\"#asset#\"}").status()).isEqualTo(400);
        assertThat(cli.my("#asset#").json().get("assets")).allSatisfy(a ->
                assertThat(a.get("status").asText()).isEqualTo("A"));

        var deleted = cli.delete("/asset", "{\"key\":\"#asset#prefix.example\",\"prefix\":true}");
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json()).hasSize(2);
        deleted.json().forEach(a -> assertThat(a.get("status").asText()).isEqualTo("D"));
        assertThat(cli.delete("/asset", "{\"key\":\"#asset#nothing.example\",\"prefix\":true}").status())
                .isEqualTo(404);
    }

    @Test
    void getMyPagesWithAnOpaqueOffsetThatTheCliSendsBackJsonEncoded() {
        ChariotClient cli = newTenant();
        for (int i = 0; i < 10; i++) {
            cli.put("/asset", "{\"group\":\"page.example\",\"identifier\":\"10.9.0." + i + "\",\"status\":\"A\"}");
        }
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                assertThat(cli.my("#asset#page.example#10.9.0.9").json().get("assets")).hasSize(1));
        java.util.Set<String> seen = new java.util.TreeSet<>();
        String offset = null;
        int pages = 0;
        do {
            String url = "/my?key=%23asset%23page.example" + (offset == null ? ""
                    : "&offset=" + java.net.URLEncoder.encode("\"" + offset + "\"", java.nio.charset.StandardCharsets.UTF_8));
            JsonNode page = cli.get(url).json();
            page.get("assets").forEach(a -> seen.add(a.get("key").asText()));
            offset = page.has("offset") ? page.get("offset").asText() : null;
            pages++;
        } while (offset != null && pages < 10);
        assertThat(seen).hasSize(10);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void chariotUiCreatesAssetsWithPostAndDnsName() {
        ChariotClient cli = newTenant();
        var r = cli.post("/asset", "{\"dns\":\"uiexample.com\",\"name\":\"uiexample.com\",\"status\":\"A\"}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get(0).get("key").asText()).isEqualTo("#asset#uiexample.com#uiexample.com");
        assertThat(r.json().get(0).get("class").asText()).isEqualTo("tld");
    }

    @Test
    void addListAndDeleteAttributeAsTheCliDoes() {
        ChariotClient cli = newTenant();
        cli.put("/asset",
                "{\"group\":\"example.com\",\"identifier\":\"1.2.3.4\",\"status\":\"A\",\"attackSurface\":[\"\"],\"type\":\"asset\"}");
        var added = cli.put("/attribute", "{\"key\":\"#asset#example.com#1.2.3.4\",\"name\":\"port\",\"value\":\"22\"}");
        assertThat(added.status()).isEqualTo(200);
        JsonNode attribute = added.json().get("attributes").get(0);
        assertThat(attribute.get("key").asText()).isEqualTo("#attribute#port#22#asset#example.com#1.2.3.4");
        assertThat(attribute.get("source").asText()).isEqualTo(ASSET_KEY);
        // chariot list attributes -k KEY
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> assertThat(cli.post("/my",
                "{\"node\":{\"labels\":[\"Attribute\"],\"filters\":[{\"field\":\"source\",\"operator\":\"=\","
                        + "\"value\":\"#asset#example.com#1.2.3.4\",\"not\":false}]},\"limit\":4096,\"page\":0}")
                .json().get("attributes")).hasSize(1));
        // global=true returns nothing for tenant data
        assertThat(cli.post("/my?global=true", "{\"node\":{\"labels\":[\"Attribute\"]},\"limit\":4096,\"page\":0}")
                .body()).isEqualTo("{}");
        var deleted = cli.delete("/attribute", "{\"key\":\"#attribute#port#22#asset#example.com#1.2.3.4\"}");
        assertThat(deleted.status()).isEqualTo(200);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Tiers 2, 3, 5, 6, 7 (§3.6): exact bodies in, shapes out

    static final String RISK_KEY = "#risk#example.com#CVE-2024-23049";
    static final String ISO_INSTANT = "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z$";

    @Test
    void tierTwoRisksAreAddedUpdatedListedSearchedAndDeletedWithTheShapesTheCliReads() {
        ChariotClient cli = newTenant();
        addCliAsset(cli);
        // chariot add risk CVE-2024-23049 --asset KEY --status TH --comment hello
        var added = cli.put("/risk", "{\"key\":\"#asset#example.com#1.2.3.4\",\"name\":\"CVE-2024-23049\","
                + "\"status\":\"TH\",\"comment\":\"hello\",\"source\":\"\"}");
        JsonNode risk = single(added, "risks");
        assertShape(risk, "username:string", "key:string", "dns:string", "name:string", "title:string",
                "source:string", "status:string", "priority:number", "created:instant", "updated:instant",
                "visited:instant", "ttl:number", "comment:string", "history:array", "tags:array");
        assertThat(risk.get("key").asText()).isEqualTo(RISK_KEY).matches("^#risk#([^#]+)#([^#]+)$");
        assertThat(risk.get("status").asText()).isEqualTo("TH");
        assertThat(risk.get("priority").asInt()).isEqualTo(10);

        // chariot update risk KEY --status OH --comment confirmed
        JsonNode updated = single(cli.put("/risk", "{\"key\":\"#risk#example.com#CVE-2024-23049\","
                + "\"status\":\"OH\",\"comment\":\"confirmed\"}"), "risks");
        JsonNode change = last(updated.get("history"));
        assertShape(change, "from:string", "to:string", "by:string", "comment:string", "updated:instant");
        assertThat(change.get("from").asText()).isEqualTo("TH");
        assertThat(change.get("to").asText()).isEqualTo("OH");
        assertThat(change.get("comment").asText()).isEqualTo("confirmed");
        // update risk -c (a note), -g (tags), then -r -1 (remove the last record)
        JsonNode noted = single(cli.put("/risk", "{\"key\":\"" + RISK_KEY + "\",\"comment\":\"a note\"}"), "risks");
        assertShape(last(noted.get("history")), "by:string", "comment:string", "updated:instant");
        JsonNode tagged = single(cli.put("/risk", "{\"key\":\"" + RISK_KEY + "\",\"tags\":[\"tag\"]}"), "risks");
        assertThat(tagged.get("tags")).extracting(JsonNode::asText).containsExactly("tag");
        JsonNode removed = single(cli.put("/risk", "{\"key\":\"" + RISK_KEY + "\",\"remove\":-1}"), "risks");
        assertThat(removed.get("history")).noneMatch(h -> h.path("comment").asText().equals("a note"));

        // chariot list risks -d; get risk KEY; list risks -f dns; search --term status:OH --kind risk; node.search
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            JsonNode listed = single(cli.post("/my", "{\"node\":{\"labels\":[\"Risk\"]},\"limit\":4096,\"page\":0}"),
                    "risks");
            assertShape(listed, "key:string", "dns:string", "name:string", "status:string", "history:array",
                    "tags:array", "created:instant", "ttl:number");
            assertThat(listed.get("status").asText()).isEqualTo("OH");
        });
        single(cli.post("/my", "{\"node\":{\"labels\":[\"Risk\"],\"filters\":[{\"field\":\"key\",\"operator\":\"=\","
                + "\"value\":\"" + RISK_KEY + "\",\"not\":false}]},\"limit\":4096,\"page\":0}"), "risks");
        single(cli.post("/my", "{\"node\":{\"labels\":[\"Risk\"],\"filters\":[{\"field\":\"key\","
                + "\"operator\":\"STARTS WITH\",\"value\":\"#risk#example.com\",\"not\":false}]},\"limit\":4096,\"page\":0}"),
                "risks");
        single(cli.post("/my", "{\"node\":{\"labels\":[\"Risk\"],\"filters\":[{\"field\":\"status\","
                + "\"operator\":\"STARTS WITH\",\"value\":\"OH\",\"not\":false}]},\"limit\":4096,\"page\":0}"), "risks");
        single(cli.post("/my", "{\"node\":{\"labels\":[\"Risk\"],\"search\":\"2024-230\"},\"limit\":4096,\"page\":0}"),
                "risks");

        // chariot delete risk KEY (the CLI's default delete status for an OH risk is DHO: deleted, high, other)
        JsonNode deleted = single(cli.delete("/risk", "{\"key\":\"" + RISK_KEY + "\"}"), "risks");
        assertThat(deleted.get("status").asText()).matches("^D[ILMHCE][FSOD]$");
        assertThat(last(deleted.get("history")).get("to").asText()).isEqualTo(deleted.get("status").asText());
    }

    @Test
    void tierThreeRelationshipQueriesOfGetAssetAndGetRiskDetailsAnswerPluralEnvelopes() {
        ChariotClient cli = newTenant();
        addCliAsset(cli);
        cli.put("/risk", "{\"key\":\"#asset#example.com#1.2.3.4\",\"name\":\"CVE-2024-23049\",\"status\":\"TH\","
                + "\"comment\":\"hello\",\"source\":\"\"}");
        // assets.associated_risks(KEY): Risk <-HAS_VULNERABILITY- Asset(key)
        String associated = "{\"node\":{\"labels\":[\"Risk\"],\"relationships\":[{\"label\":\"HAS_VULNERABILITY\","
                + "\"source\":{\"labels\":[\"Asset\"],\"filters\":[{\"field\":\"key\",\"operator\":\"=\","
                + "\"value\":\"#asset#example.com#1.2.3.4\",\"not\":false}]}}]},\"limit\":4096,\"page\":0}";
        // risks.affected_assets(KEY): Asset -HAS_VULNERABILITY-> Risk(key)
        String affected = "{\"node\":{\"labels\":[\"Asset\"],\"relationships\":[{\"label\":\"HAS_VULNERABILITY\","
                + "\"target\":{\"labels\":[\"Risk\"],\"filters\":[{\"field\":\"key\",\"operator\":\"=\","
                + "\"value\":\"" + RISK_KEY + "\",\"not\":false}]}}]},\"limit\":4096,\"page\":0}";
        // and the two-hop form through an attribute, which finds nothing here but must answer an (empty) envelope
        String viaAttribute = "{\"node\":{\"labels\":[\"Risk\"],\"relationships\":[{\"label\":\"HAS_VULNERABILITY\","
                + "\"source\":{\"labels\":[\"Attribute\"],\"relationships\":[{\"label\":\"HAS_ATTRIBUTE\","
                + "\"source\":{\"labels\":[\"Asset\"],\"filters\":[{\"field\":\"key\",\"operator\":\"=\","
                + "\"value\":\"#asset#example.com#1.2.3.4\",\"not\":false}]}}]}}]},\"limit\":4096,\"page\":0}";
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            assertThat(single(cli.post("/my", associated), "risks").get("key").asText()).isEqualTo(RISK_KEY);
            JsonNode asset = single(cli.post("/my", affected), "assets");
            assertShape(asset, "key:string", "dns:string", "name:string", "group:string", "identifier:string",
                    "status:string", "class:string", "source:string", "attackSurface:array", "ttl:number");
            assertThat(asset.get("key").asText()).isEqualTo(ASSET_KEY);
        });
        var empty = cli.post("/my", viaAttribute);
        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.body()).isEqualTo("{}");
    }

    @Test
    void tierFiveJobsAreQueuedAndListedWithChariotsKeyAndStatusFormats() {
        ChariotClient cli = newTenant();
        addCliAsset(cli);
        // chariot add job --key KEY -c portscan
        var queued = cli.post("/job", "{\"key\":\"#asset#example.com#1.2.3.4\",\"capabilities\":[\"portscan\"]}");
        assertThat(queued.status()).isEqualTo(200);
        assertThat(queued.json().isArray()).isTrue();
        assertThat(queued.json()).hasSize(1);
        JsonNode job = queued.json().get(0);
        assertShape(job, "username:string", "key:string", "dns:string", "source:string", "status:string",
                "created:instant", "updated:instant", "ttl:number", "config:object", "capabilities:array",
                "target:object");
        assertThat(job.get("key").asText()).isEqualTo("#job#example.com#1.2.3.4#portscan");
        assertThat(job.get("status").asText()).matches("^JQ#.+");
        assertThat(job.get("source").asText()).matches("^portscan#.+");
        // an unknown capability names itself
        var unknown = cli.post("/job", "{\"key\":\"#asset#example.com#1.2.3.4\",\"capabilities\":[\"nope\"]}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).contains("unknown capability: nope");
        // chariot list jobs [-s JQ] [-c portscan]; get job KEY
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            JsonNode listed = single(cli.get("/my?key=%23job%23"), "jobs");
            assertShape(listed, "key:string", "status:string", "source:string", "dns:string", "ttl:number");
            single(cli.get("/my?key=status:JQ&label=job"), "jobs");
            single(cli.get("/my?key=source:portscan&label=job"), "jobs");
            single(cli.get("/my?key=%23job%23example.com%231.2.3.4%23portscan&exact=true"), "jobs");
        });
        // GET /capabilities: a list of AgoraCapability-like entries
        JsonNode capabilities = cli.get("/capabilities").json();
        assertThat(capabilities.isArray()).isTrue();
        assertShape(capabilities.get(0), "name:string", "target:string");
    }

    @Test
    void tierSixAccountLinksAndApiKeysHaveChariotsShapesAndFeedTheToken() {
        ChariotClient owner = newTenant();
        ChariotClient friend = newTenant();
        // chariot link account FRIEND -r admin
        var linked = owner.post("/account/" + friend.tenant, "{\"config\":{},\"value\":\"\",\"role\":\"admin\"}");
        assertThat(linked.status()).isEqualTo(200);
        assertShape(linked.json(), "username:string", "key:string", "name:string", "member:string",
                "value:string", "role:string", "updated:instant");
        assertThat(linked.json().get("member").asText()).isEqualTo(friend.tenant);
        assertThat(linked.json().get("key").asText())
                .isEqualTo("#account#" + owner.tenant + "#" + friend.tenant + "#" + friend.tenant);
        // chariot list accounts / list integrations: GET /my?key=#account#
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            JsonNode account = single(owner.get("/my?key=%23account%23"), "accounts");
            assertShape(account, "key:string", "name:string", "member:string", "value:string", "role:string");
        });
        // the account header then reaches the owner's tenant with that role
        assertThat(friend.as(owner.tenant).post("/my", "{\"node\":{\"labels\":[\"Asset\"]},\"limit\":4096,\"page\":0}")
                .status()).isEqualTo(200);
        // chariot unlink account FRIEND
        var unlinked = owner.delete("/account/" + friend.tenant, "{\"value\":\"\",\"config\":{}}");
        assertThat(unlinked.status()).isEqualTo(200);
        assertThat(unlinked.json().get("member").asText()).isEqualTo(friend.tenant);
        assertThat(friend.as(owner.tenant).my("#asset#").status()).isEqualTo(403);

        // chariot add key --name ci; list keys; delete key
        var issued = owner.post("/key", "{\"name\":\"ci\",\"expires\":\"\"}");
        assertThat(issued.status()).isEqualTo(200);
        assertShape(issued.json(), "key:string", "id:string", "name:string", "secret:string", "status:string",
                "created:instant", "creator:string");
        String id = issued.json().get("id").asText();
        assertThat(issued.json().get("key").asText()).isEqualTo("#key#" + id).matches("^#key#[a-z2-7]+$");
        var viaKey = new ChariotClient(owner.api, owner.tenant, id, issued.json().get("secret").asText());
        assertThat(viaKey.token().status()).isEqualTo(200);
        // Chariot's naive pluraliser names the list "keies"; the SDK flattens every list, so only the items matter.
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                assertThat(owner.get("/my?key=%23key%23").json().get("keies")).extracting(k -> k.get("key").asText())
                        .contains("#key#" + id));
        assertThat(owner.get("/my?key=%23key%23").body()).doesNotContain(issued.json().get("secret").asText());
        var revoked = owner.delete("/key", "{\"key\":\"#key#" + id + "\"}");
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.json().has("secret")).isFalse();
        assertThat(viaKey.token().status()).isEqualTo(401);
    }

    @Test
    void tierSevenFilesFollowTheReturnedUrlsWithoutAuthAndAreListedByKey() {
        ChariotClient cli = newTenant();
        byte[] content = "hello, chariot\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        // chariot add file ./notes.txt --name home/notes.txt
        var presigned = cli.put("/file?name=home%2Fnotes.txt", "");
        assertThat(presigned.status()).isEqualTo(200);
        assertShape(presigned.json(), "url:string");
        assertThat(ChariotClient.follow("PUT", presigned.json().get("url").asText(), content).status())
                .isEqualTo(200);
        // chariot list files
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            JsonNode file = single(cli.my("#file#"), "files");
            assertShape(file, "username:string", "key:string", "name:string", "updated:instant", "size:number");
            assertThat(file.get("key").asText()).isEqualTo("#file#home/notes.txt");
        });
        // chariot get file home/notes.txt
        var url = cli.get("/file?name=home%2Fnotes.txt");
        assertShape(url.json(), "url:string");
        assertThat(ChariotClient.follow("GET", url.json().get("url").asText(), null).body()).isEqualTo(content);
        // chariot delete file home/notes.txt
        assertThat(cli.delete("/file?name=home%2Fnotes.txt", "{}").status()).isEqualTo(200);
        assertThat(cli.get("/file?name=home%2Fnotes.txt").status()).isEqualTo(404);
    }

    // --- helpers ----------------------------------------------------------------------------------------------------

    private static void addCliAsset(ChariotClient cli) {
        assertThat(cli.put("/asset", "{\"group\":\"example.com\",\"identifier\":\"1.2.3.4\",\"status\":\"A\","
                + "\"attackSurface\":[\"\"],\"type\":\"asset\"}").status()).isEqualTo(200);
    }

    /** The one item of a plural envelope {@code {"<plural>":[item]}} of a 200 response. */
    private static JsonNode single(ChariotClient.Response r, String plural) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode items = r.json().get(plural);
        assertThat(items).as(r.body()).isNotNull();
        assertThat(items.isArray()).isTrue();
        assertThat(items).as(r.body()).hasSize(1);
        return items.get(0);
    }

    private static JsonNode last(JsonNode array) {
        assertThat(array.isArray()).isTrue();
        assertThat(array).isNotEmpty();
        return array.get(array.size() - 1);
    }

    /** Each {@code field:type} is present with that JSON type; {@code instant} is an RFC 3339 UTC string. */
    static void assertShape(JsonNode node, String... fields) {
        for (String spec : fields) {
            String field = spec.substring(0, spec.indexOf(':'));
            String type = spec.substring(spec.indexOf(':') + 1);
            JsonNode value = node.get(field);
            assertThat(value).as(field + " in " + node).isNotNull();
            switch (type) {
                case "string" -> assertThat(value.isTextual()).as(field + " is a string in " + node).isTrue();
                case "number" -> assertThat(value.isNumber()).as(field + " is a number in " + node).isTrue();
                case "array" -> assertThat(value.isArray()).as(field + " is an array in " + node).isTrue();
                case "object" -> assertThat(value.isObject()).as(field + " is an object in " + node).isTrue();
                case "instant" -> assertThat(value.asText()).as(field + " in " + node).matches(ISO_INSTANT);
                default -> throw new IllegalArgumentException(spec);
            }
        }
    }
}
