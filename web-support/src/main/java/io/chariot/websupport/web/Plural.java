package io.chariot.websupport.web;

/** Chariot's naive pluraliser for list envelopes: a final {@code y} becomes {@code ies}, otherwise add {@code s}. */
public final class Plural {

    private Plural() {
    }

    public static String of(String type) {
        return type.endsWith("y") ? type.substring(0, type.length() - 1) + "ies" : type + "s";
    }

    /** The type of a Chariot key: its second {@code #}-separated segment ({@code #asset#…} → {@code asset}). */
    public static String typeOfKey(String key) {
        if (key == null || !key.startsWith("#")) {
            return "item";
        }
        int end = key.indexOf('#', 1);
        return end < 0 ? key.substring(1) : key.substring(1, end);
    }
}
