package org.tend.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.tend.gateway.web.RequestTargetRules.Violation;

/** The forms of request target the gateway-level tests do not send, and the mark's round trip. */
class RequestTargetRulesTest {

    @Test
    void absoluteFormIsJudgedByItsPathAndQuery() {
        assertThat(RequestTargetRules.checkTarget("http://gateway:8080/api/journeys/mine?format=json")).isEmpty();
        assertThat(RequestTargetRules.checkTarget("http://gateway:8080")).isEmpty();
        assertThat(RequestTargetRules.checkTarget("http://gateway:8080/api/journeys/mine?x[]=1"))
                .get().extracting(Violation::rule).isEqualTo("parameter-name");
    }

    @Test
    void asteriskFormPassesAndAnythingElseIsRefused() {
        assertThat(RequestTargetRules.checkTarget("*")).isEmpty();
        assertThat(RequestTargetRules.checkTarget("api/journeys")).get().extracting(Violation::field)
                .isEqualTo("path");
    }

    @Test
    void aLongParameterNameIsShortenedInTheProblem() {
        String name = "x".repeat(200) + "[]";

        assertThat(RequestTargetRules.checkTarget("/api/goals?" + name + "=1")).get()
                .extracting(violation -> violation.field().length()).isEqualTo(65);
    }

    @Test
    void theMarkCarriesAnyViolationIntact() {
        Violation violation = new Violation("naïve name=1 %", "parameter-name", "can't: 'x' & \"y\"");

        String mark = MalformedRequestFilter.mark(violation);

        assertThat(mark).matches("[\\x21-\\x7E ]+");
        assertThat(MalformedRequestFilter.unmark(mark)).isEqualTo(violation);
    }

    @Test
    void theReplacementTargetAlwaysParses() {
        // An unencoded é sent as UTF-8 reaches the handler as the two chars of its two bytes.
        assertThat(MalformedTargetMarker.parseablePath("/api/journeys/%ZZ{x}\u00c3\u00a9?x[]=1"))
                .isEqualTo("/api/journeys/%25ZZ%7Bx%7D%C3%A9");
        assertThat(URI.create(MalformedTargetMarker.parseablePath("/a b|c\\d^e`f<g>h\"i%"))).isNotNull();
    }
}
