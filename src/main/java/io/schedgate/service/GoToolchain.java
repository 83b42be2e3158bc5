package io.schedgate.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which Go builds the lab: a {@code go} command plus the {@code GOTOOLCHAIN} it runs with.
 *
 * <p>{@code GOTOOLCHAIN=local} unless a toolchain is named, so the build uses exactly the chosen
 * binary and fails (rather than downloading another Go) when the module needs a newer one. A named
 * toolchain ({@code go1.27.3}) is fetched by the go command from the module proxy into Go's cache.
 *
 * @param goCommand path of the go binary, or {@code go} for the one on PATH
 * @param gotoolchain value of the GOTOOLCHAIN environment variable for the build
 */
public record GoToolchain(String goCommand, String gotoolchain) {

    public GoToolchain {
        Objects.requireNonNull(goCommand, "goCommand");
        Objects.requireNonNull(gotoolchain, "gotoolchain");
    }

    /** The go binary scripts/setup recorded in {@code target/go-binary}, else the {@code go} on PATH. */
    public static GoToolchain defaultFor(ProjectLayout layout) {
        Path recorded = layout.goBinaryFile();
        if (Files.isRegularFile(recorded)) {
            try {
                String path = Files.readString(recorded, StandardCharsets.UTF_8).strip();
                if (!path.isEmpty() && Files.isExecutable(Path.of(path))) {
                    return new GoToolchain(path, "local");
                }
            } catch (IOException e) {
                throw new GoServiceException("cannot read " + recorded + ": rerun scripts/setup", e);
            }
        }
        return new GoToolchain("go", "local");
    }

    /** A specific go binary, e.g. {@code /usr/lib/go-1.23/bin/go}. */
    public static GoToolchain at(String goCommand) {
        return new GoToolchain(goCommand, "local");
    }

    /** This go command, switched to the named toolchain (e.g. {@code go1.27.3}) through GOTOOLCHAIN. */
    public GoToolchain switchedTo(String toolchain) {
        if (!toolchain.matches("go1\\.\\d+(\\.\\d+)?((rc|beta)\\d+)?")) {
            throw new IllegalArgumentException("not a Go toolchain name: '" + toolchain + "' (expected e.g. go1.27.3)");
        }
        return new GoToolchain(goCommand, toolchain);
    }

    /**
     * The environment of a go command run by schedgate: GOTOOLCHAIN, and Go's telemetry counters
     * (written under the user config dir by every go command) kept under {@code user.home}, which the
     * build points into target/, instead of $HOME; GOENV still names the user's own go env file.
     */
    void applyTo(Map<String, String> env) {
        env.put("GOTOOLCHAIN", gotoolchain);
        String xdg = System.getenv("XDG_CONFIG_HOME");
        String home = System.getenv("HOME");
        String userConfig = xdg != null && !xdg.isEmpty() ? xdg : home != null ? home + "/.config" : null;
        if (userConfig != null) {
            env.putIfAbsent("GOENV", userConfig + "/go/env");
        }
        env.put(
                "XDG_CONFIG_HOME",
                Path.of(System.getProperty("user.home"), ".config").toString());
    }

    /** The Go version this toolchain builds with ({@code go env GOVERSION}), e.g. {@code go1.26.8}. */
    public String version() {
        ProcessBuilder command = new ProcessBuilder(goCommand, "env", "GOVERSION").redirectErrorStream(true);
        applyTo(command.environment());
        try {
            Process process = command.start();
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (process.waitFor() != 0 || !out.startsWith("go")) {
                // go's own output spans lines (downloading, the proxy's answer): one line, then the fix
                String said = String.join(
                        "; ",
                        out.lines().map(String::strip).filter(l -> !l.isEmpty()).toList());
                String fix = gotoolchain.equals("local")
                        ? "run scripts/setup"
                        : "name a toolchain the Go module proxy serves, or an installed Go with go(...)";
                throw new GoServiceException(
                        describe() + " cannot tell its version (" + said + "): " + fix + "; Go here: " + installed());
            }
            return out;
        } catch (IOException e) {
            Matcher debian = DEBIAN_GO.matcher(goCommand);
            String fix =
                    debian.matches() ? "install it with scripts/setup --go " + debian.group(1) : "run scripts/setup";
            throw new GoServiceException(
                    describe() + " cannot run (" + e.getMessage() + "): " + fix + "; Go here: " + installed(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GoServiceException("interrupted while asking " + describe() + " for its version", e);
        }
    }

    /** Debian's versioned Go, {@code /usr/lib/go-1.N/bin/go}; group 1 is {@code 1.N}. */
    private static final Pattern DEBIAN_GO = Pattern.compile("/usr/lib/go-(1\\.\\d+)/bin/go");

    /** The Go installations a build could use instead: the go on PATH and Debian's /usr/lib/go-1.N. */
    static String installed() {
        List<String> found = new ArrayList<>();
        found.add("go on PATH");
        try (Stream<Path> dirs = Files.list(Path.of("/usr/lib"))) {
            dirs.map(d -> d.resolve("bin/go"))
                    .filter(go -> DEBIAN_GO.matcher(go.toString()).matches() && Files.isExecutable(go))
                    .map(Path::toString)
                    .sorted()
                    .forEach(found::add);
        } catch (IOException e) {
            // no /usr/lib to list: the go on PATH is all there is to name
        }
        return String.join(", ", found);
    }

    /** How error messages name this toolchain. */
    public String describe() {
        return goCommand + " (GOTOOLCHAIN=" + gotoolchain + ")";
    }
}
