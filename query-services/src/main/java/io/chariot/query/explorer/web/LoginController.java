package io.chariot.query.explorer.web;

import io.chariot.websupport.security.ApiKeyAuthenticator;
import io.chariot.websupport.security.TokenIssuer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.view.RedirectView;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Logging in to the explorer with an API key (id and secret, as {@code GET /token} takes them) or with a bearer
 * token; the token — issued, or given and checked — becomes the {@link ExplorerCookie}. Logging out clears it.
 * {@code next} brings the user back to the page that asked for the login; only explorer paths are followed.
 */
@Controller
public class LoginController {

    private final ApiKeyAuthenticator keys;
    private final TokenIssuer issuer;
    private final JwtDecoder tokens;

    public LoginController(ApiKeyAuthenticator keys, TokenIssuer issuer, JwtDecoder tokens) {
        this.keys = keys;
        this.issuer = issuer;
        this.tokens = tokens;
    }

    @GetMapping("/explorer/login")
    public String form(@RequestParam(required = false) String next, Model model) {
        model.addAttribute("next", safeNext(next));
        return "explorer/login";
    }

    @PostMapping("/explorer/login")
    public Object login(@RequestParam(required = false) String keyId,
                        @RequestParam(required = false) String keySecret,
                        @RequestParam(required = false) String token,
                        @RequestParam(required = false) String next,
                        HttpServletRequest request, HttpServletResponse response, Model model) {
        String target = safeNext(next);
        Optional<Jwt> session = blank(token) ? fromKey(keyId, keySecret) : fromToken(token.trim());
        if (session.isEmpty()) {
            model.addAttribute("next", target);
            model.addAttribute("keyId", blank(keyId) ? null : keyId.trim());
            model.addAttribute("failed", blank(token) && (blank(keyId) || blank(keySecret))
                    ? "Give an API key id and its secret, or a token."
                    : "That did not work: the key is unknown, revoked or its secret is wrong, or the token is not "
                    + "valid (any more).");
            response.setStatus(HttpStatus.UNAUTHORIZED.value());
            return "explorer/login";
        }
        Jwt jwt = session.get();
        Duration lifetime = Duration.between(Instant.now(), jwt.getExpiresAt() == null ? Instant.now() : jwt.getExpiresAt());
        response.addHeader(HttpHeaders.SET_COOKIE,
                ExplorerCookie.session(jwt.getTokenValue(), lifetime, request.isSecure()).toString());
        return seeOther(target);
    }

    @PostMapping("/explorer/logout")
    public RedirectView logout(HttpServletRequest request, HttpServletResponse response) {
        response.addHeader(HttpHeaders.SET_COOKIE, ExplorerCookie.cleared(request.isSecure()).toString());
        return seeOther(ExplorerCookie.PATH + "/login");
    }

    /** A 303 to a path taken as it is (no URI template expansion: {@code next} is the user's URL). */
    public static RedirectView seeOther(String path) {
        RedirectView view = new RedirectView(path, true);
        view.setExpandUriTemplateVariables(false);
        view.setExposeModelAttributes(false);
        view.setHttp10Compatible(false);
        view.setStatusCode(HttpStatus.SEE_OTHER);
        return view;
    }

    private Optional<Jwt> fromKey(String keyId, String secret) {
        if (blank(keyId) || blank(secret) || keyId.length() > 256 || secret.length() > 256) {
            return Optional.empty();
        }
        return keys.authenticate(keyId.trim(), secret.trim()).map(issuer::issue).flatMap(this::fromToken);
    }

    private Optional<Jwt> fromToken(String token) {
        if (token.length() > 4096) {
            return Optional.empty();
        }
        try {
            Jwt jwt = tokens.decode(token);
            return jwt.getClaimAsString("email") == null ? Optional.empty() : Optional.of(jwt);
        } catch (JwtException invalid) {
            return Optional.empty();
        }
    }

    /** An explorer page's path: {@code /explorer} and plain segments below it (no {@code ..}, no encoded bytes). */
    private static final Pattern EXPLORER_PATH =
            Pattern.compile("/explorer(/(?!\\.\\.?(/|$))[A-Za-z0-9._~-]+)*");

    /**
     * Where to go after logging in: a page of the explorer on this server (its path plain, its query printable
     * ASCII, as a browser sends it), else the stream.
     */
    static String safeNext(String next) {
        if (next == null || next.length() > 4096 || next.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            return ExplorerCookie.PATH;
        }
        int query = next.indexOf('?');
        String path = query < 0 ? next : next.substring(0, query);
        if (!EXPLORER_PATH.matcher(path).matches() || path.startsWith(ExplorerCookie.PATH + "/login")) {
            return ExplorerCookie.PATH;
        }
        return next;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
