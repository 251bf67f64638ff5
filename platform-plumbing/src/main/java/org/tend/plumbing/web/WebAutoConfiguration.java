package org.tend.plumbing.web;

import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.tomcat.util.descriptor.web.ErrorPage;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;

/**
 * What every servlet service answers with when a request is wrong: RFC 9457 problems ({@link ProblemHandlers}), from
 * Spring MVC and from before it. Bodies over {@code tend.web.max-body-size} (64 KiB) are refused with 413 and query
 * strings that cannot be decoded with 400, before any other filter; the container's own refusals are problems too
 * ({@link ProblemReportValve}).
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Import(ProblemHandlers.class)
public class WebAutoConfiguration {

    /** First of all, right after the character encoding (which is {@link Ordered#HIGHEST_PRECEDENCE}). */
    static final int BODY_LIMIT_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;
    static final int QUERY_ORDER = BODY_LIMIT_ORDER + 1;

    @Bean
    public FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(
            @Value("${tend.web.max-body-size:64KB}") DataSize maxBodySize) {
        FilterRegistrationBean<RequestBodyLimitFilter> registration =
                new FilterRegistrationBean<>(new RequestBodyLimitFilter(maxBodySize.toBytes()));
        registration.setOrder(BODY_LIMIT_ORDER);
        return registration;
    }

    @Bean
    public FilterRegistrationBean<QueryParametersFilter> queryParametersFilter() {
        FilterRegistrationBean<QueryParametersFilter> registration =
                new FilterRegistrationBean<>(new QueryParametersFilter());
        registration.setOrder(QUERY_ORDER);
        return registration;
    }

    /**
     * Tomcat's error report becomes {@link ProblemReportValve}, and the services register no error page: an error
     * status without a body (the security firewall's {@code sendError(400)}, an exception no handler caught) goes to
     * the valve rather than to Spring Boot's {@code /error}, which is secured like everything else (a refused URL
     * would have been answered 401) and whose body is not a problem.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.apache.catalina.startup.Tomcat")
    static class TomcatProblems {

        @Bean
        WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> problemReportValve() {
            return new ProblemReportCustomizer();
        }
    }

    /** Runs after Spring Boot's own customizer, which adds an {@link ErrorReportValve} of its own. */
    static final class ProblemReportCustomizer
            implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

        @Override
        public void customize(ConfigurableTomcatWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                for (ErrorPage page : context.findErrorPages()) {
                    context.removeErrorPage(page);
                }
                Container host = context.getParent();
                boolean present = false;
                for (Valve valve : host.getPipeline().getValves()) {
                    if (valve instanceof ProblemReportValve) {
                        present = true;
                    } else if (valve instanceof ErrorReportValve) {
                        host.getPipeline().removeValve(valve);
                    }
                }
                if (host instanceof StandardHost standardHost) {
                    // The host adds a valve of this class at start unless one is there: ours, not Tomcat's.
                    standardHost.setErrorReportValveClass(ProblemReportValve.class.getName());
                }
                if (!present) {
                    host.getPipeline().addValve(new ProblemReportValve());
                }
            });
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
