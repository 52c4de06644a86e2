package com.demarc.shared.startup;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns an unreachable database into one sentence that says what to do. */
public class DatabaseUnavailableFailureAnalyzer extends AbstractFailureAnalyzer<DatabaseUnavailableException> {
    @Override
    protected FailureAnalysis analyze(Throwable root, DatabaseUnavailableException e) {
        if (e.migrationUser() != null) {
            return new FailureAnalysis("Demarc cannot run its migrations at " + e.url() + " as the owner role '"
                    + e.migrationUser() + "' (" + e.reason() + "): create that role and let it own the database "
                    + "(README, \"Run and test\"), or set SPRING_FLYWAY_USER and SPRING_FLYWAY_PASSWORD to the login "
                    + "that owns it (for a single-role install, the same as SPRING_DATASOURCE_USERNAME).",
                    "See the Configuration section of README.md.", null);
        }
        return new FailureAnalysis(
                "Demarc cannot use its PostgreSQL database at " + e.url() + " (" + e.reason() + "): start PostgreSQL "
                        + "(or Docker, for docker-compose.yml) or set SPRING_DATASOURCE_URL, SPRING_DATASOURCE_USERNAME "
                        + "and SPRING_DATASOURCE_PASSWORD to a database you can reach.",
                "See the Configuration section of README.md.", null);
    }
}
