package jp.consentledger.query.tokensnapshot;

import jp.consentledger.kernel.ids.AccountId;
import jp.consentledger.kernel.ids.ChainedRecipient;
import jp.consentledger.kernel.ids.LinkageId;
import jp.consentledger.kernel.ids.ProviderId;
import jp.consentledger.kernel.ids.SuspensionId;
import jp.consentledger.kernel.ids.TermsVersionId;
import jp.consentledger.kernel.json.LedgerJson;
import jp.consentledger.kernel.linkage.LinkageStatus;
import jp.consentledger.kernel.linkage.Scope;
import jp.consentledger.kernel.provider.ProviderStatus;
import jp.consentledger.kernel.token.TokenHash;
import jp.consentledger.validity.ConsentFacts.AccountFacts;
import jp.consentledger.validity.ConsentFacts.LinkageFacts;
import jp.consentledger.validity.ConsentFacts.ProviderState;
import jp.consentledger.validity.ConsentFacts.Snapshot;
import jp.consentledger.validity.ConsentFacts.SuspensionWindow;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SnapshotFormatTest {
    private static final Instant T = Instant.parse("2026-03-01T09:00:00.123456789Z");

    /** Every field of every fact, with each nullable one both set and absent, and every enum value. */
    private static Snapshot everyField() {
        LinkageFacts active = new LinkageFacts(LinkageId.of("lnk-1"), AccountId.of("acc-1"), ProviderId.of("prov-a"),
                TokenHash.of("0123456789abcdef".repeat(4)), Set.of(Scope.BALANCE, Scope.TRANSACTIONS),
                List.of(ChainedRecipient.of("家計簿-1"), ChainedRecipient.of("r-2")), TermsVersionId.of("2026-01"),
                T, T.plusMillis(1), LinkageStatus.ACTIVE, null, null, false);
        LinkageFacts requested = new LinkageFacts(LinkageId.of("lnk-2"), AccountId.of("acc-1"), ProviderId.of("prov-b"),
                TokenHash.of("f".repeat(64)), Set.of(Scope.TRANSACTIONS), List.of(), TermsVersionId.of("2026-01"),
                Instant.parse("2000-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59.999Z"),
                LinkageStatus.REVOCATION_REQUESTED, T.plusSeconds(5), null, true);
        LinkageFacts revoked = new LinkageFacts(LinkageId.of("lnk-3"), AccountId.of("acc-2"), ProviderId.of("prov-a"),
                TokenHash.of("a".repeat(64)), Set.of(Scope.BALANCE), List.of(), TermsVersionId.of("2025-07"),
                T, T.plusSeconds(90), LinkageStatus.REVOKED, T.plusSeconds(6), T.plusSeconds(7), false);
        return new Snapshot(List.of(active, requested, revoked),
                List.of(new AccountFacts(AccountId.of("acc-1"), TermsVersionId.of("2026-01"), T.plusSeconds(86_400), false, true),
                        new AccountFacts(AccountId.of("acc-2"), TermsVersionId.of("2025-07"), null, true, false)),
                List.of(new ProviderState(ProviderId.of("prov-a"), ProviderStatus.ACTIVE),
                        new ProviderState(ProviderId.of("prov-b"), ProviderStatus.SUSPENDED),
                        new ProviderState(ProviderId.of("prov-c"), ProviderStatus.TERMINATED),
                        new ProviderState(ProviderId.of("prov-d"), null)),
                List.of(new SuspensionWindow(SuspensionId.of("sus-1"), T, T.plusSeconds(60), null),
                        new SuspensionWindow(SuspensionId.of("sus-2"), T, T.plusSeconds(60), ProviderId.of("prov-a"))));
    }

    @Test
    void everyFactReadsBackEqualToTheOneWritten() {
        Snapshot written = everyField();

        assertThat(SnapshotFormat.read(SnapshotFormat.write(written))).isEqualTo(written);
    }

    @Test
    void anOlderLedgersJsonSnapshotStillReadsSoAnUpgradedNodeStartsFromIt() throws Exception {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(json)) {
            LedgerJson.objectMapper().writeValue(out, everyField());
        }

        assertThat(SnapshotFormat.read(json.toByteArray())).isEqualTo(everyField());
    }

    @Test
    void bytesOfNeitherLayoutDoNotRead() throws Exception {
        ByteArrayOutputStream other = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(other)) {
            out.write("consent-ledger/token-validity-snapshot/v9".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        assertThatThrownBy(() -> SnapshotFormat.read(other.toByteArray())).isInstanceOf(RuntimeException.class);
    }

    @Test
    void aTruncatedSnapshotDoesNotRead() {
        byte[] bytes = SnapshotFormat.write(everyField());

        assertThatThrownBy(() -> SnapshotFormat.read(Arrays.copyOf(bytes, bytes.length - 12)))
                .isInstanceOf(RuntimeException.class);
    }
}
