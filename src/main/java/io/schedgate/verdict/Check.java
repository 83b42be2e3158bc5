package io.schedgate.verdict;

import java.util.List;

/**
 * One kind of judgement over a run, listed in {@link CheckRegistry}: its id, the {@link Limit}s
 * it reads (declared beside it, read through its own {@code Limits} record), and per-step and/or
 * ramp-wide results, each with its stable {@link CheckResult#checkId()} and a readable
 * {@link CheckResult#evidence()}.
 */
public interface Check {

    /** The check's id: its results' {@link CheckResult#checkId()}, or their common prefix. */
    String id();

    /** Every threshold this check reads, its own and those it shares (e.g. {@link GrowthTrend#CONFIDENCE}). */
    List<Limit> limits();

    List<CheckResult> evaluate(CheckInput in);
}
