package com.demarc.evidence.internal;

import com.demarc.evidence.EvidenceStorage;
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
 * {@code java -jar demarc.jar --verify-evidence}: streams every stored content and checks its SHA-256, printing each
 * mismatch; exit code 0 (intact) or 1. {@code --migrate-evidence --from=postgres --to=s3}: moves all content between
 * stores, checking every hash; run it again to resume after an interruption; exit code 0 when nothing is left in the
 * source. No web server is started for either (see Application).
 */
@Component
@Order(Integer.MIN_VALUE + 1)
class EvidenceStoreCommands implements ApplicationRunner {
    static final String VERIFY = "verify-evidence";
    static final String MIGRATE = "migrate-evidence";

    /** What a command prints last and its exit code. */
    record Outcome(int exitCode, String sentence) {
    }

    private final EvidenceStorage storage;
    private final ApplicationContext context;

    EvidenceStoreCommands(EvidenceStorage storage, ApplicationContext context) {
        this.storage = storage;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!args.containsOption(VERIFY) && !args.containsOption(MIGRATE)) {
            return;
        }
        var outcome = outcome(args);
        System.out.println(outcome.sentence());
        System.exit(SpringApplication.exit(context, outcome::exitCode));
    }

    Outcome outcome(ApplicationArguments args) {
        var result = new Object() {
            Outcome outcome;
        };
        if (args.containsOption(VERIFY)) {
            Actors.runAsSystem(Set.of(Role.AUDITOR), () -> {
                var report = storage.verifyAll(m -> System.out.println("MISMATCH " + m));
                result.outcome = new Outcome(report.intact() ? 0 : 1, report.describe());
            });
            return result.outcome;
        }
        try {
            String from = value(args, "from");
            String to = value(args, "to");
            if (from == null || to == null) {
                return new Outcome(1, "Say which stores: --migrate-evidence --from=postgres --to=s3 (stores: postgres, "
                        + "filesystem, s3; the target's settings demarc.evidence.filesystem.* or demarc.evidence.s3.* must be set).");
            }
            Actors.runAsSystem(Set.of(Role.ADMIN), () -> {
                var report = storage.migrate(from, to, System.out::println);
                result.outcome = new Outcome(report.complete() ? 0 : 1, report.describe()
                        + (report.complete() ? " Now set demarc.evidence.store=" + to + " and restart." : ""));
            });
        } catch (RuntimeException e) {
            return new Outcome(1, "Nothing was moved: " + e.getMessage());
        }
        return result.outcome;
    }

    private static String value(ApplicationArguments args, String name) {
        var values = args.getOptionValues(name);
        if (values == null || values.isEmpty() || values.getFirst().isBlank()) {
            return null;
        }
        String v = values.getFirst().strip().toLowerCase(java.util.Locale.ROOT);
        return switch (v) {
            case StoreSettings.POSTGRES, StoreSettings.FILESYSTEM, StoreSettings.S3 -> v;
            default -> throw new IllegalArgumentException("'" + v + "' is not a store: use postgres, filesystem or s3.");
        };
    }
}
