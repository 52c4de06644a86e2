package com.demarc.audit.internal;

import com.demarc.audit.AuditLog;
import com.demarc.shared.Actors;
import com.demarc.shared.Role;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.util.Set;

/**
 * {@code java -jar demarc.jar --verify-audit-log}: walks the audit log's hash chain, prints the result and exits
 * with 0 (intact) or 1 (broken, naming the first bad entry). No web server is started for it (see Application).
 */
@Component
@Order(Integer.MIN_VALUE)
class VerifyAuditLogCommand implements ApplicationRunner {
    static final String OPTION = "verify-audit-log";

    private final AuditLog audit;
    private final ApplicationContext context;

    VerifyAuditLogCommand(AuditLog audit, ApplicationContext context) {
        this.audit = audit;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!args.containsOption(OPTION)) {
            return;
        }
        var result = new Object() {
            String text;
            boolean ok;
        };
        Actors.runAsSystem(Set.of(Role.AUDITOR), () -> {
            var report = audit.verify();
            result.text = report.describe();
            result.ok = report.intact();
        });
        System.out.println(result.text);
        int code = result.ok ? 0 : 1;
        System.exit(SpringApplication.exit(context, () -> code));
    }
}
