package io.schedgate.gatling;

import java.lang.reflect.Field;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Testcontainers 2.0.5 reads two settings only from environment variables:
 * {@code TESTCONTAINERS_RYUK_DISABLED} (Ryuk is an image to pull, and nothing can be pulled here) and
 * {@code TESTCONTAINERS_HOST_OVERRIDE} (else, inside a VM with /.dockerenv, it pulls alpine to find
 * the host). Surefire sets them, but the Gatling Maven plugin cannot: its forked JVM inherits only
 * the shell's environment. So before the first container starts, the Gatling JVM adds the missing
 * ones to its own environment view (needs {@code --add-opens java.base/java.lang} and
 * {@code java.base/java.util}, set in the pom's Gatling jvmArgs). Values already set are kept.
 */
public final class ContainerEnvironment {
    static final Map<String, String> DEFAULTS = Map.of(
            "TESTCONTAINERS_RYUK_DISABLED", "true",
            "TESTCONTAINERS_HOST_OVERRIDE", "localhost");

    private ContainerEnvironment() {}

    public static void ensureDefaults() {
        Map<String, String> missing = new LinkedHashMap<>();
        DEFAULTS.forEach((k, v) -> {
            if (System.getenv(k) == null) {
                missing.put(k, v);
            }
        });
        if (missing.isEmpty()) {
            return;
        }
        try {
            Class<?> processEnvironment = Class.forName("java.lang.ProcessEnvironment");
            Field unmodifiable = processEnvironment.getDeclaredField("theUnmodifiableEnvironment");
            unmodifiable.setAccessible(true);
            Object view = unmodifiable.get(null);
            Field backing = view.getClass().getDeclaredField("m");
            backing.setAccessible(true);
            @SuppressWarnings("unchecked")
            Map<String, String> env = (Map<String, String>) backing.get(view);
            env.putAll(missing);
        } catch (ReflectiveOperationException | RuntimeException e) {
            StringBuilder exports = new StringBuilder();
            missing.forEach((k, v) -> exports.append(' ').append(k).append('=').append(v));
            throw new IllegalStateException("cannot set " + missing.keySet() + " for Testcontainers (" + e
                    + "): run 'export" + exports + "' before ./mvnw gatling:test");
        }
    }
}
