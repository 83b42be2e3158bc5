package io.schedgate.cli;

import io.schedgate.pprof.ProfileReader;
import java.util.ArrayList;
import java.util.List;

/**
 * Parsed arguments of {@code schedgate profile}.
 *
 * @param top         functions to list (Integer.MAX_VALUE with --all)
 * @param sampleIndex a sample type name or index, or null for the profile's default
 * @param goVersion   a declared Go minor version (e.g. 23 for "1.23"), or null to detect
 */
public record ProfileOptions(
        List<String> files,
        boolean json,
        int top,
        String sampleIndex,
        long maxDecompressed,
        Integer goVersion,
        String focus,
        String ignore,
        boolean folded) {

    public static final String USAGE =
            "usage: schedgate profile FILE... [--json] [--top N | --all] [--sample-index NAME] [--folded]"
                    + "\n         [--max-decompressed BYTES] [--go-version 1.NN] [--focus REGEX] [--ignore REGEX]";

    public static ProfileOptions parse(String[] args) {
        List<String> files = new ArrayList<>();
        boolean json = false;
        boolean folded = false;
        int top = 20;
        String sampleIndex = null;
        long max = ProfileReader.DEFAULT_MAX_DECOMPRESSED;
        Integer goVersion = null;
        String focus = null;
        String ignore = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--json" -> json = true;
                case "--all" -> top = Integer.MAX_VALUE;
                case "--folded" -> folded = true;
                case "--top" -> top = topCount(value(args, ++i, a));
                case "--sample-index" -> sampleIndex = value(args, ++i, a);
                case "--max-decompressed" -> max = positiveLong(a, value(args, ++i, a));
                case "--go-version" -> goVersion = goMinor(value(args, ++i, a));
                case "--focus" -> focus = value(args, ++i, a);
                case "--ignore" -> ignore = value(args, ++i, a);
                case "-h", "--help" -> throw new UsageException(USAGE);
                default -> {
                    if (a.startsWith("-") && a.length() > 1) {
                        throw new UsageException("unknown option '" + a + "'; " + USAGE);
                    }
                    files.add(a);
                }
            }
        }
        if (files.isEmpty()) {
            throw new UsageException("no profile file given; " + USAGE);
        }
        return new ProfileOptions(List.copyOf(files), json, top, sampleIndex, max, goVersion, focus, ignore, folded);
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new UsageException(flag + " needs a value; " + USAGE);
        }
        return args[i];
    }

    private static int topCount(String v) {
        long n = v.equals("0") ? 0 : positiveLong("--top", v);
        return (int) Math.min(n, Integer.MAX_VALUE);
    }

    private static long positiveLong(String flag, String v) {
        try {
            long n = Long.parseLong(v);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // fall through to the message
        }
        throw new UsageException(flag + " needs a positive whole number, got '" + v + "'");
    }

    private static int goMinor(String v) {
        String s = v.startsWith("go") ? v.substring(2) : v;
        String[] parts = s.split("\\.");
        try {
            if (parts.length >= 2 && parts[0].equals("1")) {
                return Integer.parseInt(parts[1]);
            }
        } catch (NumberFormatException ignored) {
            // fall through
        }
        throw new UsageException("--go-version needs a Go version like 1.23 or go1.26.8, got '" + v + "'");
    }
}
