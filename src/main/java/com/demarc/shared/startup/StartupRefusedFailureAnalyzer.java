package com.demarc.shared.startup;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports a {@link StartupRefusedException} as its reason and action, without a stack trace. */
public class StartupRefusedFailureAnalyzer extends AbstractFailureAnalyzer<StartupRefusedException> {
    @Override
    protected FailureAnalysis analyze(Throwable root, StartupRefusedException e) {
        return new FailureAnalysis(e.getMessage(), e.action(), null);
    }
}
