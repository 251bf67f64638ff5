package org.tend.gateway.web;

import java.net.URI;
import java.util.stream.Collectors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.HtmlUtils;
import reactor.core.publisher.Mono;

/**
 * The participant's pages ({@code /me/} serves {@code static/me/index.html}) and the practitioner's
 * ({@code /practitioner/}, {@code static/practitioner/index.html}); their scripts and styles are the other files of
 * those folders and of {@code static/common/}. Signed in as the HR dashboard is; someone signed in with another role
 * gets a page saying the pages are not theirs (403), as on {@code /hr/}.
 */
@Configuration(proxyBeanMethods = false)
public class CarePages {

    /** The participant's pages. */
    public static final String[] PARTICIPANT_PAGES = {"/me", "/me/**"};
    /** The practitioner's pages. */
    public static final String[] PRACTITIONER_PAGES = {"/practitioner", "/practitioner/**"};
    /** What the pages load: scripts, styles, no data. */
    public static final String[] PAGE_ASSETS = {"/me/assets/**", "/practitioner/assets/**", "/common/**"};

    private static final Resource PARTICIPANT = new ClassPathResource("static/me/index.html");
    private static final Resource PRACTITIONER = new ClassPathResource("static/practitioner/index.html");

    @Bean
    RouterFunction<ServerResponse> carePageRoutes() {
        return RouterFunctions.route()
                .GET("/me", request -> ServerResponse.permanentRedirect(URI.create("/me/")).build())
                .GET("/me/", request -> page(PARTICIPANT))
                .GET("/practitioner", request -> ServerResponse.permanentRedirect(URI.create("/practitioner/")).build())
                .GET("/practitioner/", request -> page(PRACTITIONER))
                .build();
    }

    private static Mono<ServerResponse> page(Resource html) {
        return ServerResponse.ok().contentType(MediaType.TEXT_HTML).cacheControl(CacheControl.noStore()).bodyValue(html);
    }

    /** Someone signed in without the participant role opened {@code /me/}. */
    public static Mono<Void> refusedParticipantPages(ServerWebExchange exchange, AccessDeniedException denied) {
        return refused(exchange, "These pages are for participants",
                "These pages are where a participant takes their questionnaires and follows their own plan and goals.");
    }

    /** Someone signed in without the practitioner role opened {@code /practitioner/}. */
    public static Mono<Void> refusedPractitionerPages(ServerWebExchange exchange, AccessDeniedException denied) {
        return refused(exchange, "These pages are for practitioners",
                "These pages show a practitioner the participants of the programmes they serve: safety alerts, plans "
                        + "to review and journeys.");
    }

    private static Mono<Void> refused(ServerWebExchange exchange, String title, String what) {
        return exchange.getPrincipal().map(principal -> principal instanceof Authentication auth
                        ? auth.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                                .map(a -> a.replaceFirst("^ROLE_", "")).sorted().collect(Collectors.joining(", "))
                        : "")
                .map(roles -> roles.isEmpty() ? "no role Tend knows" : "the role " + roles)
                .defaultIfEmpty("no role Tend knows")
                .flatMap(roles -> HrPages.write(exchange, HttpStatus.FORBIDDEN, title, "<p>" + HtmlUtils.htmlEscape(what)
                        + " You are signed in with " + HtmlUtils.htmlEscape(roles) + ", so they are not open to you.</p>"
                        + "<p>If you meant to sign in as someone else, sign out first.</p>"));
    }
}
