package io.chariot.query.explorer.web;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseCookie;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;

import java.time.Duration;

/**
 * The explorer's session: the bearer token a login produced, kept in a cookie only the browser holds and only the
 * explorer receives — {@code HttpOnly} (no script reads it), {@code SameSite=Strict} (no other site's page sends
 * it), {@code Path=/explorer} (the API never sees it and stays token-only), {@code Secure} over HTTPS. It lives as
 * long as the token; a login is a new token. As a {@link BearerTokenResolver} it hands the token to Spring Security's
 * JWT check for every explorer request but the login page and the style sheet.
 */
public final class ExplorerCookie implements BearerTokenResolver {

    public static final String NAME = "chariot_explorer";
    public static final String PATH = "/explorer";

    @Override
    public String resolve(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.equals(PATH + "/login") || path.startsWith(PATH + "/assets/")) {
            return null;
        }
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie cookie : cookies) {
            if (NAME.equals(cookie.getName()) && cookie.getValue() != null && !cookie.getValue().isBlank()) {
                return cookie.getValue();
            }
        }
        return null;
    }

    static ResponseCookie session(String token, Duration lifetime, boolean secure) {
        return ResponseCookie.from(NAME, token).httpOnly(true).sameSite("Strict").path(PATH).secure(secure)
                .maxAge(lifetime).build();
    }

    static ResponseCookie cleared(boolean secure) {
        return ResponseCookie.from(NAME, "").httpOnly(true).sameSite("Strict").path(PATH).secure(secure)
                .maxAge(Duration.ZERO).build();
    }
}
