package io.schedgate.experiment;

import java.nio.file.Path;

/**
 * A Go service image {@link SchedgateExtension} built for a test class from its {@link GoModule}.
 *
 * @param tag the image's tag, for {@link Experiment#image(String)}
 * @param sources the module's directory
 */
public record ServiceImage(String tag, Path sources) {

    /** An experiment on this image, named after the module's directory. */
    public Experiment experiment() {
        return Experiment.image(tag)
                .named(sources.toAbsolutePath().normalize().getFileName().toString());
    }
}
