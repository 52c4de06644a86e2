package com.demarc.evidence.internal;

import com.demarc.evidence.EvidenceRefused;
import org.apache.tika.Tika;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides what an upload is from its first bytes (Apache Tika's magic-byte detection), never from its name alone:
 * the content must be one of the allowed types and agree with the file's extension. Also checks the file name.
 */
@Component
public class FileTypePolicy {
    /** An allowed type: the content types Tika may report for it, and the type we store and serve. */
    record Allowed(Set<String> detected, String stored) {
    }

    private static final Set<String> TEXT = Set.of("text/plain");
    private static final Set<String> OOXML = Set.of("application/x-tika-ooxml", "application/zip");
    static final Map<String, Allowed> BY_EXTENSION = Map.ofEntries(
            Map.entry("pdf", new Allowed(Set.of("application/pdf"), "application/pdf")),
            Map.entry("png", new Allowed(Set.of("image/png"), "image/png")),
            Map.entry("jpg", new Allowed(Set.of("image/jpeg"), "image/jpeg")),
            Map.entry("jpeg", new Allowed(Set.of("image/jpeg"), "image/jpeg")),
            Map.entry("txt", new Allowed(TEXT, "text/plain")),
            Map.entry("log", new Allowed(TEXT, "text/plain")),
            Map.entry("csv", new Allowed(Set.of("text/plain", "text/csv"), "text/csv")),
            Map.entry("json", new Allowed(Set.of("text/plain", "application/json"), "application/json")),
            Map.entry("zip", new Allowed(Set.of("application/zip"), "application/zip")),
            Map.entry("xlsx", new Allowed(OOXML, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")),
            Map.entry("docx", new Allowed(OOXML, "application/vnd.openxmlformats-officedocument.wordprocessingml.document")));
    static final String ALLOWED_LIST = "PDF, PNG, JPEG, TXT, CSV, JSON, XLSX, DOCX, ZIP or LOG";
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private final Tika tika = new Tika();

    /** Refuses names that could act as paths or break headers and logs; the name is only ever shown, never used as a path. */
    public String checkName(String fileName) {
        return checkFileName(fileName);
    }

    /**
     * The one check for every stored file name (evidence, attestations): refuses path separators, "..", control
     * characters (C0, C1), Unicode format characters (bidi overrides and isolates, zero-width characters, soft
     * hyphen, BOM), line separators, unpaired surrogates and names with nothing visible; returns the name stripped
     * and NFC-normalised, so that one name is stored one way. Throws {@link EvidenceRefused} with what to do.
     */
    public static String checkFileName(String fileName) {
        if (fileName == null || fileName.isBlank()) {
            throw new EvidenceRefused("The file has no name: give it a name with an extension such as .pdf.");
        }
        String name = Normalizer.normalize(fileName, Normalizer.Form.NFC).strip();
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            if (invisibleOrControl(cp)) {
                String which = String.format("U+%04X", cp) + (Character.getName(cp) == null ? "" : " " + Character.getName(cp))
                        + " at position " + (name.codePointCount(0, i) + 1);
                throw new EvidenceRefused(Character.getType(cp) == Character.CONTROL
                        ? "The file name contains control characters (" + which + "): rename the file using ordinary characters."
                        : "The file name contains an invisible or text-direction character (" + which + "), which can "
                        + "make it look like another name: rename the file using only visible characters.");
            }
            i += Character.charCount(cp);
        }
        if (name.contains("/") || name.contains("\\")) {
            throw new EvidenceRefused("The file name '" + display(name) + "' contains a path separator (/ or \\): "
                    + "rename the file without them.");
        }
        if (name.contains("..")) {
            throw new EvidenceRefused("The file name '" + display(name) + "' contains '..': rename the file.");
        }
        int dot = name.lastIndexOf('.');
        String stem = dot < 0 ? name : name.substring(0, dot);
        if (stem.codePoints().noneMatch(FileTypePolicy::visible)) {
            throw new EvidenceRefused("The file name has nothing visible before its extension: give the file a name "
                    + "that says what it holds, e.g. mfa-policy.pdf.");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > 255) {
            throw new EvidenceRefused("The file name is longer than 255 bytes: shorten it.");
        }
        return name;
    }

    private static boolean invisibleOrControl(int cp) {
        int type = Character.getType(cp);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
                || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.PRIVATE_USE || type == Character.UNASSIGNED
                || FILLERS.contains(cp) || (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF);
    }

    /** Letters and marks that draw nothing (Hangul and braille fillers), used to fake empty or look-alike names. */
    private static final Set<Integer> FILLERS = Set.of(0x115F, 0x1160, 0x3164, 0xFFA0, 0x2800, 0x034F, 0x17B4, 0x17B5);

    private static boolean visible(int cp) {
        return !Character.isWhitespace(cp) && !Character.isSpaceChar(cp) && !invisibleOrControl(cp)
                && Character.getType(cp) != Character.NON_SPACING_MARK && Character.getType(cp) != Character.ENCLOSING_MARK;
    }

    /**
     * Detects the type from the stream's first bytes (the stream must support mark/reset) and returns the content
     * type to store; refuses a type outside the allowlist or one that does not match the extension.
     */
    public String check(String fileName, InputStream markable) throws IOException {
        String extension = extension(fileName);
        String detected = tika.detect(markable);
        Allowed allowed = BY_EXTENSION.get(extension);
        if (allowed == null) {
            throw new EvidenceRefused("Files ending in '." + extension + "' are not accepted: upload " + ALLOWED_LIST + ".");
        }
        if (!allowed.detected().contains(detected)) {
            boolean knownType = BY_EXTENSION.values().stream().anyMatch(a -> a.detected().contains(detected));
            throw new EvidenceRefused(knownType
                    ? "The file's content (" + detected + ") does not match its name ending in '." + extension
                    + "': rename it to match what it is, or upload the right file."
                    : "The file's content is " + detected + ", which is not accepted (whatever its name says): upload "
                    + ALLOWED_LIST + ".");
        }
        return allowed.stored();
    }

    public static boolean isZipFamily(String contentType) {
        return contentType.equals("application/zip") || contentType.startsWith("application/vnd.openxmlformats");
    }

    static String extension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** A name made safe for showing in messages. */
    static String display(String fileName) {
        String s = CONTROL.matcher(fileName).replaceAll("?");
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
