package com.demarc.catalog.ui;

import com.demarc.catalog.AwsService;
import com.demarc.catalog.CatalogService;
import com.demarc.catalog.Control;
import com.demarc.catalog.ControlId;
import com.demarc.catalog.Owner;
import com.demarc.catalog.ServiceCategory;
import com.demarc.shared.Actors;
import com.demarc.shared.Permissions;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AnchorTarget;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.NativeTable;
import com.vaadin.flow.component.html.NativeTableCell;
import com.vaadin.flow.component.html.NativeTableHeaderCell;
import com.vaadin.flow.component.html.NativeTableRow;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import jakarta.annotation.security.PermitAll;

import java.util.List;
import java.util.stream.Collectors;

/** One control: both halves side by side, its owner per service category, references and where it comes from. */
@Route("catalog/control")
@PermitAll
class ControlView extends VerticalLayout implements HasUrlParameter<Long>, HasDynamicTitle {
    private final CatalogService catalog;
    private String title = "Control";

    ControlView(CatalogService catalog) {
        this.catalog = catalog;
        setId("control-view");
        setMaxWidth("72rem");
    }

    @Override
    public void setParameter(BeforeEvent event, Long id) {
        removeAll();
        var control = catalog.control(new ControlId(id)).orElse(null);
        if (control == null) {
            add(new H2("Control not found"), new Paragraph("This control does not exist (any more)."),
                    new RouterLink("Back to the catalog", CatalogView.class));
            return;
        }
        title = control.data().code() + " · " + control.data().title();
        render(control);
    }

    private void render(Control c) {
        var back = new RouterLink("← Catalog", CatalogView.class);
        var heading = new H2(c.data().code() + " " + c.data().title());
        heading.setId("control-title");
        var meta = new HorizontalLayout(OwnerBadge.of(c.data().defaultOwner()), new Span(c.data().domainName()),
                new Span(c.data().organisation() ? "Organisation control" : "AWS model"));
        meta.setAlignItems(Alignment.CENTER);
        add(back, heading, meta, new Paragraph(c.data().description()));

        add(new H3("Who does what"));
        var halves = new FlexLayout(half("customer-part", "Customer's part", c.data().customerPart(), c.data().defaultOwner(), true),
                half("aws-part", "AWS's part", c.data().awsPart(), c.data().defaultOwner(), false));
        halves.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        halves.getStyle().set("gap", "var(--lumo-space-m)");
        halves.setWidthFull();
        add(halves);

        add(new H3("Owner by service category"), categoryTable(c));

        add(new H3("References"));
        var refs = new UnorderedList();
        refs.add(new ListItem("CSA CCM v4: " + (c.data().ccmIds().isEmpty() ? "—" : String.join(", ", c.data().ccmIds()))));
        refs.add(new ListItem("NIST SP 800-53 rev5: " + (c.data().nistIds().isEmpty() ? "—"
                : c.data().nistIds().stream().map(s -> s.toUpperCase(java.util.Locale.ROOT)).collect(Collectors.joining(", ")))));
        if (c.data().sourceUrl() != null && !c.data().sourceUrl().isBlank()) {
            var source = new Anchor(c.data().sourceUrl(), c.data().sourceUrl());
            source.setTarget(AnchorTarget.BLANK);
            source.getElement().setAttribute("rel", "noopener noreferrer");
            refs.add(new ListItem(new Span("Source: "), source));
        }
        add(refs);

        if (!c.data().organisation() && c.data().modelId() != null) {
            var seed = catalog.seedItems(c.data().modelId()).stream().filter(s -> c.data().seedRefs().contains(s.code())).toList();
            var rows = catalog.summary(c.data().modelId()).stream().filter(r -> r.controlCodes().contains(c.data().code())).toList();
            if (!seed.isEmpty() || !rows.isEmpty()) {
                add(new H3("Realises"));
                var list = new UnorderedList();
                rows.forEach(r -> list.add(new ListItem("Model summary " + r.code() + ": " + r.text()
                        + " (" + r.owner().label() + ")")));
                seed.forEach(s -> list.add(new ListItem("Source text " + s.code() + ": " + s.text())));
                add(list);
            }
        }
        if (c.data().organisation() && canEdit()) {
            add(new Button("Edit", VaadinIcon.EDIT.create(), e -> new OrganisationControlDialog(catalog,
                    catalog.latestModel(), c, () -> getUI().ifPresent(ui -> ui.getPage().reload())).open()));
        }
    }

    private static Component half(String id, String heading, String text, Owner owner, boolean customer) {
        var box = new Div();
        box.setId(id);
        box.addClassName("half");
        String body = text;
        if (body == null || body.isBlank()) {
            body = switch (owner) {
                case CUSTOMER -> customer ? "The customer carries this control in full." : "Nothing: this is the customer's control.";
                case AWS -> customer ? "Nothing: AWS carries this control (the customer inherits it)." : "AWS carries this control in full.";
                default -> "—";
            };
        }
        box.add(new H4(heading), new Paragraph(body));
        return box;
    }

    private Component categoryTable(Control c) {
        var services = catalog.services();
        var table = new NativeTable();
        table.setId("category-owners");
        table.addClassName("category-table");
        var headRow = new NativeTableRow(new NativeTableHeaderCell("Service category"),
                new NativeTableHeaderCell("Owner"), new NativeTableHeaderCell("For example"));
        table.getHead().add(headRow);
        var body = table.getBody();
        for (ServiceCategory cat : ServiceCategory.values()) {
            String examples = services.stream().filter(s -> s.category() == cat).limit(6).map(AwsService::code)
                    .collect(Collectors.joining(", "));
            body.add(new NativeTableRow(new NativeTableCell(cat.label()), new NativeTableCell(OwnerBadge.of(c.ownerIn(cat))),
                    new NativeTableCell(examples)));
        }
        return table;
    }

    private static boolean canEdit() {
        return Actors.current().map(u -> u.getAuthorities().stream()
                .anyMatch(a -> a.getAuthority().equals(Permissions.CATALOG_EDIT))).orElse(false);
    }

    @Override
    public String getPageTitle() {
        return title;
    }

    static List<Owner> owners() {
        return List.of(Owner.values());
    }
}
