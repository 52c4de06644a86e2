package com.demarc.automation.ui;

import com.demarc.automation.AutomationService;
import com.demarc.automation.ImportReport;
import com.demarc.automation.ResultFormat;
import com.demarc.project.ProjectId;
import com.demarc.shared.ui.RefusingUploadHandler;
import com.vaadin.flow.server.streams.UploadEvent;

import java.io.IOException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Streams an uploaded results file into the import (never held in memory); the report is shown after the answer. */
class ResultsUploadHandler extends RefusingUploadHandler {
    private final AutomationService automation;
    private final ProjectId project;
    private final Supplier<ResultFormat> format;
    private final Consumer<ImportReport> onImported;

    ResultsUploadHandler(AutomationService automation, ProjectId project, Supplier<ResultFormat> format,
                         Consumer<ImportReport> onImported) {
        super("The upload was interrupted: nothing was imported. Try again.");
        this.automation = automation;
        this.project = project;
        this.format = format;
        this.onImported = onImported;
    }

    @Override
    protected void receive(UploadEvent event) throws IOException {
        try (var in = event.getInputStream()) {
            var report = automation.importResults(in, event.getFileName(), format.get(), project);
            later(event.getUI(), () -> onImported.accept(report));
        }
    }

    @Override
    public long getFileSizeMax() {
        return -1;
    }
}
