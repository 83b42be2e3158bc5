package io.schedgate.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * {@code manifest.json} of a run directory, schema {@value #SCHEMA}: what was planned, what the
 * target was, and per step when it ran, what load it got and which captures succeeded.
 * Timestamps are ISO-8601 UTC strings with milliseconds ({@link Timestamps}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Manifest(
        String schema,
        String simulation,
        String startedAt,
        String finishedAt,
        String status,
        String statusReason,
        Plan plan,
        Target target,
        Harness harness,
        Snapshot baseline,
        List<Step> steps,
        @JsonProperty("final") Snapshot finalSnapshot) {

    public static final String SCHEMA = "schedgate.run/1";

    /** Run status values. */
    public static final String RUNNING = "running";

    public static final String COMPLETE = "complete";
    public static final String TARGET_DIED = "target-died";
    public static final String INTERRUPTED = "interrupted";
    public static final String FAILED = "failed";

    public Manifest {
        steps = steps == null ? List.of() : List.copyOf(steps);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Plan(
            String preset,
            List<Double> stepsQps,
            long warmupSeconds,
            long windowSeconds,
            long tailSeconds,
            long cooldownSeconds,
            String endpointMix) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    /** The service under test; {@code runtimeSource} says where goVersion/gomaxprocs/numCpu came from. */
    public record Target(
            String kind,
            String image,
            String appUrl,
            String pprofUrl,
            String goVersion,
            Integer gomaxprocs,
            Integer numCpu,
            String cpuset,
            Double cpuQuota,
            String runtimeSource) {}

    /**
     * The load generator; {@code cpus} is the CPU list it ran on (null: not recorded), {@code pinning} what
     * was pinned where or why not ({@code plan.CpuSplit}), {@code headroomQps} the most it sent against this
     * target when it could not keep to the plan (null: it kept up) and {@code headroom} that in a sentence,
     * all added to schema 1 later: an older run has none of them.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Harness(
            String schedgateVersion,
            String javaVersion,
            String gatlingVersion,
            String cpus,
            String pinning,
            Double headroomQps,
            String headroom) {
        public Harness(String schedgateVersion, String javaVersion, String gatlingVersion) {
            this(schedgateVersion, javaVersion, gatlingVersion, null, null, null, null);
        }

        public Harness(
                String schedgateVersion, String javaVersion, String gatlingVersion, String cpus, String pinning) {
            this(schedgateVersion, javaVersion, gatlingVersion, cpus, pinning, null, null);
        }

        /** This harness with the load headroom the run measured. */
        public Harness withHeadroom(Double qps, String sentence) {
            return new Harness(schedgateVersion, javaVersion, gatlingVersion, cpus, pinning, qps, sentence);
        }
    }

    /** One raw file fetched from the target, or why it could not be. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Capture(String file, String status, String reason, Long bytes, String startedAt, String finishedAt) {
        public static final String OK = "ok";
        public static final String FAILED = "failed";
        public static final String MISSING = "missing";

        public boolean ok() {
            return OK.equals(status);
        }
    }

    /** Baseline (before the ramp) or final (after the cool-down) snapshots. */
    public record Snapshot(String at, Map<String, Capture> captures) {
        /** The capture of {@code kind}, null when the manifest lists none. */
        public Capture capture(CaptureKind kind) {
            return captures == null ? null : captures.get(kind.key());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Step(
            int index,
            double targetQps,
            String stepStart,
            String windowStart,
            String windowEnd,
            String stepEnd,
            LoadNumbers load,
            Map<String, Capture> captures) {
        /** The capture of {@code kind}, null when the manifest lists none. */
        public Capture capture(CaptureKind kind) {
            return captures == null ? null : captures.get(kind.key());
        }
    }
}
