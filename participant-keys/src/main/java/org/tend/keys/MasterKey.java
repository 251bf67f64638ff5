package org.tend.keys;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.security.GeneralSecurityException;

/**
 * The key that wraps every participant's data key (envelope encryption): a participant's key is stored and shared
 * only wrapped by it, so the key topic and its copies are useless without the master key, and destroying a
 * participant's wrapped key destroys the only form in which it exists.
 *
 * <p>In a deployment the master key comes from the secret store ({@code TEND_MASTER_KEYSET}, a Tink JSON keyset) or,
 * better, is a KMS key used through Tink's KMS integration, so that it never leaves the KMS; the local stack and the
 * tests use a published development keyset, which every service refuses outside the {@code local} profile.
 */
public final class MasterKey {

    static {
        try {
            AeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Aead aead;

    private MasterKey(Aead aead) {
        this.aead = aead;
    }

    /** A master key from the secret store: a Tink keyset in its JSON form (an AEAD keyset). */
    public static MasterKey fromKeysetJson(String json) {
        try {
            KeysetHandle handle = TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get());
            return new MasterKey(handle.getPrimitive(RegistryConfiguration.get(), Aead.class));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the master keyset is not a valid Tink AEAD keyset", e);
        }
    }

    /** A master key held by a KMS (or anything else that is an AEAD): the key itself never reaches Tend. */
    public static MasterKey of(Aead kmsAead) {
        return new MasterKey(kmsAead);
    }

    /** A new master keyset (AES-256-GCM) in its JSON form, for a secret store or the local stack's data. */
    public static String generateKeysetJson() {
        try {
            KeysetHandle handle = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
            return TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a master keyset", e);
        }
    }

    Aead aead() {
        return aead;
    }

    /**
     * Encrypts a value that is about no participant (so no participant's key can shred it), such as a practitioner's
     * e-mail address, bound to {@code context}. Deleting the ciphertext is how it is forgotten.
     */
    public byte[] encrypt(byte[] plaintext, String context) {
        try {
            return aead.encrypt(plaintext, ("tend:master|" + context).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a value", e);
        }
    }

    /** Decrypts what {@link #encrypt} made for the same context; fails if it was altered or made for another. */
    public byte[] decrypt(byte[] ciphertext, String context) {
        try {
            return aead.decrypt(ciphertext, ("tend:master|" + context).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the value was not encrypted for " + context + ", or was altered", e);
        }
    }
}
