package org.tend.gateway.security;

import io.netty.channel.ChannelOption;
import java.net.InetAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpCookie;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.web.DefaultReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.endpoint.OAuth2RefreshTokenGrantRequest;
import org.springframework.security.oauth2.client.endpoint.ReactiveOAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.WebClientReactiveAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.WebClientReactiveRefreshTokenTokenResponseClient;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.client.userinfo.ReactiveOAuth2UserService;
import org.springframework.security.oauth2.client.web.server.DefaultServerOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.server.WebSessionServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.user.DefaultOAuth2User;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.session.CookieWebSessionIdResolver;
import org.springframework.web.server.session.WebSessionIdResolver;
import org.tend.gateway.config.BrowserSessionProperties;
import org.tend.security.TokenRules;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * The gateway as the backend-for-frontend of its pages: a browser signs in with the authorization-code flow and PKCE,
 * the tokens stay in the gateway's session ({@link WebSessionServerOAuth2AuthorizedClientRepository}), and the
 * browser holds only an HttpOnly, SameSite=Lax session cookie (Secure unless on a loopback host). The session's
 * user is made from the access token itself, checked by the same decoder and {@link TokenRules} as a bearer token,
 * so a page user has exactly the roles a bearer caller with that token would have, and nothing else.
 */
@Configuration(proxyBeanMethods = false)
public class BrowserSessions {

    /** The one client registration (application.yml), also the last segment of the redirect path. */
    public static final String REGISTRATION_ID = "tend";
    /** Where an anonymous browser is sent to sign in. */
    public static final String SIGN_IN_PATH = "/oauth2/authorization/" + REGISTRATION_ID;
    /** The session cookie's name. */
    public static final String SESSION_COOKIE = "TEND_SESSION";

    /** The signed-in user: the access token's subject and roles (as authorities), and its {@code org}. */
    @Bean
    ReactiveOAuth2UserService<OAuth2UserRequest, OAuth2User> tendUsers(ReactiveJwtDecoder decoder) {
        return request -> decoder.decode(request.getAccessToken().getTokenValue())
                .onErrorMap(JwtException.class, e -> new OAuth2AuthenticationException(
                        new OAuth2Error("invalid_token", "the identity provider's access token breaks Tend's token rules",
                                null), e))
                .map(jwt -> {
                    List<GrantedAuthority> authorities = TokenRules.roles(jwt).stream()
                            .map(role -> (GrantedAuthority) new SimpleGrantedAuthority(role.authority())).toList();
                    Map<String, Object> attributes = new LinkedHashMap<>();
                    attributes.put("sub", jwt.getSubject());
                    attributes.put("roles", TokenRules.roles(jwt).stream().map(org.tend.security.Role::claimValue).toList());
                    if (jwt.hasClaim("org")) {
                        attributes.put("org", jwt.getClaimAsString("org"));
                    }
                    return new DefaultOAuth2User(authorities, attributes, "sub");
                });
    }

    /** Every authorization request carries a PKCE challenge (RFC 7636), the gateway being a confidential client too. */
    @Bean
    ServerOAuth2AuthorizationRequestResolver pkceAuthorizationRequests(ReactiveClientRegistrationRepository registrations) {
        DefaultServerOAuth2AuthorizationRequestResolver resolver = new DefaultServerOAuth2AuthorizationRequestResolver(
                registrations);
        resolver.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        return resolver;
    }

    /** The tokens live in the session: signing out, or the session expiring, forgets them. */
    @Bean
    ServerOAuth2AuthorizedClientRepository sessionAuthorizedClients() {
        return new WebSessionServerOAuth2AuthorizedClientRepository();
    }

    /**
     * Spring Security's token-endpoint clients use a WebClient without timeouts: an identity provider that accepts the
     * connection and never answers would hold a browser's sign-in (the code exchange on the redirect back) or a page's
     * API call (the refresh) for ever. Bounded here, like the JWK set fetch: a connect within 2 s, an answer within
     * 10 s; past that the sign-in fails with the sign-in failure page and the call with a problem.
     */
    static WebClient identityProviderClient() {
        HttpClient http = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 2_000)
                .responseTimeout(Duration.ofSeconds(10));
        return WebClient.builder().clientConnector(new ReactorClientHttpConnector(http)).build();
    }

    /**
     * The code exchange on the redirect back from the identity provider (picked up by oauth2Login as a bean). An
     * identity provider that cannot be reached or does not answer in time fails the sign-in like a refused code does:
     * the browser gets the sign-in failure page, not a JSON problem about token verification.
     */
    @Bean
    ReactiveOAuth2AccessTokenResponseClient<OAuth2AuthorizationCodeGrantRequest> authorizationCodeTokens() {
        WebClientReactiveAuthorizationCodeTokenResponseClient client = new WebClientReactiveAuthorizationCodeTokenResponseClient();
        client.setWebClient(identityProviderClient());
        return request -> client.getTokenResponse(request)
                .onErrorMap(WebClientException.class, e -> new OAuth2AuthorizationException(new OAuth2Error(
                        "identity_provider_unavailable", "the identity provider's token endpoint did not answer", null), e));
    }

    /** What TokenRelay asks for the session's access token: refreshed with the refresh token when it has expired. */
    @Bean
    ReactiveOAuth2AuthorizedClientManager authorizedClientManager(ReactiveClientRegistrationRepository registrations,
                                                                 ServerOAuth2AuthorizedClientRepository clients) {
        DefaultReactiveOAuth2AuthorizedClientManager manager = new DefaultReactiveOAuth2AuthorizedClientManager(
                registrations, clients);
        WebClientReactiveRefreshTokenTokenResponseClient refreshes = new WebClientReactiveRefreshTokenTokenResponseClient();
        refreshes.setWebClient(identityProviderClient());
        manager.setAuthorizedClientProvider(ReactiveOAuth2AuthorizedClientProviderBuilder.builder()
                .authorizationCode().refreshToken(refresh -> refresh.accessTokenResponseClient(refreshes)).build());
        return manager;
    }

    /** The session cookie: HttpOnly, SameSite=Lax, Secure as {@code tend.gateway.session.secure-cookie} says. */
    @Bean
    WebSessionIdResolver sessionCookie(BrowserSessionProperties properties) {
        CookieWebSessionIdResolver resolver = new CookieWebSessionIdResolver() {
            @Override
            public void setSessionId(ServerWebExchange exchange, String id) {
                super.setSessionId(exchange, id);
                boolean secure = secure(properties, exchange);
                exchange.getResponse().getCookies().computeIfPresent(getCookieName(), (name, cookies) -> cookies.stream()
                        .map(cookie -> cookie.mutate().secure(secure).build()).toList());
            }
        };
        resolver.setCookieName(SESSION_COOKIE);
        resolver.addCookieInitializer(cookie -> cookie.httpOnly(true).sameSite("Lax").path("/"));
        return resolver;
    }

    /** Whether cookies set on this exchange are Secure. */
    static boolean secure(BrowserSessionProperties properties, ServerWebExchange exchange) {
        return switch (properties.secureCookie()) {
            case "always" -> true;
            case "never" -> false;
            default -> exchange.getRequest().getSslInfo() != null || !loopbackHost(exchange.getRequest().getURI().getHost());
        };
    }

    private static boolean loopbackHost(String host) {
        if (host == null) {
            return false;
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (bare.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!bare.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false; // a name: never resolved here
        }
        try {
            return InetAddress.getByName(bare).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /**
     * Spring Security makes the CSRF token lazily; a page reads it from the {@code XSRF-TOKEN} cookie, so the cookie
     * must be written when a page of the gateway's is loaded. Only for pages (not {@code /api/}), so API callers get
     * no cookie.
     */
    @Bean
    WebFilter csrfCookieForPages() {
        return (exchange, chain) -> {
            String path = exchange.getRequest().getPath().pathWithinApplication().value();
            Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
            if (token == null || !isPage(path)) {
                return chain.filter(exchange);
            }
            return token.then(chain.filter(exchange));
        };
    }

    /** The gateway's pages: the HR dashboard, the participant's and the practitioner's. */
    static boolean isPage(String path) {
        for (String page : List.of("/hr", "/me", "/practitioner")) {
            if (path.equals(page) || path.startsWith(page + "/")) {
                return true;
            }
        }
        return false;
    }

    /** The cookie a browser session is known by, if the request has one. */
    static boolean hasSessionCookie(ServerWebExchange exchange) {
        HttpCookie cookie = exchange.getRequest().getCookies().getFirst(SESSION_COOKIE);
        return cookie != null && !cookie.getValue().isEmpty();
    }
}
