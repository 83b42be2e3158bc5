package io.schedgate.experiment;

import static io.schedgate.experiment.ExperimentAssert.assertThat;
import static io.schedgate.verdict.ProfileVerdictTest.labLine;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * One experiment per behaviour of the bundled lab, written the way a user writes one (examples that
 * double as documentation): the lab module is built once for the class by {@link SchedgateExtension},
 * each experiment ramps one endpoint on a fresh container (GOMAXPROCS 2, short steps) at the
 * default thresholds and asserts the verdict that behaviour must reach, through {@link ExperimentAssert}.
 * The healthy one is repeated three times and must agree on every check at every step.
 */
@ExtendWith(SchedgateExtension.class)
@GoModule("targets/lab")
class LabBehaviourExperimentsTest {

    @TempDir
    Path runs;

    static Experiment shortRamp(ServiceImage lab, String name, String mix, double... steps) {
        return lab.experiment()
                .named(name)
                .steps(steps)
                .warmup(Duration.ofSeconds(1))
                .window(Duration.ofSeconds(3))
                .tail(Duration.ofSeconds(1))
                .cooldown(Duration.ofSeconds(2))
                .mix(mix)
                .gomaxprocs(2);
    }

    /** A cheap handler passes the gate with a capacity, and three repetitions agree on every result. */
    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void healthyPassesAndThreeRepetitionsAgree(ServiceImage lab, TestReporter reporter) {
        ExperimentResult result = shortRamp(lab, "healthy", "/healthy?us=50@1", 100, 200, 400)
                .repeat(3)
                .run(runs);
        System.out.print(result.summary());
        System.out.print(result.agreement().render());
        result.publish(reporter::publishEntry);
        assertThat(result).gatePasses().hasCapacity().isStable();
    }

    /**
     * Fan-out: 64 goroutines per request wake each other through the scheduler; on 2 Ps the sched.lock
     * share is measured from the profiles (high confidence) and stays under the default 5%.
     */
    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void fanoutMeasuresSchedLockFromProfiles(ServiceImage lab) {
        ExperimentResult result =
                shortRamp(lab, "fanout", "/fanout?n=64@1", 200, 400, 800).run(runs);
        System.out.print(result.summary());
        for (int step = 1; step <= 3; step++) {
            assertThat(result).check("schedlock.pressure").atStep(step).passes().naming("sched.lock");
        }
    }

    /**
     * Yield: 16 goroutines per request each call runtime.Gosched 200 times, and every yield goes
     * through the global run queue under sched.lock. By the top step the lock is a visible share of
     * processor time (the captured yield run: 9.6% at 800 req/s, 25.8% at 1,600; a live run in the
     * container beside Gatling: 6.5%, 8.7%, 15.1% at 200, 800, 1,600; on a busier machine 37.5%),
     * attributed from the profiles to goschedImpl (putting the yielder on the global run queue) beside
     * findRunnable (taking it off): which of the two holds it most varies between runs.
     */
    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void yieldMakesSchedLockPressureNamingGoschedImpl(ServiceImage lab) {
        ExperimentResult result =
                shortRamp(lab, "yield", "/yield?n=16&k=200@1", 200, 800, 1600).run(runs);
        System.out.print(result.summary());
        assertThat(result).check("schedlock.pressure").atStep(3).warnsOrFails().naming("runtime.goschedImpl");
    }

    /**
     * A mutex held 400 µs per request saturates: true contention, named at the lab's Lock line (where
     * requests wait) with the Unlock line (where the holder releases).
     */
    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void hotMutexIsTrueContentionAtItsLine(ServiceImage lab) throws IOException {
        ExperimentResult result =
                shortRamp(lab, "hotlock", "/hotlock?us=400@1", 500, 1000, 2000).run(runs);
        System.out.print(result.summary());
        assertThat(result)
                .gateFails()
                .check("lock.contention")
                .anyStep()
                .fails()
                .naming("true contention at hotlock.go:" + labLine("hotlock.go", "h.mu.Lock()"))
                .naming("the holder releases at hotlock.go:" + labLine("hotlock.go", "h.mu.Unlock()"))
                .naming("shard the lock or shorten the critical section");
    }

    /** One token broadcast to every waiter: wake-ups per request blow up once the token saturates. */
    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void herdFailsWakeUpLinearityNamingItsWaker(ServiceImage lab) {
        ExperimentResult result =
                shortRamp(lab, "herd", "/herd?us=1000@1", 150, 300, 450, 1200).run(runs);
        System.out.print(result.summary());
        assertThat(result)
                .gateFails()
                .check("wakeup.linearity")
                .anyStep()
                .fails()
                .naming("main.(*herd).run herd.go:");
    }

    /** Every request leaves a goroutine blocked forever: the leak is named at its wait site. */
    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void leakFailsNamingTheWaitSite(ServiceImage lab) {
        ExperimentResult result =
                shortRamp(lab, "leak", "/leak?n=1@1", 50, 100, 150).run(runs);
        System.out.print(result.summary());
        assertThat(result)
                .gateFails()
                .check("goroutines.leak")
                .rampWide()
                .fails()
                .naming("wait sites that grew: main.leakForever leak.go:");
    }

    /**
     * GC pressure is not scheduler contention: 256 KiB of garbage per request makes GC cycles whose
     * worker wake-ups the wake-up check leaves out, so wake-ups stay linear at every step, and the
     * sched.lock judgement states the step's GC share beside it. The GC's stop-the-world paths make
     * sched.lock grow faster than the load, but from 0.00% to tenths of a percent: no ramp-wide warning.
     */
    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void allocIsGcWorkNotAWakeUpStorm(ServiceImage lab) {
        ExperimentResult result =
                shortRamp(lab, "alloc", "/alloc?kb=256@1", 100, 200, 400).run(runs);
        System.out.print(result.summary());
        for (int step = 1; step <= 3; step++) {
            assertThat(result).check("wakeup.linearity").atStep(step).passes();
            assertThat(result).check("schedlock.pressure").atStep(step).naming("GC ");
        }
        assertThat(result).check("schedlock.pressure").rampWide().passes();
    }
}
