package io.schedgate.pprof;

/**
 * One row of {@code go tool pprof -top}: a function's flat value (samples where it is the leaf)
 * and cum value (samples where it appears anywhere, counted once per sample even if recursive).
 */
public record FunctionStat(String function, long flat, long cum) {}
