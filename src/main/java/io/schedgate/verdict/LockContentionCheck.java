package io.schedgate.verdict;

import io.schedgate.pprof.Frame;
import io.schedgate.pprof.Profile;
import io.schedgate.pprof.Sample;
import io.schedgate.signals.BlockReport;
import io.schedgate.signals.GoroutineGroups;
import io.schedgate.signals.MutexReport;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * True or pseudo lock contention, per user lock site and step: the source article's
 * four-dimension test (chapter 3.1; reference/source-article-notes.md) over the step's four
 * profiles. A site is examined when the mutex profile gives it at least
 * {@link Thresholds#contentionNotableDelayMs()} of delay, or when the CPU profile shows time in
 * sync lock frames under it. It is "true contention" only when every dimension agrees:
 * <ol>
 *   <li>CPU: the site's function has CPU inside its Lock…Unlock chain (lock frames or the
 *       critical section); nothing under it is the article's isolated spike;</li>
 *   <li>block: goroutines blocked in Lock at the site for ≥ {@code contention.blockMinMs} in total,
 *       in more than one blocking event;</li>
 *   <li>mutex: ≥ {@code contention.mutexMinContentions} contentions at the site;</li>
 *   <li>goroutine: goroutines parked in semacquire on it in the step's snapshots (reported; the
 *       article gives it no pseudo criterion, and snapshots are instants).</li>
 * </ol>
 * True contention FAILs when its mutex delay per second per GOMAXPROCS exceeds
 * {@code contention.fail}, else WARNs; a pseudo-spike PASSes. Runtime-internal locks never reach
 * the block or goroutine profiles (FINDINGS §3), so they are judged by sched.lock pressure instead.
 */
public final class LockContentionCheck implements Check {

  public static final String ID = "lock.contention";
  static final String ADVICE = "shard the lock or shorten the critical section";
  /** A CPU-only candidate needs this share of the step's CPU samples in sync lock frames. */
  static final double CPU_LOCK_FRAMES_NOTABLE = 0.02;
  private static final int MAX_SITES_PER_STEP = 5;
  private static final Set<String> PARKED_ON_LOCK = Set.of("sync.Mutex", "sync.RWMutex", "semacquire");

  /** One lock site's four dimensions. */
  record Site(String primitive, String function, String site, long mutexContentions, long mutexDelayNanos,
      long cpuSamples, long cpuLockFrameSamples, long cpuTotalSamples, long blockContentions, long blockDelayNanos,
      String blockSite, long parkedGoroutines) {}

  @Override
  public List<CheckResult> evaluate(RunData run, Thresholds t) {
    List<CheckResult> results = new ArrayList<>();
    for (RunStep step : run.steps()) {
      results.addAll(step(run, step, t));
    }
    return results;
  }

  private List<CheckResult> step(RunData run, RunStep step, Thresholds t) {
    Map<String, RunProfiles.Loaded> p = new LinkedHashMap<>();
    for (String name : List.of("mutex", "cpu", "block", "goroutineStart", "goroutineEnd")) {
      p.put(name, run.profiles().load(step.capture(name)));
    }
    for (String name : List.of("mutex", "cpu", "block")) {
      if (!p.get(name).ok()) {
        return List.of(CheckResult.noData(ID, step.index(), "share of processor time",
            "the four-dimension test needs the step's " + name + " profile: " + p.get(name).problem()));
      }
    }
    MutexReport mutex = p.get("mutex").signals().mutex();
    BlockReport block = p.get("block").signals().block();
    Profile cpu = p.get("cpu").profile();
    List<GoroutineGroups> snapshots = new ArrayList<>();
    for (String g : List.of("goroutineStart", "goroutineEnd")) {
      if (p.get(g).ok()) {
        snapshots.add(p.get(g).signals().goroutines());
      }
    }
    double windowSeconds = p.get("mutex").profile().durationNanos() > 0
        ? p.get("mutex").profile().durationNanos() / 1e9 : step.windowSeconds();
    double procs = run.gomaxprocs() > 0 ? run.gomaxprocs() : 1;

    List<Site> sites = new ArrayList<>();
    for (MutexReport.UserSite u : mutex.userSites()) {
      if (u.amount().delayNanos() >= t.contentionNotableDelayMs() * 1e6 && sites.size() < MAX_SITES_PER_STEP) {
        sites.add(site(u.primitive(), u.function(), u.site(), u.amount(), cpu, block, snapshots));
      }
    }
    for (Map.Entry<String, long[]> e : cpuLockFrameCallers(cpu).entrySet()) {
      boolean known = sites.stream().anyMatch(s -> s.function().equals(e.getKey()));
      long total = Math.max(1, cpu.total(cpuSamplesIndex(cpu)));
      if (!known && e.getValue()[0] >= CPU_LOCK_FRAMES_NOTABLE * total && sites.size() < MAX_SITES_PER_STEP) {
        String where = cpuSiteOf(cpu, e.getKey());
        MutexReport.Amount none = new MutexReport.Amount(0, 0);
        for (MutexReport.UserSite u : mutex.userSites()) {
          if (u.function().equals(e.getKey())) {
            none = u.amount();
          }
        }
        sites.add(site("sync lock frames", e.getKey(), where, none, cpu, block, snapshots));
      }
    }
    if (sites.isEmpty()) {
      return List.of(new CheckResult(ID, step.index(), Status.PASS, 0.0, t.contentionFail(),
          "share of processor time", Confidence.HIGH, "no user lock site with ≥ "
              + Evidence.num(t.contentionNotableDelayMs()) + " ms of mutex delay or ≥ "
              + Evidence.percent(CPU_LOCK_FRAMES_NOTABLE) + " of CPU in lock frames (mutex profile: "
              + mutex.contentions() + " contentions, " + ms(mutex.delayNanos()) + " in all)",
          Map.of("sites", 0)));
    }
    List<CheckResult> out = new ArrayList<>();
    for (Site s : sites) {
      out.add(judge(step, s, t, windowSeconds, procs));
    }
    out.sort(Comparator.comparing(CheckResult::status).reversed());
    return out;
  }

  private CheckResult judge(RunStep step, Site s, Thresholds t, double windowSeconds, double procs) {
    boolean cpuInChain = s.cpuLockFrameSamples() > 0 || s.cpuSamples() > 0;
    boolean blocked = s.blockDelayNanos() >= t.contentionBlockMinMs() * 1e6 && s.blockContentions() > 1;
    boolean contended = s.mutexContentions() >= t.contentionMutexMinContentions();
    boolean trueContention = cpuInChain && blocked && contended;
    double delayShare = s.mutexDelayNanos() / (windowSeconds * 1e9 * procs);
    Status status = !trueContention ? Status.PASS : delayShare > t.contentionFail() ? Status.FAIL : Status.WARN;
    List<String> pseudoBecause = new ArrayList<>();
    if (!cpuInChain) {
      pseudoBecause.add("no CPU under it in the Lock/Unlock chain");
    }
    if (!blocked) {
      pseudoBecause.add("block delay " + ms(s.blockDelayNanos()) + " < " + Evidence.num(t.contentionBlockMinMs())
          + " ms or a single waiter");
    }
    if (!contended) {
      pseudoBecause.add(s.mutexContentions() + " contentions < " + Evidence.num(t.contentionMutexMinContentions()));
    }
    String dims = "CPU " + s.cpuSamples() + " of " + s.cpuTotalSamples() + " samples under " + s.function()
        + " (" + s.cpuLockFrameSamples() + " in lock frames); block " + ms(s.blockDelayNanos()) + " in "
        + s.blockContentions() + " waits" + (s.blockSite() == null ? "" : " at " + s.blockSite()) + "; mutex "
        + s.mutexContentions() + " contentions, " + ms(s.mutexDelayNanos()) + " delay ("
        + Evidence.num(delayShare) + " s waited per second per P); " + s.parkedGoroutines()
        + " goroutines parked on it";
    String evidence = trueContention
        ? "true contention at " + s.site() + " (" + s.function() + ", " + s.primitive() + "): " + dims + " → "
            + ADVICE
        : "pseudo-spike at " + s.site() + " (" + s.function() + "): " + String.join("; ", pseudoBecause) + " — "
            + dims;
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("site", s.site());
    d.put("function", s.function());
    d.put("primitive", s.primitive());
    d.put("verdict", trueContention ? "true contention" : "pseudo-spike");
    d.put("cpuSamples", s.cpuSamples());
    d.put("cpuLockFrameSamples", s.cpuLockFrameSamples());
    d.put("cpuTotalSamples", s.cpuTotalSamples());
    d.put("cpuInLockChain", cpuInChain);
    d.put("blockSite", s.blockSite());
    d.put("blockContentions", s.blockContentions());
    d.put("blockDelayMs", s.blockDelayNanos() / 1e6);
    d.put("mutexContentions", s.mutexContentions());
    d.put("mutexDelayMs", s.mutexDelayNanos() / 1e6);
    d.put("parkedGoroutines", s.parkedGoroutines());
    if (trueContention) {
      d.put("advice", ADVICE);
    }
    return new CheckResult(ID, step.index(), status, delayShare, t.contentionFail(), "share of processor time",
        Confidence.HIGH, evidence, d);
  }

  private static Site site(String primitive, String function, String where, MutexReport.Amount amount, Profile cpu,
      BlockReport block, List<GoroutineGroups> snapshots) {
    long[] c = cpuUnder(cpu, function);
    long blockC = 0;
    long blockD = 0;
    String blockSite = null;
    for (BlockReport.Site b : block.sites()) {
      if (b.function().equals(function) && PARKED_ON_LOCK.contains(b.state())) {
        blockC += b.contentions();
        blockD += b.delayNanos();
        blockSite = blockSite == null ? b.site() : blockSite;
      }
    }
    long parked = 0;
    for (GoroutineGroups g : snapshots) {
      long n = 0;
      for (GoroutineGroups.Group group : g.groups()) {
        if (group.site().startsWith(function + " ") && PARKED_ON_LOCK.contains(group.state())) {
          n += group.goroutines();
        }
      }
      parked = Math.max(parked, n);
    }
    return new Site(primitive, function, where, amount.contentions(), amount.delayNanos(), c[0], c[1], c[2], blockC,
        blockD, blockSite, parked);
  }

  /** CPU samples whose stack passes through {@code function}, those of them in lock frames below it, and all. */
  private static long[] cpuUnder(Profile cpu, String function) {
    int idx = cpuSamplesIndex(cpu);
    long under = 0;
    long lockFrames = 0;
    for (Sample s : cpu.samples()) {
      List<Frame> stack = s.stack();
      for (int i = 0; i < stack.size(); i++) {
        if (stack.get(i).function().equals(function)) {
          under += s.value(idx);
          for (int j = 0; j < i; j++) {
            if (isLockFrame(stack.get(j).function())) {
              lockFrames += s.value(idx);
              break;
            }
          }
          break;
        }
      }
    }
    return new long[] {under, lockFrames, cpu.total(idx)};
  }

  /** Callers (first user frame) of sync lock frames in the CPU profile → samples. */
  private static Map<String, long[]> cpuLockFrameCallers(Profile cpu) {
    int idx = cpuSamplesIndex(cpu);
    Map<String, long[]> out = new LinkedHashMap<>();
    for (Sample s : cpu.samples()) {
      List<Frame> stack = s.stack();
      for (int i = 0; i < stack.size(); i++) {
        if (isLockFrame(stack.get(i).function())) {
          Frame user = io.schedgate.signals.WaitSites.firstUserFrame(stack.subList(i, stack.size()));
          if (user != null) {
            out.computeIfAbsent(user.function(), k -> new long[1])[0] += s.value(idx);
          }
          break;
        }
      }
    }
    return out;
  }

  private static String cpuSiteOf(Profile cpu, String function) {
    for (Sample s : cpu.samples()) {
      for (int i = 1; i < s.stack().size(); i++) {
        if (s.stack().get(i).function().equals(function) && isLockFrame(s.stack().get(i - 1).function())) {
          return s.stack().get(i).site();
        }
      }
    }
    return function;
  }

  static boolean isLockFrame(String f) {
    return f.startsWith("sync.(*Mutex).") || f.startsWith("sync.(*RWMutex).") || f.startsWith("internal/sync.(*Mutex).")
        || f.startsWith("internal/sync.runtime_Semacquire") || f.startsWith("sync.runtime_Semacquire")
        || f.startsWith("internal/sync.runtime_Semrelease") || f.startsWith("sync.runtime_Semrelease");
  }

  private static int cpuSamplesIndex(Profile cpu) {
    return cpu.sampleIndex("samples");
  }

  private static String ms(long nanos) {
    return Evidence.num(nanos / 1e6) + " ms";
  }
}
