package io.schedgate.verdict;

import io.schedgate.metrics.RuntimeMetricsValue;
import io.schedgate.metrics.RuntimeMetricsWindow;
import io.schedgate.stats.LinearFit;
import io.schedgate.stats.OrdinaryLeastSquares;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Wake-ups should grow linearly with load (the source article: runtime.goready frequency linear in
 * QPS). Per step: scheduling events per request from the /sched/latencies count (× 8 sampling,
 * FINDINGS §4), against the median of the earlier steps (robust to a window that caught a burst
 * of GC work, which makes thousands of scheduling events per cycle): WARN above 2×, FAIL above
 * {@link Thresholds#maxPerRequestGrowth()}× once two earlier steps make the median (a herd's
 * wake-ups per request grow with concurrency, which rises steeply near saturation while the
 * achieved QPS barely moves, so the log-log fit over QPS alone can miss it). Across steps:
 * events/s ∝ QPS^b by log-log least squares; b at least {@link GrowthTrend#PRACTICAL_MARGIN} above the
 * threshold (1) with its whole confidence interval above the threshold is a FAIL, b that far above
 * without the interval to back it a WARN.
 */
public final class WakeUpLinearityCheck implements Check {

  public static final String ID = "wakeup.linearity";
  static final double PER_STEP_GROWTH_WARN = 2.0;
  /**
   * A step FAILs on its own only with this many requests: a GC cycle makes thousands of scheduling
   * events (measured on the lab, Go 1.26: ≈ 4,000 per cycle), which would move events per request
   * of a small step by more than the FAIL factor.
   */
  static final long MIN_REQUESTS_TO_FAIL = 1000;

  @Override
  public List<CheckResult> evaluate(RunData run, Thresholds t) {
    boolean anyCounts = run.steps().stream()
        .anyMatch(s -> s.metrics() != null && s.metrics().wakeUpEventsPerRequest().present());
    if (!anyCounts && run.steps().stream().anyMatch(s -> run.profiles().load(s.capture("cpu")).ok())) {
      return goreadyFallback(run, t);
    }
    List<CheckResult> results = new ArrayList<>();
    List<double[]> points = new ArrayList<>();
    List<Double> earlier = new ArrayList<>();
    WakeUpSources sources = null;
    for (RunStep step : run.steps()) {
      RuntimeMetricsWindow w = step.metrics();
      if (w == null) {
        results.add(CheckResult.noData(ID, step.index(), "events/request",
            Evidence.step(step.index()) + ": no runtime/metrics for the window (" + step.metricsProblem() + ")"));
        continue;
      }
      RuntimeMetricsValue perRequest = w.wakeUpEventsPerRequest();
      if (!perRequest.present()) {
        results.add(CheckResult.noData(ID, step.index(), "events/request", perRequest.absentReason()));
        continue;
      }
      double v = perRequest.value();
      double reference = earlier.isEmpty() ? v : median(earlier);
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("eventsPerSecond", w.wakeUpEventsPerSecond().value());
      putIfPresent(details, "goroutinesCreatedPerRequest", w.goroutinesCreatedPerRequest());
      putIfPresent(details, "mutexWaitSecondsPerSecondPerProc", w.mutexWaitPerSecondPerProc());
      putIfPresent(details, "gcCpuShare", w.gcCpuShare());
      details.put("requests", w.requests());
      details.put("referencePerRequest", reference);
      double warnAt = PER_STEP_GROWTH_WARN * reference;
      double failAt = t.maxPerRequestGrowth() * reference;
      boolean robustReference = earlier.size() >= 2 && w.requests() >= MIN_REQUESTS_TO_FAIL;
      Status status = robustReference && v > failAt ? Status.FAIL : v > warnAt ? Status.WARN : Status.PASS;
      // Events beyond the reference that the window's GC cycles could have made are no evidence.
      double gcBound = gcEventsBound(run, w);
      double excessEvents = (v - reference) * w.requests();
      details.put("gcCycles", w.gcCycles().present() ? w.gcCycles().value() : null);
      details.put("gcEventsBound", gcBound);
      boolean gcExplains = status != Status.PASS && excessEvents <= gcBound;
      if (gcExplains) {
        status = Status.PASS;
      }
      RuntimeMetricsValue created = w.goroutinesCreatedPerRequest();
      String evidence = Evidence.num(v) + " scheduling events per request (Δ/sched/latencies count × 8 over "
          + w.requests() + " requests)"
          + (created.present() ? ", " + Evidence.num(created.value()) + " goroutines created per request" : "")
          + (status == Status.PASS ? "" : "; " + Evidence.num(v / reference) + "× the median "
              + Evidence.num(reference) + " of the earlier steps"
              + (status == Status.FAIL ? ": wake-ups per request blow up as load rises (goroutine flood)" : ""))
          + (gcExplains ? "; above the earlier steps by " + Evidence.num(excessEvents) + " events, which the window's "
              + Evidence.num(w.gcCycles().value()) + " GC cycles can explain (≤ " + Evidence.num(gcBound) + ")" : "");
      if (status == Status.FAIL) {
        sources = sources == null ? WakeUpSources.of(run) : sources;
        details.put("wakers", sources.wakers());
        details.put("wokenAt", sources.wokenAt());
        evidence += "; top wake-up sources: " + sources.describe(3);
      }
      results.add(new CheckResult(ID, step.index(), status, v, status == Status.PASS ? warnAt
          : status == Status.WARN ? failAt : failAt, "events/request", Confidence.HIGH, evidence, details));
      earlier.add(v);
      if (step.load() != null && step.load().achievedQps() > 0 && w.wakeUpEventsPerSecond().value() > 0) {
        points.add(new double[] {step.load().achievedQps(), w.wakeUpEventsPerSecond().value(), v,
            gcBound / w.windowSeconds()});
      }
    }
    results.add(rampWide(run, points, t, "events/s", Confidence.HIGH));
    return results;
  }

  /**
   * No step has wake-up counts (a target without runtime/metrics): CPU time under
   * runtime.goready/runtime.ready per request from each step's CPU profile, LOW confidence: it is
   * a cost, not a count, and few samples land there (FINDINGS §6 (b)).
   */
  private static List<CheckResult> goreadyFallback(RunData run, Thresholds t) {
    List<CheckResult> results = new ArrayList<>();
    List<double[]> points = new ArrayList<>();
    double first = Double.NaN;
    for (RunStep step : run.steps()) {
      RunProfiles.Loaded cpu = run.profiles().load(step.capture("cpu"));
      if (!cpu.ok() || step.load() == null || step.load().served() == 0) {
        results.add(CheckResult.noData(ID, step.index(), "goready CPU µs/request", !cpu.ok() ? cpu.problem()
            : Evidence.step(step.index()) + ": no requests served in the window: nothing to divide by"));
        continue;
      }
      io.schedgate.signals.CpuShare goready = cpu.signals().goready();
      double seconds = cpu.profile().durationNanos() > 0 ? cpu.profile().durationNanos() / 1e9 : step.windowSeconds();
      double served = step.load().achievedQps() * seconds;
      double perRequestUs = goready.cpuNanos() / 1e3 / Math.max(served, 1);
      if (Double.isNaN(first) && goready.samples() > 0) {
        first = perRequestUs;
      }
      double limit = Double.isNaN(first) ? Double.NaN : PER_STEP_GROWTH_WARN * first;
      Status status = !Double.isNaN(limit) && perRequestUs > limit ? Status.WARN : Status.PASS;
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("goreadySamples", goready.samples());
      details.put("goreadyCpuSecondsPerSecond", goready.cpuNanos() / 1e9 / seconds);
      results.add(new CheckResult(ID, step.index(), status, perRequestUs, limit, "goready CPU µs/request",
          Confidence.LOW, Evidence.num(perRequestUs) + " µs of CPU under runtime.goready/ready per request ("
              + goready.samples() + " samples; no runtime/metrics wake-up counts, so the CPU cost stands in"
              + " for the count, low confidence)", details));
      if (step.load().achievedQps() > 0 && goready.cpuNanos() > 0) {
        points.add(new double[] {step.load().achievedQps(), goready.cpuNanos() / 1e9 / seconds, perRequestUs});
      }
    }
    results.add(rampWide(run, points, t, "goready CPU-s/s", Confidence.LOW));
    return results;
  }

  private static CheckResult rampWide(RunData run, List<double[]> points, Thresholds t, String what,
      Confidence confidence) {
    if (points.size() < 3) {
      return CheckResult.noData(ID, CheckResult.RAMP, "exponent",
          "needs wake-up counts and achieved QPS at 3 or more steps to fit a trend, got " + points.size());
    }
    double[] qps = points.stream().mapToDouble(p -> p[0]).toArray();
    double[] eventsPerSecond = points.stream().mapToDouble(p -> p[1]).toArray();
    GrowthTrend trend;
    LinearFit linear;
    try {
      trend = GrowthTrend.of(qps, eventsPerSecond, t.maxLinearityExponent(), t.confidenceLevel());
      linear = OrdinaryLeastSquares.fit(qps, eventsPerSecond);
    } catch (IllegalArgumentException e) {
      return CheckResult.noData(ID, CheckResult.RAMP, "exponent", "cannot fit a trend: " + e.getMessage());
    }
    Status status = trend.status();
    // The trend must not rest on GC: the last step's events/s beyond linear growth from the first
    // step have to exceed what its GC cycles can make, else FAIL is only a WARN.
    double[] first = points.get(0);
    double[] last = points.get(points.size() - 1);
    double beyondLinear = last[1] - first[1] * last[0] / first[0];
    boolean gcExplains = status == Status.FAIL && last.length > 3 && beyondLinear <= last[3];
    if (gcExplains) {
      status = Status.WARN;
    }
    String verdict = gcExplains
        ? "wake-ups may grow faster than load, but the last step's excess (" + Evidence.num(beyondLinear)
            + " events/s) is within what its GC cycles can make (" + Evidence.num(last[3]) + "/s)"
        : switch (status) {
      case FAIL -> "wake-ups grow faster than load";
      case WARN -> "wake-ups may grow faster than load (the interval still includes "
          + Evidence.num(trend.limit()) + ")";
      default -> "wake-ups grow in step with load";
    };
    Map<String, Object> details = trend.details();
    details.put("linearRSquared", linear.rSquared());
    details.put("linearSlopeEventsPerRequest", linear.slope());
    String evidence = verdict + ": " + what + " " + trend.describe("QPS") + ", linear R² "
        + Evidence.num(linear.rSquared()) + ", over " + points.size() + " steps; per request "
        + Evidence.num(points.get(0)[2]) + " → " + Evidence.num(points.get(points.size() - 1)[2]);
    if (status != Status.PASS) {
      WakeUpSources sources = WakeUpSources.of(run);
      details.put("wakers", sources.wakers());
      details.put("wokenAt", sources.wokenAt());
      evidence += "; top wake-up sources: " + sources.describe(3);
    }
    return new CheckResult(ID, CheckResult.RAMP, status, trend.fit().exponent(), trend.limit(), "exponent",
        confidence, evidence, details);
  }

  /**
   * Scheduling events one GC cycle can make, per GOMAXPROCS: idle-priority mark workers run and are
   * preempted whenever a P idles. Measured on the lab (Go 1.26.8, GOMAXPROCS=2, 400 req/s of
   * /healthy with profiles being taken): Δ/sched/latencies count 6,049 with GOGC=100 (5 cycles) vs
   * 657 with GOGC=off, i.e. (6,049 − 657) × 8 / 5 ≈ 8,600 events per cycle, ≈ 4,300 per P; bounded
   * here at 5,000 per P.
   */
  static final double GC_EVENTS_PER_CYCLE_PER_PROC = 5000;

  private static double gcEventsBound(RunData run, RuntimeMetricsWindow w) {
    RuntimeMetricsValue cycles = w.gcCycles();
    RuntimeMetricsValue procs = w.end().get(io.schedgate.metrics.RuntimeMetricsName.SCHED_GOMAXPROCS);
    double p = procs.present() ? procs.value() : Math.max(1, run.gomaxprocs());
    return cycles.present() ? cycles.value() * GC_EVENTS_PER_CYCLE_PER_PROC * p : 0;
  }

  /** Median of the earlier steps: one odd window (a burst of GC work) must not move the reference. */
  static double median(List<Double> values) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  private static void putIfPresent(Map<String, Object> details, String key, RuntimeMetricsValue v) {
    if (v.present()) {
      details.put(key, v.value());
    }
  }
}
