package io.schedgate.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schedgate.pprof.ProfileReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * sched.lock pressure from profiles against an independent reference: {@code go tool pprof -traces
 * -lines -unit=ns} of each step's CPU profile (focused on runtime.lock2) and mutex profile (delay),
 * committed in the fixture's proofs/, attributed here by a second, simpler reading — the first frame
 * outside the lock implementation, looked up by function and file:line in the published table of Go
 * 1.26's sched.lock sites (reference/sched-locksites-1.26.tsv, from the Go runtime's source, apart from
 * the implementation's own all-sites tables). Both the spin (CPU in lock2 for &sched.lock) and the
 * holder-side wait (mutex delay at &sched.lock unlock sites) must equal the check's, per processor second.
 */
class SchedLockPressureProofTest {

    private static final Pattern HEAD = Pattern.compile("^\\s*(\\d+)ns\\s+(.*)$");
    private static final Pattern FRAME = Pattern.compile("^(\\S+) \\S*?([^/\\s]+\\.go:\\d+)(?: \\(inline\\))?$");

    /** (function without "runtime.", file:line, lock|unlock) → lock expression. */
    private static Map<String, String> table() throws IOException {
        Map<String, String> t = new HashMap<>();
        for (String l : Files.readAllLines(Path.of("src/test/resources/reference/sched-locksites-1.26.tsv"))) {
            String[] p = l.split("\t");
            if (p.length >= 4) {
                t.put(p[1] + " " + p[2] + " " + p[3], p[0]);
            }
        }
        return t;
    }

    private static boolean lockImplementation(String function) {
        return function.equals("runtime.lock2")
                || function.equals("runtime.unlock2")
                || function.equals("runtime.lock")
                || function.equals("runtime.unlock")
                || function.equals("runtime.lockWithRank")
                || function.equals("runtime.unlockWithRank")
                || function.equals("runtime.unlock2Wake")
                || function.startsWith("runtime.procyield")
                || function.equals("runtime.osyield")
                || function.startsWith("runtime.futex")
                || function.equals("runtime.semasleep")
                || function.equals("runtime.semawakeup")
                || function.startsWith("runtime.(*lockTimer)")
                || function.startsWith("runtime.(*mLockProfile)")
                || function.startsWith("runtime.nanotime")
                || function.equals("runtime.cputicks");
    }

    /** Sum of the traces' values whose first frame outside the lock implementation is a &sched.lock site of {@code kind}. */
    private static long schedLockNanos(Path traces, String kind, boolean unlockLeafOnly) throws IOException {
        Map<String, String> table = table();
        long sum = 0;
        List<String> block = new ArrayList<>();
        List<String> lines = new ArrayList<>(Files.readAllLines(traces));
        lines.add("-----------+");
        for (String line : lines) {
            if (line.startsWith("-----------+")) {
                if (!block.isEmpty()) {
                    Matcher h = HEAD.matcher(block.get(0));
                    if (h.matches()) {
                        List<String> frames = new ArrayList<>();
                        frames.add(h.group(2).strip());
                        block.subList(1, block.size()).forEach(f -> frames.add(f.strip()));
                        boolean leafOk = !unlockLeafOnly || frames.get(0).startsWith("runtime.unlock ");
                        for (String f : frames) {
                            Matcher m = FRAME.matcher(f);
                            if (m.matches() && !lockImplementation(m.group(1))) {
                                // the table names a closure's enclosing function (injectglist for injectglist.func1)
                                String fn = m.group(1)
                                        .replaceFirst("^runtime\\.", "")
                                        .replaceFirst("(\\.func\\d+)+$", "");
                                String key = fn + " " + m.group(2) + " " + kind;
                                if (leafOk && "&sched.lock".equals(table.get(key))) {
                                    sum += Long.parseLong(h.group(1));
                                }
                                break;
                            }
                        }
                    }
                }
                block.clear();
            } else if (!line.isBlank() && (HEAD.matcher(line).matches() || !block.isEmpty())) {
                block.add(line);
            }
        }
        return sum;
    }

    /**
     * The fan-out (64 goroutines per request, sched.lock under 5%) and the yield run (16 goroutines x
     * 200 runtime.Gosched per request: 9.6% at step 3, 25.8% at step 4, the WARN and FAIL levels), its
     * light twin (20 Gosched: under 1%, the baseline comparison's other side) and its saturated run
     * (3.4% to 36.4%).
     */
    @ParameterizedTest
    @CsvSource({
        "fanout-go1.26,1",
        "fanout-go1.26,2",
        "fanout-go1.26,3",
        "yield-go1.26,1",
        "yield-go1.26,2",
        "yield-go1.26,3",
        "yield-go1.26,4",
        "yield-light-go1.26,1",
        "yield-light-go1.26,2",
        "yield-light-go1.26,3",
        "yield-saturated-go1.26,1",
        "yield-saturated-go1.26,2",
        "yield-saturated-go1.26,3",
        "yield-saturated-go1.26,4"
    })
    void spinAndWaitEqualTheProofsAttributedByThePublishedTable(String fixture, int step) throws IOException {
        Path dir = RunFixtures.RUNS.resolve(fixture);
        double[] shares = proofShares(dir, step);
        Verdict v = new VerdictEngine(Thresholds.defaults()).evaluate(dir);
        CheckResult r = v.result(SchedLockPressureCheck.ID, step).orElseThrow();
        assertEquals(shares[0], (double) r.detailsMap().get("spinShare"), 1e-12, r.evidence());
        assertEquals(shares[1], (double) r.detailsMap().get("waitShare"), 1e-12, r.evidence());
        assertTrue(shares[1] > 0, "the holder-side sched.lock delay is in the proof");
    }

    /**
     * A step's {spin, wait} shares of processor time from its proofs: the table-attributed nanoseconds over
     * the profile's duration × GOMAXPROCS.
     */
    static double[] proofShares(Path dir, int step) throws IOException {
        String s = String.format("step-%02d", step);
        long spinNs = schedLockNanos(dir.resolve("proofs/" + s + "-cpu-lock2.traces-lines.txt"), "lock", false);
        long waitNs = schedLockNanos(dir.resolve("proofs/" + s + "-mutex.traces-lines.txt"), "unlock", true);
        int procs = RunData.read(dir).gomaxprocs();
        double cpuSeconds =
                new ProfileReader().read(dir.resolve(s + "/cpu.pb.gz")).durationNanos() / 1e9;
        double mutexSeconds =
                new ProfileReader().read(dir.resolve(s + "/mutex.pb.gz")).durationNanos() / 1e9;
        return new double[] {spinNs / (cpuSeconds * procs * 1e9), waitNs / (mutexSeconds * procs * 1e9)};
    }

    /**
     * sched.lock across the ramp WARNs on the yield run only: sched.lock time per second (the proofs' share
     * × the achieved rate) grows as QPS^2.5 with the whole 95% interval above 1 and the last step well above
     * a tenth of the 5% WARN; the saturated yield and the fan-out also grow superlinearly by the slope, but
     * their intervals include 1 (PASS), and the light yield's too. The log-log slope and interval are
     * refitted here ({@link CheckStatusCoverageTest#logLogFit}).
     */
    @ParameterizedTest
    @CsvSource({"yield-go1.26, 4, WARN", "yield-saturated-go1.26, 4, PASS", "fanout-go1.26, 3, PASS"})
    void schedLockTrendAcrossTheRampFromTheProofs(String fixture, int steps, Status expected) throws IOException {
        Path dir = RunFixtures.RUNS.resolve(fixture);
        RunData run = RunData.read(dir);
        List<double[]> points = new ArrayList<>();
        double last = 0;
        for (int step = 1; step <= steps; step++) {
            double[] shares = proofShares(dir, step);
            last = shares[0] + shares[1];
            double qps = run.steps().get(step - 1).load().achievedQps();
            if (qps > 0 && last > 0) {
                points.add(new double[] {Math.log(qps), Math.log(last * qps)});
            }
        }
        double[] fit = CheckStatusCoverageTest.logLogFit(
                points.stream().mapToDouble(p -> p[0]).toArray(),
                points.stream().mapToDouble(p -> p[1]).toArray());
        CheckResult r = new VerdictEngine(Thresholds.defaults())
                .evaluate(dir)
                .result(SchedLockPressureCheck.ID, CheckResult.RAMP)
                .orElseThrow();
        assertEquals(expected, r.status(), r.evidence());
        boolean superlinear = fit[0] >= 1.2 && fit[1] > 1;
        assertEquals(expected == Status.WARN, superlinear && last >= 0.005, fit[0] + " " + fit[1] + " " + last);
        assertTrue(
                r.evidence()
                        .contains("QPS^" + io.schedgate.text.Numbers.num(fit[0]) + " (95% CI "
                                + io.schedgate.text.Numbers.num(fit[1]) + "–"),
                r.evidence());
    }
}
