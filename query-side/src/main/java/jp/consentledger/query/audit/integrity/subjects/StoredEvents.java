package jp.consentledger.query.audit.integrity.subjects;

import com.fasterxml.jackson.databind.ObjectMapper;
import jp.consentledger.kernel.json.LedgerJson;
import jp.consentledger.kernel.provider.LegacyProviderRegistration;
import jp.consentledger.kernel.provider.ProviderRegisteredEvent;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A stored event's JSON back into the kernel's event, for deciding what it bears on. */
public final class StoredEvents {
    private static final ObjectMapper JSON = LedgerJson.objectMapper();

    private StoredEvents() {
    }

    /** Each stored type name's class, or none when this version of the ledger does not know it (a rebuild asks per event). */
    private static final Map<String, Optional<Class<?>>> TYPES = new ConcurrentHashMap<>();

    /** Null for a type this version of the ledger does not know (it is kept in the log, under no subject). */
    public static Object payload(String payloadType, byte[] json) {
        Class<?> type = TYPES.computeIfAbsent(payloadType, StoredEvents::kernelType).orElse(null);
        if (type == null) {
            return null;
        }
        try {
            if (type == ProviderRegisteredEvent.class) {
                // a registration recorded with its secret's hash reads as the current revision, without it
                return JSON.treeToValue(LegacyProviderRegistration.redact(payloadType, JSON.readTree(json)), type);
            }
            return JSON.readValue(json, type); // no tree in between: the subject index reads every event
        } catch (IOException e) {
            throw new IllegalStateException("A stored " + payloadType + " does not read back", e);
        }
    }

    private static Optional<Class<?>> kernelType(String payloadType) {
        if (!payloadType.startsWith("jp.consentledger.kernel.")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Class.forName(payloadType, false, StoredEvents.class.getClassLoader()));
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
    }
}
