package io.schedgate.cli;

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
import java.util.Map;

/** The human-readable summary of {@code schedgate profile}. */
final class ProfileText {

    private static final int SITES = 8;

    private ProfileText() {
    }

    static void write(ProfileCommand.Result r, ProfileOptions o, PrintStream out) {
        Profile p = r.profile();
        ProfileSignals s = r.signals();
        out.printf("== %s: %s profile, Go %s%s%n", r.file(), s.kind(), s.version().label(),
                p.durationNanos() > 0 ? ", duration " + Durations.format(p.durationNanos()) : "");
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
            r.folded().forEach(out::println);
        }
        out.println();
    }

    private static void functions(FunctionTable t, ProfileOptions o, PrintStream out) {
        List<FunctionStat> rows = t.top(o.top());
        out.printf("-- functions by flat %s (%d of %d)%n", t.sampleType(), rows.size(), t.rows().size());
        out.printf("   %12s %7s %12s %7s  %s%n", "flat", "flat%", "cum", "cum%", "function");
        String unit = t.sampleType().unit();
        for (FunctionStat f : rows) {
            out.printf("   %12s %6.2f%% %12s %6.2f%%  %s%n", format(f.flat(), unit), pct(f.flat(), t.total()),
                    format(f.cum(), unit), pct(f.cum(), t.total()), f.function());
        }
    }

    private static void cpu(ProfileSignals s, PrintStream out) {
        CpuLockReport locks = s.cpuLocks();
        out.println("-- scheduler signals (shares of all CPU samples, 95% Wilson interval)");
        out.println("   sched.lock acquire:  " + locks.schedLock().describe());
        out.println("   sched.lock release:  " + locks.release().buckets().get(LockBucket.SCHED_LOCK).describe());
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
                out.printf("   %-18s %s%n", e.getKey(), e.getValue().describe());
            }
        }
        for (Map.Entry<LockPhase, CpuShare> e : side.phases().entrySet()) {
            if (e.getValue().samples() != 0) {
                out.printf("   phase %-12s %s%n", e.getKey(), e.getValue().describe());
            }
        }
        side.sites().stream().limit(SITES).forEach(x -> out.printf("   %-18s %-16s %s %s [%s]: %d samples, %s%n",
                x.bucket(), x.lockExpr(), x.callerFunction(), x.site(), x.method().name().toLowerCase(),
                x.cpu().samples(), Durations.format(x.cpu().cpuNanos())));
    }

    private static void mutex(MutexReport m, PrintStream out) {
        out.printf("-- mutex: %d contentions, %s delay%n", m.contentions(), Durations.format(m.delayNanos()));
        out.println("   runtime-lock semantics: " + m.semantics());
        MutexReport.Amount rt = m.runtimeTotal();
        out.printf("   runtime locks: %s (%.1f%% of delay)%n", Durations.format(rt.delayNanos()), pct(rt.delayNanos(), m.delayNanos()));
        if (m.lost().delayNanos() != 0) {
            out.printf("   %-18s %s%n", "_LostContendedRuntimeLock", Durations.format(m.lost().delayNanos()));
        }
        m.runtimeBuckets().forEach((b, a) -> {
            if (a.delayNanos() != 0) {
                out.printf("   %-18s %s (%.1f%% of delay)%n", b, Durations.format(a.delayNanos()), pct(a.delayNanos(), m.delayNanos()));
            }
        });
        m.runtimeSites().stream().limit(SITES).forEach(x -> out.printf("   %-18s %-16s %s %s [%s]: %s%n", x.bucket(),
                x.lockExpr(), x.callerFunction(), x.site(), x.method().name().toLowerCase(), Durations.format(x.amount().delayNanos())));
        m.userSites().stream().limit(SITES).forEach(x -> out.printf("   %-18s %s %s: %d contentions, %s%n", x.primitive(),
                x.function(), x.site(), x.amount().contentions(), Durations.format(x.amount().delayNanos())));
        m.diagnostics().forEach(d -> out.println("   note: " + d));
    }

    private static void block(BlockReport b, PrintStream out) {
        out.printf("-- block: %d events, %s delay (net/http/pprof's own waits excluded: %s)%n", b.contentions(),
                Durations.format(b.delayNanos()), Durations.format(b.excludedDelayNanos()));
        b.sites().stream().limit(SITES).forEach(x -> out.printf("   %-14s %s %s: %d events, %s%n", x.state(), x.function(),
                x.site(), x.contentions(), Durations.format(x.delayNanos())));
    }

    private static void goroutines(GoroutineGroups g, PrintStream out) {
        out.printf("-- goroutines: %d (%d not started yet)%n", g.total(), g.notStarted());
        g.groups().stream().limit(SITES).forEach(x -> out.printf("   %6d  %-14s %s%n", x.goroutines(), x.state(), x.site()));
    }

    static String format(long v, String unit) {
        return unit.equals("nanoseconds") ? Durations.format(v) : Long.toString(v);
    }

    static double pct(long v, long total) {
        return total == 0 ? 0 : 100.0 * v / total;
    }
}
