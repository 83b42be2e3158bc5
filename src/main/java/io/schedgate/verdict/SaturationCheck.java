package io.schedgate.verdict;

import io.schedgate.run.LoadNumbers;
import io.schedgate.load.StepLoadCounters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A step is saturated when the target no longer keeps up: achieved QPS below a fraction of the
 * offered rate, too many errors, or p99 past the SLO. Saturation WARNs (a ramp is meant to find
 * it); it marks where capacity ends. A step where the harness itself fell behind its schedule
 * (more than {@link #HARNESS_LATE_MAX} of its requests sent late) also WARNs, naming the harness:
 * its numbers describe the load generator, so it cannot count towards the target's capacity.
 */
public final class SaturationCheck implements Check {

  public static final String ID = "saturation";
  /** Share of late requests above which a step measured the harness rather than the target. */
  public static final double HARNESS_LATE_MAX = 0.05;


  @Override
  public List<CheckResult> evaluate(RunData run, Thresholds t) {
    List<CheckResult> results = new ArrayList<>();
    for (RunStep step : run.steps()) {
      LoadNumbers load = step.load();
      if (load == null || !(load.offeredQps() > 0)) {
        results.add(CheckResult.noData(ID, step.index(), "achieved/offered",
            Evidence.step(step.index()) + ": no load numbers in the manifest"));
        continue;
      }
      double ratio = load.achievedQps() / load.offeredQps();
      List<String> why = new ArrayList<>();
      if (ratio < t.saturationAchievedRatio()) {
        why.add("achieved " + Evidence.num(load.achievedQps()) + " of " + Evidence.num(load.offeredQps())
            + " req/s offered (" + Evidence.percent(ratio) + " < " + Evidence.percent(t.saturationAchievedRatio()) + ")");
      }
      if (load.errorRate() > t.maxErrorRate()) {
        why.add(load.errors() + " errors in " + load.requests() + " requests (" + Evidence.percent(load.errorRate())
            + " > " + Evidence.percent(t.maxErrorRate()) + ")");
      }
      if (t.hasP99Slo() && load.p99Ms() > t.p99SloMs()) {
        why.add("p99 " + Evidence.num(load.p99Ms()) + " ms > SLO " + Evidence.num(t.p99SloMs()) + " ms");
      }
      boolean harnessBehind = load.lateRate() > HARNESS_LATE_MAX;
      Status status = why.isEmpty() && !harnessBehind ? Status.PASS : Status.WARN;
      String evidence;
      if (harnessBehind) {
        evidence = "harness behind schedule: " + load.late() + " of " + load.requests() + " requests ("
            + Evidence.percent(load.lateRate()) + ") went out more than " + StepLoadCounters.LATE_NANOS / 1_000_000 + " ms late, "
            + Evidence.num(load.offeredQps()) + " of " + Evidence.num(step.targetQps())
            + " req/s planned were sent; this step measures the load generator, not the target "
            + "(raise -Dschedgate.users if responses are slow; bench/load-headroom.sh gives this machine's limit)"
            + (why.isEmpty() ? "" : "; also " + String.join("; ", why));
      } else if (why.isEmpty()) {
        evidence = "keeps up: " + Evidence.num(load.achievedQps()) + " of " + Evidence.num(load.offeredQps())
            + " req/s, " + load.errors() + " errors, p99 " + Evidence.num(load.p99Ms()) + " ms";
      } else {
        evidence = "saturated: " + String.join("; ", why);
      }
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("offeredQps", load.offeredQps());
      details.put("achievedQps", load.achievedQps());
      details.put("errorRate", load.errorRate());
      details.put("p99Ms", load.p99Ms());
      details.put("meanMs", load.meanMs());
      details.put("lateRequests", load.late());
      results.add(new CheckResult(ID, step.index(), status, ratio, t.saturationAchievedRatio(),
          "achieved/offered", Confidence.HIGH, evidence, details));
    }
    return results;
  }
}
