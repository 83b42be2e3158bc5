package io.schedgate.verdict;

import io.schedgate.signals.RuntimeMetricsValue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * sched.lock pressure per step: the share of processor time lost to the scheduler lock, WARN above
 * {@link Thresholds#schedLockWarn()}, FAIL above {@link Thresholds#schedLockFail()} (the source
 * article's 15%), always stated with the step's GC share because the article calls it abnormal
 * together with frequent GC. An upper bound (metric fallback) can PASS when below the warning
 * level but cannot FAIL: above it, the step WARNs that profiles are needed to attribute the time.
 */
public final class SchedLockPressureCheck implements Check {

  public static final String ID = "schedlock.pressure";

  private final SchedLockSource source;

  public SchedLockPressureCheck(SchedLockSource source) {
    this.source = source;
  }

  @Override
  public List<CheckResult> evaluate(RunData run, Thresholds t) {
    List<CheckResult> results = new ArrayList<>();
    for (RunStep step : run.steps()) {
      SchedLockMeasurement m = source.measure(run, step);
      if (!m.present()) {
        results.add(CheckResult.noData(ID, step.index(), "share of processor time", m.absentReason()));
        continue;
      }
      double share = m.share();
      Status status;
      double threshold;
      if (m.upperBound()) {
        status = share <= t.schedLockWarn() ? Status.PASS : Status.WARN;
        threshold = t.schedLockWarn();
      } else {
        status = share > t.schedLockFail() ? Status.FAIL : share > t.schedLockWarn() ? Status.WARN : Status.PASS;
        threshold = share > t.schedLockWarn() ? t.schedLockFail() : t.schedLockWarn();
      }
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("spinShare", m.spinShare());
      details.put("waitShare", m.waitShare());
      details.put("upperBound", m.upperBound());
      details.put("coversSpinning", m.coversSpinning());
      details.put("method", m.method());
      details.put("holders", m.holders());
      String gc = gcPhrase(step, details);
      String amount = (m.upperBound() ? "at most " : "") + Evidence.percent(share);
      String evidence = (m.upperBound() && status == Status.WARN
          ? "cannot attribute: up to " + Evidence.percent(share) + " of processor time waiting on locks, which"
              + " includes sync.Mutex; take mutex and CPU profiles to isolate sched.lock"
          : "sched.lock " + (m.coversSpinning() ? "" : "waits ") + amount + " of processor time"
              + holdersPhrase(m))
          + " (" + m.method() + "); " + gc;
      results.add(new CheckResult(ID, step.index(), status, share, threshold, "share of processor time",
          m.confidence(), evidence, details));
    }
    return results;
  }

  private static String gcPhrase(RunStep step, Map<String, Object> details) {
    if (step.metrics() == null) {
      return "GC share unknown";
    }
    RuntimeMetricsValue share = step.metrics().gcCpuShare();
    RuntimeMetricsValue cycles = step.metrics().gcCycles();
    if (share.present()) {
      details.put("gcCpuShare", share.value());
    }
    if (cycles.present()) {
      details.put("gcCycles", cycles.value());
    }
    return (share.present() ? "GC " + Evidence.percent(share.value()) + " of CPU" : "GC share unknown")
        + (cycles.present() ? ", GC cycles in the window: " + Evidence.num(cycles.value()) : "");
  }

  private static String holdersPhrase(SchedLockMeasurement m) {
    if (m.holders().isEmpty()) {
      return "";
    }
    return ", held most by " + m.holders().entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
        .limit(3)
        .map(e -> e.getKey() + " " + Evidence.percent(e.getValue()))
        .collect(Collectors.joining(", "));
  }
}
