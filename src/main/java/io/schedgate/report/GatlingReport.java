package io.schedgate.report;

import io.schedgate.run.Manifest;
import io.schedgate.run.Timestamps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Gatling's own report of the same run, found at report time: the manifest does not record Gatling's
 * results folder, so it is looked for where the two are written side by side. The run directory is
 * {@code <runs>/<simulation>-<time>/} ({@code <runs>} is {@code -Dschedgate.runs.dir}, by default
 * {@code target/schedgate}); Gatling writes {@code <results>/<simulation id>-<yyyyMMddHHmmssSSS>/index.html}
 * ({@code <results>} is {@code target/gatling} under the Maven plugin, {@code --results-folder} otherwise),
 * its simulation id the class's simple name lower-cased with every other character than {@code a-z0-9-} a
 * {@code -}, its time the run's start in the JVM's time zone ({@code gatling.data.zoneId}, by default the
 * system's). So {@code <runs>/../gatling} and {@code <runs>/gatling} are searched for the folder of that
 * simulation whose time is closest to the manifest's {@code startedAt}, within the run's span
 * ({@link #EARLY} before it allowed). A folder without {@code index.html} is Gatling run with {@code --no-reports},
 * except while Gatling is still running (the page written at the ramp's end, before Gatling writes its own):
 * then the page to come is linked with a note.
 *
 * @param href the page relative to the run directory (so the pair can be zipped together), null when none
 * @param folder the results folder found, relative to the run directory, null when none
 * @param none why there is no link, null when there is one
 * @param note said after the link (null: nothing), e.g. that Gatling has yet to write it
 */
public record GatlingReport(String href, String folder, String none, String note) {

    /**
     * How long before the manifest's {@code startedAt} Gatling's start may lie: Gatling starts its clock after
     * it built the simulation, whose constructor opens the run directory, so only clock rounding puts it before.
     */
    static final Duration EARLY = Duration.ofSeconds(30);

    /** An unfinished run's span (no {@code finishedAt}): a day from its start. */
    static final Duration UNFINISHED = Duration.ofDays(1);

    private static final Pattern FOLDER = Pattern.compile("(.+)-(\\d{17})");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS");

    /** The line at the top of the page. */
    String sentence() {
        return href != null
                ? "Gatling's report of this run: " + href + (note == null ? "" : " " + note)
                : "Gatling's report: " + none;
    }

    /**
     * @param gatlingRunning whether this is the end of the ramp inside Gatling's run, before Gatling writes its
     *     report (the ramp's own page), rather than a page written afterwards ({@code schedgate report}, analyze)
     */
    static GatlingReport find(Path runDir, Manifest m, boolean gatlingRunning) {
        return find(runDir, m, ZoneId.systemDefault(), gatlingRunning);
    }

    static GatlingReport find(Path runDir, Manifest m, ZoneId zone, boolean gatlingRunning) {
        Path run = runDir.toAbsolutePath().normalize();
        Instant start = parse(m.startedAt());
        if (m.simulation() == null || start == null || run.getParent() == null) {
            return new GatlingReport(
                    null,
                    null,
                    "none (the manifest has no simulation or start time to find Gatling's results by)",
                    null);
        }
        Instant end = parse(m.finishedAt());
        Instant from = start.minus(EARLY);
        Instant to = end == null || end.isBefore(start) ? start.plus(UNFINISHED) : end;
        String id = simulationId(m.simulation());
        List<Path> roots = new ArrayList<>();
        if (run.getParent().getParent() != null) {
            roots.add(run.getParent().getParent().resolve("gatling"));
        }
        roots.add(run.getParent().resolve("gatling"));
        Path best = null;
        long bestDistance = Long.MAX_VALUE;
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> children = Files.list(root)) {
                for (Path folder : children.filter(Files::isDirectory).toList()) {
                    Matcher name = FOLDER.matcher(folder.getFileName().toString());
                    if (!name.matches() || !name.group(1).equals(id)) {
                        continue;
                    }
                    Instant at;
                    try {
                        at = LocalDateTime.parse(name.group(2), TIME)
                                .atZone(zone)
                                .toInstant();
                    } catch (DateTimeParseException e) {
                        continue;
                    }
                    long distance = Math.abs(Duration.between(start, at).toMillis());
                    if (!at.isBefore(from) && !at.isAfter(to) && distance < bestDistance) {
                        best = folder;
                        bestDistance = distance;
                    }
                }
            } catch (IOException e) {
                // an unreadable results folder is as good as none
            }
        }
        if (best == null) {
            return new GatlingReport(
                    null,
                    null,
                    "none (no " + id + "-<time> results folder from this run's time in "
                            + String.join(
                                    " or ", roots.stream().map(r -> rel(run, r)).toList())
                            + ": run with --no-reports, or not a Gatling run)",
                    null);
        }
        String folder = rel(run, best);
        if (Files.isRegularFile(best.resolve("index.html"))) {
            return new GatlingReport(folder + "/index.html", folder, null, null);
        }
        if (gatlingRunning) {
            return new GatlingReport(
                    folder + "/index.html",
                    folder,
                    null,
                    "(Gatling writes it when the run ends, after this page; with --no-reports it never does)");
        }
        return new GatlingReport(
                null, folder, "none (" + folder + " has no index.html: Gatling ran with --no-reports)", null);
    }

    /** Gatling's simulation id for a class's simple name ({@code StringHelper.clean}). */
    static String simulationId(String simpleName) {
        return Normalizer.normalize(simpleName, Normalizer.Form.NFD)
                .toLowerCase(Locale.ROOT)
                .replaceAll("\\p{InCombiningDiacriticalMarks}+", "-")
                .replaceAll("[^a-zA-Z0-9\\-]", "-")
                .trim();
    }

    private static String rel(Path from, Path to) {
        return from.relativize(to).toString().replace('\\', '/');
    }

    private static Instant parse(String t) {
        try {
            return Timestamps.parse(t);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
