package com.demarc.operations.internal;

import org.apache.catalina.Engine;
import org.apache.catalina.Lifecycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

import java.util.regex.Pattern;

/**
 * Tomcat's {@code jvmRoute}: every session id this node hands out ends in {@code .<node-id>}, also the new id that
 * Spring Security gives the session at sign-in (Tomcat's changeSessionId keeps the route). A reverse proxy reads
 * the suffix of the {@code JSESSIONID} cookie and sends the session back to the node that holds its Vaadin UIs
 * (deploy/nginx.conf), so stickiness survives the id change, which a hash of the cookie's value would not.
 */
@Component
@ConditionalOnClass(TomcatServletWebServerFactory.class)
@ConditionalOnExpression("'${demarc.cluster.node-id:}' != ''")
class SessionRoute implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {
    private static final Logger log = LoggerFactory.getLogger(SessionRoute.class);
    /** What a cookie value may carry and an nginx map or haproxy rule can match without escaping. */
    static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    private final String route;

    SessionRoute(@Value("${demarc.cluster.node-id}") String route) {
        if (!VALID.matcher(route).matches()) {
            throw new IllegalArgumentException("demarc.cluster.node-id must be 1 to 32 letters, digits, '-' or '_' "
                    + "(it ends every session id of this node); got '" + route + "'");
        }
        this.route = route;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        // the route lives on the Engine, which the context reaches only once it is added: set it just before start
        factory.addContextCustomizers(context -> context.addLifecycleListener(event -> {
            if (Lifecycle.BEFORE_START_EVENT.equals(event.getType())
                    && context.getParent() != null && context.getParent().getParent() instanceof Engine engine) {
                engine.setJvmRoute(route);
                log.info("Cluster node '{}': session ids end in .{} (sticky sessions at the reverse proxy)", route, route);
            }
        }));
    }
}
