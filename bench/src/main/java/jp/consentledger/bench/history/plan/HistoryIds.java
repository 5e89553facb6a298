package jp.consentledger.bench.history.plan;

import jp.consentledger.kernel.ids.AccountId;
import jp.consentledger.kernel.ids.BreachId;
import jp.consentledger.kernel.ids.CustomerId;
import jp.consentledger.kernel.ids.LinkageId;
import jp.consentledger.kernel.ids.ProviderId;
import jp.consentledger.kernel.ids.SuspensionId;
import jp.consentledger.kernel.ids.TermsVersionId;

import java.util.UUID;

/**
 * The generated history's identifiers, derived from each subject's index (and, for the random UUIDs
 * of linkages, breaches and windows, the history's salt), so that none needs to be stored.
 */
public final class HistoryIds {
    private HistoryIds() {
    }

    public static AccountId accountId(int a) {
        return new AccountId("acc-" + a);
    }

    static CustomerId customerId(int a) {
        return new CustomerId("cus-" + a);
    }

    public static ProviderId providerId(int p) {
        return new ProviderId("prv-" + p);
    }

    public static TermsVersionId termsVersion(int v) {
        return new TermsVersionId("bench-terms-" + (v + 1));
    }

    public static LinkageId linkageId(long idSalt, int i) {
        return LinkageId.newId(new UUID(idSalt, i));
    }

    public static BreachId breachId(long idSalt, int b) {
        return BreachId.newId(new UUID(idSalt ^ 0xB4EAC4L, b));
    }

    public static SuspensionId suspensionId(long idSalt, int w) {
        return SuspensionId.newId(new UUID(idSalt ^ 0x5055E4DL, w));
    }
}
