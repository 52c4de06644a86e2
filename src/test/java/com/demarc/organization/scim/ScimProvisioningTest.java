package com.demarc.organization.scim;

import com.demarc.bench.VaadinHttpUser;
import com.demarc.organization.OrganizationService;
import com.demarc.organization.ScimTokenService;
import com.demarc.organization.UserId;
import com.demarc.shared.Actors;
import com.demarc.shared.DemarcUser;
import com.demarc.support.TestDatabaseConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SCIM 2.0 as an identity provider uses it: plain HTTP against the running app on a random port, with a bearer token
 * an admin created through {@link ScimTokenService}; a user is provisioned, given rights through groups, renamed,
 * and deactivated, which ends the session they had open.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "demo"})
@Import(TestDatabaseConfiguration.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScimProvisioningTest {
    static final String SCIM_JSON = "application/scim+json";
    static final String PASSWORD = "Scim-provisioned-Horse-42!";

    @LocalServerPort
    int port;
    @Autowired
    ScimTokenService tokens;
    @Autowired
    OrganizationService organization;
    @Autowired
    UserDetailsService userDetails;
    @Autowired
    JdbcClient jdbc;

    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();
    final JsonMapper json = JsonMapper.builder().build();
    String token;
    long tokenId;

    @BeforeAll
    void adminCreatesAToken() {
        asAdmin(() -> {
            var created = tokens.createToken("Test IdP " + UUID.randomUUID());
            token = created.secret();
            tokenId = created.token().id();
        });
        assertThat(token).startsWith("demarc_scim_");
        assertThat(jdbc.sql("select token_hash from scim_token where id = :id").param("id", tokenId).query(String.class).single())
                .as("only a hash is stored").doesNotContain(token).hasSize(64);
    }

    @Test
    void createFindUpdateGroupsAndDeactivateEndsTheLiveSession() throws Exception {
        String userName = "dana." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        var created = send("POST", "/scim/v2/Users", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s","externalId":"okta-%s",
                 "name":{"givenName":"Dana","familyName":"Scim"},
                 "emails":[{"value":"other@example.com"},{"value":"%s","primary":true}],"active":true}
                """.formatted(userName, userName, userName), token);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Content-Type").orElse("")).startsWith(SCIM_JSON);
        JsonNode user = json.readTree(created.body());
        String id = user.path("id").asString();
        assertThat(user.path("userName").asString()).isEqualTo(userName);
        assertThat(user.path("active").asBoolean()).isTrue();
        assertThat(created.headers().firstValue("Location").orElse("")).endsWith("/scim/v2/Users/" + id);
        var row = jdbc.sql("select username, email, source, password_hash is null as no_password, display_name from app_user where id = :id")
                .param("id", Long.parseLong(id)).query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5))).single();
        assertThat(row.get(1)).as("e-mail from emails[primary]").isEqualTo(userName);
        assertThat(row.get(2)).isEqualTo("SCIM");
        assertThat(row.get(3)).as("no local password").isIn("t", "true");
        assertThat(row.get(4)).isEqualTo("Dana Scim");
        String username = row.get(0);

        // the IdP looks the user up before every push
        var found = json.readTree(send("GET", "/scim/v2/Users?filter="
                + URLEncoder.encode("userName eq \"" + userName.toUpperCase() + "\"", StandardCharsets.UTF_8), null, token).body());
        assertThat(found.path("totalResults").asInt()).isEqualTo(1);
        assertThat(found.path("Resources").get(0).path("id").asString()).isEqualTo(id);
        assertThat(send("POST", "/scim/v2/Users", "{\"userName\":\"" + userName + "\"}", token).statusCode())
                .as("the same userName twice is a conflict").isEqualTo(409);

        // groups grant roles and teams the way company sign-in does
        String managers = "demarc-managers";
        var existing = json.readTree(send("GET", "/scim/v2/Groups?filter="
                + URLEncoder.encode("displayName eq \"" + managers + "\"", StandardCharsets.UTF_8), null, token).body());
        if (existing.path("totalResults").asInt() > 0) {
            send("DELETE", "/scim/v2/Groups/" + existing.path("Resources").get(0).path("id").asString(), null, token);
        }
        var group = send("POST", "/scim/v2/Groups", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"%s","members":[{"value":"%s"}]}
                """.formatted(managers, id), token);
        assertThat(group.statusCode()).as(group.body()).isEqualTo(201);
        var team = send("POST", "/scim/v2/Groups", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"team:Payments %s"}
                """.formatted(UUID.randomUUID().toString().substring(0, 6)), token);
        assertThat(team.statusCode()).isEqualTo(201);
        String teamGroup = json.readTree(team.body()).path("id").asString();
        var renamed = send("PATCH", "/scim/v2/Groups/" + teamGroup, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
                  {"op":"replace","path":"displayName","value":"team:Payments"},
                  {"op":"add","path":"members","value":[{"value":"%s"}]}]}
                """.formatted(id), token);
        assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(200);
        var account = jdbc.sql("""
                        select array_to_string(u.roles, ',') as roles,
                               (select string_agg(t.name, ',') from team_membership m join team t on t.id = m.team_id where m.user_id = u.id) as teams
                          from app_user u where u.id = :id""")
                .param("id", Long.parseLong(id)).query((rs, n) -> List.of(rs.getString(1), String.valueOf(rs.getString(2)))).single();
        assertThat(account.get(0)).isEqualTo("MANAGER");
        assertThat(account.get(1)).isEqualTo("Payments");

        // PATCH a name
        var patched = send("PATCH", "/scim/v2/Users/" + id, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","path":"displayName","value":"Dana Renamed"}]}""", token);
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
        assertThat(json.readTree(patched.body()).path("displayName").asString()).isEqualTo("Dana Renamed");

        // the user has a session open (a password is set here only so that the test can sign in without an IdP)
        asAdmin(() -> organization.resetPassword(new UserId(Long.parseLong(id)), PASSWORD));
        var browser = new VaadinHttpUser("http://localhost:" + port);
        browser.login(username, PASSWORD);
        browser.open("");

        var deactivated = send("PATCH", "/scim/v2/Users/" + id, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","value":{"active":false}}]}""", token);
        assertThat(deactivated.statusCode()).as(deactivated.body()).isEqualTo(200);
        assertThat(json.readTree(deactivated.body()).path("active").asBoolean()).isFalse();
        assertThatThrownBy(() -> browser.open("")).as("the live session has ended").isInstanceOf(IllegalStateException.class);
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'SCIM_USER_DEACTIVATED' and entity_id = :u")
                .param("u", username).query(Integer.class).single()).isEqualTo(1);

        // PUT back to active, then DELETE: disabled and unlinked, the account kept for the history
        var replaced = send("PUT", "/scim/v2/Users/" + id, """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s","displayName":"Dana Back","active":true}
                """.formatted(userName), token);
        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
        assertThat(json.readTree(replaced.body()).path("active").asBoolean()).isTrue();
        assertThat(send("DELETE", "/scim/v2/Users/" + id, null, token).statusCode()).isEqualTo(204);
        assertThat(send("GET", "/scim/v2/Users/" + id, null, token).statusCode()).isEqualTo(404);
        assertThat(jdbc.sql("select enabled from app_user where id = :id").param("id", Long.parseLong(id))
                .query(Boolean.class).single()).isFalse();
    }

    @Test
    void aBadTokenGetsA401ScimError() throws Exception {
        for (String bad : new String[]{"demarc_scim_forged", null}) {
            var response = send("GET", "/scim/v2/Users", null, bad);
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith(SCIM_JSON);
            JsonNode error = json.readTree(response.body());
            assertThat(error.path("schemas").get(0).asString()).isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
            assertThat(error.path("status").asString()).isEqualTo("401");
            assertThat(error.path("detail").asString()).contains("token");
            assertThat(response.headers().firstValue("Set-Cookie")).as("no session").isEmpty();
        }
    }

    @Test
    void aRevokedTokenIsRefused() throws Exception {
        var second = new AtomicReference<String>();
        var secondId = new AtomicReference<Long>();
        asAdmin(() -> {
            var created = tokens.createToken("To revoke");
            second.set(created.secret());
            secondId.set(created.token().id());
        });
        assertThat(send("GET", "/scim/v2/Users?count=1", null, second.get()).statusCode()).isEqualTo(200);
        asAdmin(() -> tokens.revokeToken(secondId.get()));
        assertThat(send("GET", "/scim/v2/Users?count=1", null, second.get()).statusCode()).isEqualTo(401);
        asAdmin(() -> assertThat(tokens.tokens()).filteredOn(t -> t.id() == secondId.get())
                .singleElement().satisfies(t -> {
                    assertThat(t.active()).isFalse();
                    assertThat(t.lastUsedAt()).isNotNull();
                }));
    }

    @Test
    void aMalformedBodyGetsA400ScimError() throws Exception {
        for (String body : new String[]{"{not json", "[1,2]", "{\"userName\":\"\"}", "{\"userName\":\"x\",\"active\":\"maybe\"}"}) {
            var response = send("POST", "/scim/v2/Users", body, token);
            assertThat(response.statusCode()).as(body + " → " + response.body()).isEqualTo(400);
            JsonNode error = json.readTree(response.body());
            assertThat(error.path("schemas").get(0).asString()).isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
            assertThat(error.path("status").asString()).isEqualTo("400");
            assertThat(error.path("scimType").asString()).isIn("invalidSyntax", "invalidValue");
            assertThat(error.path("detail").asString()).isNotBlank().doesNotContain("Exception");
        }
        var filter = send("GET", "/scim/v2/Users?filter=" + URLEncoder.encode("userName sw \"a\"", StandardCharsets.UTF_8), null, token);
        assertThat(filter.statusCode()).isEqualTo(400);
        assertThat(json.readTree(filter.body()).path("scimType").asString()).isEqualTo("invalidFilter");
    }

    private HttpResponse<String> send(String method, String path, String body, String bearer) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(30))
                .header("Accept", SCIM_JSON)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", SCIM_JSON);
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void asAdmin(Runnable work) {
        Actors.runAs((DemarcUser) userDetails.loadUserByUsername("admin"), work);
    }
}
