package org.tend.gateway.config;

import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Browser sessions of the pages the gateway serves ({@code tend.gateway.session.*}).
 *
 * @param logoutRedirectUri where the browser goes after signing out of the gateway, to end the identity provider's
 *                          session too ({@code TEND_OAUTH2_LOGOUT_URI}); empty: back to {@code /hr/}
 * @param secureCookie      {@code auto} (Secure unless the request's host is a loopback name or address),
 *                          {@code always} or {@code never}
 */
@ConfigurationProperties("tend.gateway.session")
public record BrowserSessionProperties(String logoutRedirectUri, String secureCookie) {

    public BrowserSessionProperties {
        logoutRedirectUri = logoutRedirectUri == null ? "" : logoutRedirectUri.strip();
        secureCookie = secureCookie == null || secureCookie.isBlank() ? "auto" : secureCookie.strip().toLowerCase(Locale.ROOT);
        if (!secureCookie.equals("auto") && !secureCookie.equals("always") && !secureCookie.equals("never")) {
            throw new IllegalArgumentException("tend.gateway.session.secure-cookie (TEND_SESSION_SECURE_COOKIE) is auto, "
                    + "always or never, not " + secureCookie);
        }
    }
}
