package io.schedgate.collect;

/** What to do if the JVM goes down (Ctrl-C, kill) before the run has ended: mark it interrupted. */
final class ShutdownHook {
    private final Thread thread;

    private ShutdownHook(Thread thread) {
        this.thread = thread;
    }

    static ShutdownHook install(Runnable onShutdown) {
        Thread t = new Thread(onShutdown, "schedgate-shutdown");
        Runtime.getRuntime().addShutdownHook(t);
        return new ShutdownHook(t);
    }

    /** Removes the hook once the run has ended, unless it is the hook that is ending it. */
    void remove() {
        if (Thread.currentThread() == thread) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(thread);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already going down: the hook runs and finds the run stopped
        }
    }
}
