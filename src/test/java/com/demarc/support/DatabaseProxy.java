package com.demarc.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay between the app and the test PostgreSQL, on a loopback port, so a test can cut the database off (an
 * outage: every connection dropped, new ones closed at once) and bring it back, without touching the server.
 */
public final class DatabaseProxy implements AutoCloseable {
    private final ServerSocket server;
    private final String targetHost;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean down;

    private DatabaseProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("db-proxy-accept").start(this::accept);
    }

    /** A relay to the test database; {@link #jdbcUrl()} is its address. */
    public static DatabaseProxy forTestDatabase() throws IOException {
        var matcher = java.util.regex.Pattern.compile("//([^:/]+)(?::(\\d+))?/").matcher(TestDatabase.get().url());
        if (!matcher.find()) {
            throw new IllegalStateException("Cannot read host and port from " + TestDatabase.get().url());
        }
        return new DatabaseProxy(matcher.group(1), matcher.group(2) == null ? 5432 : Integer.parseInt(matcher.group(2)));
    }

    public String jdbcUrl() {
        return TestDatabase.get().url().replaceFirst("//[^/]+/", "//127.0.0.1:" + server.getLocalPort() + "/");
    }

    /** The outage: drops every connection and closes new ones at once. */
    public void cut() {
        down = true;
        open.forEach(DatabaseProxy::quietClose);
        open.clear();
    }

    public void restore() {
        down = false;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (down) {
                    quietClose(client);
                    continue;
                }
                Socket upstream = new Socket();
                upstream.connect(new InetSocketAddress(targetHost, targetPort), 5000);
                open.add(client);
                open.add(upstream);
                Thread.ofVirtual().start(() -> pipe(client, upstream));
                Thread.ofVirtual().start(() -> pipe(upstream, client));
            } catch (IOException e) {
                // closed, or the database itself refused: the app sees a failed connection either way
            }
        }
    }

    private void pipe(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // a side closed
        } finally {
            quietClose(from);
            quietClose(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private static void quietClose(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        cut();
    }
}
