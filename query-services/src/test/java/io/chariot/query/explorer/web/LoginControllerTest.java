package io.chariot.query.explorer.web;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class LoginControllerTest {

    @ParameterizedTest
    @ValueSource(strings = {"/explorer", "/explorer?key=%23risk%23x", "/explorer/events/0b6c-11/chain",
            "/explorer/aggregate/state?tenant=a%40b.c&key=%23asset%23x&sequence=2"})
    void afterLoggingInThePersonGoesBackToTheExplorerPageTheyCameFrom(String next) {
        assertThat(LoginController.safeNext(next)).isEqualTo(next);
    }

    @ParameterizedTest
    @ValueSource(strings = {"//evil.example", "https://evil.example/explorer", "/explorer/../actuator",
            "/explorer/./x/..", "/explorer\\\\evil", "/explorerx", "/events", "/explorer/login?next=/x",
            "/explorer/%2e%2e/actuator", "/explorer?x=\u00e9", "/explorer? x", ""})
    void anythingElseGoesToTheStream(String next) {
        assertThat(LoginController.safeNext(next)).isEqualTo("/explorer");
    }
}
