/**
 * Contention experiments as an API, for a user's own JUnit tests: {@link io.schedgate.experiment.Experiment}
 * names the Go service (an image, a Go module built into a {@code FROM scratch} image, or a running
 * URL), the stair-step ramp, the endpoint mix and the runtime knobs; {@code run()} drives Gatling in
 * the calling JVM with schedgate's collector and returns an {@link io.schedgate.experiment.ExperimentResult}
 * (each repetition's verdict, run directory and report), whose {@link io.schedgate.experiment.RepeatAgreement}
 * says where repetitions disagreed. {@link io.schedgate.experiment.ExperimentAssert} reads the verdict
 * as assertions. The composition stage on top of {@code gatling} (docs/architecture.md).
 */
package io.schedgate.experiment;
