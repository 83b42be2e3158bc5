package io.schedgate.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Running out of file descriptors gives one line that names `ulimit -n`, for the JDK's and OkHttp's errors. */
class FileDescriptorsTest {

    @Test
    void realExhaustionInAChildJvmIsNamedWithItsFix() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(
                        "bash",
                        "-c",
                        "ulimit -n 256 && exec \"$0\" -cp \"$1\" " + DescriptorExhaustionMain.class.getName(),
                        java,
                        System.getProperty("java.class.path"))
                .redirectErrorStream(true);
        Process p = pb.start();
        String out;
        try {
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM did not finish");
            out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            p.destroyForcibly();
        }
        Map<String, String> lines = out.lines()
                .filter(l -> l.contains("="))
                .collect(Collectors.toMap(
                        l -> l.substring(0, l.indexOf('=')), l -> l.substring(l.indexOf('=') + 1), (a, b) -> a));
        assertEquals(0, p.exitValue(), out);
        int opened = Integer.parseInt(lines.get("opened"));
        assertTrue(opened > 0 && opened < 256, out);
        assertEquals("none", lines.get("probeBefore"), out);
        for (String key : List.of("file", "capture", "probe")) {
            String line = lines.get(key);
            assertTrue(line.startsWith("the JVM ran out of file descriptors (Too many open files, limit 256)"), out);
            assertTrue(line.contains("`ulimit -n 65536`"), out);
            assertTrue(!line.contains("\n"), out);
        }
        assertTrue(lines.containsKey("near"), out); // counting open descriptors fails quietly when none is left
    }

    @Test
    void otherErrorsAreNotMistakenForIt() {
        assertTrue(FileDescriptors.exhaustion(new IOException("Connection refused"))
                .isEmpty());
        assertTrue(FileDescriptors.exhaustion((String) null).isEmpty());
        assertTrue(FileDescriptors.exhaustion(new RuntimeException("wrapped", new IOException("Too many open files")))
                .isPresent());
    }

    @Test
    void warnsFromEightyPercentOfTheLimit() {
        assertTrue(FileDescriptors.nearLimit(799, 1000).isEmpty());
        assertTrue(FileDescriptors.nearLimit(800, 1000).isPresent());
        assertTrue(FileDescriptors.nearLimit(10, -1).isEmpty());
    }
}
