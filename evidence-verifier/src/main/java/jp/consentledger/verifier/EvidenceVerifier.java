package jp.consentledger.verifier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a consent-ledger evidence bundle (format v2) offline, trusting nothing in it but what the ledger's
 * public key (given separately) vouches for:
 * <ol>
 *   <li>the checkpoint's Ed25519 signature over its statement (tree size, Merkle root, subject index root), under
 *       the trusted key it names, signed within that key's period;</li>
 *   <li>each event: its chain hash recomputed from its stored bytes, its links within its aggregate, its inclusion
 *       proof (RFC 9162) to the signed root, and every readable field equal to what the stored bytes say;</li>
 *   <li>completeness: every subject the state rests on is there, and its events chain to the count and head of its
 *       entry in the signed subject index;</li>
 *   <li>the conclusion: the state folded again by the ledger's one validity rule equals the state the bundle states.</li>
 * </ol>
 * An event whose stored bytes held secret material (a provider registration of revision 1, which held the hash
 * of the provider's secret) comes with its bytes withheld ({@code payloadBase64} null): its chain hash, as given,
 * must still be in the signed tree, link to its aggregate's next event and count in its subject index entry; its
 * readable payload (without the hash) is folded, and the verdict says its content is not proven by bytes
 * ({@link Withheld}). No other event may withhold its bytes.
 * The hash layouts are written here again from their specification, not shared with the ledger's code; the
 * validity rule is shared on purpose (consent-validity), so the verifier judges exactly as the ledger does.
 *
 * <p>Usage: {@code java -jar evidence-verifier.jar <bundle.json> <public key: base64 X.509, PEM, the key list of
 * GET /api/v1/audit/keys, or a file holding one>}. Exit status 0 when verified, 1 when rejected, 2 when the input
 * cannot be read (not JSON, a field missing, an unknown format version such as v1).
 */
public final class EvidenceVerifier {
    static final String FORMAT = "consent-ledger/evidence/v2";

    /** The outcome: verified, or the reasons it is not. */
    public record Report(boolean verified, int eventsChecked, List<String> problems) {
    }

    private EvidenceVerifier() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** The command line: prints the outcome, returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 2) {
            err.println("usage: java -jar evidence-verifier.jar <bundle.json> <public key (base64 X.509, PEM or key list) or file>");
            return 2;
        }
        Report report;
        JsonNode bundle;
        try {
            bundle = read(Path.of(args[0]));
            report = verify(bundle, TrustedKeys.parse(args[1]));
        } catch (Malformed e) {
            err.println("UNREADABLE: " + e.getMessage());
            return 2;
        }
        if (report.verified()) {
            out.println("VERIFIED: " + report.eventsChecked() + " events, each included in the signed tree; every subject"
                    + " complete up to the checkpoint; the stated state follows from them.");
            withheld(bundle).forEach(position -> out.println("  NOT PROVEN BY BYTES: the event at position " + position
                    + " withholds its stored bytes (they held a provider secret's hash); its place in the signed tree,"
                    + " its links and its subject's count are proven, its content is not."));
            return 0;
        }
        out.println("REJECTED:");
        report.problems().forEach(p -> out.println("  - " + p));
        return 1;
    }

    private static JsonNode read(Path file) {
        try {
            return new ObjectMapper().readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            throw new Malformed(file + " is not JSON: " + e.getOriginalMessage());
        } catch (IOException | RuntimeException e) {
            throw new Malformed("cannot read " + file + ": " + e.getMessage());
        }
    }

    public static Report verify(JsonNode bundle, PublicKey publicKey) {
        return verify(bundle, List.of(TrustedKeys.of(publicKey)));
    }

    /** @throws Malformed when the bundle is not one this verifier reads (the message says why) */
    static Report verify(JsonNode bundle, List<TrustedKeys.TrustedKey> trusted) {
        if (bundle == null || !bundle.isObject()) {
            throw new Malformed("the bundle is not a JSON object");
        }
        String format = Json.text(bundle, "format", "the bundle");
        if (!FORMAT.equals(format)) {
            throw new Malformed("the bundle's format is " + format + "; this verifier reads " + FORMAT
                    + (format.endsWith("/v1") ? " (a v1 bundle proves neither completeness nor its conclusion: ask the"
                    + " ledger for the bundle again)" : ""));
        }
        JsonNode subject = Json.object(bundle, "subject", "the bundle");
        String kind = Json.text(subject, "kind", "the subject");
        String id = Json.text(subject, "id", "the subject");
        if (!kind.equals("linkage") && !kind.equals("account")) {
            throw new Malformed("the subject's kind is " + kind + "; a bundle is about a linkage or an account");
        }
        Instant at = Json.instant(bundle, "at", "the bundle");
        JsonNode events = Json.array(bundle, "events", "the bundle");
        JsonNode subjects = Json.array(bundle, "subjects", "the bundle");
        JsonNode stated = Json.object(bundle, "derivedState", "the bundle");
        String namedKey = Json.text(Json.object(bundle, "signingKey", "the bundle"), "keyId", "the signing key");
        Checkpoint checkpoint = Checkpoint.read(bundle);

        List<String> problems = new ArrayList<>();
        checkpoint.checkSignature(trusted, namedKey, problems);
        if (!Hashes.isHash(checkpoint.rootHash()) || !Hashes.isHash(checkpoint.subjectRoot())) {
            return new Report(false, 0, problems);
        }
        if (events.isEmpty()) {
            problems.add("the bundle holds no events");
        }
        List<ShownEvents.Shown> shown = ShownEvents.check(events, checkpoint, problems);
        Completeness.check(kind + ":" + id, subjects, shown, checkpoint, problems);
        Conclusion.check(kind, id, at, stated, shown, problems);
        return new Report(problems.isEmpty(), events.size(), problems);
    }

    /** Positions of the events whose stored bytes the bundle withholds ({@link Withheld}). */
    public static List<Long> withheld(JsonNode bundle) {
        List<Long> positions = new ArrayList<>();
        bundle.path("events").forEach(event -> {
            if (Withheld.is(event)) {
                positions.add(event.path("position").asLong());
            }
        });
        return positions;
    }
}
