package io.schedgate.verdict;

import io.schedgate.run.RunDirectory;

/** How evidence sentences name a step; their numbers come from {@link io.schedgate.text.Numbers}. */
public final class Evidence {

    private Evidence() {}

    /** {@code step-03} for the manifest's step index 3: the step's folder in the run directory. */
    public static String step(int index) {
        return RunDirectory.stepFolder(index - 1);
    }
}
