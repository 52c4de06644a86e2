package com.demarc.oscal;

/** The three OSCAL serialisations, all written by liboscal-java's bindings. */
public enum OscalFormat {
    JSON("json", "application/json"), XML("xml", "application/xml"), YAML("yaml", "application/yaml");

    private final String extension;
    private final String contentType;

    OscalFormat(String extension, String contentType) {
        this.extension = extension;
        this.contentType = contentType;
    }

    public String extension() {
        return extension;
    }

    public String contentType() {
        return contentType;
    }

    /** The format a file name's extension names, JSON when it names none. */
    public static OscalFormat ofFileName(String fileName) {
        String lower = fileName == null ? "" : fileName.toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith(".xml")) {
            return XML;
        }
        if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
            return YAML;
        }
        return JSON;
    }
}
