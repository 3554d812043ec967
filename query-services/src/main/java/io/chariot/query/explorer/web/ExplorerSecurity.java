package io.chariot.query.explorer.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriComponentsBuilder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The explorer's own security chain, for {@code /explorer/**} only (the API's chain is unchanged: bearer tokens, no
 * cookies, no sessions). A request is authenticated by the token in the {@link ExplorerCookie}, checked exactly as
 * a bearer token is; without a valid one a page sends the browser to the login form. Every state-changing request
 * (login, logout, operator actions) needs the CSRF token of the form it came from (a cookie scoped like the
 * session, {@code SameSite=Strict}, {@code HttpOnly}; the forms carry it). Pages forbid scripts, framing and foreign
 * form targets (Content-Security-Policy) — there is no script to allow.
 */
public final class ExplorerSecurity {

    static final String CSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'";

    private ExplorerSecurity() {
    }

    public static SecurityFilterChain chain(HttpSecurity http, JwtDecoder decoder) throws Exception {
        CookieCsrfTokenRepository csrf = new CookieCsrfTokenRepository();
        csrf.setCookiePath(ExplorerCookie.PATH);
        csrf.setCookieName("chariot_explorer_csrf");
        csrf.setCookieCustomizer(c -> c.sameSite("Strict").httpOnly(true));
        return http
                .securityMatcher(ExplorerCookie.PATH, ExplorerCookie.PATH + "/**")
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(c -> c.disable())
                // The resource-server support exempts every request carrying a bearer token from CSRF checks; here
                // the "bearer token" is the session cookie a browser sends by itself, so every POST is checked.
                .csrf(c -> c.csrfTokenRepository(csrf).withObjectPostProcessor(new ObjectPostProcessor<CsrfFilter>() {
                    @Override
                    public <O extends CsrfFilter> O postProcess(O filter) {
                        filter.setRequireCsrfProtectionMatcher(CsrfFilter.DEFAULT_CSRF_MATCHER);
                        return filter;
                    }
                }))
                .authorizeHttpRequests(a -> a
                        .requestMatchers(ExplorerCookie.PATH + "/login", ExplorerCookie.PATH + "/assets/**").permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(o -> o
                        .bearerTokenResolver(new ExplorerCookie())
                        .jwt(j -> j.decoder(decoder))
                        .authenticationEntryPoint(ExplorerSecurity::toLogin))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint(ExplorerSecurity::toLogin)
                        .accessDeniedHandler((request, response, denied) -> page(response, HttpStatus.FORBIDDEN,
                                "This form has expired or did not come from the explorer. Go back, reload the page "
                                        + "and try again.")))
                .headers(h -> h
                        .contentSecurityPolicy(c -> c.policyDirectives(CSP))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                        .frameOptions(f -> f.deny()))
                .build();
    }

    /**
     * No valid session: a page is sent to the login form, which brings the user back here after logging in; an
     * expired session's cookie is cleared on the way. Anything else gets a plain 401.
     */
    static void toLogin(HttpServletRequest request, HttpServletResponse response, Exception reason) throws IOException {
        boolean secure = request.isSecure();
        if (new ExplorerCookie().resolve(request) != null) {
            response.addHeader(HttpHeaders.SET_COOKIE, ExplorerCookie.cleared(secure).toString());
        }
        if (!"GET".equals(request.getMethod())) {
            page(response, HttpStatus.UNAUTHORIZED, "Your session has ended. Log in again.");
            return;
        }
        String next = request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        response.setStatus(HttpStatus.SEE_OTHER.value());
        response.setHeader(HttpHeaders.LOCATION, UriComponentsBuilder.fromPath(ExplorerCookie.PATH + "/login")
                .queryParam("next", LoginController.safeNext(next)).encode().build().toUriString());
    }

    /** A minimal page for what happens before any controller (security decisions). */
    static void page(HttpServletResponse response, HttpStatus status, String message) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.TEXT_HTML_VALUE + ";charset=UTF-8");
        response.getOutputStream().write(("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
                + status.value() + " — Chariot explorer</title><link rel=\"stylesheet\" href=\"/explorer/assets/"
                + "explorer.css\"></head><body><main class=\"narrow\"><h1>" + status.value() + " "
                + HtmlUtils.htmlEscape(status.getReasonPhrase()) + "</h1><p>" + HtmlUtils.htmlEscape(message)
                + "</p><p><a href=\"/explorer\">Back to the explorer</a></p></main></body></html>")
                .getBytes(StandardCharsets.UTF_8));
    }
}
