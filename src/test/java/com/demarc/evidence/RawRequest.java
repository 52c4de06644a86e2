package com.demarc.evidence;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 request written by hand on a socket, so a test can declare a body length it never sends (or send it
 * at its own pace) and read what the server answers before the body has arrived.
 */
record RawRequest(int status, Map<String, String> headers, String body) {

    String contentType() {
        return headers.getOrDefault("content-type", "");
    }

    /** Sends the head declaring {@code declaredLength}, then {@code sentBytes} of it, and reads the answer. */
    static RawRequest send(int port, String method, String path, String cookie, String contentType,
                           Map<String, String> extraHeaders, long declaredLength, int sentBytes) throws IOException {
        return send(port, method, path, cookie, contentType, extraHeaders, declaredLength, TestPdf.start(sentBytes), 0);
    }

    /** Sends {@code body} at {@code bytesPerSecond} (0: at once) under a head declaring {@code declaredLength}. */
    static RawRequest send(int port, String method, String path, String cookie, String contentType,
                           Map<String, String> extraHeaders, long declaredLength, byte[] body, int bytesPerSecond)
            throws IOException {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(15_000);
            var head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\n");
            head.append("Cookie: ").append(cookie).append("\r\nContent-Type: ").append(contentType)
                    .append("\r\nContent-Length: ").append(declaredLength).append("\r\n");
            extraHeaders.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            head.append("\r\n");
            var out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (bytesPerSecond <= 0) {
                out.write(body);
            } else {
                long start = System.nanoTime();
                for (int off = 0; off < body.length; off += 1024) {
                    out.write(body, off, Math.min(1024, body.length - off));
                    out.flush();
                    long wait = start + (off + 1024L) * 1_000_000_000L / bytesPerSecond - System.nanoTime();
                    if (wait > 0) {
                        try {
                            Thread.sleep(wait / 1_000_000);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new IOException(e);
                        }
                    }
                }
            }
            out.flush();
            return read(socket.getInputStream());
        }
    }

    private static RawRequest read(InputStream in) throws IOException {
        String status = line(in);
        var headers = new LinkedHashMap<String, String>();
        for (String l = line(in); !l.isEmpty(); l = line(in)) {
            int colon = l.indexOf(':');
            headers.put(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), l.substring(colon + 1).trim());
        }
        var body = new ByteArrayOutputStream();
        try {
            if (headers.containsKey("content-length")) {
                body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
            } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                for (int size = Integer.parseInt(line(in).split(";")[0].trim(), 16); size > 0;
                     size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) {
                    body.write(in.readNBytes(size));
                    line(in);
                }
            } else {
                in.transferTo(body);
            }
        } catch (SocketTimeoutException | java.net.SocketException e) {
            // what arrived is the answer
        }
        return new RawRequest(Integer.parseInt(status.split(" ")[1]), headers, body.toString(StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        var line = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    /** The first bytes of a PDF, padded. */
    static final class TestPdf {
        static byte[] start(int size) {
            byte[] head = "%PDF-1.4\n".getBytes(StandardCharsets.ISO_8859_1);
            byte[] b = new byte[size];
            System.arraycopy(head, 0, b, 0, Math.min(head.length, size));
            return b;
        }
    }
}
