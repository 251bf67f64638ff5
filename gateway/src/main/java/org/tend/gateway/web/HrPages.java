package org.tend.gateway.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.HtmlUtils;
import reactor.core.publisher.Mono;

/**
 * The HR dashboard's address ({@code /hr/} serves {@code static/hr/index.html}; its scripts and styles are the other
 * files of {@code static/hr/}), and the two pages a browser gets instead of a problem: signed in without the HR or
 * admin role (403), and a sign-in that failed (401). Both say what happened and offer to sign out.
 */
@Configuration(proxyBeanMethods = false)
public class HrPages {

    private static final Resource DASHBOARD = new ClassPathResource("static/hr/index.html");

    @Bean
    RouterFunction<ServerResponse> hrDashboard() {
        return RouterFunctions.route()
                .GET("/hr", request -> ServerResponse.permanentRedirect(URI.create("/hr/")).build())
                .GET("/hr/", request -> ServerResponse.ok().contentType(MediaType.TEXT_HTML)
                        .cacheControl(CacheControl.noStore()).bodyValue(DASHBOARD))
                .build();
    }

    /** A signed-in user without the HR or admin role asked for a page: a clear refusal, not a broken dashboard. */
    public static Mono<Void> refused(ServerWebExchange exchange, AccessDeniedException denied) {
        return exchange.getPrincipal().map(principal -> {
                    String roles = principal instanceof org.springframework.security.core.Authentication auth
                            ? auth.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                                    .map(a -> a.replaceFirst("^ROLE_", "")).sorted().collect(Collectors.joining(", "))
                            : "";
                    return roles.isEmpty() ? "no role Tend knows" : "the role " + roles;
                })
                .defaultIfEmpty("no role Tend knows")
                .flatMap(roles -> write(exchange, HttpStatus.FORBIDDEN, "This page is for HR",
                        "<p>The HR dashboard shows programme figures to HR and programme administrators. You are signed in "
                                + "with " + HtmlUtils.htmlEscape(roles) + ", so it is not open to you.</p>"
                                + "<p>If you meant to sign in as someone else, sign out first.</p>"));
    }

    /** The identity provider's answer could not be used (refused, or a token that breaks Tend's token rules). */
    public static Mono<Void> signInFailed(WebFilterExchange exchange, AuthenticationException failure) {
        return write(exchange.getExchange(), HttpStatus.UNAUTHORIZED, "Sign-in did not work",
                "<p>The identity provider's answer could not be used, so you are not signed in. Try again; if it keeps "
                        + "failing, your account may not be set up for Tend.</p>"
                        + "<p><a href=\"/hr/\">Try again</a></p>");
    }

    /** A notice page (also the participant's and practitioner's refusals, {@link CarePages}). */
    static Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String title, String body) {
        Mono<CsrfToken> csrf = exchange.getAttributeOrDefault(CsrfToken.class.getName(), Mono.empty());
        return csrf.map(CsrfToken::getToken).defaultIfEmpty("").flatMap(token -> {
        String html = """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s · Tend</title>
                <link rel="stylesheet" href="/hr/assets/dashboard.css">
                </head><body class="notice">
                <main id="main"><h1>%s</h1>%s
                <form method="post" action="/logout"><input type="hidden" name="_csrf" value="%s">
                <button type="submit" class="button">Sign out</button></form>
                </main></body></html>
                """.formatted(HtmlUtils.htmlEscape(title), HtmlUtils.htmlEscape(title), body, HtmlUtils.htmlEscape(token));
        var response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().setContentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8));
        response.getHeaders().setCacheControl(CacheControl.noStore());
        return response.writeWith(Mono.just(response.bufferFactory().wrap(html.getBytes(StandardCharsets.UTF_8))));
        });
    }
}
