package com.demarc.catalog.internal;

import com.demarc.catalog.Control;
import com.demarc.catalog.ModelId;
import com.demarc.catalog.ResponsibilityModel;
import com.demarc.catalog.SummaryRow;
import com.demarc.shared.UserFacingException;
import org.springframework.stereotype.Component;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;

/** Turns validated catalog documents into stored model versions, and stored versions back into documents. */
@Component
public class CatalogStore {
    private final CatalogRepository repository;

    public CatalogStore(CatalogRepository repository) {
        this.repository = repository;
    }

    /** Stores the document as a new version; refuses a version that exists already. Call inside a transaction. */
    public ModelId store(CatalogDocument doc, String actor) {
        var h = doc.header();
        if (repository.hashOf(h.provider(), h.version()).isPresent()) {
            throw new UserFacingException("Nothing was imported: version " + h.version() + " of the " + h.provider()
                    + " model exists already. Give the file a new version.");
        }
        var id = repository.insertModel(h, hash(doc), actor);
        repository.insertDomains(id, doc.domains());
        repository.insertControls(id, doc.controls(), actor);
        repository.insertSeedItems(id, doc.seedItems());
        repository.insertSummary(id, doc.summary());
        repository.insertMissingServices(doc.services(), actor);
        return id;
    }

    /** The stored version as a document (its model controls only; organisation controls are not part of it). */
    public CatalogDocument load(ModelId id) {
        ResponsibilityModel m = repository.model(id).orElseThrow(() -> new UserFacingException("This catalog version no longer exists."));
        var header = new CatalogDocument.Header(m.provider(), m.name(), m.version(), m.published(), m.sourceUrl());
        var controls = repository.controlsOf(id).stream().map(CatalogStore::row).toList();
        var domainCodes = new HashSet<String>();
        controls.forEach(c -> domainCodes.add(c.domain()));
        var domains = repository.domains(id).stream().filter(d -> domainCodes.contains(d.code())).toList();
        var services = repository.services().stream()
                .map(s -> new CatalogDocument.ServiceRow(s.code(), s.name(), s.category())).toList();
        return new CatalogDocument(header, domains, controls, repository.seedItems(id), repository.summary(id), services);
    }

    static CatalogDocument.ControlRow row(Control c) {
        return new CatalogDocument.ControlRow(0, c.data().code(), c.data().domainCode(), c.data().title(), c.data().description(), c.data().defaultOwner(),
                c.data().customerPart(), c.data().awsPart(), c.data().infrastructure(), c.data().container(), c.data().abstracted(), c.data().ccmIds(),
                c.data().nistIds(), c.data().sourceUrl(), c.data().seedRefs());
    }

    /** A CSV import carries only controls: keep the summary rows and seed items of the version it is based on. */
    public CatalogDocument withSummaryOf(CatalogDocument doc, ModelId base) {
        var codes = new HashSet<String>();
        doc.controls().forEach(c -> codes.add(c.code()));
        List<SummaryRow> summary = repository.summary(base).stream()
                .map(r -> new SummaryRow(r.code(), r.text(), r.owner(),
                        r.controlCodes().stream().filter(codes::contains).toList()))
                .toList();
        var seedItems = repository.seedItems(base);
        var seedCodes = new HashSet<String>();
        seedItems.forEach(s -> seedCodes.add(s.code()));
        var controls = doc.controls().stream().map(c -> new CatalogDocument.ControlRow(c.line(), c.code(), c.domain(),
                c.title(), c.description(), c.owner(), c.customerPart(), c.awsPart(), c.infrastructure(), c.container(),
                c.abstracted(), c.ccm(), c.nist(), c.source(), c.seed().stream().filter(seedCodes::contains).toList())).toList();
        return new CatalogDocument(doc.header(), doc.domains(), controls, seedItems, summary, doc.services());
    }

    static String hash(CatalogDocument doc) {
        var out = new StringWriter();
        CatalogYaml.write(doc, out);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(out.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static CatalogDocument readYaml(java.io.Reader in) {
        return CatalogYaml.read(in);
    }

    public static CatalogDocument readCsv(java.io.Reader in, CatalogDocument.Header header) {
        return CatalogCsv.read(in, header);
    }

    public static void writeYaml(CatalogDocument doc, java.io.Writer out) {
        CatalogYaml.write(doc, out);
    }

    public static void writeCsv(CatalogDocument doc, java.io.Writer out) {
        CatalogCsv.write(doc, out);
    }
}
