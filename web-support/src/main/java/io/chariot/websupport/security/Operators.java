package io.chariot.websupport.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The platform operators ({@code chariot.operators}, comma-separated; by default the bootstrap tenant): the users
 * who may use the admin API and read the actuator's metrics. A user is a token's email, compared in lower case.
 */
public final class Operators {

    private final Set<String> users;

    public Operators(String commaSeparated) {
        this.users = Arrays.stream(commaSeparated == null ? new String[0] : commaSeparated.split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).map(s -> s.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    public boolean contains(String user) {
        return user != null && users.contains(user.toLowerCase(Locale.ROOT));
    }
}
