package io.schedgate.verdict;

import io.schedgate.load.StepLoadCounters;
import io.schedgate.pprof.Profile;
import io.schedgate.run.CaptureKind;
import io.schedgate.run.LoadNumbers;
import io.schedgate.signals.QueueSites;
import io.schedgate.text.Numbers;
import java.util.ArrayList;
import java.util.List;

/**
 * A step is saturated when the target no longer keeps up: achieved QPS below a fraction of the
 * offered rate, too many errors, or p99 past the SLO. Saturation WARNs (a ramp is meant to find
 * it); it marks where capacity ends. A step where the harness itself fell behind its schedule
 * (more than {@link #HARNESS_LATE_MAX} of its requests sent late while pooled users were free) also
 * WARNs, naming the harness: its numbers describe the load generator, so it cannot count towards the
 * target's capacity. Lateness because every pooled user still waited on a response is the target's
 * saturation. A saturated step names where requests queue ({@link QueueSites}).
 */
public final class SaturationCheck implements Check {

    public static final String ID = "saturation";
    /** Share of late requests above which a step measured the harness rather than the target ({@link LoadNumbers}). */
    public static final double HARNESS_LATE_MAX = LoadNumbers.LATE_MAX;

    static final Limit ACHIEVED_RATIO =
            Limit.fraction("saturation.achievedRatio", 0.95, "a step is saturated when achieved < this × offered QPS");
    static final Limit MAX_ERRORS =
            Limit.fraction("errors.max", 0.01, "a step is saturated when errors/requests exceeds this");
    static final Limit P99_SLO = Limit.number(
            "p99.sloMs",
            Double.NaN,
            "a step is saturated when its p99 latency exceeds this (ms); none = no SLO",
            v -> Double.isNaN(v) || v > 0,
            "must be > 0 ms, got ");

    /** The values this check reads; no SLO is NaN. */
    record Limits(double saturationAchievedRatio, double maxErrorRate, double p99SloMs) {
        static Limits of(Thresholds t) {
            return new Limits(t.get(ACHIEVED_RATIO), t.get(MAX_ERRORS), t.get(P99_SLO));
        }

        boolean hasP99Slo() {
            return !Double.isNaN(p99SloMs);
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Limit> limits() {
        return List.of(ACHIEVED_RATIO, MAX_ERRORS, P99_SLO);
    }

    @Override
    public List<CheckResult> evaluate(CheckInput in) {
        RunData run = in.run();
        Limits t = Limits.of(in.thresholds());
        List<CheckResult> results = new ArrayList<>();
        for (RunStep step : run.steps()) {
            LoadNumbers load = step.load();
            if (load == null || !(load.offeredQps() > 0)) {
                results.add(CheckResult.noData(
                        ID,
                        step.index(),
                        "achieved/offered",
                        Evidence.step(step.index()) + ": no load numbers in the manifest"));
                continue;
            }
            double ratio = load.achievedQps() / load.offeredQps();
            List<String> why = new ArrayList<>();
            if (pastCapacity(step, t.saturationAchievedRatio())) {
                why.add("achieved " + Numbers.num(load.achievedQps()) + " of " + Numbers.num(load.offeredQps())
                        + " req/s offered (" + Numbers.percent(ratio) + " < "
                        + Numbers.percent(t.saturationAchievedRatio()) + ")");
            }
            if (load.errorRate() > t.maxErrorRate()) {
                why.add(load.errors() + " errors in " + load.requests() + " requests ("
                        + Numbers.percent(load.errorRate()) + " > " + Numbers.percent(t.maxErrorRate()) + ")");
            }
            if (t.hasP99Slo() && load.p99Ms() > t.p99SloMs()) {
                why.add("p99 " + Numbers.num(load.p99Ms()) + " ms > SLO " + Numbers.num(t.p99SloMs()) + " ms");
            }
            boolean late = load.tooLate();
            // late because every pooled user still waited on a response: the target's saturation, not the harness's
            boolean usersBusy = load.lateForTheTarget();
            if (usersBusy) {
                why.add(
                        0,
                        load.lateUsersBusy() + " of " + load.requests() + " requests ("
                                + Numbers.percent((double) load.lateUsersBusy() / load.requests())
                                + ") went out late because every"
                                + " pooled user was still waiting on a response (p99 " + Numbers.num(load.p99Ms())
                                + " ms)");
            }
            if (load.unsentUsersBusy() > 0) {
                why.add(load.unsentUsersBusy() + " arrivals never sent: every pooled user was waiting on a response");
            }
            boolean harnessBehind = load.harnessBehind();
            Status status = why.isEmpty() && !harnessBehind ? Status.PASS : Status.WARN;
            String queue = why.isEmpty() && !late ? "" : queueSite(run, step);
            String machine = machineCpu(run, step);
            String evidence;
            if (harnessBehind) {
                evidence = "harness behind schedule: " + load.late() + " of " + load.requests() + " requests ("
                        + Numbers.percent(load.lateRate()) + ") went out more than "
                        + StepLoadCounters.LATE_NANOS / 1_000_000 + " ms late"
                        + " with pooled users free, "
                        + Numbers.num(load.offeredQps()) + " of " + Numbers.num(step.targetQps())
                        + " req/s planned were sent; this step measures the load generator, not the target "
                        + "(bench/load-headroom.sh gives this machine's limit)"
                        + (load.unsent() - load.unsentUsersBusy() > 0
                                ? "; " + (load.unsent() - load.unsentUsersBusy()) + " arrivals of the step were never"
                                        + " sent with a user free (dropped when the step ended): the plan is above"
                                        + " what this harness can send"
                                : "")
                        + (why.isEmpty() ? "" : "; also " + String.join("; ", why)) + queue + machine;
            } else if (why.isEmpty()) {
                evidence = "keeps up: " + Numbers.num(load.achievedQps()) + " of " + Numbers.num(load.offeredQps())
                        + " req/s, " + load.errors() + " errors, p99 " + Numbers.num(load.p99Ms()) + " ms" + machine;
            } else {
                evidence = "saturated: " + String.join("; ", why) + queue + machine;
            }
            boolean cpus = load.harnessCpus() != null;
            Step details = new Step(
                    load.offeredQps(),
                    load.achievedQps(),
                    load.errorRate(),
                    load.p99Ms(),
                    load.meanMs(),
                    load.late(),
                    load.lateUsersBusy() > 0 ? load.lateUsersBusy() : null,
                    load.unsent() > 0 ? load.unsent() : null,
                    cpus ? load.harnessCpus() : null,
                    cpus ? load.hostCpus() : null);
            results.add(new CheckResult(
                    ID,
                    step.index(),
                    status,
                    ratio,
                    t.saturationAchievedRatio(),
                    "achieved/offered",
                    Confidence.HIGH,
                    evidence,
                    details));
        }
        return results;
    }

    /** True when the step's target fell behind: achieved below {@code saturation.achievedRatio} × offered. */
    static boolean pastCapacity(RunStep step, double achievedRatio) {
        LoadNumbers load = step.load();
        return load != null && load.offeredQps() > 0 && load.achievedQps() / load.offeredQps() < achievedRatio;
    }

    /** A machine at least this busy (harness + target CPU over its CPUs) had them compete for CPU. */
    static final double MACHINE_BUSY = 0.9;

    /**
     * "; the machine's CPUs were busy: harness X + target Y of Z CPUs ..." when the harness's JVM and the
     * target (its CPU profile's time over its duration) together used at least {@link #MACHINE_BUSY} of
     * the CPUs, i.e. they competed for CPU; else "". Only when the harness recorded its own CPU.
     */
    private static String machineCpu(RunData run, RunStep step) {
        LoadNumbers load = step.load();
        if (load.harnessCpus() == null || load.hostCpus() == null || load.hostCpus() <= 0) {
            return "";
        }
        Capture cpu = step.capture(CaptureKind.CPU);
        RunProfiles.Loaded l = cpu == null ? null : run.profiles().load(cpu);
        if (l == null || !l.ok() || !l.profile().isCpu() || l.profile().durationNanos() <= 0) {
            return "";
        }
        Profile p = l.profile();
        double target = p.total(p.sampleIndex("cpu")) / (double) p.durationNanos();
        double used = (load.harnessCpus() + target) / load.hostCpus();
        return used < MACHINE_BUSY
                ? ""
                : "; the machine's CPUs were busy: harness " + Numbers.num(load.harnessCpus())
                        + " + target " + Numbers.num(target) + " of " + load.hostCpus()
                        + " CPUs, so the two competed for CPU"
                        + " (pin the target with -Dschedgate.target.cpuset or give the harness its own machine)";
    }

    /** "; requests queue at SITE (STATE): n of m handler goroutines ..." from the window's last goroutine profile, or "". */
    private static String queueSite(RunData run, RunStep step) {
        return Backlog.sites(run, step.capture(CaptureKind.GOROUTINE_END))
                .flatMap(q -> q.largest()
                        .map(g -> "; requests queue at " + g.site() + " (" + g.state() + "): " + g.goroutines() + " of "
                                + q.handlers() + " goroutines serving a request at the window's end"))
                .orElse("");
    }

    /**
     * A step's load numbers. lateUsersBusy and unsent are there only when non-zero, harnessCpus and hostCpus
     * only when the harness measured its CPU.
     */
    public record Step(
            double offeredQps,
            double achievedQps,
            double errorRate,
            double p99Ms,
            double meanMs,
            long lateRequests,
            @CheckDetails.Optional Long lateUsersBusy,
            @CheckDetails.Optional Long unsent,
            @CheckDetails.Optional Double harnessCpus,
            @CheckDetails.Optional Integer hostCpus)
            implements CheckDetails {}
}
