package org.tend.contracts;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Organisations are named by a slug in the API ({@code acme}); the published contract
 * ({@code tend.assessment.programme-created.v1}) requires a UUID. A slug that already is a canonical lower-case UUID
 * is published as it is; any other slug is published as its name-based UUID (RFC 4122 version 3 of
 * {@code tend:organisation:<slug>}), so every programme of one organisation carries the same published id.
 *
 * <p>It lives in the contracts because both ends need it: assessment-service publishes the id, and a consumer that
 * knows a caller's organisation by its slug (insights-service, from the token's {@code org} claim) finds that
 * organisation's programmes by the same id.
 */
public final class OrganisationIds {

    private static final Pattern CANONICAL_UUID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private OrganisationIds() {
    }

    public static String published(String organisationSlug) {
        if (CANONICAL_UUID.matcher(organisationSlug).matches()) {
            return organisationSlug;
        }
        return UUID.nameUUIDFromBytes(("tend:organisation:" + organisationSlug).getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
