package com.demarc.audit.internal;

import com.demarc.audit.AuditLog;
import com.demarc.audit.ChainReport;
import com.demarc.shared.Actors;
import com.demarc.shared.Role;
import com.demarc.shared.UserFacingException;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code java -jar demarc.jar --verify-audit-log [--receipt=<file>]}: walks the audit log's hash chain, checks every
 * signed checkpoint (and the exported receipt, if given), prints one sentence and exits with 0 (intact) or 1 (broken,
 * naming the first bad entry, or an unreadable receipt). No web server is started for it (see Application).
 */
@Component
@Order(Integer.MIN_VALUE)
class VerifyAuditLogCommand implements ApplicationRunner {
    static final String OPTION = "verify-audit-log";
    static final String RECEIPT = "receipt";

    /** What the command prints and its exit code. */
    record Outcome(int exitCode, String sentence) {
    }

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
        var receipt = args.containsOption(RECEIPT) && !args.getOptionValues(RECEIPT).isEmpty()
                ? args.getOptionValues(RECEIPT).getFirst() : null;
        var result = new Object() {
            Outcome outcome;
        };
        Actors.runAsSystem(Set.of(Role.AUDITOR), () -> result.outcome = outcome(audit::verify, audit::verifyReceipt, receipt));
        System.out.println(result.outcome.sentence());
        System.exit(SpringApplication.exit(context, () -> result.outcome.exitCode()));
    }

    static Outcome outcome(Supplier<ChainReport> verify, Function<String, ChainReport> verifyReceipt, String receiptFile) {
        ChainReport report;
        if (receiptFile == null) {
            report = verify.get();
        } else {
            String json;
            try {
                json = Files.readString(Path.of(receiptFile));
            } catch (IOException | RuntimeException e) {
                return new Outcome(1, "Cannot read the receipt " + receiptFile + " (" + e.getMessage()
                        + "): give the path of a receipt exported from the audit log page.");
            }
            try {
                report = verifyReceipt.apply(json);
            } catch (UserFacingException e) {
                return new Outcome(1, e.getMessage());
            }
        }
        String sentence = report.describe() + (receiptFile != null && report.intact() ? " The receipt matches." : "");
        return new Outcome(report.intact() ? 0 : 1, sentence);
    }
}
