package org.tend.gateway.ratelimit;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Principal;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Who a request's caller is, for the rate limits: the subject of its validated token, else the address it came from
 * (no proxy in front of the gateway is trusted, so that is the peer's). The key is an HMAC of either under a key
 * made at random when the gateway starts: a key never shows the subject or the address, cannot be matched against
 * any other gateway's or run's, and nothing is kept that would have to be protected.
 */
public final class CallerKeys {

    private static final String HMAC = "HmacSHA256";

    private final SecretKeySpec key;

    public CallerKeys() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        this.key = new SecretKeySpec(random, HMAC);
    }

    /** The caller's key: {@code s:} and the subject's HMAC, or {@code a:} and the client address's. */
    public Mono<String> of(ServerWebExchange exchange) {
        return exchange.getPrincipal()
                .flatMap(principal -> Mono.justOrEmpty(subject(principal)))
                .map(subject -> "s:" + hmac(subject))
                .switchIfEmpty(Mono.fromSupplier(() -> "a:" + hmac(address(exchange))));
    }

    private static String subject(Principal principal) {
        if (principal instanceof JwtAuthenticationToken jwt) {
            return jwt.getToken().getSubject();
        }
        if (principal instanceof Authentication authentication && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken)) {
            return authentication.getName();
        }
        return null;
    }

    private static String address(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        if (remote == null) {
            return "unknown";
        }
        return remote.getAddress() == null ? remote.getHostString() : remote.getAddress().getHostAddress();
    }

    private String hmac(String value) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            byte[] digest = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
