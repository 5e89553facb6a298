package jp.consentledger.web.problem;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Turns a request body Jackson could not read into a sentence that names the field at fault. */
public final class JsonInputErrors {
    private JsonInputErrors() {
    }

    public static String describe(Throwable cause) {
        if (cause instanceof ValueInstantiationException vie) {
            String path = path(vie);
            String reason = vie.getCause() != null ? vie.getCause().getMessage() : vie.getOriginalMessage();
            return path.isEmpty() ? reason : "'" + path + "' is invalid: " + reason;
        }
        if (cause instanceof InvalidFormatException ife && ife.getTargetType() != null && ife.getTargetType().isEnum()) {
            return "'" + path(ife) + "' must be one of " + Arrays.stream(ife.getTargetType().getEnumConstants())
                    .map(Object::toString).collect(Collectors.joining(", ")) + " (got '" + ife.getValue() + "')";
        }
        if (cause instanceof UnrecognizedPropertyException upe) {
            return "'" + upe.getPropertyName() + "' is not a field of this request";
        }
        if (cause instanceof MismatchedInputException mie) {
            return "'" + path(mie) + "' has the wrong type or is missing";
        }
        if (cause instanceof JsonMappingException jme) {
            return "'" + path(jme) + "' is invalid: " + jme.getOriginalMessage();
        }
        return "The body is not valid JSON: send an application/json object as documented at /v3/api-docs.";
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
    }
}
