package io.chariot.gateway.tenancy;

import io.chariot.gateway.web.ForbiddenException;
import org.springframework.core.MethodParameter;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

import java.util.Locale;

/** Resolves the {@link Caller} of a controller method from the bearer token and the {@code account} header. */
public class CallerArgumentResolver implements HandlerMethodArgumentResolver {

    public static final String ACCOUNT_HEADER = "account";
    private final AccountLinks links;

    public CallerArgumentResolver(AccountLinks links) {
        this.links = links;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType().equals(Caller.class);
    }

    @Override
    public Caller resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
                                  WebDataBinderFactory binderFactory) {
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
        Role role = links.roleOf(tenant, user)
                .orElseThrow(() -> new ForbiddenException("no account link grants access to " + tenant));
        return new Caller(user, tenant, role);
    }
}
