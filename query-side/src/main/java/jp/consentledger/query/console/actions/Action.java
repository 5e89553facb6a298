package jp.consentledger.query.console.actions;

import org.springframework.http.HttpMethod;

/** What an operator may do to a linkage from the console, and the command side's endpoint for each. */
public enum Action {
    CONFIRM(HttpMethod.POST, "/revocation-confirmations", false),
    REVOKE(HttpMethod.POST, "/revocations", true),
    SUSPEND(HttpMethod.POST, "/suspension", true),
    RESUME(HttpMethod.DELETE, "/suspension", false);

    final HttpMethod method;
    final String path;
    final boolean needsReason;

    Action(HttpMethod method, String path, boolean needsReason) {
        this.method = method;
        this.path = path;
        this.needsReason = needsReason;
    }

    /** As the URL names it: {@code confirm}, {@code revoke}, ... */
    static Action named(String name) {
        for (Action action : values()) {
            if (action.name().equalsIgnoreCase(name)) {
                return action;
            }
        }
        throw new IllegalArgumentException("No action '" + name + "': confirm, revoke, suspend or resume.");
    }

    public String slug() {
        return name().toLowerCase();
    }

    public boolean isNeedsReason() {
        return needsReason;
    }
}
