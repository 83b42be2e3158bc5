package io.schedgate.verdict;

import io.schedgate.pprof.Profile;
import io.schedgate.pprof.ProfileException;
import io.schedgate.pprof.ProfileReader;
import io.schedgate.signals.GoVersion;
import io.schedgate.signals.ProfileSignals;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The run's profiles, each read and analysed once however many checks ask for it. A missing,
 * empty or corrupt profile is a {@link Loaded} with a one-line problem, never an exception: the
 * checks turn it into NO_DATA for that step and the rest of the run is still judged.
 */
public final class RunProfiles {

    /** A profile and what schedgate read out of it, or why there is none. */
    public record Loaded(Profile profile, ProfileSignals signals, String problem) {
        public boolean ok() {
            return problem == null;
        }
    }

    private final GoVersion declared;
    private final Map<Path, Loaded> cache = new ConcurrentHashMap<>();
    private final ProfileReader reader = new ProfileReader();

    /** @param goVersion the target's version from the manifest ("go1.26.8"), or null to detect per profile */
    public RunProfiles(String goVersion) {
        this.declared = declared(goVersion);
    }

    static GoVersion declared(String goVersion) {
        java.util.OptionalInt minor = io.schedgate.metrics.GoRelease.minor(goVersion);
        return minor.isPresent()
                ? GoVersion.declared(minor.getAsInt(), "manifest target.goVersion " + goVersion)
                : null;
    }

    /** The version attribution uses: the manifest's, else null (each profile detects its own). */
    public GoVersion declaredVersion() {
        return declared;
    }

    public Loaded load(Capture capture) {
        if (!capture.ok()) {
            return new Loaded(null, null, capture.problem());
        }
        return cache.computeIfAbsent(capture.file(), this::read);
    }

    /** The capture's profile when it is a readable goroutine profile, else empty (a null capture too). */
    public java.util.Optional<Profile> goroutines(Capture capture) {
        if (capture == null) {
            return java.util.Optional.empty();
        }
        Loaded l = load(capture);
        return l.ok() && "goroutine".equals(l.profile().kind())
                ? java.util.Optional.of(l.profile())
                : java.util.Optional.empty();
    }

    private Loaded read(Path file) {
        try {
            Profile p = reader.read(file);
            return new Loaded(p, ProfileSignals.of(p, file.getFileName().toString(), declared), null);
        } catch (ProfileException | java.io.UncheckedIOException e) {
            return new Loaded(null, null, e.getMessage());
        }
    }
}
