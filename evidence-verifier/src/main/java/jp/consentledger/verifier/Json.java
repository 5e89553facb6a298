package jp.consentledger.verifier;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Reading a bundle's fields, or saying which one is missing or of the wrong kind (malformed input). */
final class Json {
    private Json() {
    }

    static JsonNode object(JsonNode parent, String field, String where) {
        JsonNode node = parent.path(field);
        if (!node.isObject()) {
            throw new Malformed(where + ": '" + field + "' is missing or not an object");
        }
        return node;
    }

    static JsonNode array(JsonNode parent, String field, String where) {
        JsonNode node = parent.path(field);
        if (!node.isArray()) {
            throw new Malformed(where + ": '" + field + "' is missing or not an array");
        }
        return node;
    }

    static String text(JsonNode parent, String field, String where) {
        JsonNode node = parent.path(field);
        if (!node.isTextual()) {
            throw new Malformed(where + ": '" + field + "' is missing or not a string");
        }
        return node.asText();
    }

    /** A string or null (absent or JSON null). */
    static String optionalText(JsonNode parent, String field, String where) {
        JsonNode node = parent.path(field);
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new Malformed(where + ": '" + field + "' is not a string");
        }
        return node.asText();
    }

    static long number(JsonNode parent, String field, String where) {
        JsonNode node = parent.path(field);
        if (!node.isIntegralNumber()) {
            throw new Malformed(where + ": '" + field + "' is missing or not an integer");
        }
        return node.asLong();
    }

    /** An ISO-8601 instant with an offset ("…Z" or "…+09:00"). */
    static Instant instant(JsonNode parent, String field, String where) {
        String text = text(parent, field, where);
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new Malformed(where + ": '" + field + "' is not an ISO-8601 instant: " + text);
        }
    }
}
