package io.schedgate.experiment;

import io.schedgate.gatling.ContainerEnvironment;
import io.schedgate.service.DockerEngine;
import io.schedgate.service.GoServiceImage;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 support for experiments: {@code @ExtendWith(SchedgateExtension.class)} with
 * {@link GoModule @GoModule("service")} on the class checks the Docker engine (one line naming the fix
 * when none answers), builds the module's image once for the class and removes it after the class,
 * whether its tests passed, failed or timed out (the image is a resource of the class's extension
 * store). Tests take it as a {@link ServiceImage} parameter; each experiment still starts a fresh
 * container per repetition.
 *
 * <pre>{@code
 * @ExtendWith(SchedgateExtension.class)
 * @GoModule("service")
 * class MyServiceTest {
 *     @Test
 *     void holdsUp(ServiceImage image, TestReporter reporter) {
 *         ExperimentResult r = image.experiment().steps(100, 200, 400).mix("/work@1").run(Path.of("target/exp"));
 *         r.publish(reporter::publishEntry);
 *         ExperimentAssert.assertThat(r).gatePasses();
 *     }
 * }
 * }</pre>
 */
public final class SchedgateExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(SchedgateExtension.class);

    /** What the store closes after the class: the image, removed. */
    private record Built(ServiceImage image, GoServiceImage built) implements AutoCloseable {
        @Override
        public void close() {
            built.close();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        GoModule module = context.getRequiredTestClass().getAnnotation(GoModule.class);
        if (module == null) {
            return;
        }
        try {
            ContainerEnvironment.ensureDefaults();
            DockerEngine.requireAnswer();
        } catch (RuntimeException e) {
            throw new ExtensionConfigurationException(e.getMessage(), e);
        }
        Path sources = Path.of(module.value());
        GoServiceImage built = GoServiceImage.build(sources);
        context.getStore(NAMESPACE).put(Built.class, new Built(new ServiceImage(built.tag(), sources), built));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ServiceImage.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Built built = context.getStore(NAMESPACE).get(Built.class, Built.class);
        if (built == null) {
            throw new ParameterResolutionException("a ServiceImage parameter needs @GoModule(\"dir\") on "
                    + context.getRequiredTestClass().getSimpleName());
        }
        return built.image();
    }
}
