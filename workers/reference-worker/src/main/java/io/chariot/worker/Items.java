package io.chariot.worker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Builds result items as the platform reads them: {@code {type, model}} wrappers (chariot-api.md §2.1). */
public final class Items {

    static final ObjectMapper JSON = new ObjectMapper();

    private Items() {
    }

    public static ObjectNode attribute(String parentAssetKey, String name, String value) {
        ObjectNode model = JSON.createObjectNode().put("name", name).put("value", value).put("source", parentAssetKey);
        return wrap("attribute", model);
    }

    public static ObjectNode port(String parentAssetKey, int port, String service) {
        ObjectNode model = JSON.createObjectNode().put("protocol", "tcp").put("port", port).put("service", service)
                .put("source", parentAssetKey);
        return wrap("port", model);
    }

    public static ObjectNode risk(String targetKey, String name, String status, String title, String comment) {
        ObjectNode model = JSON.createObjectNode().put("name", name).put("status", status).put("title", title)
                .put("comment", comment).put("target", targetKey);
        return wrap("risk", model);
    }

    private static ObjectNode wrap(String type, ObjectNode model) {
        ObjectNode item = JSON.createObjectNode().put("type", type);
        item.set("model", model);
        return item;
    }
}
