package io.chariot.websupport.tenancy;

import io.chariot.websupport.web.ForbiddenException;
import org.slf4j.MDC;
import org.springframework.core.MethodParameter;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

import jakarta.servlet.http.HttpServletRequest;

import java.util.Locale;
import java.util.function.Predicate;

/**
 * Resolves the {@link Caller} of a controller method from the bearer token and the {@code account} header, and puts
 * the tenant it acts on into the logging context ({@value #TENANT_LOG_KEY}) for the rest of the request. A platform
 * operator may also read any tenant through the query API ({@code GET /my…}, {@code POST /my}) with the header, as
 * a readonly caller: that is how {@code ./chariot migrate verify} checks imported tenants (ADR 0012). Nothing else
 * is opened to operators.
 */
public class CallerArgumentResolver implements HandlerMethodArgumentResolver {

    public static final String ACCOUNT_HEADER = "account";
    /** The MDC key of the tenant a log line is about (every structured log line carries it). */
    public static final String TENANT_LOG_KEY = "tenant";
    private final AccountLinks links;
    private final Predicate<String> operators;

    public CallerArgumentResolver(AccountLinks links) {
        this(links, user -> false);
    }

    public CallerArgumentResolver(AccountLinks links, Predicate<String> operators) {
        this.links = links;
        this.operators = operators;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType().equals(Caller.class);
    }

    @Override
    public Caller resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
                                  WebDataBinderFactory binderFactory) {
        Caller caller = resolve(request);
        MDC.put(TENANT_LOG_KEY, caller.tenant());
        return caller;
    }

    private Caller resolve(NativeWebRequest request) {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !(auth.getPrincipal() instanceof Jwt jwt) || jwt.getClaimAsString("email") == null) {
            throw new ForbiddenException("the token carries no email claim");
        }
        String user = jwt.getClaimAsString("email").toLowerCase(Locale.ROOT);
        String account = request.getHeader(ACCOUNT_HEADER);
        if (account == null || account.isBlank() || account.trim().equalsIgnoreCase(user)) {
            return new Caller(user, user, Role.ADMIN);
        }
        String tenant = account.trim().toLowerCase(Locale.ROOT);
        var role = links.roleOf(tenant, user);
        if (role.isEmpty() && operators.test(user) && isQuery(request.getNativeRequest(HttpServletRequest.class))) {
            return new Caller(user, tenant, Role.READONLY);
        }
        return new Caller(user, tenant, role.orElseThrow(
                () -> new ForbiddenException("no account link grants access to " + tenant)));
    }

    /** A read of the query API: GET /my, GET /my/count, POST /my (a graph query). */
    private static boolean isQuery(HttpServletRequest request) {
        if (request == null) {
            return false;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return ("GET".equals(request.getMethod()) && (path.equals("/my") || path.equals("/my/count")))
               || ("POST".equals(request.getMethod()) && path.equals("/my"));
    }
}
