package jp.consentledger.verifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.core.JsonProcessingException;
import jp.consentledger.kernel.json.LedgerJson;
import jp.consentledger.kernel.provider.ProviderRegisteredEvent;

import java.util.List;

/**
 * An event whose stored bytes the bundle withholds ({@code payloadBase64} null) because they hold secret
 * material: a provider registration of revision 1, recorded with the hash of the provider's secret
 * (docs/provider-credentials.md). Its chain hash, as given, must still be in the signed tree, link to its
 * aggregate's next event and count in its subject's signed index entry; its readable payload (without the hash)
 * is what the conclusion folds, and the verdict says that its content is not proven by bytes. Any other event
 * that withholds its bytes is a forgery.
 * The rule is written here, not taken from the kernel's upcaster, which needs Axon: the verifier runs without it.
 */
final class Withheld {
    static final String TYPE = ProviderRegisteredEvent.class.getName();
    static final String REVISION = "1";
    private static final String SECRET_HASH = "secretHash";
    private static final ObjectMapper LEDGER_JSON = LedgerJson.objectMapper();

    private Withheld() {
    }

    static boolean is(JsonNode event) {
        return event.path("payloadBase64").isNull() || event.path("payloadBase64").isMissingNode();
    }

    static boolean allowed(JsonNode event) {
        return TYPE.equals(event.path("payloadType").asText()) && REVISION.equals(event.path("payloadRevision").asText());
    }

    /** The registration as its readable payload says (the hash, should one be shown, left out); null if it does not read. */
    static Object readable(String where, JsonNode event, List<String> problems) {
        JsonNode shown = event.path("payload");
        if (!shown.isObject()) {
            problems.add(where + ": its stored bytes are withheld and its readable payload is missing");
            return null;
        }
        ObjectNode payload = shown.deepCopy();
        payload.remove(SECRET_HASH);
        try {
            return LEDGER_JSON.treeToValue(payload, ProviderRegisteredEvent.class);
        } catch (JsonProcessingException | RuntimeException e) {
            problems.add(where + ": its readable payload does not read as a provider registration");
            return null;
        }
    }
}
