package io.chariot.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The offered load of the {@code steps} phase, as pure arithmetic: the rates, and for every request of a step when it
 * is due and what it is. A step at R commands/s offers R commands/s plus R reads/s on top: request {@code i} of the
 * step is due at {@code i / 2R} seconds after the step's start, even indexes are commands (the write mix decides
 * which), odd ones reads (POST /my and GET /my alternating). Intended times are fixed in advance, whatever the
 * platform answers, so a slow answer never delays the requests after it (no coordinated omission).
 */
record StepSchedule(List<Integer> rates, int stepSeconds, Mix mix) {

    /** What one request is. */
    enum Kind {
        PUT_ASSET("PUT /asset", true),
        PUT_ATTRIBUTE("PUT /attribute", true),
        PUT_RISK("PUT /risk", true),
        POST_MY("POST /my", false),
        GET_MY("GET /my", false);

        final String label;
        final boolean write;

        Kind(String label, boolean write) {
            this.label = label;
            this.write = write;
        }
    }

    /** Relative weights of the three commands, e.g. 2:1:1; commands cycle through them in that order. */
    record Mix(int asset, int attribute, int risk) {
        Mix {
            if (asset < 0 || attribute < 0 || risk < 0 || asset + attribute + risk == 0) {
                throw new IllegalArgumentException("the write mix needs weights >= 0 that are not all 0");
            }
        }

        /** {@code asset=2,attribute=1,risk=1} (any order, missing ones are 0). */
        static Mix parse(String text) {
            Map<String, Integer> w = new LinkedHashMap<>(Map.of("asset", 0, "attribute", 0, "risk", 0));
            for (String part : text.split(",")) {
                String[] kv = part.trim().split("=");
                if (kv.length != 2 || !w.containsKey(kv[0].trim())) {
                    throw new IllegalArgumentException("--step-mix: expected asset=N,attribute=N,risk=N, got '" + text + "'");
                }
                try {
                    w.put(kv[0].trim(), Integer.parseInt(kv[1].trim()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--step-mix: '" + kv[1].trim() + "' is not a whole number");
                }
            }
            return new Mix(w.get("asset"), w.get("attribute"), w.get("risk"));
        }

        Kind commandFor(long command) {
            long at = command % (asset + attribute + risk);
            return at < asset ? Kind.PUT_ASSET : at < asset + attribute ? Kind.PUT_ATTRIBUTE : Kind.PUT_RISK;
        }

        String describe() {
            return String.format(Locale.ROOT, "PUT /asset : PUT /attribute : PUT /risk = %d : %d : %d", asset, attribute, risk);
        }
    }

    StepSchedule {
        rates = List.copyOf(rates);
        if (rates.isEmpty()) {
            throw new IllegalArgumentException("--step-rates: give at least one rate");
        }
        for (int i = 0; i < rates.size(); i++) {
            if (rates.get(i) < 1) {
                throw new IllegalArgumentException("--step-rates: rates must be positive, got " + rates.get(i));
            }
            if (i > 0 && rates.get(i) <= rates.get(i - 1)) {
                throw new IllegalArgumentException("--step-rates: rates must step up, got " + rates.get(i) + " after "
                        + rates.get(i - 1));
            }
        }
        if (stepSeconds < 2) {
            throw new IllegalArgumentException("--step-duration: at least 2 seconds (lag is sampled at the middle), got "
                    + stepSeconds);
        }
    }

    static List<Integer> parseRates(String text) {
        List<Integer> rates = new ArrayList<>();
        for (String part : text.split(",")) {
            try {
                rates.add(Integer.parseInt(part.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--step-rates: '" + part.trim() + "' is not a whole number");
            }
        }
        return rates;
    }

    /** Requests of one step at {@code rate} commands/s: as many commands as reads. */
    long requests(int rate) {
        return 2L * rate * stepSeconds;
    }

    /** Nanoseconds after the step's start at which request {@code index} is due. */
    static long dueOffsetNanos(int rate, long index) {
        return index * 1_000_000_000L / (2L * rate);
    }

    Kind kindOf(long index) {
        long n = index / 2;
        if (index % 2 == 0) {
            return mix.commandFor(n);
        }
        return n % 2 == 0 ? Kind.POST_MY : Kind.GET_MY;
    }
}
