package io.schedgate.signals;

/**
 * One {@code lock(...)}/{@code unlock(...)} call in package runtime, from the per-version
 * tables in {@code all-runtime-lock-unlock-sites-<ver>.tsv} (generated from the Go sources).
 *
 * @param lockExpr the locked expression as written in the source, e.g. {@code &sched.lock}
 * @param function the enclosing function without the {@code runtime.} prefix, e.g. {@code wakep}
 * @param site     {@code file:line} of the call, file as base name, e.g. {@code proc.go:3227}
 * @param call     the called function: {@code lock}, {@code unlock}, {@code lockWithRank}, ...
 */
public record LockSite(String lockExpr, String function, String site, String call) {

    public boolean isUnlock() {
        return call.startsWith("unlock");
    }

    public LockBucket bucket() {
        return LockBucket.of(lockExpr, site);
    }
}
