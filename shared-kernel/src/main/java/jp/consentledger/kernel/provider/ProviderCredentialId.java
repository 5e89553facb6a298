package jp.consentledger.kernel.provider;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import jp.consentledger.kernel.ids.Identifiers;

/**
 * Names one secret the bank issued to a provider, so events can say which credential was issued or
 * replaced without holding anything that would help to find it. {@link #LEGACY} names the secret of a
 * provider registered before credentials had ids (its registration event held the secret's hash).
 */
public record ProviderCredentialId(@JsonValue String value) {
    public static final ProviderCredentialId LEGACY = new ProviderCredentialId("legacy");

    public ProviderCredentialId {
        Identifiers.requireBankId(value, "credentialId");
    }

    @JsonCreator
    public static ProviderCredentialId of(String value) {
        return new ProviderCredentialId(value);
    }
}
