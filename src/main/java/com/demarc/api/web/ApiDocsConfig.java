package com.demarc.api.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI 3 document's header and its bearer security scheme (the paths come from {@link ApiV1Controller}). */
@Configuration
class ApiDocsConfig {
    @Bean
    OpenAPI demarcOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Demarc REST API").version("v1").description("""
                        Projects, their controls (owner, status, RACI), evidence and coverage, for scripts and CI jobs. \
                        Authenticate with a personal access token ('API tokens' in the user menu) or a team service \
                        account's token (Service accounts page): Authorization: Bearer <token>. Errors are RFC 9457 \
                        application/problem+json; 429 carries Retry-After."""))
                .components(new Components().addSecuritySchemes("bearer", new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("demarc_pat_… or demarc_svc_…")
                        .description("A Demarc API token")));
    }
}
