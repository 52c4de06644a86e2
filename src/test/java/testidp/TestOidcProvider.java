package testidp;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A real OpenID Connect provider for tests: Spring Authorization Server on a random port of 127.0.0.1 (the app runs
 * on localhost, so the two never share a session cookie), with its own login page, one confidential client and users
 * whose {@code groups} claim the test sets (and changes) through {@link #groups}. Outside {@code com.demarc} so the
 * app's component scan never picks its configuration up.
 */
public final class TestOidcProvider implements AutoCloseable {
    public static final String CLIENT_ID = "demarc";
    public static final String CLIENT_SECRET = "demarc-test-secret";
    public static final String PASSWORD = "idp-password-2026";

    /** username → the groups the next token carries (changeable between sign-ins). */
    private static final Map<String, List<String>> GROUPS = new ConcurrentHashMap<>();
    /** username → e-mail. */
    private static final Map<String, String> EMAILS = new ConcurrentHashMap<>();
    private static volatile String redirectUri = "http://localhost:8080/login/oauth2/code/corp";
    /** Paths the provider was asked for, in order (e.g. its end_session endpoint at sign-out). */
    private static final List<String> REQUESTS = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** A claim ("iss" or "aud") the next ID tokens carry wrong, to test that the client refuses them; null: none. */
    private static volatile String wrongClaim;

    private final ConfigurableApplicationContext context;

    private TestOidcProvider(ConfigurableApplicationContext context) {
        this.context = context;
    }

    public static TestOidcProvider start() {
        var context = new SpringApplicationBuilder(Config.class).web(WebApplicationType.SERVLET)
                .properties("spring.main.banner-mode=off", "spring.main.lazy-initialization=false")
                .logStartupInfo(false).run();
        return new TestOidcProvider(context);
    }

    public String issuer() {
        return "http://127.0.0.1:" + ((ServletWebServerApplicationContext) context).getWebServer().getPort();
    }

    public void user(String username, String email, String... groups) {
        EMAILS.put(username, email);
        GROUPS.put(username, List.of(groups));
    }

    public void groups(String username, String... groups) {
        GROUPS.put(username, List.of(groups));
    }

    public void redirectTo(String uri) {
        redirectUri = uri;
    }

    /** How often the provider was asked for this path (e.g. {@code /connect/logout}, its end_session endpoint). */
    public long requests(String path) {
        return REQUESTS.stream().filter(path::equals).count();
    }

    /** The next ID tokens carry a wrong {@code iss} or {@code aud} (signed as usual); null: correct again. */
    public void issueWrong(String claim) {
        wrongClaim = claim;
    }

    @Override
    public void close() {
        context.close();
    }

    @Configuration(proxyBeanMethods = false)
    @EnableWebSecurity
    static class Config {
        @Bean
        TomcatServletWebServerFactory webServerFactory() {
            var factory = new TomcatServletWebServerFactory(0);
            factory.setAddress(java.net.InetAddress.getLoopbackAddress());
            factory.getSettings().getSession().getCookie().setName("IDP_SESSION");
            // no DispatcherServlet: every page is a filter of the chain, which Tomcat runs only in front of a servlet
            factory.getSettings().setRegisterDefaultServlet(true);
            return factory;
        }

        @Bean
        @Order(1)
        SecurityFilterChain authorizationServer(HttpSecurity http) throws Exception {
            var as = new OAuth2AuthorizationServerConfigurer();
            http.securityMatcher(as.getEndpointsMatcher())
                    .with(as, server -> server.oidc(Customizer.withDefaults()))
                    .authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
                    .exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(
                            new LoginUrlAuthenticationEntryPoint("/login"), new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
            return http.build();
        }

        @Bean
        @Order(2)
        SecurityFilterChain loginPage(HttpSecurity http) throws Exception {
            http.authorizeHttpRequests(auth -> auth.anyRequest().authenticated()).formLogin(Customizer.withDefaults());
            return http.build();
        }

        /**
         * The app's test contexts (same JVM) replace the global {@code SecurityContextHolder} strategy with Vaadin's
         * when they start; the provider's filters would keep the one they saw when built while its authorize endpoint
         * reads the global one, and so never see its own sign-in ("invalid_request: principal"). Every call goes to the
         * global strategy of the moment.
         */
        @Bean
        org.springframework.security.core.context.SecurityContextHolderStrategy securityContextHolderStrategy() {
            return new org.springframework.security.core.context.SecurityContextHolderStrategy() {
                private org.springframework.security.core.context.SecurityContextHolderStrategy current() {
                    return org.springframework.security.core.context.SecurityContextHolder.getContextHolderStrategy();
                }

                @Override
                public void clearContext() {
                    current().clearContext();
                }

                @Override
                public org.springframework.security.core.context.SecurityContext getContext() {
                    return current().getContext();
                }

                @Override
                public java.util.function.Supplier<org.springframework.security.core.context.SecurityContext> getDeferredContext() {
                    return current().getDeferredContext();
                }

                @Override
                public void setContext(org.springframework.security.core.context.SecurityContext context) {
                    current().setContext(context);
                }

                @Override
                public void setDeferredContext(java.util.function.Supplier<org.springframework.security.core.context.SecurityContext> deferredContext) {
                    current().setDeferredContext(deferredContext);
                }

                @Override
                public org.springframework.security.core.context.SecurityContext createEmptyContext() {
                    return current().createEmptyContext();
                }
            };
        }

        @Bean
        org.springframework.boot.web.servlet.FilterRegistrationBean<jakarta.servlet.Filter> recordRequests() {
            var registration = new org.springframework.boot.web.servlet.FilterRegistrationBean<jakarta.servlet.Filter>(
                    (jakarta.servlet.Filter) (request, response, chain) -> {
                        REQUESTS.add(((jakarta.servlet.http.HttpServletRequest) request).getRequestURI());
                        chain.doFilter(request, response);
                    });
            registration.setOrder(Integer.MIN_VALUE);
            return registration;
        }

        @Bean
        UserDetailsService users() {
            // every user the tests name signs in with the same password
            return username -> User.withUsername(username).password("{noop}" + PASSWORD).roles("USER").build();
        }

        @Bean
        RegisteredClientRepository clients() {
            return new RegisteredClientRepository() {
                private final String id = UUID.randomUUID().toString();

                @Override
                public void save(RegisteredClient registeredClient) {
                    // the provider re-saves a client whose secret encoding it upgrades; the test client is built on demand
                }

                @Override
                public RegisteredClient findById(String id) {
                    return this.id.equals(id) ? client() : null;
                }

                @Override
                public RegisteredClient findByClientId(String clientId) {
                    return CLIENT_ID.equals(clientId) ? client() : null;
                }

                private RegisteredClient client() {
                    return RegisteredClient.withId(id).clientId(CLIENT_ID).clientSecret("{noop}" + CLIENT_SECRET)
                            .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                            .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                            .redirectUri(redirectUri)
                            .postLogoutRedirectUri(redirectUri.replaceFirst("/login/oauth2/code/.*", "/login?logout"))
                            .scope(OidcScopes.OPENID).scope(OidcScopes.PROFILE).scope(OidcScopes.EMAIL)
                            .clientSettings(ClientSettings.builder().requireAuthorizationConsent(false).requireProofKey(true).build())
                            .build();
                }
            };
        }

        @Bean
        OAuth2TokenCustomizer<JwtEncodingContext> groupsInTheIdToken() {
            return context -> {
                if ("id_token".equals(context.getTokenType().getValue())) {
                    String user = context.getPrincipal().getName();
                    context.getClaims().claim("groups", GROUPS.getOrDefault(user, List.of()))
                            .claim("email", EMAILS.getOrDefault(user, user + "@example.com"))
                            .claim("name", "Test " + user)
                            .claim("preferred_username", user)
                            .claim("amr", List.of("pwd"));
                    if ("iss".equals(wrongClaim)) {
                        context.getClaims().issuer("http://127.0.0.1:1/not-the-issuer");
                    } else if ("aud".equals(wrongClaim)) {
                        context.getClaims().audience(List.of("some-other-client"));
                    }
                }
            };
        }

        @Bean
        JWKSource<SecurityContext> jwkSource() throws Exception {
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            var pair = generator.generateKeyPair();
            var key = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
                    .keyID(UUID.randomUUID().toString()).build();
            return new ImmutableJWKSet<>(new JWKSet(key));
        }

        @Bean
        org.springframework.security.oauth2.jwt.JwtDecoder jwtDecoder(JWKSource<SecurityContext> jwkSource) {
            return org.springframework.security.oauth2.jwt.NimbusJwtDecoder.withJwkSource(jwkSource).build();
        }

        @Bean
        AuthorizationServerSettings authorizationServerSettings() {
            return AuthorizationServerSettings.builder().build();
        }
    }
}
