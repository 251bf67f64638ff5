package org.tend.gateway.apidocs;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/** {@code GET /api-docs}: the combined API document ({@link CombinedApiDocs}); its page is springdoc's Swagger UI. */
@Configuration(proxyBeanMethods = false)
class ApiDocsRoutes {

    @Bean
    RouterFunction<ServerResponse> combinedApiDocument(CombinedApiDocs docs) {
        return route(GET(CombinedApiDocs.PATH), request -> docs.document().flatMap(combined -> ServerResponse.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .cacheControl(CacheControl.maxAge(Duration.ofSeconds(60)).cachePublic())
                .bodyValue(combined.json())));
    }
}
