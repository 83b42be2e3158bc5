package io.schedgate.cli;

import io.schedgate.pprof.Aggregator;
import io.schedgate.pprof.FunctionTable;
import io.schedgate.pprof.Profile;
import io.schedgate.pprof.ProfileException;
import io.schedgate.pprof.ProfileReader;
import io.schedgate.pprof.SampleFilter;
import io.schedgate.signals.GoVersion;
import io.schedgate.signals.GoVersionDetector;
import io.schedgate.signals.LockSiteTable;
import io.schedgate.signals.ProfileSignals;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.PatternSyntaxException;

/**
 * {@code schedgate profile FILE...}: reads each profile, aggregates it like {@code go tool pprof
 * -top} and reads the scheduler signals out of it. A bad file is reported in one line and the
 * other files are still processed; the exit code is 1 if any file failed.
 */
final class ProfileCommand implements Schedgate.Command {

    /** The outcome for one file: an analysis, or the one-line reason it has none. */
    record Result(
            String file,
            Profile profile,
            FunctionTable functions,
            ProfileSignals signals,
            List<String> folded,
            String error) {}

    @Override
    public String summary() {
        return "summarise pprof files: top functions, runtime-lock attribution, goroutine groups (--json for machines)";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        ProfileTiming timing = ProfileTiming.INSTANCE;
        ProfileOptions o = ProfileOptions.parse(args);
        SampleFilter filter;
        try {
            filter = SampleFilter.of(o.focus(), o.ignore());
        } catch (PatternSyntaxException e) {
            throw new UsageException("bad --focus/--ignore regex: " + e.getDescription());
        }
        LockSiteTable.preloadInBackground(); // overlaps table loading with reading the profile
        ProfileReader reader = new ProfileReader(o.maxDecompressed());
        GoVersion declared =
                o.goVersion() == null ? null : GoVersion.declared(o.goVersion(), "--go-version 1." + o.goVersion());
        List<Result> results = new ArrayList<>();
        for (String file : o.files()) {
            results.add(analyse(file, reader, o, filter, declared));
        }
        if (o.json()) {
            ProfileJson.write(results, o, out);
        } else {
            for (Result r : results) {
                if (r.error() == null) {
                    ProfileText.write(r, o, out);
                }
            }
        }
        timing.mark("output");
        int failed = 0;
        for (Result r : results) {
            if (r.error() != null) {
                err.println("schedgate profile: " + r.error());
                failed++;
            }
        }
        timing.print(err);
        return failed == 0 ? 0 : 1;
    }

    static Result analyse(
            String file, ProfileReader reader, ProfileOptions o, SampleFilter filter, GoVersion declared) {
        ProfileTiming timing = ProfileTiming.INSTANCE;
        try {
            timing.mark("setup");
            Profile p = reader.read(Path.of(file)).requireSamples(file);
            timing.mark("read");
            int index = p.sampleIndex(o.sampleIndex());
            FunctionTable table = Aggregator.byFunction(p, index, filter);
            timing.mark("functions");
            GoVersion version = declared != null ? declared : GoVersionDetector.detect(p);
            timing.mark("version");
            ProfileSignals signals =
                    ProfileSignals.of(p, Path.of(file).getFileName().toString(), version);
            timing.mark("signals");
            List<String> folded = o.folded() ? Aggregator.folded(p, index, filter) : null;
            if (o.folded()) {
                timing.mark("folded");
            }
            return new Result(file, p, table, signals, folded, null);
        } catch (ProfileException e) {
            return new Result(file, null, null, null, null, e.getMessage());
        }
    }
}
