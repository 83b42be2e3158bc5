package com.example;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.http.HttpDsl.http;

import io.schedgate.gatling.ContainerEnvironment;
import io.schedgate.gatling.SchedgateSimulation;
import io.schedgate.service.GoServiceImage;
import java.nio.file.Path;

/**
 * The counter service's ramp: {@code mvn gatling:test} runs it, with schedgate's collector and
 * verdict. Without {@code -Dschedgate.target.image} it builds the service in {@code service/} into a
 * {@code FROM scratch} image first (removed when the JVM exits). Short ramp by default; every
 * {@code -Dschedgate.*} setting overrides it.
 */
public class MyServiceRamp extends SchedgateSimulation {

    static {
        defaultTo("schedgate.preset", "smoke");
        defaultTo("schedgate.steps", "100,200,400");
        if (System.getProperty("schedgate.target.image") == null
                && System.getProperty("schedgate.target.url") == null) {
            // Testcontainers' settings (Ryuk off: nothing can be pulled) before the first Docker call
            ContainerEnvironment.ensureDefaults();
            GoServiceImage image = GoServiceImage.build(Path.of(System.getProperty("example.service", "service")));
            System.setProperty("schedgate.target.image", image.tag());
            Runtime.getRuntime().addShutdownHook(new Thread(image::close, "counter-image-remove"));
        }
    }

    {
        ramp(exec(http("work").get("/work")));
    }

    private static void defaultTo(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
