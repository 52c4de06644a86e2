package com.demarc.catalog.ui;

import com.demarc.catalog.CatalogDiff;
import com.demarc.catalog.CatalogService;
import com.demarc.catalog.Control;
import com.demarc.catalog.ResponsibilityModel;
import com.demarc.shared.Actors;
import com.demarc.shared.Permissions;
import com.demarc.shared.UserFacingException;
import com.demarc.shared.ui.Downloads;
import com.demarc.shared.ui.Notices;
import com.demarc.shared.ui.RefusingUploadHandler;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.UploadEvent;
import com.vaadin.flow.component.UI;
import jakarta.annotation.security.PermitAll;

import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

/** Catalog versions: what changed between two, export to CSV/YAML, and (managers) import a new version. */
@Route("catalog/versions")
@PageTitle("Catalog versions")
@Menu(title = "Catalog versions", order = 23, icon = "vaadin:archives")
@PermitAll
class CatalogVersionsView extends VerticalLayout {
    private final CatalogService catalog;
    private final Grid<ResponsibilityModel> versions = new Grid<>();
    private final Select<ResponsibilityModel> from = new Select<>();
    private final Select<ResponsibilityModel> to = new Select<>();
    private final VerticalLayout diffResult = new VerticalLayout();

    private final long maxImportSize;

    CatalogVersionsView(CatalogService catalog,
                        @org.springframework.beans.factory.annotation.Value("${demarc.catalog.max-import-size:5MB}")
                        org.springframework.util.unit.DataSize maxImportSize) {
        this.catalog = catalog;
        this.maxImportSize = maxImportSize.toBytes();
        versions.setId("versions-grid");
        versions.addColumn(ResponsibilityModel::name).setHeader("Model").setFlexGrow(2);
        versions.addColumn(ResponsibilityModel::version).setHeader("Version");
        versions.addColumn(ResponsibilityModel::published).setHeader("Published");
        versions.addColumn(ResponsibilityModel::loadedBy).setHeader("Loaded by");
        versions.addComponentColumn(this::exports).setHeader("Export").setAutoWidth(true);
        versions.setAllRowsVisible(true);

        from.setLabel("From");
        to.setLabel("To");
        from.setItemLabelGenerator(ResponsibilityModel::label);
        to.setItemLabelGenerator(ResponsibilityModel::label);
        var compare = new Button("Show changes", e -> showDiff());
        var diffBar = new HorizontalLayout(from, to, compare);
        diffBar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        diffResult.setPadding(false);

        add(new Paragraph("Loading a new version never changes a project silently: each project follows the version "
                + "it was set up with until it is upgraded."), versions, new H3("Compare versions"), diffBar, diffResult);
        if (Actors.current().map(u -> u.getAuthorities().stream()
                .anyMatch(a -> a.getAuthority().equals(Permissions.CATALOG_EDIT))).orElse(false)) {
            add(new H3("Import a new version"), importer());
        }
        reload();
    }

    private void reload() {
        var all = catalog.models();
        versions.setItems(all);
        from.setItems(all);
        to.setItems(all);
        if (!all.isEmpty()) {
            to.setValue(all.get(0));
            from.setValue(all.size() > 1 ? all.get(1) : all.get(0));
        }
    }

    private HorizontalLayout exports(ResponsibilityModel m) {
        String base = "catalog-" + m.provider().toLowerCase(java.util.Locale.ROOT) + "-" + m.version();
        var yaml = new Anchor(Downloads.text(base + ".yaml", "application/yaml", w -> catalog.exportYaml(m.id(), w)), "YAML");
        var csv = new Anchor(Downloads.text(base + ".csv", "text/csv", w -> catalog.exportCsv(m.id(), w)), "CSV");
        // the oscal module's page, by URL: the catalog module does not depend on it
        var oscal = new Anchor("oscal?model=" + m.id().value(), "OSCAL");
        return new HorizontalLayout(yaml, csv, oscal);
    }

    private void showDiff() {
        diffResult.removeAll();
        if (from.getValue() == null || to.getValue() == null) {
            diffResult.add(new Paragraph("Choose two versions."));
            return;
        }
        CatalogDiff diff = catalog.diff(from.getValue().id(), to.getValue().id());
        if (diff.isEmpty()) {
            diffResult.add(new Paragraph("No controls were added, removed or changed owner."));
            return;
        }
        diffResult.add(section("Added (" + diff.added().size() + ")", diff.added().stream().map(CatalogVersionsView::line).toList()));
        diffResult.add(section("Removed (" + diff.removed().size() + ")", diff.removed().stream().map(CatalogVersionsView::line).toList()));
        diffResult.add(section("Owner changed (" + diff.ownerChanged().size() + ")", diff.ownerChanged().stream()
                .map(c -> c.code() + " " + c.title() + ": " + c.before() + " → " + c.after()).toList()));
    }

    private static String line(Control c) {
        return c.data().code() + " " + c.data().title() + " (" + c.data().defaultOwner().label() + ")";
    }

    private static VerticalLayout section(String title, java.util.List<String> lines) {
        var list = new UnorderedList();
        lines.forEach(l -> list.add(new ListItem(l)));
        var box = new VerticalLayout(new H3(title), list);
        box.setPadding(false);
        return box;
    }

    private VerticalLayout importer() {
        var name = new TextField("Model name (CSV only)");
        name.setValue("AWS Shared Responsibility Model");
        var version = new TextField("New version (CSV only)");
        var published = com.demarc.shared.ui.Dates.iso(new DatePicker("Published (CSV only)", LocalDate.now()));
        long max = maxImportSize;
        var upload = new Upload(new RefusingUploadHandler("The upload was interrupted: nothing was imported. Import "
                + "the file again.") {
            @Override
            protected void receive(UploadEvent event) throws java.io.IOException {
                UI ui = event.getUI();
                String fileName = event.getFileName() == null ? "" : event.getFileName().toLowerCase(java.util.Locale.ROOT);
                if (event.getFileSize() > max) {
                    throw tooLarge(max);
                }
                byte[] bytes;
                try (var in = event.getInputStream()) {
                    bytes = readAtMost(in, max);
                }
                if (bytes == null) {
                    throw tooLarge(max);
                }
                ui.access(() -> importFile(fileName, bytes, name.getValue(), version.getValue(), published.getValue()));
            }

            @Override
            public long getFileSizeMax() {
                return max;
            }
        });
        upload.setAcceptedFileTypes(".yaml", ".yml", ".csv");
        upload.setMaxFileSize((int) Math.min(Integer.MAX_VALUE, max));
        upload.setMaxFiles(1);
        upload.addFileRejectedListener(e -> Notices.error(new UserFacingException(
                "That file was refused (" + e.getErrorMessage() + "): import a .yaml or .csv file under " + (max >> 20) + " MB.")));
        var fields = new HorizontalLayout(name, version, published);
        var box = new VerticalLayout(new Paragraph("YAML holds a whole model version (its own version number). CSV holds "
                + "the controls only: give the version here; the model summary is carried over from the newest version. "
                + "The file is checked first and nothing is imported if anything is wrong."), fields, upload);
        box.setPadding(false);
        return box;
    }

    private void importFile(String fileName, byte[] bytes, String modelName, String version, LocalDate published) {
        try (var reader = new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8)) {
            ResponsibilityModel imported = fileName.endsWith(".csv")
                    ? catalog.importCsv(reader, modelName, version, published)
                    : catalog.importYaml(reader);
            Notices.success("Imported " + imported.label() + ".");
            reload();
        } catch (java.io.IOException e) {
            throw new UserFacingException("The file could not be read: nothing was imported.");
        }
    }

    /**
     * The stream's bytes, or null when it holds more than {@code max}: reads at most one byte past the limit, whatever
     * the client declared, so nothing larger is ever held.
     */
    static byte[] readAtMost(java.io.InputStream in, long max) throws java.io.IOException {
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
        return bytes.length > max ? null : bytes;
    }

    private static UserFacingException tooLarge(long max) {
        return new UserFacingException("The file is larger than " + (max >> 20) + " MB (demarc.catalog.max-import-size): "
                + "nothing was imported. Import a .yaml or .csv file under that size.");
    }
}
