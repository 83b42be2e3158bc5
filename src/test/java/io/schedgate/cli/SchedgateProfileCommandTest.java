package io.schedgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.schedgate.pprof.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchedgateProfileCommandTest {

    @TempDir
    Path tmp;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private static String fixture(String name) {
        return Fixtures.file(name).toString();
    }

    @Test
    void jsonForACpuProfile() throws IOException {
        CliRun r = run("profile", "--json", "--top", "5", fixture("go126-fanout-cpu.pb.gz"));
        assertEquals(0, r.code(), r.err());
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertEquals("schedgate.profile/1", root.get("schema").asText());
        JsonNode p = root.get("profiles").get(0);
        assertTrue(p.get("error").isNull());
        assertEquals("cpu", p.get("kind").asText());
        assertEquals("1.26", p.get("goVersion").get("label").asText());
        assertEquals(10_000_000, p.get("period").asLong());
        assertEquals("cpu", p.get("functions").get("sampleType").asText());
        assertEquals(5, p.get("functions").get("rows").size());
        assertEquals(551, p.get("sampleTypes").get(0).get("total").asLong());
        JsonNode sched = p.get("cpu").get("schedLock");
        assertTrue(sched.get("samples").asLong() > 0);
        double share = sched.get("share").asDouble();
        assertTrue(sched.get("ci95").get(0).asDouble() <= share
                && share <= sched.get("ci95").get(1).asDouble());
        assertFalse(sched.get("includesZero").asBoolean());
        assertTrue(
                p.get("cpu").get("runtimeLocks").get("acquire").get("buckets").has("sched.lock"));
        assertTrue(p.get("cpu").has("goready") && p.get("cpu").has("gc"));
    }

    @Test
    void jsonForMutexGoroutineAndBlockProfiles() throws IOException {
        CliRun r = run(
                "profile",
                "--json",
                "--all",
                fixture("go123-fanout-mutex.pb.gz"),
                fixture("go126-leak-goroutine.pb.gz"),
                fixture("go126-fanout-block.pb.gz"));
        assertEquals(0, r.code(), r.err());
        JsonNode ps = new ObjectMapper().readTree(r.out()).get("profiles");
        JsonNode mutex = ps.get(0);
        assertEquals("mutex", mutex.get("kind").asText());
        assertTrue(mutex.get("mutex")
                        .get("lostContendedRuntimeLock")
                        .get("delayNanos")
                        .asLong()
                > 0);
        assertTrue(mutex.get("mutex").get("diagnostics").get(0).asText().contains("runtimecontentionstacks=1"));
        assertEquals(
                mutex.get("functions").get("count").asInt(),
                mutex.get("functions").get("rows").size(),
                "--all");
        assertEquals(5023, ps.get(1).get("goroutines").get("total").asLong());
        assertTrue(ps.get(2).get("block").get("excludedPprofDelayNanos").asLong() > 0);
    }

    @Test
    void textSummaryNamesTheSchedulerSignals() {
        CliRun r = run("profile", fixture("go123-fanout-cpu.pb.gz"));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("sched.lock acquire:"), r.out());
        assertTrue(r.out().contains("runtime.wakep"), r.out());
        assertTrue(r.out().contains("Go 1.23"), r.out());
    }

    @Test
    void badFilesGiveOneLineEachAndTheGoodOnesAreStillReported() throws IOException {
        Path empty = Files.write(tmp.resolve("empty.pb.gz"), new byte[0]);
        CliRun r = run(
                "profile",
                "--json",
                empty.toString(),
                fixture("go126-hotlock-mutex.pb.gz"),
                fixture("go126-idle-goroutine-debug1.txt"),
                fixture("go126-idle-mutex.pb.gz"));
        assertEquals(1, r.code());
        String[] lines = r.err().strip().split("\n");
        assertEquals(3, lines.length, r.err());
        assertTrue(lines[0].contains("empty"), lines[0]);
        assertTrue(lines[1].contains("text profile"), lines[1]);
        assertTrue(lines[2].contains("no samples"), lines[2]);
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), "no stack trace: " + r.err());
        JsonNode ps = new ObjectMapper().readTree(r.out()).get("profiles");
        assertEquals(4, ps.size());
        assertTrue(ps.get(1).get("error").isNull());
        assertFalse(ps.get(0).get("error").isNull());
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertEquals(2, run("profile").code());
        assertEquals(2, run("profile", "--top", "x", "f").code());
        assertEquals(2, run("profile", "--frobnicate", "f").code());
        assertEquals(2, run("nosuchcommand").code());
        assertEquals(2, run().code());
        CliRun r = run("profile", "--sample-index", "nosuch", fixture("go126-fanout-cpu.pb.gz"));
        assertEquals(1, r.code());
        assertTrue(r.err().contains("use one of [samples, cpu]"), r.err());
    }

    @Test
    void maxDecompressedIsHonoured() {
        CliRun r = run("profile", "--max-decompressed", "1000", fixture("go126-fanout-cpu.pb.gz"));
        assertEquals(1, r.code());
        assertTrue(r.err().contains("more than 1000 bytes"), r.err());
    }
}
