package io.schedgate.collect;

import com.sun.net.httpserver.HttpServer;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Run by {@link FileDescriptorsTest} in a child JVM under a low {@code ulimit -n}: uses up every
 * descriptor for real, then prints what schedgate says about the JDK's error and about a capture
 * that fails for want of a socket.
 */
public final class DescriptorExhaustionMain {
    public static void main(String[] args) throws Exception {
        try {
            exhaustAndReport();
        } finally {
            System.out.flush();
            Runtime.getRuntime().halt(0); // the server's threads would keep a JVM without descriptors alive
        }
    }

    private static void exhaustAndReport() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            ex.getResponseHeaders().set("Connection", "close"); // so the capture needs a new socket
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        Fetcher fetcher = new Fetcher(TargetEndpoints.of("url", null, base, base));
        // load every class needed later while class files and jars can still be opened
        fetcher.get(base + "/warm", Duration.ofSeconds(5));
        FileDescriptors.exhaustion(new IOException(FileDescriptors.EXHAUSTED));
        FileDescriptors.exhaustion(FileDescriptors.EXHAUSTED);
        FileDescriptors.nearLimit(1, 1);
        FileDescriptors.nearLimit();
        System.out.println("probeBefore=" + FileDescriptors.probe().orElse("none"));
        List<InputStream> held = new ArrayList<>();
        IOException exhausted = null;
        for (int i = 0; i < 100_000 && exhausted == null; i++) {
            try {
                held.add(new FileInputStream("/dev/null"));
            } catch (IOException e) {
                exhausted = e;
            }
        }
        System.out.println("opened=" + held.size());
        System.out.println("file=" + FileDescriptors.exhaustion(exhausted).orElse("none"));
        Fetcher.Outcome o = fetcher.get(base + "/debug/pprof/goroutine", Duration.ofSeconds(5));
        System.out.println("capture=" + FileDescriptors.exhaustion(o.failure()).orElse("none: " + o.failure()));
        System.out.println("probe=" + FileDescriptors.probe().orElse("none"));
        System.out.println("near=" + FileDescriptors.nearLimit().orElse("none"));
    }
}
