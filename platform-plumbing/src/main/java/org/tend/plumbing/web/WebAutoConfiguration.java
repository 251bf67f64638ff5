package org.tend.plumbing.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;

/**
 * What every servlet service answers with when a request is wrong: RFC 9457 problems ({@link ProblemHandlers}), from
 * Spring MVC and from before it. Bodies over {@code tend.web.max-body-size} (64 KiB) are refused with 413 before any
 * other filter.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Import(ProblemHandlers.class)
public class WebAutoConfiguration {

    /** First of all, right after the character encoding (which is {@link Ordered#HIGHEST_PRECEDENCE}). */
    static final int BODY_LIMIT_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

    @Bean
    public FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(
            @Value("${tend.web.max-body-size:64KB}") DataSize maxBodySize) {
        FilterRegistrationBean<RequestBodyLimitFilter> registration =
                new FilterRegistrationBean<>(new RequestBodyLimitFilter(maxBodySize.toBytes()));
        registration.setOrder(BODY_LIMIT_ORDER);
        return registration;
    }
}
