package com.demarc.audit.ui;

import com.demarc.support.DemarcTest;
import com.demarc.support.TestDatabase;
import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.browserless.ViewPackages;
import com.demarc.audit.AuditAction;
import com.demarc.audit.AuditEntry;
import com.demarc.audit.AuditLog;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Paragraph;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithUserDetails;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit log page as an auditor sees it: the receipt export, verification that counts the signed checkpoints, and
 * the single-role warning exactly when the app's database role could alter the log.
 */
@DemarcTest
@ViewPackages(packages = "com.demarc")
class AuditLogViewTest extends SpringBrowserlessTest {
    @Autowired
    AuditLog audit;

    @Test
    @WithUserDetails("auditor")
    void auditorSeesReceiptExportVerificationAndTheRoleWarningOnlyInSingleRole() {
        var view = navigate(AuditLogView.class);
        assertThat($(Anchor.class, view).id("audit-receipt").getText()).isEqualTo("Export receipt");
        test($(Button.class, view).id("audit-verify")).click();
        assertThat($(Paragraph.class, view).id("audit-chain").getText()).startsWith("Audit log intact").contains("signed checkpoint");
        var warnings = $(Paragraph.class, view).withId("audit-protection-warning").all();
        if (TestDatabase.get().twoRoles()) {
            assertThat(warnings).isEmpty();
        } else {
            assertThat(warnings).singleElement().extracting(Paragraph::getText).asString()
                    .contains("can alter or delete audit log entries");
        }
    }

    @Test
    @WithUserDetails("auditor")
    @SuppressWarnings("unchecked")
    void theActionFilterOffersEveryAuditActionAndFiltersByIt() {
        audit.recordIndependently(AuditAction.LOGIN_SUCCEEDED, "user", "auditor", "Signed in (audit filter test)");
        var view = navigate(AuditLogView.class);
        ComboBox<AuditAction> action = $(ComboBox.class, view).id("audit-action");
        assertThat(test(action).getSuggestions()).contains("LOGIN_SUCCEEDED", "EVIDENCE_UPLOADED", "AUDIT_PACKAGE_EXPORTED");
        test(action).selectItem("LOGIN_SUCCEEDED");
        Grid<AuditEntry> grid = $(Grid.class, view).id("audit-grid");
        assertThat(test(grid).size()).isPositive();
        for (int row = 0; row < Math.min(test(grid).size(), 20); row++) {
            assertThat(test(grid).getRow(row).action()).isEqualTo("LOGIN_SUCCEEDED");
        }
    }
}
