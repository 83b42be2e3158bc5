package io.schedgate.signals;

import io.schedgate.pprof.Profile;

/**
 * Everything schedgate reads out of one profile, by profile kind; fields that do not apply to
 * the kind are null (a CPU profile has no goroutine groups, a goroutine profile no lock report).
 *
 * @param kind       cpu, mutex, block, goroutine, goroutineleak, heap, or the first sample type
 * @param version    detected (or declared) Go version
 * @param cpuLocks   CPU: runtime-lock time by lock, acquire and release side
 * @param goready    CPU: share of samples under runtime.goready/runtime.ready
 * @param gc         CPU: share of samples in GC work
 * @param mutex      mutex: runtime locks, the _Lost bucket, user sync sites
 * @param block      block: blocking by site, net/http/pprof's own waits excluded
 * @param goroutines goroutine/goroutineleak: groups by wait site and state
 */
public record ProfileSignals(
        String kind,
        GoVersion version,
        CpuLockReport cpuLocks,
        CpuShare goready,
        CpuShare gc,
        MutexReport mutex,
        BlockReport block,
        GoroutineGroups goroutines) {

    /**
     * @param fileName  used only to tell mutex from block profiles (same format)
     * @param declared  a version known from elsewhere (target /info, --go-version), or null to detect
     */
    public static ProfileSignals of(Profile profile, String fileName, GoVersion declared) {
        GoVersion version = declared != null ? declared : GoVersionDetector.detect(profile);
        if (profile.isCpu()) {
            return new ProfileSignals(
                    "cpu",
                    version,
                    CpuLockReport.of(profile, version),
                    CpuStackShares.containing(profile, CpuStackShares.GOREADY),
                    CpuStackShares.containing(profile, CpuStackShares.GC),
                    null,
                    null,
                    null);
        }
        String kind = profile.kind();
        if (kind.equals("contentions")) {
            ContentionKind ck = ContentionKind.of(profile, fileName);
            if (ck == ContentionKind.BLOCK) {
                return new ProfileSignals("block", version, null, null, null, null, BlockReport.of(profile), null);
            }
            return new ProfileSignals("mutex", version, null, null, null, MutexReport.of(profile, version), null, null);
        }
        if (kind.equals("goroutine") || kind.equals("goroutineleak")) {
            return new ProfileSignals(kind, version, null, null, null, null, null, GoroutineGroups.of(profile));
        }
        return new ProfileSignals(kind, version, null, null, null, null, null, null);
    }
}
