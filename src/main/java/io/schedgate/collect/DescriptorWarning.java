package io.schedgate.collect;

import java.util.function.Consumer;

/**
 * Once per run, the warning that this JVM is near its file-descriptor limit: the connections of an
 * overloaded open model eat the descriptors the collector needs too.
 */
final class DescriptorWarning {
    private final Consumer<String> console;
    private volatile boolean given;

    DescriptorWarning(Consumer<String> console) {
        this.console = console;
    }

    /** Warns if near the limit and not warned yet. */
    void check() {
        if (!given) {
            FileDescriptors.nearLimit().ifPresent(w -> {
                given = true;
                console.accept(w);
            });
        }
    }
}
