package io.chariot.websupport.tenancy;

import io.chariot.websupport.web.ForbiddenException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.context.request.ServletWebRequest;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Who is calling and on whose data, from the bearer token and the {@code account} header. */
class CallerResolutionTest {

    /** Account links as the account context keeps them: tenant → member → role. */
    private static final Map<String, Map<String, Role>> LINKS = Map.of(
            "acme@x.com", Map.of("ana@x.com", Role.ANALYST, "rita@x.com", Role.READONLY));
    private static final AccountLinks LINKED = (tenant, member) ->
            Optional.ofNullable(LINKS.getOrDefault(tenant, Map.of()).get(member));

    private final CallerArgumentResolver resolver = new CallerArgumentResolver(LINKED, "ops@x.com"::equals);

    @AfterEach
    void forgetTheRequest() {
        SecurityContextHolder.clearContext();
        MDC.clear();
    }

    private Caller resolve(String email, String method, String path, String account) {
        var jwt = Jwt.withTokenValue("token").header("alg", "HS256");
        if (email != null) {
            jwt.claim("email", email);
        } else {
            jwt.claim("sub", "nobody");
        }
        SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(jwt.build()));
        var request = new MockHttpServletRequest(method, path);
        if (account != null) {
            request.addHeader(CallerArgumentResolver.ACCOUNT_HEADER, account);
        }
        return resolver.resolveArgument(null, null, new ServletWebRequest(request), null);
    }

    @Test
    void withoutAnAccountHeaderTheCallerActsOnTheirOwnTenantAsAdmin() {
        Caller caller = resolve("T@X.com", "PUT", "/asset", null);

        assertThat(caller).isEqualTo(new Caller("t@x.com", "t@x.com", Role.ADMIN));
        assertThat(caller.delegated()).isFalse();
        assertThat(caller.canWrite()).isTrue();
    }

    @Test
    void anAccountHeaderNamingTheCallerThemselvesIsTheirOwnTenant() {
        assertThat(resolve("t@x.com", "GET", "/my", " T@x.com ").tenant()).isEqualTo("t@x.com");
        assertThat(resolve("t@x.com", "GET", "/my", " ").role()).isEqualTo(Role.ADMIN);
    }

    @Test
    void aLinkedAccountIsReachedWithTheRoleItsLinkGrants() {
        Caller analyst = resolve("ana@x.com", "PUT", "/asset", "ACME@x.com");
        Caller reader = resolve("rita@x.com", "GET", "/my", "acme@x.com");

        assertThat(analyst).isEqualTo(new Caller("ana@x.com", "acme@x.com", Role.ANALYST));
        assertThat(analyst.delegated()).isTrue();
        assertThat(analyst.canWrite()).isTrue();
        assertThat(reader.canWrite()).isFalse();
    }

    @Test
    void anAccountNoLinkGrantsIsForbidden() {
        assertThatThrownBy(() -> resolve("t@x.com", "GET", "/my", "acme@x.com"))
                .isInstanceOf(ForbiddenException.class).hasMessage("no account link grants access to acme@x.com");
    }

    @Test
    void anOperatorMayReadAnyTenantThroughTheQueryApiOnlyAndOnlyAsReader() {
        assertThat(resolve("ops@x.com", "GET", "/my", "acme@x.com"))
                .isEqualTo(new Caller("ops@x.com", "acme@x.com", Role.READONLY));
        assertThat(resolve("ops@x.com", "GET", "/my/count", "acme@x.com").role()).isEqualTo(Role.READONLY);
        assertThat(resolve("ops@x.com", "POST", "/my", "acme@x.com").canWrite()).isFalse();
        assertThatThrownBy(() -> resolve("ops@x.com", "PUT", "/asset", "acme@x.com"))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> resolve("ops@x.com", "GET", "/events", "acme@x.com"))
                .isInstanceOf(ForbiddenException.class);
    }

    @Test
    void aTokenWithoutAnEmailClaimIsForbidden() {
        assertThatThrownBy(() -> resolve(null, "GET", "/my", null))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("no email claim");
    }

    @Test
    void theTenantActedOnIsPutIntoTheLoggingContext() {
        resolve("ana@x.com", "GET", "/my", "acme@x.com");

        assertThat(MDC.get(CallerArgumentResolver.TENANT_LOG_KEY)).isEqualTo("acme@x.com");
    }

    @Test
    void anEmptyRoleIsReadonlyAndRolesAreReadWithoutCase() {
        assertThat(Role.parse(null)).isEqualTo(Role.READONLY);
        assertThat(Role.parse(" ")).isEqualTo(Role.READONLY);
        assertThat(Role.parse(" analyst ")).isEqualTo(Role.ANALYST);
        assertThatThrownBy(() -> Role.parse("owner")).isInstanceOf(IllegalArgumentException.class);
    }
}
