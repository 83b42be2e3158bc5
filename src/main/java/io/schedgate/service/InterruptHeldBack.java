package io.schedgate.service;

/**
 * Runs Docker clean-up on a thread that may be interrupted (a JUnit timeout): docker-java answers an
 * interrupted thread with a CancellationException, which would leave the container or image behind, so
 * the interrupt is cleared while the work runs and set again after it.
 */
final class InterruptHeldBack {

    private InterruptHeldBack() {}

    static void run(Runnable work) {
        boolean interrupted = Thread.interrupted();
        try {
            work.run();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
