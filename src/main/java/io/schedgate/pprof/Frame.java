package io.schedgate.pprof;

/**
 * One logical frame of a stack: a function at a source line. A Location with inlined calls
 * expands to several frames; all but the last (the physical caller) are {@code inlined}.
 *
 * @param function the function name as pprof prints it (e.g. {@code runtime.lock2})
 * @param file     the source file path as recorded in the profile ("" when unknown)
 * @param line     the line in {@code file} (0 when unknown)
 * @param inlined  true when this frame was inlined into the frame below it (its caller)
 */
public record Frame(String function, String file, long line, boolean inlined) {

    /** The file's last path element, the key the lock-site tables use. */
    public String fileBase() {
        int slash = file.lastIndexOf('/');
        return slash < 0 ? file : file.substring(slash + 1);
    }

    /** {@code file:line}, with the file reduced to its base name. */
    public String site() {
        return fileBase() + ":" + line;
    }

    // Written out rather than the record's generated ones: those bootstrap through
    // java.lang.runtime.ObjectMethods at first use, ~10 ms of a short CLI run.
    @Override
    public boolean equals(Object o) {
        return o instanceof Frame f
                && f.line == line
                && f.inlined == inlined
                && f.function.equals(function)
                && f.file.equals(file);
    }

    @Override
    public int hashCode() {
        return ((function.hashCode() * 31 + file.hashCode()) * 31 + Long.hashCode(line)) * 2 + (inlined ? 1 : 0);
    }

    @Override
    public String toString() {
        return function + " " + site() + (inlined ? " (inline)" : "");
    }
}
