package io.schedgate.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Compiles a Go main package into a static Linux binary on the host ({@code CGO_ENABLED=0}), so a
 * {@code FROM scratch} image can run it: no registry, no builder image.
 */
final class LabBinaryBuild {

    /** A compiler or vet diagnostic: {@code ./file.go:12:3: message}. */
    private static final Pattern GO_DIAGNOSTIC = Pattern.compile("^\\S+\\.go:\\d+(:\\d+)?: .*");

    private static final long BUILD_TIMEOUT_MINUTES = 10;

    private LabBinaryBuild() {}

    /** Builds the package in {@code sources} into {@code outputDir/lab}; returns the binary's path. */
    static Path build(GoToolchain toolchain, Path sources, Path outputDir) {
        return build(toolchain, null, sources, outputDir);
    }

    /** As {@link #build(GoToolchain, Path, Path)} with {@code GOEXPERIMENT} set, unless {@code goExperiment} is null. */
    static Path build(GoToolchain toolchain, String goExperiment, Path sources, Path outputDir) {
        return build(toolchain, goExperiment, sources, outputDir, "lab", true);
    }

    /**
     * Builds the package in {@code sources} into {@code outputDir/name}: for a container
     * ({@code GOOS=linux}) or, {@code forContainer} false, for the host that runs schedgate (a tool
     * such as tracestat); static ({@code CGO_ENABLED=0}) either way.
     */
    static Path build(
            GoToolchain toolchain,
            String goExperiment,
            Path sources,
            Path outputDir,
            String name,
            boolean forContainer) {
        Path binary = outputDir.resolve(name);
        ProcessBuilder command = new ProcessBuilder(
                        List.of(toolchain.goCommand(), "build", "-trimpath", "-o", binary.toString(), "."))
                .directory(sources.toFile())
                .redirectErrorStream(true);
        Map<String, String> env = command.environment();
        env.put("CGO_ENABLED", "0");
        if (forContainer) {
            env.put("GOOS", "linux");
        } else {
            env.remove("GOOS");
            env.remove("GOARCH");
        }
        toolchain.applyTo(env);
        String what = "go build of " + sources + " with " + toolchain.describe();
        if (goExperiment != null) {
            env.put("GOEXPERIMENT", goExperiment);
            what += " GOEXPERIMENT=" + goExperiment;
        }
        String output;
        int exit;
        try {
            Files.createDirectories(outputDir);
            Process process = command.start();
            process.getOutputStream().close();
            byte[] bytes = process.getInputStream().readAllBytes();
            if (!process.waitFor(BUILD_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new GoServiceException(what + " did not finish within " + BUILD_TIMEOUT_MINUTES + " min");
            }
            output = new String(bytes, StandardCharsets.UTF_8);
            exit = process.exitValue();
        } catch (IOException e) {
            throw new GoServiceException(
                    what + " could not run (" + e.getMessage() + "): run scripts/setup or pass withGo(PATH)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GoServiceException(what + " was interrupted", e);
        }
        if (exit != 0) {
            throw new GoServiceException(what + " failed: " + firstError(output));
        }
        if (!Files.isRegularFile(binary)) {
            throw new GoServiceException(what + " exited 0 but wrote no binary at " + binary);
        }
        return binary;
    }

    /**
     * The line that best says why a build failed: the first compiler diagnostic, else the first line
     * that is not a {@code # package} header (e.g. "go: go.mod requires go >= 1.24").
     */
    static String firstError(String output) {
        List<String> lines =
                output.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        return lines.stream()
                .filter(l -> GO_DIAGNOSTIC.matcher(l).matches())
                .findFirst()
                .or(() -> lines.stream().filter(l -> !l.startsWith("#")).findFirst())
                .orElse("no output (exit status non-zero)");
    }
}
