package com.demarc.project.ui;

import com.demarc.project.AwsAccountId;
import com.demarc.catalog.AwsService;
import com.demarc.catalog.AwsServiceId;
import com.demarc.organization.Team;
import com.demarc.organization.TeamId;
import com.demarc.project.ProjectDraft;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.Binder;
import com.vaadin.flow.data.binder.ValidationException;
import com.vaadin.flow.data.converter.Converter;
import com.vaadin.flow.data.binder.Result;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The fields of a project, through a buffered {@link Binder} over {@link ProjectDraft}. */
class ProjectForm extends Composite<FormLayout> {
    private final Select<Team> team = new Select<>();
    private final TextField name = new TextField("Name");
    private final TextArea description = new TextArea("Description");
    private final TextField accounts = new TextField("AWS account ids");
    private final MultiSelectComboBox<AwsService> services = new MultiSelectComboBox<>("AWS services used");
    private final Binder<ProjectDraft> binder = new Binder<>(ProjectDraft.class);

    ProjectForm(List<Team> teams, List<AwsService> allServices) {
        team.setLabel("Team");
        team.setItems(teams);
        team.setItemLabelGenerator(Team::name);
        team.setId("project-team");
        name.setId("project-name");
        accounts.setHelperText("12-digit ids, separated by commas");
        accounts.setId("project-accounts");
        services.setItems(allServices);
        services.setItemLabelGenerator(s -> s.name() + " (" + s.category().label().toLowerCase(Locale.ROOT) + ")");
        services.setId("project-services");
        getContent().add(team, name, description, accounts, services);
        getContent().setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));

        binder.forField(team).asRequired("Choose the team that owns the project.")
                .withConverter(Converter.<Team, TeamId>from(t -> Result.ok(t == null ? null : t.id()),
                        id -> teams.stream().filter(t -> t.id().equals(id)).findFirst().orElse(null)))
                .bind("teamId");
        binder.forField(name).asRequired("Give the project a name.").bind("name");
        binder.forField(description).bind("description");
        binder.forField(accounts)
                .withValidator(v -> ids(v).stream().allMatch(AwsAccountId::isValid),
                        "AWS account ids have 12 digits; separate several with commas.")
                .withConverter(Converter.<String, List<String>>from(v -> Result.ok(ids(v)), l -> String.join(", ", l)))
                .bind("awsAccountIds");
        binder.forField(services)
                .withConverter(Converter.<Set<AwsService>, Set<AwsServiceId>>from(
                        s -> Result.ok(s.stream().map(AwsService::id).collect(Collectors.toSet())),
                        ids -> allServices.stream().filter(s -> ids.contains(s.id())).collect(Collectors.toSet())))
                .bind("serviceIds");
    }

    private static List<String> ids(String value) {
        return Arrays.stream(value.split("[,;\\s]+")).filter(s -> !s.isBlank()).toList();
    }

    void readRecord(ProjectDraft draft) {
        binder.readRecord(draft);
    }

    /** The project as entered; field-level errors are shown and a {@link ValidationException} thrown if one fails. */
    ProjectDraft writeRecord() throws ValidationException {
        return binder.writeRecord();
    }

    /** The services currently picked (before saving), for the owner-change preview. */
    Set<AwsServiceId> pickedServiceIds() {
        return services.getValue().stream().map(AwsService::id).collect(Collectors.toSet());
    }

    void onServicesChanged(Runnable listener) {
        services.addValueChangeListener(e -> listener.run());
    }
}
