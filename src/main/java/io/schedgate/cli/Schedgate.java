package io.schedgate.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code schedgate} command: a subcommand dispatcher. Each subcommand gets the remaining
 * arguments and the two output streams, and returns the process exit code (0 ok, 1 bad input
 * or no data, 2 usage error).
 */
public final class Schedgate {

    /** One subcommand: {@code profile}, later {@code analyze}. */
    public interface Command {
        String summary();

        int run(String[] args, PrintStream out, PrintStream err);
    }

    private static final Map<String, Command> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("profile", new ProfileCommand());
        COMMANDS.put("analyze", new AnalyzeCommand());
        COMMANDS.put("report", new ReportCommand());
    }

    private Schedgate() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help") || args[0].equals("help")) {
            usage(args.length == 0 ? err : out);
            return args.length == 0 ? 2 : 0;
        }
        Command c = COMMANDS.get(args[0]);
        if (c == null) {
            err.println("schedgate: unknown command '" + args[0] + "'; commands: "
                    + String.join(", ", COMMANDS.keySet()) + " (schedgate --help)");
            return 2;
        }
        try {
            return c.run(Arrays.copyOfRange(args, 1, args.length), out, err);
        } catch (UsageException e) {
            err.println("schedgate " + args[0] + ": " + e.getMessage());
            return 2;
        } catch (OutOfMemoryError e) {
            err.println("schedgate " + args[0]
                    + ": out of memory; give the JVM more heap (JAVA_OPTS=-Xmx4g bin/schedgate ...)");
            return 1;
        }
    }

    private static void usage(PrintStream out) {
        out.println("usage: schedgate COMMAND [ARGS]");
        COMMANDS.forEach((name, c) -> out.printf("  %-8s %s%n", name, c.summary()));
    }
}
