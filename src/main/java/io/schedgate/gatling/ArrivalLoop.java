package io.schedgate.gatling;

import com.typesafe.scalalogging.Logger;
import io.gatling.core.action.Action;
import io.gatling.core.session.Session;
import io.gatling.core.structure.ScenarioContext;
import io.gatling.javaapi.core.ActionBuilder;
import io.schedgate.load.ArrivalPacer;
import io.schedgate.load.StepLoadCounters;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * A pooled user's loop over its arrivals as two Gatling actions: {@link #await()} (claim an arrival,
 * wait until it is due, start it as a fresh user) and {@link #done()} (count it, claim the next, back
 * to {@code await}; leave once the pacer has none). It replaces {@code asLongAs(...).on(pause(...)
 * .exec(...) ... .exec(...))}: Gatling pauses in whole milliseconds (every arrival went out up to 1 ms
 * early) and that loop took five actions of Gatling's per arrival (a loop counter and its session copy,
 * a block-stack scan per action). Here an arrival waits on one timer to its due instant to the
 * nanosecond, or none when it is due within {@link #EARLY_NANOS}. The chain in between
 * ({@code flushCookieJar}, {@code flushHttpCache}, the user's chain) is Gatling's.
 */
final class ArrivalLoop {
    /** The session attribute holding a pooled user's {@link Slot}. */
    private static final String SLOT = "schedgate.arrival";

    private static final Logger LOG = Logger.apply(LoggerFactory.getLogger(ArrivalLoop.class));

    /**
     * An arrival due this soon goes out now instead of on a timer of its own: Gatling's pause resolution
     * (it sends up to 1 ms early), and with a timer per arrival this close the event loops woke for each one
     * and fell behind at a lower rate (bench/load-headroom.sh, simulations/README.md).
     */
    static final long EARLY_NANOS = 1_000_000;

    private final ArrivalPacer pacer;
    private final StepLoadCounters counters;
    /** Built by Gatling from the chain's end: {@code done} (and the scenario's exit) first, then {@code await}. */
    private volatile Action awaitAction;

    private volatile Action exitAction;

    ArrivalLoop(ArrivalPacer pacer, StepLoadCounters counters) {
        this.pacer = pacer;
        this.counters = counters;
    }

    /**
     * A pooled user's arrival: when it is due, when the user claimed it (to tell a busy pool from a slow
     * harness) and when it was sent. Each user has its own and runs one action at a time, so plain fields.
     */
    private static final class Slot {
        long due;
        long claimed;
        long start;

        /** The next arrival for this user. */
        Slot claim(ArrivalPacer pacer) {
            due = pacer.claim();
            claimed = System.nanoTime();
            return this;
        }
    }

    /** First in the chain: the user's next arrival, sent at its due instant as a fresh user's. */
    ActionBuilder await() {
        return () -> (ctx, next) -> {
            Action a = new Await(next);
            awaitAction = a;
            return a;
        };
    }

    /** Last in the chain: the arrival's outcome counted, then the next arrival, or the scenario's end. */
    ActionBuilder done() {
        return () -> (ScenarioContext ctx, Action exit) -> {
            exitAction = exit;
            return new Done();
        };
    }

    private final class Await extends Base {
        private final Action next;

        Await(Action next) {
            super("schedgate-arrival");
            this.next = next;
        }

        @Override
        public void execute(Session session) {
            Object held = session.attributes().getOrElse(SLOT, () -> null);
            Slot slot;
            if (held instanceof Slot s) {
                slot = s;
            } else {
                slot = new Slot().claim(pacer);
                session = session.set(SLOT, slot);
            }
            if (slot.due == ArrivalPacer.DONE) {
                // the pacer ran out before this user's first claim
                exitAction.$bang(session);
                return;
            }
            long wait = slot.due - System.nanoTime();
            Session s = session;
            if (wait > EARLY_NANOS) {
                session.eventLoop().schedule(() -> send(s, slot), wait, TimeUnit.NANOSECONDS);
            } else {
                // due (nearly): queued behind the loop's other work rather than sent on this stack, which is
                // the previous response's (sending straight away there starved the others when behind)
                session.eventLoop().execute(() -> send(s, slot));
            }
        }

        private void send(Session session, Slot slot) {
            slot.start = counters.requestStarted(slot.due, slot.claimed);
            Session fresh = session.reset();
            if (fresh.isFailed()) {
                fresh = fresh.markAsSucceeded();
            }
            next.$bang(fresh.set(SLOT, slot));
        }
    }

    private final class Done extends Base {
        Done() {
            super("schedgate-arrival-done");
        }

        @Override
        public void execute(Session session) {
            Slot slot = (Slot) session.attributes().apply(SLOT);
            counters.requestFinished(slot.start, !session.isFailed());
            (slot.claim(pacer).due == ArrivalPacer.DONE ? exitAction : awaitAction).$bang(session);
        }
    }

    /** What Gatling's {@link Action} trait (a Scala trait with a logger) asks of a Java implementation. */
    private abstract static class Base implements Action {
        private final String name;

        Base(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Logger logger() {
            return LOG;
        }

        @Override
        public void com$typesafe$scalalogging$StrictLogging$_setter_$logger_$eq(Logger logger) {}
    }
}
