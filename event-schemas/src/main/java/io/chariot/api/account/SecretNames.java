package io.chariot.api.account;

import java.util.Locale;
import java.util.Set;

/**
 * Which member names hold secrets: the rule the account context seals integration configs by, and the event
 * explorer hides values by. A name is secret when, lower-cased without {@code -} and {@code _}, it is one of
 * {@link #NAMES} or ends with {@code secret}, {@code token}, {@code password}, {@code apikey} or
 * {@code privatekey}. Shown in place of a secret: {@link #REDACTED}.
 */
public final class SecretNames {

    public static final String REDACTED = "********";
    static final Set<String> NAMES = Set.of("secret", "token", "password", "passwd", "pwd", "apikey", "privatekey",
            "clientsecret", "accesstoken", "refreshtoken", "accesskey", "secretkey", "secretaccesskey",
            "credentials", "credential", "pin", "passphrase", "sessiontoken", "auth", "authorization");
    private static final String[] SUFFIXES = {"secret", "token", "password", "apikey", "privatekey"};

    private SecretNames() {
    }

    public static boolean isSecretName(String name) {
        String n = normalised(name);
        if (NAMES.contains(n)) {
            return true;
        }
        for (String suffix : SUFFIXES) {
            if (n.endsWith(suffix)) {
                return true;
            }
        }
        return false;
    }

    /** Lower case without {@code -} and {@code _}: {@code Client_Secret} and {@code clientSecret} are one name. */
    public static String normalised(String name) {
        return name.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    }
}
