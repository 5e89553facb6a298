package jp.consentledger.query.console.actions;

import com.fasterxml.jackson.databind.JsonNode;

/** The command side's answer: its status and body (a problem's {@code code}, {@code title}, {@code detail} on refusal). */
public record CommandAnswer(int status, JsonNode body) {

    public boolean done() {
        return status >= 200 && status < 300;
    }

    public String field(String name) {
        return body == null ? null : body.path(name).asText(null);
    }
}
