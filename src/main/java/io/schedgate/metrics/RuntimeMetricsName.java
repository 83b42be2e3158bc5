package io.schedgate.metrics;

/**
 * The Go runtime/metrics the verdict reads, with their Prometheus names as client_golang's Go
 * collector derives them (prometheus/internal/go_runtime_metrics.go, RuntimeMetricsToProm, v1.22):
 * {@code go_} + the key's directory with / and - as _ + {@code _} + the last element + {@code _} +
 * the unit, plus {@code _total} for cumulative non-histogram metrics. Verified against real scrapes
 * of the lab on Go 1.23 and 1.26 (fixtures/metrics/runs).
 */
public enum RuntimeMetricsName {
  SCHED_LATENCIES("/sched/latencies:seconds", Kind.HISTOGRAM, true, 22),
  SCHED_GOROUTINES("/sched/goroutines:goroutines", Kind.GAUGE, false, 22),
  SCHED_GOROUTINES_RUNNABLE("/sched/goroutines/runnable:goroutines", Kind.GAUGE, false, 26),
  SCHED_GOROUTINES_CREATED("/sched/goroutines-created:goroutines", Kind.COUNTER, true, 26),
  SCHED_GOMAXPROCS("/sched/gomaxprocs:threads", Kind.GAUGE, false, 22),
  SYNC_MUTEX_WAIT_TOTAL("/sync/mutex/wait/total:seconds", Kind.COUNTER, true, 22),
  GC_CYCLES_TOTAL("/gc/cycles/total:gc-cycles", Kind.COUNTER, true, 22),
  CPU_CLASSES_GC_TOTAL("/cpu/classes/gc/total:cpu-seconds", Kind.COUNTER, true, 22),
  CPU_CLASSES_TOTAL("/cpu/classes/total:cpu-seconds", Kind.COUNTER, true, 22);

  /** How the value is exposed. */
  public enum Kind {
    COUNTER,
    GAUGE,
    HISTOGRAM
  }

  private final String runtimeName;
  private final Kind kind;
  private final boolean cumulative;
  private final int sinceGoMinor;

  RuntimeMetricsName(String runtimeName, Kind kind, boolean cumulative, int sinceGoMinor) {
    this.runtimeName = runtimeName;
    this.kind = kind;
    this.cumulative = cumulative;
    this.sinceGoMinor = sinceGoMinor;
  }

  public String runtimeName() {
    return runtimeName;
  }

  public Kind kind() {
    return kind;
  }

  /** The first Go 1.x minor version that has this metric (FINDINGS §4; 22 = "at least 1.22"). */
  public int sinceGoMinor() {
    return sinceGoMinor;
  }

  public String prometheusName() {
    return toPrometheus(runtimeName, cumulative, kind == Kind.HISTOGRAM);
  }

  /** client_golang's RuntimeMetricsToProm naming rule for any runtime/metrics key. */
  public static String toPrometheus(String runtimeName, boolean cumulative, boolean histogram) {
    int colon = runtimeName.indexOf(':');
    if (!runtimeName.startsWith("/") || colon < 0) {
      throw new IllegalArgumentException(
          "not a runtime/metrics name (want /path/name:unit): " + runtimeName);
    }
    String key = runtimeName.substring(1, colon);
    String unit = runtimeName.substring(colon + 1)
        .replace("-", "_").replace("*", "_").replace("/", "_per_");
    int slash = key.lastIndexOf('/');
    String subsystem = slash < 0 ? "." : key.substring(0, slash);
    String name = key.substring(slash + 1).replace("-", "_") + "_" + unit;
    if (cumulative && !histogram) {
      name += "_total";
    }
    return "go_" + subsystem.replace("/", "_").replace("-", "_") + "_" + name;
  }
}
