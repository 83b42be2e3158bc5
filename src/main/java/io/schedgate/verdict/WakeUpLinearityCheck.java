package io.schedgate.verdict;

import io.schedgate.signals.RuntimeMetricsValue;
import io.schedgate.signals.RuntimeMetricsWindow;
import io.schedgate.stats.LinearFit;
import io.schedgate.stats.OrdinaryLeastSquares;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Wake-ups should grow linearly with load (the source article: runtime.goready frequency linear in
 * QPS). Per step: scheduling events per request from the /sched/latencies count (× 8 sampling,
 * FINDINGS §4); a step WARNs when that is more than twice the first step's. Across steps:
 * events/s ∝ QPS^b by log-log least squares; b at least {@link GrowthTrend#PRACTICAL_MARGIN} above the
 * threshold (1) with its whole confidence interval above the threshold is a FAIL, b that far above
 * without the interval to back it a WARN.
 */
public final class WakeUpLinearityCheck implements Check {

  public static final String ID = "wakeup.linearity";
  static final double PER_STEP_GROWTH_WARN = 2.0;

  @Override
  public List<CheckResult> evaluate(RunData run, Thresholds t) {
    List<CheckResult> results = new ArrayList<>();
    List<double[]> points = new ArrayList<>();
    double first = Double.NaN;
    for (RunStep step : run.steps()) {
      // TODO(pprof engine, issue 3): when the target has no metrics, fall back to
      // runtime.goready/runtime.ready CPU time per request from the step's CPU profile,
      // labelled Confidence.LOW.
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
      if (Double.isNaN(first)) {
        first = v;
      }
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("eventsPerSecond", w.wakeUpEventsPerSecond().value());
      putIfPresent(details, "goroutinesCreatedPerRequest", w.goroutinesCreatedPerRequest());
      putIfPresent(details, "mutexWaitSecondsPerSecondPerProc", w.mutexWaitPerSecondPerProc());
      putIfPresent(details, "gcCpuShare", w.gcCpuShare());
      details.put("requests", w.requests());
      double limit = PER_STEP_GROWTH_WARN * first;
      Status status = v > limit ? Status.WARN : Status.PASS;
      RuntimeMetricsValue created = w.goroutinesCreatedPerRequest();
      String evidence = Evidence.num(v) + " scheduling events per request (Δ/sched/latencies count × 8 over "
          + w.requests() + " requests)"
          + (created.present() ? ", " + Evidence.num(created.value()) + " goroutines created per request" : "")
          + (status == Status.WARN ? "; more than " + Evidence.num(PER_STEP_GROWTH_WARN) + "× the first step's "
              + Evidence.num(first) : "");
      results.add(new CheckResult(ID, step.index(), status, v, limit, "events/request",
          Confidence.HIGH, evidence, details));
      if (step.load() != null && step.load().achievedQps() > 0 && w.wakeUpEventsPerSecond().value() > 0) {
        points.add(new double[] {step.load().achievedQps(), w.wakeUpEventsPerSecond().value(), v});
      }
    }
    results.add(rampWide(points, t));
    return results;
  }

  private static CheckResult rampWide(List<double[]> points, Thresholds t) {
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
    String verdict = switch (status) {
      case FAIL -> "wake-ups grow faster than load";
      case WARN -> "wake-ups may grow faster than load (the interval still includes "
          + Evidence.num(trend.limit()) + ")";
      default -> "wake-ups grow in step with load";
    };
    Map<String, Object> details = trend.details();
    details.put("linearRSquared", linear.rSquared());
    details.put("linearSlopeEventsPerRequest", linear.slope());
    // TODO(pprof engine, issue 3): on FAIL, name the top wake-up sources (callers of
    // runtime.goready / runtime.ready in the CPU profiles of the worst step).
    String evidence = verdict + ": events/s " + trend.describe("QPS") + ", linear R² "
        + Evidence.num(linear.rSquared()) + ", over " + points.size() + " steps; per request "
        + Evidence.num(points.get(0)[2]) + " → " + Evidence.num(points.get(points.size() - 1)[2]);
    return new CheckResult(ID, CheckResult.RAMP, status, trend.fit().exponent(), trend.limit(), "exponent",
        Confidence.HIGH, evidence, details);
  }

  private static void putIfPresent(Map<String, Object> details, String key, RuntimeMetricsValue v) {
    if (v.present()) {
      details.put(key, v.value());
    }
  }
}
