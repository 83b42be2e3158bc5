package io.schedgate.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A parsed Prometheus text exposition (format 0.0.4, https://prometheus.io/docs/instrumenting/exposition_formats/):
 * metric families with their samples. Only what a /metrics scrape of a Go service needs; exemplars
 * and the OpenMetrics format are not accepted.
 */
public final class PrometheusText {

  private final Map<String, PrometheusTextFamily> families;

  private PrometheusText(Map<String, PrometheusTextFamily> families) {
    this.families = Collections.unmodifiableMap(families);
  }

  /** Parses a whole response body; {@code source} names it in error messages (e.g. a file path). */
  public static PrometheusText parse(String text, String source) {
    Map<String, String> types = new LinkedHashMap<>();
    Map<String, String> helps = new LinkedHashMap<>();
    Map<String, List<PrometheusTextSample>> samplesByFamily = new LinkedHashMap<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      if (line.startsWith("#")) {
        String[] parts = line.substring(1).strip().split("\\s+", 3);
        if (parts.length >= 3 && parts[0].equals("TYPE")) {
          types.put(parts[1], parts[2].strip());
        } else if (parts.length >= 2 && parts[0].equals("HELP")) {
          helps.put(parts[1], parts.length == 3 ? parts[2] : "");
        }
        continue;
      }
      PrometheusTextSample sample = PrometheusTextLine.parseSample(line, source, i + 1);
      String family = familyOf(sample.name(), types);
      samplesByFamily.computeIfAbsent(family, k -> new ArrayList<>()).add(sample);
    }
    if (samplesByFamily.isEmpty()) {
      throw new PrometheusTextFormatException(source, lines.length, "no samples at all");
    }
    Map<String, PrometheusTextFamily> families = new LinkedHashMap<>();
    samplesByFamily.forEach(
        (name, samples) ->
            families.put(
                name,
                new PrometheusTextFamily(
                    name, typeOf(types.get(name), source), helps.getOrDefault(name, ""), samples)));
    return new PrometheusText(families);
  }

  /** A histogram's _bucket/_sum/_count (and a summary's _sum/_count) belong to the base family. */
  private static String familyOf(String sampleName, Map<String, String> types) {
    for (String suffix : new String[] {"_bucket", "_sum", "_count"}) {
      if (sampleName.endsWith(suffix)) {
        String base = sampleName.substring(0, sampleName.length() - suffix.length());
        String type = types.get(base);
        if ("histogram".equals(type) || "summary".equals(type)) {
          return base;
        }
      }
    }
    return sampleName;
  }

  private static PrometheusTextFamily.Type typeOf(String declared, String source) {
    if (declared == null) {
      return PrometheusTextFamily.Type.UNTYPED;
    }
    try {
      return PrometheusTextFamily.Type.valueOf(declared.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new PrometheusTextFormatException(source, 0, "unknown metric type '" + declared + "'");
    }
  }

  public Map<String, PrometheusTextFamily> families() {
    return families;
  }

  public Optional<PrometheusTextFamily> family(String name) {
    return Optional.ofNullable(families.get(name));
  }

  /** The value of a counter, gauge or untyped family with exactly one sample. */
  public OptionalDouble value(String name) {
    PrometheusTextFamily family = families.get(name);
    if (family == null
        || family.samples().size() != 1
        || family.type() == PrometheusTextFamily.Type.HISTOGRAM
        || family.type() == PrometheusTextFamily.Type.SUMMARY) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(family.samples().get(0).value());
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
