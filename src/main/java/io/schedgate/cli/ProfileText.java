package io.schedgate.cli;

import static io.schedgate.text.Numbers.fixed;
import static io.schedgate.text.Numbers.left;
import static io.schedgate.text.Numbers.right;

import io.schedgate.pprof.FunctionStat;
import io.schedgate.pprof.FunctionTable;
import io.schedgate.pprof.Profile;
import io.schedgate.pprof.SampleType;
import io.schedgate.signals.BlockReport;
import io.schedgate.signals.CpuLockReport;
import io.schedgate.signals.CpuShare;
import io.schedgate.signals.Durations;
import io.schedgate.signals.GoVersion;
import io.schedgate.signals.GoroutineGroups;
import io.schedgate.signals.LockBucket;
import io.schedgate.signals.LockPhase;
import io.schedgate.signals.MutexReport;
import io.schedgate.signals.ProfileSignals;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The human-readable summary of {@code schedgate profile}. */
final class ProfileText {

    private static final int SITES = 8;

    private ProfileText() {}

    static void write(ProfileCommand.Result r, ProfileOptions o, PrintStream out) {
        Profile p = r.profile();
        ProfileSignals s = r.signals();
        out.println("== " + r.file() + ": " + s.kind() + " profile, Go "
                + s.version().label()
                + (p.durationNanos() > 0 ? ", duration " + Durations.format(p.durationNanos()) : ""));
        GoVersion v = s.version();
        if (!v.evidence().isEmpty()) {
            out.println("   version evidence: " + String.join("; ", v.evidence()));
        }
        for (String w : v.warnings()) {
            out.println("   warning: " + w);
        }
        StringBuilder types = new StringBuilder();
        for (int i = 0; i < p.sampleTypes().size(); i++) {
            SampleType t = p.sampleTypes().get(i);
            types.append(i == 0 ? "" : ", ").append(t).append(" = ").append(format(p.total(i), t.unit()));
        }
        out.println("   totals: " + types + " (" + p.samples().size() + " sample records)");
        if (o.top() > 0) {
            functions(r.functions(), o, out);
        }
        if (s.cpuLocks() != null) {
            cpu(s, out);
        }
        if (s.mutex() != null) {
            mutex(s.mutex(), out);
        }
        if (s.block() != null) {
            block(s.block(), out);
        }
        if (s.goroutines() != null) {
            goroutines(s.goroutines(), out);
        }
        if (r.folded() != null) {
            out.println("-- folded stacks");
            for (String line : r.folded()) {
                out.println(line);
            }
        }
        out.println();
    }

    private static void functions(FunctionTable t, ProfileOptions o, PrintStream out) {
        List<FunctionStat> rows = t.top(o.top());
        out.println("-- functions by flat " + t.sampleType() + " (" + rows.size() + " of "
                + t.rows().size() + ")");
        out.println("   " + right("flat", 12) + " " + right("flat%", 7) + " " + right("cum", 12) + " "
                + right("cum%", 7) + "  function");
        String unit = t.sampleType().unit();
        StringBuilder b = new StringBuilder();
        for (FunctionStat f : rows) {
            b.setLength(0);
            b.append("   ")
                    .append(right(format(f.flat(), unit), 12))
                    .append(' ')
                    .append(right(fixed(pct(f.flat(), t.total()), 2), 6))
                    .append("% ")
                    .append(right(format(f.cum(), unit), 12))
                    .append(' ')
                    .append(right(fixed(pct(f.cum(), t.total()), 2), 6))
                    .append("%  ")
                    .append(f.function());
            out.println(b);
        }
    }

    private static void cpu(ProfileSignals s, PrintStream out) {
        CpuLockReport locks = s.cpuLocks();
        out.println("-- scheduler signals (shares of all CPU samples, 95% Wilson interval)");
        out.println("   sched.lock acquire:  " + locks.schedLock().describe());
        out.println("   sched.lock release:  "
                + locks.release().buckets().get(LockBucket.SCHED_LOCK).describe());
        out.println("   goready/ready (cum): " + s.goready().describe());
        out.println("   GC:                  " + s.gc().describe());
        side("runtime locks, acquire (lock2)", locks.acquire(), out);
        side("runtime locks, release (unlock2)", locks.release(), out);
    }

    private static void side(String title, CpuLockReport.Side side, PrintStream out) {
        out.println("-- " + title + ": " + side.all().describe());
        if (side.all().samples() == 0) {
            return;
        }
        for (Map.Entry<LockBucket, CpuShare> e : side.buckets().entrySet()) {
            if (e.getValue().samples() != 0) {
                out.println("   " + left(e.getKey().label(), 18) + " "
                        + e.getValue().describe());
            }
        }
        for (Map.Entry<LockPhase, CpuShare> e : side.phases().entrySet()) {
            if (e.getValue().samples() != 0) {
                out.println("   phase " + left(e.getKey().label(), 12) + " "
                        + e.getValue().describe());
            }
        }
        for (CpuLockReport.SiteShare x : first(side.sites())) {
            out.println(
                    "   " + left(x.bucket().label(), 18) + " " + left(x.lockExpr(), 16) + " " + x.callerFunction() + " "
                            + x.site() + " [" + x.method().name().toLowerCase(Locale.ROOT) + "]: "
                            + x.cpu().samples()
                            + " samples, " + Durations.format(x.cpu().cpuNanos()));
        }
    }

    private static void mutex(MutexReport m, PrintStream out) {
        out.println("-- mutex: " + m.contentions() + " contentions, " + Durations.format(m.delayNanos()) + " delay");
        out.println("   runtime-lock semantics: " + m.semantics());
        MutexReport.Amount rt = m.runtimeTotal();
        out.println("   runtime locks: " + Durations.format(rt.delayNanos()) + " ("
                + fixed(pct(rt.delayNanos(), m.delayNanos()), 1) + "% of delay)");
        if (m.lost().delayNanos() != 0) {
            out.println(
                    "   _LostContendedRuntimeLock " + Durations.format(m.lost().delayNanos()));
        }
        for (Map.Entry<LockBucket, MutexReport.Amount> e : m.runtimeBuckets().entrySet()) {
            MutexReport.Amount a = e.getValue();
            if (a.delayNanos() != 0) {
                out.println("   " + left(e.getKey().label(), 18) + " " + Durations.format(a.delayNanos()) + " ("
                        + fixed(pct(a.delayNanos(), m.delayNanos()), 1) + "% of delay)");
            }
        }
        for (MutexReport.RuntimeSite x : first(m.runtimeSites())) {
            out.println(
                    "   " + left(x.bucket().label(), 18) + " " + left(x.lockExpr(), 16) + " " + x.callerFunction() + " "
                            + x.site() + " [" + x.method().name().toLowerCase(Locale.ROOT) + "]: "
                            + Durations.format(x.amount().delayNanos()));
        }
        for (MutexReport.UserSite x : first(m.userSites())) {
            out.println("   " + left(String.valueOf(x.primitive()), 18) + " " + x.function() + " " + x.site() + ": "
                    + x.amount().contentions() + " contentions, "
                    + Durations.format(x.amount().delayNanos()));
        }
        for (String d : m.diagnostics()) {
            out.println("   note: " + d);
        }
    }

    private static void block(BlockReport b, PrintStream out) {
        out.println("-- block: " + b.contentions() + " events, " + Durations.format(b.delayNanos())
                + " delay (net/http/pprof's own waits excluded: " + Durations.format(b.excludedDelayNanos()) + ")");
        for (BlockReport.Site x : first(b.sites())) {
            out.println("   " + left(x.state(), 14) + " " + x.function() + " " + x.site() + ": " + x.contentions()
                    + " events, " + Durations.format(x.delayNanos()));
        }
    }

    private static void goroutines(GoroutineGroups g, PrintStream out) {
        out.println("-- goroutines: " + g.total() + " (" + g.notStarted() + " not started yet)");
        for (GoroutineGroups.Group x : first(g.groups())) {
            out.println("   " + right(Long.toString(x.goroutines()), 6) + "  " + left(x.state(), 14) + " " + x.site());
        }
    }

    /** The first {@link #SITES} entries of a list. */
    private static <T> List<T> first(List<T> list) {
        return list.subList(0, Math.min(SITES, list.size()));
    }

    static String format(long v, String unit) {
        return unit.equals("nanoseconds") ? Durations.format(v) : Long.toString(v);
    }

    static double pct(long v, long total) {
        return total == 0 ? 0 : 100.0 * v / total;
    }
}
