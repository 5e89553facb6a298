package jp.consentledger.query.tokensnapshot;

import com.fasterxml.jackson.databind.ObjectMapper;
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

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The snapshot's bytes: the facts field by field (DataOutput: strings as modified UTF-8, instants as seconds and
 * nanos, token hashes as their 32 bytes), gzip. Not JSON, because a gateway node scaled out under load reads a
 * million linkages before it may answer: as JSON they were 412 MB to parse, most of measure 8's 35 s
 * (BENCHMARKS.md). The first field names the layout. An older ledger's JSON snapshot still reads (slowly), so an
 * upgraded node starts from it, and the next snapshot saved is in this layout. Held by SnapshotFormatTest.
 */
final class SnapshotFormat {
    private static final String LAYOUT = "consent-ledger/token-validity-snapshot/v2";
    private static final HexFormat HEX = HexFormat.of();
    /** Snapshots written before this layout: read, so that an upgraded node starts from them, never written. */
    private static final ObjectMapper LEGACY_JSON = LedgerJson.objectMapper();

    private SnapshotFormat() {
    }

    static byte[] write(Snapshot snapshot) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new GZIPOutputStream(buffer, 1 << 16), 1 << 16))) {
            out.writeUTF(LAYOUT);
            out.writeInt(snapshot.providers().size());
            for (ProviderState provider : snapshot.providers()) {
                out.writeUTF(provider.providerId().value());
                nullable(out, provider.status() == null ? null : provider.status().name());
            }
            out.writeInt(snapshot.accounts().size());
            for (AccountFacts account : snapshot.accounts()) {
                out.writeUTF(account.accountId().value());
                out.writeUTF(account.termsVersion().value());
                instant(out, account.registrationExpiresAt());
                out.writeBoolean(account.closed());
                out.writeBoolean(account.suspended());
            }
            out.writeInt(snapshot.windows().size());
            for (SuspensionWindow window : snapshot.windows()) {
                out.writeUTF(window.suspensionId().value());
                instant(out, window.from());
                instant(out, window.until());
                nullable(out, window.providerId() == null ? null : window.providerId().value());
            }
            out.writeInt(snapshot.linkages().size());
            for (LinkageFacts linkage : snapshot.linkages()) {
                out.writeUTF(linkage.linkageId().value());
                out.writeUTF(linkage.accountId().value());
                out.writeUTF(linkage.providerId().value());
                out.write(HEX.parseHex(linkage.tokenHash().value()));
                out.writeByte(linkage.scopes().size());
                for (Scope scope : linkage.scopes()) {
                    out.writeUTF(scope.name());
                }
                out.writeInt(linkage.chainedRecipients().size());
                for (ChainedRecipient recipient : linkage.chainedRecipients()) {
                    out.writeUTF(recipient.value());
                }
                out.writeUTF(linkage.termsVersion().value());
                instant(out, linkage.grantedAt());
                instant(out, linkage.expiresAt());
                out.writeUTF(linkage.status().name());
                instant(out, linkage.revocationRequestedAt());
                instant(out, linkage.revokedAt());
                out.writeBoolean(linkage.suspended());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    /** The facts the bytes hold (this layout, or an older ledger's JSON); throws when they end early or are neither. */
    static Snapshot read(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(
                new GZIPInputStream(new ByteArrayInputStream(bytes), 1 << 16), 1 << 16))) {
            in.mark(1);
            if (in.read() == '{') { // the layout's first byte is its name's length (0); JSON's an object
                in.reset();
                return LEGACY_JSON.readValue((java.io.InputStream) in, Snapshot.class);
            }
            in.reset();
            if (!LAYOUT.equals(in.readUTF())) {
                throw new IllegalStateException("not a " + LAYOUT + " snapshot");
            }
            List<ProviderState> providers = list(in, () -> new ProviderState(ProviderId.of(in.readUTF()),
                    nullable(in, ProviderStatus::valueOf)));
            List<AccountFacts> accounts = list(in, () -> new AccountFacts(AccountId.of(in.readUTF()),
                    TermsVersionId.of(in.readUTF()), instant(in), in.readBoolean(), in.readBoolean()));
            List<SuspensionWindow> windows = list(in, () -> new SuspensionWindow(SuspensionId.of(in.readUTF()),
                    instant(in), instant(in), nullable(in, ProviderId::of)));
            List<LinkageFacts> linkages = list(in, () -> linkage(in));
            return new Snapshot(linkages, accounts, providers, windows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static LinkageFacts linkage(DataInputStream in) throws IOException {
        LinkageId linkageId = LinkageId.of(in.readUTF());
        AccountId accountId = AccountId.of(in.readUTF());
        ProviderId providerId = ProviderId.of(in.readUTF());
        byte[] hash = new byte[32];
        in.readFully(hash);
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (int i = in.readUnsignedByte(); i > 0; i--) {
            scopes.add(Scope.valueOf(in.readUTF()));
        }
        List<ChainedRecipient> recipients = list(in, () -> ChainedRecipient.of(in.readUTF()));
        return new LinkageFacts(linkageId, accountId, providerId, TokenHash.of(HEX.formatHex(hash)),
                Collections.unmodifiableSet(scopes), Collections.unmodifiableList(recipients),
                TermsVersionId.of(in.readUTF()), instant(in), instant(in), LinkageStatus.valueOf(in.readUTF()),
                instant(in), instant(in), in.readBoolean());
    }

    private interface Reader<T> {
        T read() throws IOException;
    }

    private static <T> List<T> list(DataInputStream in, Reader<T> element) throws IOException {
        int size = in.readInt();
        if (size < 0) {
            throw new IllegalStateException("a negative count in the snapshot");
        }
        List<T> values = new ArrayList<>(Math.min(size, 1 << 20));
        for (int i = 0; i < size; i++) {
            values.add(element.read());
        }
        return values;
    }

    private static void nullable(DataOutputStream out, String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeUTF(value);
        }
    }

    private static <T> T nullable(DataInputStream in, Function<String, T> parse) throws IOException {
        return in.readBoolean() ? parse.apply(in.readUTF()) : null;
    }

    private static void instant(DataOutputStream out, Instant value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeLong(value.getEpochSecond());
            out.writeInt(value.getNano());
        }
    }

    private static Instant instant(DataInputStream in) throws IOException {
        return in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
    }
}
