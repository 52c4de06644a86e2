package com.demarc.oscal.internal;

import gov.nist.secauto.metaschema.core.datatype.markup.MarkupLine;
import gov.nist.secauto.metaschema.core.datatype.markup.MarkupMultiline;
import gov.nist.secauto.oscal.lib.model.Link;
import gov.nist.secauto.oscal.lib.model.Property;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/** Small helpers to build OSCAL values: plain text as markup (escaped), props in Demarc's namespace, dates. */
public final class Markup {
    /** Demarc's namespace for its own props and parts (owner per service category, CCM ids, AWS accounts …). */
    public static final URI NS = URI.create("https://demarc.dev/ns/oscal");

    private Markup() {
    }

    static String escape(String text) {
        var out = new StringBuilder();
        for (char ch : text.strip().toCharArray()) {
            if ("\\`*_[]<>#|~".indexOf(ch) >= 0) {
                out.append('\\');
            }
            out.append(ch);
        }
        return out.toString();
    }

    static MarkupLine line(String text) {
        return MarkupLine.fromMarkdown(escape(text.replaceAll("\\s+", " ")));
    }

    static MarkupMultiline prose(String text) {
        return MarkupMultiline.fromMarkdown(escape(text));
    }

    static Property prop(String name, String value) {
        var p = new Property();
        p.setName(name);
        p.setNs(NS);
        p.setValue(value);
        return p;
    }

    /** A prop in OSCAL's own namespace (names OSCAL defines, e.g. implementation-point). */
    static Property oscalProp(String name, String value) {
        var p = new Property();
        p.setName(name);
        p.setValue(value);
        return p;
    }

    static Link link(String href, String rel, String text) {
        var l = new Link();
        l.setHref(URI.create(href));
        l.setRel(rel);
        if (text != null) {
            l.setText(line(text));
        }
        return l;
    }

    static ZonedDateTime time(Instant instant) {
        return instant.atZone(ZoneOffset.UTC).withNano(0);
    }

    static ZonedDateTime time(LocalDate date) {
        return date.atStartOfDay(ZoneOffset.UTC);
    }

    /** Text read back from markup, for import. */
    static String text(Object markup) {
        if (markup instanceof MarkupLine l) {
            return l.toMarkdown().strip();
        }
        if (markup instanceof MarkupMultiline m) {
            return m.toMarkdown().strip();
        }
        return "";
    }
}
