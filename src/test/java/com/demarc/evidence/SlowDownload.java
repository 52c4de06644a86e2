package com.demarc.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A browser on a slow line: a raw HTTP/1.1 GET whose answer is read at a fixed rate with a small receive window,
 * so the server's writes really wait for it (a socket of its own: HttpClient would read ahead into memory).
 */
final class SlowDownload implements AutoCloseable {
    private final Socket socket;
    private final AtomicLong received = new AtomicLong();
    private volatile String statusLine;
    private volatile boolean stopped;

    private SlowDownload(Socket socket) {
        this.socket = socket;
    }

    static SlowDownload start(int port, String path, String cookie, int bytesPerSecond) throws IOException {
        var socket = new Socket();
        socket.setReceiveBufferSize(8 * 1024);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        String request = "GET " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nCookie: " + cookie
                + "\r\nSec-Fetch-Site: same-origin\r\nConnection: close\r\n\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        var download = new SlowDownload(socket);
        Thread.ofVirtual().name("slow-download").start(() -> download.readSlowly(bytesPerSecond));
        return download;
    }

    private void readSlowly(int bytesPerSecond) {
        byte[] buffer = new byte[1024];
        long start = System.nanoTime();
        try (InputStream in = socket.getInputStream()) {
            var line = new StringBuilder();
            while (!stopped) {
                int n = in.read(buffer, 0, statusLine == null ? 1 : buffer.length);
                if (n < 0) {
                    return;
                }
                if (statusLine == null) {
                    if (buffer[0] == '\n') {
                        statusLine = line.toString().strip();
                    } else {
                        line.append((char) buffer[0]);
                    }
                }
                long total = received.addAndGet(n);
                long due = start + total * 1_000_000_000L / bytesPerSecond;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
        } catch (IOException | InterruptedException e) {
            // closed by the test, or the server cut us off
        }
    }

    /** The HTTP status, or 0 while no line has arrived. */
    int status() {
        String line = statusLine;
        return line == null ? 0 : Integer.parseInt(line.split(" ")[1]);
    }

    long received() {
        return received.get();
    }

    @Override
    public void close() {
        stopped = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
