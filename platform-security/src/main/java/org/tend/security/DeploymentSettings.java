package org.tend.security;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Settings that are fine on a developer's machine and wrong anywhere else. Outside the {@value #LOCAL_PROFILE}
 * profile a service (and the gateway) refuses to start with any of them: a token issuer or key set reached over
 * plain HTTP (keys and tokens could be swapped on the way), no audience (a token issued for another application of
 * the same issuer would be accepted), or the local stack's pseudonym key (it is public, so pseudonyms made with it
 * protect nobody). Nor with a {@link DemoClock}, which moves the time the service records.
 */
public final class DeploymentSettings {

    /** The Spring profile of the local stack and the tests, where development settings are allowed. */
    public static final String LOCAL_PROFILE = "local";
    /** The pseudonym key the local stack gives its services when none is configured. Public: never deploy it. */
    public static final String LOCAL_STACK_PSEUDONYM_KEY = "DEV-ONLY-tend-local-pseudonym-key-do-not-deploy";

    /**
     * The master keyset (a Tink AES-256-GCM keyset in its JSON form) the local stack and the tests wrap participants'
     * data keys with when none is configured. Public: anyone could unwrap the keys with it, so never deploy it.
     */
    public static final String LOCAL_STACK_MASTER_KEYSET = "{\"primaryKeyId\":3182063978,\"key\":[{\"keyData\":"
            + "{\"typeUrl\":\"type.googleapis.com/google.crypto.tink.AesGcmKey\","
            + "\"value\":\"GiDGcpSgglcaiR+TxEBZsyWjZC2P9MgbIsDGQGjcjAIc3w==\",\"keyMaterialType\":\"SYMMETRIC\"},"
            + "\"status\":\"ENABLED\",\"keyId\":3182063978,\"outputPrefixType\":\"TINK\"}]}";

    private DeploymentSettings() {
    }

    /**
     * What in these settings is for development only; empty when they may be deployed.
     *
     * @param pseudonymKey null where there is none to check (the gateway holds no pseudonym key)
     */
    public static List<String> developmentOnly(String issuer, String jwkSetUri, String audience, String pseudonymKey) {
        List<String> faults = new ArrayList<>();
        if (!isHttps(issuer)) {
            faults.add("the token issuer (TEND_JWT_ISSUER) must be an https:// URL, found '" + issuer + "'");
        }
        if (!isHttps(jwkSetUri)) {
            faults.add("the issuer's key set (TEND_JWT_JWK_SET_URI) must be an https:// URL, found '" + jwkSetUri + "'");
        }
        if (audience == null || audience.isBlank()) {
            faults.add("an audience (TEND_JWT_AUDIENCE) is required: without it a token for another application"
                    + " of the same issuer would be accepted");
        }
        if (LOCAL_STACK_PSEUDONYM_KEY.equals(pseudonymKey)) {
            faults.add("TEND_PSEUDONYM_KEY is the local stack's published development key; set a secret of your own");
        }
        return faults;
    }

    /** Throws, naming every fault, unless {@code local} or the settings may be deployed. */
    public static void refuseDevelopmentSettings(boolean local, String issuer, String jwkSetUri, String audience,
                                                 String pseudonymKey) {
        if (local) {
            return;
        }
        List<String> faults = developmentOnly(issuer, jwkSetUri, audience, pseudonymKey);
        if (!faults.isEmpty()) {
            throw new IllegalStateException("refusing to start with development settings outside the '"
                    + LOCAL_PROFILE + "' profile: " + String.join("; ", faults));
        }
    }

    /**
     * Throws unless {@code local} or records about participants are sealed on the topics: publishing them in the clear
     * ({@code tend.keys.seal-records=false}) exists only so that a benchmark can measure what sealing costs beside a
     * stack without it; anywhere else their erasure could not reach every copy.
     */
    public static void refuseUnsealedRecords(boolean local, boolean sealRecords) {
        if (local || sealRecords) {
            return;
        }
        throw new IllegalStateException("refusing to start with development settings outside the '" + LOCAL_PROFILE
                + "' profile: tend.keys.seal-records=false publishes participants' data in the clear");
    }

    /**
     * Throws unless {@code local} or no demo clock is configured: a {@link DemoClock} shifts every time a service
     * records, which only the local stack's demo seeding may do.
     *
     * @param clockFile the value of {@value DemoClock#PROPERTY}; null or blank when none is configured
     */
    public static void refuseDemoClock(boolean local, String clockFile) {
        if (local || clockFile == null || clockFile.isBlank()) {
            return;
        }
        throw new IllegalStateException("refusing to start with development settings outside the '" + LOCAL_PROFILE
                + "' profile: a demo clock (" + DemoClock.ENVIRONMENT_VARIABLE + " / " + DemoClock.PROPERTY + " = '"
                + clockFile + "') shifts the time the service records; it exists for the local stack's demo data only");
    }

    /**
     * The master keyset to use: the configured one; the local stack's published one in the {@value #LOCAL_PROFILE}
     * profile when none is configured. Throws outside it when none is configured or it is the published one.
     */
    public static String masterKeyset(boolean local, String configured) {
        boolean missing = configured == null || configured.isBlank();
        if (local) {
            return missing ? LOCAL_STACK_MASTER_KEYSET : configured;
        }
        if (missing) {
            throw new IllegalStateException("no master keyset (TEND_MASTER_KEYSET): participants' data keys cannot be"
                    + " wrapped without one; give a Tink AEAD keyset in its JSON form from the secret store");
        }
        if (LOCAL_STACK_MASTER_KEYSET.replaceAll("\\s", "").equals(configured.replaceAll("\\s", ""))) {
            throw new IllegalStateException("refusing to start with development settings outside the '"
                    + LOCAL_PROFILE + "' profile: TEND_MASTER_KEYSET is the local stack's published development"
                    + " keyset; set a secret of your own");
        }
        return configured;
    }

    private static boolean isHttps(String url) {
        try {
            return url != null && "https".equalsIgnoreCase(URI.create(url).getScheme());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
