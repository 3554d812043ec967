package io.chariot.query.explorer.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.chariot.api.account.SecretNames;
import io.chariot.query.explorer.view.PersonalData;
import org.springframework.web.util.HtmlUtils;

import java.util.Iterator;
import java.util.Map;

/**
 * A JSON document as readable HTML: nested definition lists for objects, ordered lists for arrays, every text
 * escaped. Hidden secrets show as a "redacted" badge and erased personal data as an "erased" one, so a reader
 * knows a value existed and why it is not shown.
 */
public final class JsonHtml {

    public static final JsonHtml INSTANCE = new JsonHtml();

    private static final int MAX_DEPTH = 40;

    /** For templates ({@code json.of(…)}). */
    public String of(JsonNode node) {
        return render(node);
    }

    public static String render(JsonNode node) {
        StringBuilder out = new StringBuilder();
        value(node, out, 0);
        return out.toString();
    }

    private static void value(JsonNode node, StringBuilder out, int depth) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            out.append("<span class=\"j-null\">null</span>");
        } else if (PersonalData.isErased(node)) {
            out.append("<span class=\"badge erased\" title=\"").append(escape(node.get(PersonalData.ERASED_MEMBER)
                    .textValue())).append("\">erased</span>");
        } else if (depth >= MAX_DEPTH) {
            out.append("<code>").append(escape(node.toString())).append("</code>");
        } else if (node.isObject()) {
            if (node.isEmpty()) {
                out.append("<span class=\"j-empty\">{}</span>");
                return;
            }
            out.append("<dl class=\"j-object\">");
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> member = it.next();
                out.append("<dt>").append(escape(member.getKey())).append("</dt><dd>");
                value(member.getValue(), out, depth + 1);
                out.append("</dd>");
            }
            out.append("</dl>");
        } else if (node.isArray()) {
            if (node.isEmpty()) {
                out.append("<span class=\"j-empty\">[]</span>");
                return;
            }
            out.append("<ol class=\"j-array\" start=\"0\">");
            for (JsonNode element : node) {
                out.append("<li>");
                value(element, out, depth + 1);
                out.append("</li>");
            }
            out.append("</ol>");
        } else if (node.isTextual() && SecretNames.REDACTED.equals(node.textValue())) {
            out.append("<span class=\"badge redacted\" title=\"a secret: never shown\">redacted</span>");
        } else if (node.isTextual()) {
            out.append("<span class=\"j-text\">").append(escape(node.textValue())).append("</span>");
        } else {
            out.append("<span class=\"j-literal\">").append(escape(node.asText())).append("</span>");
        }
    }

    private static String escape(String text) {
        return HtmlUtils.htmlEscape(text == null ? "" : text, "UTF-8");
    }
}
