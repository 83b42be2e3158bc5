package io.schedgate.pprof;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** The real lab profiles under src/test/resources/fixtures/pprof (see capture.sh there). */
public final class Fixtures {
    private Fixtures() {}

    public static Path dir() {
        try {
            return Path.of(Fixtures.class
                            .getResource("/fixtures/pprof/capture.sh")
                            .toURI())
                    .getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Path file(String name) {
        Path p = dir().resolve(name);
        if (!Files.exists(p)) {
            throw new IllegalStateException("missing fixture " + p);
        }
        return p;
    }

    public static Profile profile(String name) {
        return new ProfileReader().read(file(name));
    }

    /** Every captured profile, e.g. go126-fanout-cpu.pb.gz. */
    public static List<Path> profiles() {
        try (Stream<Path> s = Files.list(dir())) {
            List<Path> all = s.filter(p -> p.getFileName().toString().endsWith(".pb.gz"))
                    .sorted()
                    .toList();
            if (all.size() < 10) {
                throw new IllegalStateException("expected the captured fixtures in " + dir() + ", found " + all);
            }
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A gzipped text file beside the fixtures, as lines. */
    public static List<String> gzipLines(Path p) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
