package io.schedgate.pprof;

/** A binary or shared library mapped into the profiled process. */
public record Mapping(long memoryStart, long memoryLimit, String file, String buildId, boolean hasFunctions) {}
