package io.schedgate.cli;

import java.io.File;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The training run for bin/schedgate's class-data-sharing archive: runs {@code schedgate profile}
 * on the given profiles in every output mode (text, --json, --folded) with the output thrown
 * away, so the JVM that dumps the archive at exit ({@code -XX:ArchiveClassesAtExit}) has loaded
 * every class a real run needs. Later runs map those classes pre-parsed and pre-verified.
 *
 * <p>usage: {@code ProfileTraining PROFILE...} (exit status 0 when every run succeeded)
 */
public final class ProfileTraining {

    private ProfileTraining() {}

    public static void main(String[] args) {
        List<String> files = new ArrayList<>();
        for (String a : args) {
            if (new File(a).isFile()) {
                files.add(a);
            }
        }
        if (files.isEmpty()) {
            System.err.println("schedgate: no training profiles found in " + Arrays.toString(args));
            System.exit(1);
        }
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
        int status = 0;
        String[][] modes = {{"--all"}, {"--json"}, {"--folded", "--top", "0"}};
        for (String[] mode : modes) {
            List<String> argv = new ArrayList<>();
            argv.add("profile");
            argv.addAll(Arrays.asList(mode));
            argv.addAll(files);
            status |= Schedgate.run(argv.toArray(new String[0]), nowhere, nowhere);
        }
        System.exit(status);
    }
}
