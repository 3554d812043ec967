package io.chariot.platform;

import io.chariot.platform.OtlpGrpcCollector.ReceivedSpan;
import io.chariot.runtime.observability.TracingConfiguration;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.DefaultCommandBusSpanFactory;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.tracing.SpanFactory;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.actuate.autoconfigure.observation.ObservationAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.observation.web.servlet.WebMvcObservationAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.opentelemetry.OpenTelemetryAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.tracing.MicrometerTracingAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.tracing.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.tracing.otlp.OtlpTracingAutoConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With {@code CHARIOT_OTLP_TRANSPORT=grpc}, Boot's OTLP exporter sends the spans of a request over gRPC, as to
 * Jaeger's or a collector's port 4317. The shared platform context of the other ITs exports over OTLP/HTTP
 * ({@code TracingIT}) and a second whole platform would consume their Kafka topics, so this runs the platform's
 * tracing — Boot's tracing and OTLP auto-configuration, the platform's {@link TracingConfiguration} and
 * {@code application.yml}, its classpath — behind a small web endpoint that sends an Axon command.
 */
@Order(2) // its own small context; the platform's logging is left alone, so it may run anywhere
class OtlpGrpcExportIT {

    @Test
    void withTheGrpcTransportARequestsSpansReachAnOtlpGrpcCollectorUnderTheServiceName() throws Exception {
        try (OtlpGrpcCollector collector = new OtlpGrpcCollector();
             ConfigurableApplicationContext app = start(Map.of(
                     "CHARIOT_PORT", "0",
                     "CHARIOT_OTLP_TRANSPORT", "grpc",
                     "MANAGEMENT_OTLP_TRACING_ENDPOINT", collector.endpoint(),
                     "CHARIOT_TRACING_SAMPLING", "1.0"))) {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();

            var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/scans/example.com"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("scanned example.com");

            // The batch processor would send them within 5 s; a flush sends what has ended so far at once.
            SdkTracerProvider tracing = app.getBean(SdkTracerProvider.class);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                tracing.forceFlush().join(10, TimeUnit.SECONDS);
                List<ReceivedSpan> spans = collector.spans();
                ReceivedSpan request = spans.stream().filter(s -> s.name().equals("http post /scans/{target}"))
                        .findFirst().orElseThrow(() -> new AssertionError("no HTTP span among " + spans));
                assertThat(request.service()).isEqualTo("chariot");
                // The command's span is in the request's trace: Axon's spans come from Boot's OpenTelemetry.
                assertThat(spans).filteredOn(s -> s.traceId().equals(request.traceId()))
                        .extracting(ReceivedSpan::name)
                        .contains("CommandBus.handleCommand(Scan)");
            });
        }
    }

    /** The platform's configuration with these environment variables (and no others from the real environment). */
    private static ConfigurableApplicationContext start(Map<String, Object> variables) {
        var environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        variables));
        var application = new SpringApplication(TracedEndpoint.class);
        application.setEnvironment(environment);
        // Logging is the JVM's: re-initialising (and on close, cleaning up) it would disturb the platform context
        // that the other ITs share.
        application.setListeners(application.getListeners().stream()
                .filter(listener -> !(listener instanceof LoggingApplicationListener)).toList());
        return application.run();
    }

    record Scan(String target) {
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({PropertyPlaceholderAutoConfiguration.class,
            ServletWebServerFactoryAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
            WebMvcAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class,
            ObservationAutoConfiguration.class, WebMvcObservationAutoConfiguration.class,
            MicrometerTracingAutoConfiguration.class, OpenTelemetryAutoConfiguration.class,
            OpenTelemetryTracingAutoConfiguration.class, OtlpTracingAutoConfiguration.class})
    @Import({TracingConfiguration.class, ScanController.class})
    static class TracedEndpoint {

        @Bean
        CommandBus commandBus(SpanFactory spanFactory) {
            CommandBus bus = SimpleCommandBus.builder()
                    .spanFactory(DefaultCommandBusSpanFactory.builder().spanFactory(spanFactory).build())
                    .build();
            bus.subscribe(Scan.class.getName(), command -> "scanned " + ((Scan) command.getPayload()).target());
            return bus;
        }

        @Bean
        CommandGateway commandGateway(CommandBus commandBus) {
            return DefaultCommandGateway.builder().commandBus(commandBus).build();
        }
    }

    @RestController
    static class ScanController {

        private final CommandGateway commands;

        ScanController(CommandGateway commands) {
            this.commands = commands;
        }

        @PostMapping("/scans/{target}")
        String scan(@PathVariable String target) {
            return commands.sendAndWait(new Scan(target));
        }
    }
}
