package jp.consentledger.query.audit.integrity.subjects;

import com.fasterxml.jackson.databind.ObjectMapper;
import jp.consentledger.kernel.json.LedgerJson;
import jp.consentledger.kernel.provider.LegacyProviderRegistration;

import java.io.IOException;

/** A stored event's JSON back into the kernel's event, for deciding what it bears on. */
public final class StoredEvents {
    private static final ObjectMapper JSON = LedgerJson.objectMapper();

    private StoredEvents() {
    }

    /** Null for a type this version of the ledger does not know (it is kept in the log, under no subject). */
    public static Object payload(String payloadType, byte[] json) {
        Class<?> type;
        try {
            type = Class.forName(payloadType, false, StoredEvents.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return null;
        }
        if (!type.getName().startsWith("jp.consentledger.kernel.")) {
            return null;
        }
        try {
            // a registration recorded with its secret's hash reads as the current revision, without it
            return JSON.treeToValue(LegacyProviderRegistration.redact(payloadType, JSON.readTree(json)), type);
        } catch (IOException e) {
            throw new IllegalStateException("A stored " + payloadType + " does not read back", e);
        }
    }
}
