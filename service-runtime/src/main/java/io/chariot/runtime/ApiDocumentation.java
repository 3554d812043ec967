package io.chariot.runtime;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document's header: what the API is and how to authenticate (bearer token from GET /token). */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    @Bean
    OpenAPI chariotOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Chariot API").version("1")
                        .description("Wire-compatible with praetorian-cli and chariot-ui. Get a token with "
                                + "GET /token (headers X-GUARD-API-KEY-ID and X-GUARD-API-KEY-SECRET), then send "
                                + "Authorization: Bearer <token>; add an 'account' header to act on a linked tenant."))
                .components(new Components().addSecuritySchemes("bearer",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
