package io.schedgate.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * A parsed /metrics page: metric families with their samples. Reads the Prometheus text format
 * 0.0.4 (https://prometheus.io/docs/instrumenting/exposition_formats/) with or without its
 * optional {@code # TYPE}/{@code # HELP} lines, and OpenMetrics 1.0 text (as client_golang serves
 * it on {@code Accept: application/openmetrics-text}). Without {@code # TYPE}, a family is
 * inferred the way a Prometheus server would store it: {@code X_bucket{le=...}} with {@code X_count}
 * is the histogram X (with its {@code X_sum}), {@code X{quantile=...}} with {@code X_count} a
 * summary, a name ending in {@code _total} a counter, anything else untyped. OpenMetrics'
 * {@code _created} samples (a counter's or histogram's start time) are left out; {@code # UNIT} is
 * kept; nothing may follow {@code # EOF}. Exemplars and timestamps are ignored.
 */
public final class PrometheusText {

    private static final String[] HISTOGRAM_SUFFIXES = {"_bucket", "_sum", "_count", "_created"};
    private static final String[] COUNTER_SUFFIXES = {"_total", "_created"};

    private final Map<String, PrometheusTextFamily> families;
    private final Map<String, String> units;
    private final boolean openMetrics;

    private PrometheusText(Map<String, PrometheusTextFamily> families, Map<String, String> units, boolean openMetrics) {
        this.families = Collections.unmodifiableMap(families);
        this.units = Collections.unmodifiableMap(units);
        this.openMetrics = openMetrics;
    }

    /** A sample with the line it came from, for error messages. */
    private record Line(PrometheusTextSample sample, int number) {}

    /** Parses a whole response body; {@code source} names it in error messages (e.g. a file path). */
    public static PrometheusText parse(String text, String source) {
        Map<String, PrometheusTextFamily.Type> types = new LinkedHashMap<>();
        Map<String, String> helps = new LinkedHashMap<>();
        Map<String, String> units = new LinkedHashMap<>();
        List<Line> samples = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        int eofLine = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            if (eofLine > 0) {
                throw new PrometheusTextFormatException(
                        source,
                        i + 1,
                        "'" + abbreviate(line) + "' after the OpenMetrics end marker '# EOF' (line " + eofLine + ")");
            }
            if (line.startsWith("#")) {
                String comment = line.substring(1).strip();
                if (comment.equals("EOF")) {
                    eofLine = i + 1;
                    continue;
                }
                String[] parts = comment.split("\\s+", 3);
                if (parts.length >= 3 && parts[0].equals("TYPE")) {
                    types.put(parts[1], typeOf(parts[2].strip(), source, i + 1));
                } else if (parts.length >= 2 && parts[0].equals("HELP")) {
                    helps.put(parts[1], parts.length == 3 ? parts[2] : "");
                } else if (parts.length >= 2 && parts[0].equals("UNIT")) {
                    units.put(parts[1], parts.length == 3 ? parts[2].strip() : "");
                }
                continue;
            }
            samples.add(new Line(PrometheusTextLine.parseSample(line, source, i + 1), i + 1));
        }
        if (samples.isEmpty()) {
            throw new PrometheusTextFormatException(source, lines.length, "no samples at all");
        }
        Inferred inferred = Inferred.from(samples, types);
        Map<String, PrometheusTextFamily.Type> familyTypes = new LinkedHashMap<>();
        Map<String, List<PrometheusTextSample>> samplesByFamily = new LinkedHashMap<>();
        for (Line l : samples) {
            String name = l.sample().name();
            String family = familyOf(name, types, inferred);
            PrometheusTextFamily.Type type =
                    types.containsKey(family) ? types.get(family) : inferred.typeOf(family, name);
            if (name.endsWith("_created") && !name.equals(family) && type != PrometheusTextFamily.Type.UNTYPED) {
                continue; // OpenMetrics' creation timestamp of a counter, histogram or summary: not a value
            }
            familyTypes.putIfAbsent(family, type);
            samplesByFamily.computeIfAbsent(family, k -> new ArrayList<>()).add(l.sample());
        }
        Map<String, PrometheusTextFamily> families = new LinkedHashMap<>();
        samplesByFamily.forEach((name, list) -> families.put(
                name, new PrometheusTextFamily(name, familyTypes.get(name), helps.getOrDefault(name, ""), list)));
        return new PrometheusText(families, units, eofLine > 0);
    }

    /** Histogram and summary families a page implies without declaring them (no {@code # TYPE}). */
    private record Inferred(Set<String> histograms, Set<String> summaries) {

        static Inferred from(List<Line> samples, Map<String, PrometheusTextFamily.Type> declared) {
            Set<String> names = new HashSet<>();
            Set<String> bucketBases = new HashSet<>();
            Set<String> quantileBases = new HashSet<>();
            for (Line l : samples) {
                String name = l.sample().name();
                names.add(name);
                if (name.endsWith("_bucket") && l.sample().labels().containsKey("le")) {
                    bucketBases.add(name.substring(0, name.length() - "_bucket".length()));
                }
                if (l.sample().labels().containsKey("quantile")) {
                    quantileBases.add(name);
                }
            }
            Set<String> histograms = new HashSet<>();
            for (String base : bucketBases) {
                if (names.contains(base + "_count")
                        && !declared.containsKey(base)
                        && !declared.containsKey(base + "_bucket")) {
                    histograms.add(base);
                }
            }
            Set<String> summaries = new HashSet<>();
            for (String base : quantileBases) {
                if (names.contains(base + "_count") && !declared.containsKey(base) && !histograms.contains(base)) {
                    summaries.add(base);
                }
            }
            return new Inferred(histograms, summaries);
        }

        PrometheusTextFamily.Type typeOf(String family, String sampleName) {
            if (histograms.contains(family)) {
                return PrometheusTextFamily.Type.HISTOGRAM;
            }
            if (summaries.contains(family)) {
                return PrometheusTextFamily.Type.SUMMARY;
            }
            return sampleName.endsWith("_total")
                    ? PrometheusTextFamily.Type.COUNTER
                    : PrometheusTextFamily.Type.UNTYPED;
        }
    }

    /**
     * The family a sample belongs to: its own declared name (text format 0.0.4 declares a counter as
     * {@code x_total}); else a declared or inferred histogram's/summary's {@code _bucket}, {@code _sum},
     * {@code _count}, {@code _created}; else an OpenMetrics counter's {@code _total}/{@code _created}
     * ({@code # TYPE x counter}, sample {@code x_total}); else its own name.
     */
    private static String familyOf(String sampleName, Map<String, PrometheusTextFamily.Type> types, Inferred inferred) {
        if (types.containsKey(sampleName)) {
            return sampleName;
        }
        for (String suffix : HISTOGRAM_SUFFIXES) {
            if (sampleName.endsWith(suffix)) {
                String base = sampleName.substring(0, sampleName.length() - suffix.length());
                PrometheusTextFamily.Type type = types.get(base);
                if (type == PrometheusTextFamily.Type.HISTOGRAM
                        || type == PrometheusTextFamily.Type.SUMMARY
                        || inferred.histograms().contains(base)
                        || (inferred.summaries().contains(base) && !suffix.equals("_bucket"))) {
                    return base;
                }
            }
        }
        for (String suffix : COUNTER_SUFFIXES) {
            if (sampleName.endsWith(suffix)) {
                String base = sampleName.substring(0, sampleName.length() - suffix.length());
                if (types.get(base) == PrometheusTextFamily.Type.COUNTER) {
                    return base;
                }
            }
        }
        return sampleName;
    }

    /** A {@code # TYPE} value; OpenMetrics' unknown, gaugehistogram, info and stateset read as untyped. */
    private static PrometheusTextFamily.Type typeOf(String declared, String source, int lineNumber) {
        switch (declared.toLowerCase(Locale.ROOT)) {
            case "unknown":
            case "gaugehistogram":
            case "info":
            case "stateset":
                return PrometheusTextFamily.Type.UNTYPED;
            default:
                try {
                    return PrometheusTextFamily.Type.valueOf(declared.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new PrometheusTextFormatException(
                            source, lineNumber, "unknown metric type '" + declared + "'");
                }
        }
    }

    private static String abbreviate(String line) {
        return line.length() <= 60 ? line : line.substring(0, 57) + "...";
    }

    public Map<String, PrometheusTextFamily> families() {
        return families;
    }

    public Optional<PrometheusTextFamily> family(String name) {
        return Optional.ofNullable(families.get(name));
    }

    /** True when the page ended in OpenMetrics' {@code # EOF}. */
    public boolean openMetrics() {
        return openMetrics;
    }

    /** A family's OpenMetrics {@code # UNIT}, e.g. {@code seconds}. */
    public Optional<String> unit(String family) {
        return Optional.ofNullable(units.get(family));
    }

    /**
     * The value of a counter, gauge or untyped series with exactly one sample, by its sample name:
     * {@code x_total} finds a 0.0.4 {@code # TYPE x_total counter} as well as OpenMetrics'
     * {@code # TYPE x counter}.
     */
    public OptionalDouble value(String name) {
        PrometheusTextFamily family = families.get(name);
        if (family == null && name.endsWith("_total")) {
            PrometheusTextFamily counter = families.get(name.substring(0, name.length() - "_total".length()));
            if (counter != null && counter.type() == PrometheusTextFamily.Type.COUNTER) {
                family = counter;
            }
        }
        if (family == null
                || family.type() == PrometheusTextFamily.Type.HISTOGRAM
                || family.type() == PrometheusTextFamily.Type.SUMMARY) {
            return OptionalDouble.empty();
        }
        List<PrometheusTextSample> named =
                family.samples().stream().filter(s -> s.name().equals(name)).toList();
        return named.size() == 1 ? OptionalDouble.of(named.get(0).value()) : OptionalDouble.empty();
    }

    /** A label of the family's first sample, e.g. {@code go_info{version="go1.26.8"}}. */
    public Optional<String> label(String name, String label) {
        return family(name)
                .filter(f -> !f.samples().isEmpty())
                .map(f -> f.samples().get(0).labels().get(label));
    }

    public Optional<PrometheusTextHistogram> histogram(String name) {
        PrometheusTextFamily family = families.get(name);
        if (family == null || family.type() != PrometheusTextFamily.Type.HISTOGRAM) {
            return Optional.empty();
        }
        List<PrometheusTextHistogram.Bucket> buckets = new ArrayList<>();
        Double count = null;
        double sum = Double.NaN;
        for (PrometheusTextSample s : family.samples()) {
            if (s.name().equals(name + "_bucket")) {
                String le = s.labels().get("le");
                if (le != null) {
                    buckets.add(new PrometheusTextHistogram.Bucket(PrometheusTextLine.parseValue(le), s.value()));
                }
            } else if (s.name().equals(name + "_count")) {
                count = s.value();
            } else if (s.name().equals(name + "_sum")) {
                sum = s.value();
            }
        }
        if (count == null) {
            return Optional.empty();
        }
        return Optional.of(new PrometheusTextHistogram(name, buckets, count, sum));
    }
}
