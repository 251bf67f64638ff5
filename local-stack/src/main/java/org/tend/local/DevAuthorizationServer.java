package org.tend.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.JSONObjectUtils;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationValidator;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The Spring Authorization Server application behind {@link DevTokenIssuer}: one servlet context on the issuer's
 * loopback address and port, configured here rather than by properties so that nothing in a file can widen it.
 *
 * <p>Three filter chains: the authorization server's endpoints (authorization, token, JWK set, discovery), the
 * password-less {@code POST /token} (no session, no CSRF: it is an API for scripts), and everything else (the login
 * page, sign-out), which is a plain form login over the demo users.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
class DevAuthorizationServer {

    /** The path, after any loopback origin, that the gateway's authorization responses go to. */
    static final String GATEWAY_REDIRECT_PATH = "/login/oauth2/code/tend";

    /** Tomcat logs through java.util.logging straight to the terminal: only its warnings (held, or JUL forgets the level). */
    private static final java.util.logging.Logger TOMCAT_LOG = java.util.logging.Logger.getLogger("org.apache");

    /** Boots the application for {@code issuer}; the caller closes the context to stop it. */
    static ConfigurableApplicationContext start(DevTokenIssuer issuer) {
        TOMCAT_LOG.setLevel(java.util.logging.Level.WARNING);
        // The launcher logs through slf4j-simple; Boot must not install a logging system of its own.
        if (System.getProperty(LoggingSystem.SYSTEM_PROPERTY) == null) {
            System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.config.name", "tend-dev-issuer"); // no application.yml of anyone else's
        properties.put("server.address", issuer.bindAddress().getHostAddress());
        properties.put("server.port", issuer.port());
        properties.put("server.servlet.session.cookie.name", "TEND_ISSUER_SESSION");
        properties.put("server.servlet.session.cookie.same-site", "lax");
        properties.put("spring.jmx.enabled", false);
        properties.put("spring.main.register-shutdown-hook", false);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(DevAuthorizationServer.class)
                .web(WebApplicationType.SERVLET)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .properties(properties)
                .initializers(ctx -> ctx.getBeanFactory().registerSingleton("devTokenIssuer", issuer))
                .run();
        try {
            DevTokenIssuer.requireLoopback(InetAddress.getByName(
                    context.getEnvironment().getRequiredProperty("server.address")));
        } catch (IOException | RuntimeException e) {
            context.close();
            throw new IllegalStateException("the issuer is not bound to loopback", e);
        }
        return context;
    }

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServerEndpoints(HttpSecurity http) throws Exception {
        http.oauth2AuthorizationServer(server -> {
                    http.securityMatcher(server.getEndpointsMatcher());
                    server.oidc(Customizer.withDefaults());
                    server.authorizationEndpoint(endpoint -> endpoint.authenticationProviders(providers ->
                            providers.stream()
                                    .filter(OAuth2AuthorizationCodeRequestAuthenticationProvider.class::isInstance)
                                    .map(OAuth2AuthorizationCodeRequestAuthenticationProvider.class::cast)
                                    .forEach(provider -> provider.setAuthenticationValidator(
                                            OAuth2AuthorizationCodeRequestAuthenticationValidator.DEFAULT_SCOPE_VALIDATOR
                                                    .andThen(DevAuthorizationServer::loopbackRedirect)))));
                })
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/login"), new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain tokenShortcut(HttpSecurity http) throws Exception {
        return http.securityMatcher(DevTokenIssuer.TOKEN_PATH, "/error")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.disable())
                .requestCache(cache -> cache.disable())
                .build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain loginPage(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/login", "/favicon.ico").permitAll()
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login").permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
                .build();
    }

    /** The demo users with the shared demo password; seeded participants cannot sign in here. */
    @Bean
    UserDetailsService users() {
        return new InMemoryUserDetailsManager(DevTokenIssuer.DEMO_USERS.stream()
                .map(user -> User.withUsername(user.name()).password("{noop}" + DevTokenIssuer.DEMO_PASSWORD)
                        .roles(user.roles().toArray(String[]::new)).build())
                .toList());
    }

    /** The gateway, a confidential client that must use PKCE, redirected back to any loopback origin. */
    @Bean
    RegisteredClientRepository clients(DevTokenIssuer issuer) {
        RegisteredClient gateway = RegisteredClient.withId(UUID.randomUUID().toString())
                .clientId(DevTokenIssuer.GATEWAY_CLIENT_ID)
                .clientName("Tend gateway")
                .clientSecret("{noop}" + issuer.gatewayClientSecret())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .redirectUri("http://127.0.0.1" + GATEWAY_REDIRECT_PATH)
                .redirectUri("http://localhost" + GATEWAY_REDIRECT_PATH)
                .redirectUri("http://[::1]" + GATEWAY_REDIRECT_PATH)
                .scope(DevTokenIssuer.GATEWAY_SCOPE)
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
                .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(DevTokenIssuer.DEFAULT_TTL).build())
                .build();
        return new InMemoryRegisteredClientRepository(gateway);
    }

    @Bean
    JWKSource<SecurityContext> signingKeys(DevTokenIssuer issuer) {
        return new ImmutableJWKSet<>(new JWKSet(issuer.signingKey()));
    }

    @Bean
    AuthorizationServerSettings settings(DevTokenIssuer issuer) {
        return AuthorizationServerSettings.builder()
                .issuer(issuer.issuer())
                .jwkSetEndpoint(DevTokenIssuer.JWKS_PATH)
                .build();
    }

    /** Access tokens carry what Tend's services require: {@code sub} as the demo user's subject, {@code aud}, roles, org. */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> tendClaims() {
        return context -> {
            if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                return;
            }
            DevTokenIssuer.DemoUser user = DevTokenIssuer.demoUser(context.getPrincipal().getName())
                    .orElseThrow(() -> new IllegalStateException("not a demo user: " + context.getPrincipal().getName()));
            context.getClaims().subject(user.subject()).audience(List.of(DevTokenIssuer.AUDIENCE));
            DevTokenIssuer.claimsFor(user.roles(), user.org()).forEach(context.getClaims()::claim);
        };
    }

    /**
     * A redirect URI is accepted when it equals a registered one but for the port, and its host is a loopback one
     * (RFC 8252 §7.3). Spring's default does this for IP literals only and refuses {@code localhost}; this issuer binds
     * to loopback only, and a developer opens {@code http://localhost:8080/hr/} as readily as {@code 127.0.0.1}.
     */
    static void loopbackRedirect(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
        OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
        String requested = request.getRedirectUri();
        boolean allowed = requested != null && context.getRegisteredClient().getRedirectUris().stream()
                .anyMatch(registered -> sameButPort(registered, requested));
        if (!allowed) {
            OAuth2Error error = new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST,
                    "redirect_uri must be a loopback address's " + GATEWAY_REDIRECT_PATH, null);
            throw new OAuth2AuthorizationCodeRequestAuthenticationException(error, null);
        }
    }

    private static boolean sameButPort(String registered, String requested) {
        try {
            URI a = new URI(registered);
            URI b = new URI(requested);
            return "http".equals(b.getScheme()) && a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost())
                    && a.getPath().equals(b.getPath()) && b.getQuery() == null && b.getFragment() == null
                    && b.getUserInfo() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** The login page and the password-less token shortcut. */
    @RestController
    static class Pages {

        private final DevTokenIssuer issuer;

        Pages(DevTokenIssuer issuer) {
            this.issuer = issuer;
        }

        @GetMapping(value = "/login", produces = MediaType.TEXT_HTML_VALUE)
        ResponseEntity<String> login(HttpServletRequest request) {
            CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
            boolean failed = request.getParameter("error") != null;
            boolean signedOut = request.getParameter("logout") != null;
            StringBuilder users = new StringBuilder();
            for (DevTokenIssuer.DemoUser user : DevTokenIssuer.DEMO_USERS) {
                users.append("<li><code>").append(HtmlUtils.htmlEscape(user.name())).append("</code> ")
                        .append(HtmlUtils.htmlEscape(String.join(", ", user.roles())))
                        .append(user.org() == null ? "" : " of " + HtmlUtils.htmlEscape(user.org())).append("</li>");
            }
            String html = LOGIN_PAGE
                    .replace("{{message}}", failed ? "<p class=\"error\" role=\"alert\">Unknown user or wrong password.</p>"
                            : signedOut ? "<p role=\"status\">You are signed out.</p>" : "")
                    .replace("{{csrfName}}", csrf == null ? "_csrf" : HtmlUtils.htmlEscape(csrf.getParameterName()))
                    .replace("{{csrfToken}}", csrf == null ? "" : HtmlUtils.htmlEscape(csrf.getToken()))
                    .replace("{{password}}", DevTokenIssuer.DEMO_PASSWORD)
                    .replace("{{users}}", users.toString())
                    .replace("{{issuer}}", HtmlUtils.htmlEscape(issuer.issuer()));
            return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(MediaType.TEXT_HTML).body(html);
        }

        /** {@code user=<name>} or {@code {"user": "<name>"}}: the demo user's token, as the hand-written issuer gave it. */
        @PostMapping(DevTokenIssuer.TOKEN_PATH)
        ResponseEntity<Map<String, Object>> token(HttpServletRequest request) throws IOException {
            String contentType = Optional.ofNullable(request.getContentType()).orElse("").toLowerCase(Locale.ROOT);
            String user;
            if (contentType.startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE)) {
                user = request.getParameter("user");
            } else {
                String body = new String(request.getInputStream().readNBytes(8192), StandardCharsets.UTF_8);
                user = body.stripLeading().startsWith("{") ? jsonUser(body) : formUser(body);
            }
            Optional<DevTokenIssuer.DemoUser> demo = user == null ? Optional.empty() : DevTokenIssuer.tokenUser(user.trim());
            if (demo.isEmpty()) {
                return error("unknown user or malformed body: send user=<name> or {\"user\": \"<name>\"}; demo users: "
                        + DevTokenIssuer.demoUserNames() + ", and demo-0001 ...");
            }
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("access_token", issuer.mint(demo.get().subject(), demo.get().roles(), demo.get().org(),
                    DevTokenIssuer.DEFAULT_TTL));
            answer.put("token_type", "Bearer");
            answer.put("expires_in", DevTokenIssuer.DEFAULT_TTL.toSeconds());
            return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(MediaType.APPLICATION_JSON)
                    .body(answer);
        }

        private static ResponseEntity<Map<String, Object>> error(String description) {
            return ResponseEntity.badRequest().cacheControl(CacheControl.noStore()).contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("error", "invalid_request", "error_description", description));
        }

        private static String jsonUser(String body) {
            try {
                Object user = JSONObjectUtils.parse(body).get("user");
                return user instanceof String s ? s : null;
            } catch (java.text.ParseException e) {
                return null;
            }
        }

        private static String formUser(String body) {
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && "user".equals(java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8))) {
                    return java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                }
            }
            return null;
        }
    }

    private static final String LOGIN_PAGE = """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Sign in to Tend (development)</title>
            <style>
              body { font: 16px/1.5 system-ui, sans-serif; margin: 0; background: #f4f5f7; color: #1b1f24; }
              main { max-width: 26rem; margin: 2rem auto; padding: 1.5rem; background: #fff; border-radius: 8px;
                     box-shadow: 0 1px 3px rgba(0,0,0,.15); }
              h1 { font-size: 1.4rem; margin-top: 0; }
              label { display: block; font-weight: 600; margin-top: 1rem; }
              input { font: inherit; width: 100%; box-sizing: border-box; padding: .5rem; margin-top: .25rem;
                      border: 1px solid #6b7280; border-radius: 4px; }
              button { font: inherit; margin-top: 1.25rem; padding: .6rem 1.2rem; border: 0; border-radius: 4px;
                       background: #1d4ed8; color: #fff; cursor: pointer; }
              :focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
              .error { color: #b91c1c; font-weight: 600; }
              .dev { background: #fef3c7; border-left: 4px solid #b45309; padding: .5rem .75rem; font-size: .9rem; }
              ul { padding-left: 1.2rem; }
            </style>
            </head>
            <body>
            <main>
            <h1>Sign in to Tend</h1>
            <p class="dev"><strong>Development identity provider</strong> ({{issuer}}, this machine only). Every demo
            user's password is <code>{{password}}</code>.</p>
            {{message}}
            <form method="post" action="/login">
              <label for="username">User name</label>
              <input id="username" name="username" autocomplete="username" required autofocus>
              <label for="password">Password</label>
              <input id="password" name="password" type="password" autocomplete="current-password" required>
              <input type="hidden" name="{{csrfName}}" value="{{csrfToken}}">
              <button type="submit">Sign in</button>
            </form>
            <h2>Demo users</h2>
            <ul>{{users}}</ul>
            </main>
            </body>
            </html>
            """;
}
