package jp.consentledger.web.security;

/** The principals of API.md; MONITORING only reads the actuator's metrics. */
public enum Role {
    OPERATOR, GATEWAY, AUDITOR, DISPUTE_HANDLER, PROVIDER, MONITORING;

    public String authority() {
        return "ROLE_" + name();
    }
}
