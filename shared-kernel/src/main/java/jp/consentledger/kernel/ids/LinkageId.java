package jp.consentledger.kernel.ids;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

public record LinkageId(@JsonValue String value) {
    public LinkageId {
        Identifiers.requireBankId(value, "linkageId");
    }

    @JsonCreator
    public static LinkageId of(String value) {
        return new LinkageId(value);
    }

    /** Linkage ids are assigned by the ledger, never by a caller. */
    public static LinkageId newId(java.util.UUID uuid) {
        return new LinkageId("lnk-" + uuid);
    }

    @Override
    public String toString() {
        return value;
    }
}
