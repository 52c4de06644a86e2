package com.demarc.project.ui;

import com.demarc.catalog.AwsService;
import com.demarc.catalog.AwsServiceId;
import com.demarc.catalog.ServiceCategory;
import com.demarc.organization.Team;
import com.demarc.organization.TeamId;
import com.demarc.project.ProjectDraft;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.ValidationException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The project form: a buffered Binder over {@link ProjectDraft}; what the user sees on the fields, nothing saved. */
class ProjectFormTest {
    static final Team PAYMENTS = new Team(new TeamId(7), "Payments", "", List.of(), 0, null, null);
    static final List<AwsService> SERVICES = List.of(new AwsService(new AwsServiceId(1), "EC2", "Amazon EC2", ServiceCategory.INFRASTRUCTURE, 0),
            new AwsService(new AwsServiceId(2), "S3", "Amazon S3", ServiceCategory.ABSTRACTED, 0));

    @Test
    void fieldErrorsKeepEverythingUnsaved() {
        var form = new ProjectForm(List.of(PAYMENTS), SERVICES);
        form.readRecord(new ProjectDraft(null, "", "", List.of(), Set.of()));
        field(form, "project-accounts").setValue("12345, 123456789012");

        assertThatThrownBy(form::writeRecord).isInstanceOfSatisfying(ValidationException.class, e ->
                assertThat(e.getFieldValidationErrors()).extracting(v -> v.getMessage().orElse("")).contains(
                        "Choose the team that owns the project.", "Give the project a name.",
                        "AWS account ids have 12 digits; separate several with commas."));
        assertThat(field(form, "project-name").isInvalid()).isTrue();
        assertThat(field(form, "project-accounts").isInvalid()).isTrue();
        assertThat(field(form, "project-accounts").getValue()).isEqualTo("12345, 123456789012");
    }

    @Test
    void readThenWriteGivesTheSameDraftAndEditsComeBackTyped() throws ValidationException {
        var form = new ProjectForm(List.of(PAYMENTS), SERVICES);
        var draft = new ProjectDraft(PAYMENTS.id(), "Checkout API", "Card payments", List.of("123456789012"), Set.of(new AwsServiceId(2)));
        form.readRecord(draft);
        assertThat(form.writeRecord()).isEqualTo(draft);

        field(form, "project-accounts").setValue("123456789012; 210987654321");
        assertThat(form.writeRecord().awsAccountIds()).containsExactly("123456789012", "210987654321");
        assertThat(form.pickedServiceIds()).containsExactly(new AwsServiceId(2));
    }

    private static TextField field(ProjectForm form, String id) {
        return form.getChildren().findFirst().orElseThrow().getChildren()
                .filter(c -> c.getId().filter(id::equals).isPresent()).map(TextField.class::cast).findFirst().orElseThrow();
    }
}
