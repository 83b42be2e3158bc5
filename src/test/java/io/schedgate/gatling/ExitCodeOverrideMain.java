package io.schedgate.gatling;

import sun.misc.Signal;

/**
 * Run by {@link ExitCodeOverrideTest} as a child JVM. {@code exit}: asks for exit code 2, then
 * exits 0 the way Gatling does after its report. {@code sigint}: asks for it from a shutdown hook,
 * as Gatling's {@code after()} does when Ctrl-C stops a run, then waits for the signal.
 */
public final class ExitCodeOverrideMain {
    public static void main(String[] args) throws Exception {
        if (args[0].equals("exit")) {
            ExitCodeOverride.exitWith(RunExit.NO_DATA, "decisive wakeup.linearity step-02 NO_DATA");
            System.out.println("report written");
            System.exit(0);
        }
        // a JVM started by a non-interactive parent ignores SIGINT: do what a terminal's JVM does
        Signal.handle(new Signal("INT"), s -> System.exit(130));
        Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> ExitCodeOverride.exitWith(
                        RunExit.RUN_INCOMPLETE, "run interrupted: JVM shut down (Ctrl-C or kill)")));
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(30_000);
    }
}
