package jp.consentledger.kernel.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * Reads a registration recorded before credentials had ids (revision 1, which held the secret's bcrypt
 * hash) as revision 2: the hash is dropped and the credential is named {@link ProviderCredentialId#LEGACY}.
 * The stored bytes stay as they are (the hash chain covers them); what every reader sees no longer holds
 * the hash. {@link #redact} does the same to a stored JSON shown outside Axon (audit answers).
 */
public final class LegacyProviderRegistration extends SingleEventUpcaster {
    static final String SECRET_HASH = "secretHash";
    private static final SimpleSerializedType REVISION_1 =
            new SimpleSerializedType(ProviderRegisteredEvent.class.getName(), "1");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return REVISION_1.equals(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(
                new SimpleSerializedType(ProviderRegisteredEvent.class.getName(), "2"), JsonNode.class,
                LegacyProviderRegistration::toRevision2);
    }

    private static JsonNode toRevision2(JsonNode revision1) {
        ObjectNode payload = revision1.deepCopy();
        payload.remove(SECRET_HASH);
        if (!payload.hasNonNull("credentialId")) {
            payload.put("credentialId", ProviderCredentialId.LEGACY.value());
        }
        return payload;
    }

    /**
     * Whether a stored event's bytes hold secret material (a registration of revision 1), so that an
     * evidence bundle withholds them (docs/provider-credentials.md).
     */
    public static boolean storedWithSecret(String payloadType, String payloadRevision) {
        return ProviderRegisteredEvent.class.getName().equals(payloadType) && "1".equals(payloadRevision);
    }

    /** Whether a stored payload of this type holds secret material that answers must not show. */
    public static boolean holdsSecret(String payloadType, JsonNode payload) {
        return ProviderRegisteredEvent.class.getName().equals(payloadType) && payload.has(SECRET_HASH);
    }

    /** The stored payload as revision 2 (without the hash) when it {@link #holdsSecret holds a secret}; else itself. */
    public static JsonNode redact(String payloadType, JsonNode payload) {
        return holdsSecret(payloadType, payload) ? toRevision2(payload) : payload;
    }
}
