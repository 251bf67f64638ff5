package org.tend.plumbing.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.tend.plumbing.config.TendDefaults;

/**
 * The service defaults with Spring Boot's OpenTelemetry configuration: every trace recorded and its ids made, but no
 * exporter (nothing sent anywhere) until an OTLP endpoint is set; the sampling share is configurable.
 */
class TracingSettingsTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withInitializer(context -> new TendDefaults().postProcessEnvironment(context.getEnvironment(),
                    new SpringApplication()))
            .withConfiguration(AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class,
                    MicrometerTracingAutoConfiguration.class, OpenTelemetryTracingAutoConfiguration.class,
                    OtlpTracingAutoConfiguration.class, TracingAutoConfiguration.class));

    @Test
    void byDefaultEveryTraceIsRecordedAndNothingIsExported() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBeansOfType(SpanExporter.class)).isEmpty();
            assertThat(context.getBean(TraceContexts.class)).isNotSameAs(TraceContexts.NOOP);
            Span span = context.getBean(Tracer.class).nextSpan().start();
            assertThat(span.context().sampled()).isTrue();
            assertThat(span.context().traceId()).hasSize(32);
            span.end();
        });
    }

    @Test
    void anOtlpEndpointTurnsTheExporterOn() {
        runner.withPropertyValues("management.opentelemetry.tracing.export.otlp.endpoint=http://127.0.0.1:9/v1/traces")
                .run(context -> assertThat(context.getBeansOfType(SpanExporter.class)).isNotEmpty());
    }

    @Test
    void theSamplingShareIsConfigurableAndIdsAreMadeAnyway() {
        runner.withSystemProperties("TEND_TRACE_SAMPLING=0").run(context -> {
            Span span = context.getBean(Tracer.class).nextSpan().start();
            assertThat(span.context().sampled()).isFalse();
            assertThat(span.context().traceId()).hasSize(32);
            assertThat(context.getBean(TraceContexts.class).fieldsOf(span.context()))
                    .containsKey(TraceContexts.TRACEPARENT);
            span.end();
        });
    }
}
