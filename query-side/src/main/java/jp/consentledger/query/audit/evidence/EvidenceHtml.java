package jp.consentledger.query.audit.evidence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import jp.consentledger.kernel.json.LedgerJson;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The evidence bundle as a page a person reads: the same content as the JSON, every value escaped. */
final class EvidenceHtml {
    private static final ObjectMapper JSON = LedgerJson.objectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private EvidenceHtml() {
    }

    static String render(EvidenceBundles.Bundle bundle, ZoneOffset offset) {
        DateTimeFormatter time = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(offset);
        StringBuilder html = new StringBuilder(8192);
        html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Evidence: ")
                .append(esc(bundle.subject().kind())).append(' ').append(esc(bundle.subject().id()))
                .append("</title><style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
                        + "td,th{border:1px solid #999;padding:4px;vertical-align:top;font-size:90%}"
                        + "code,pre{font-size:85%;word-break:break-all;white-space:pre-wrap}</style></head><body>");
        html.append("<h1>Evidence for ").append(esc(bundle.subject().kind())).append(" <code>")
                .append(esc(bundle.subject().id())).append("</code></h1>");
        html.append("<p>As of <strong>").append(esc(fmt(time, bundle.at()))).append("</strong>; generated ")
                .append(esc(fmt(time, bundle.generatedAt()))).append(". Format <code>").append(esc(bundle.format()))
                .append("</code>. Check the JSON form offline with the evidence-verifier and the ledger's public key.</p>");

        EvidenceBundles.SignedCheckpoint cp = bundle.checkpoint();
        html.append("<h2>Signed checkpoint</h2><table>")
                .append(row("tree size", Long.toString(cp.treeSize())))
                .append(row("last global position", Long.toString(cp.lastGlobalIndex())))
                .append(row("root hash", cp.rootHash()))
                .append(row("subject index root", cp.subjectRoot()))
                .append(row("signed at", cp.signedAt()))
                .append(row("key id", cp.keyId()))
                .append(row("signature (" + cp.algorithm() + ")", cp.signature()))
                .append("</table>");

        html.append("<h2>Subjects (each complete up to the checkpoint)</h2><table><tr><th>subject</th><th>events</th>"
                + "<th>positions</th><th>chain head</th></tr>");
        for (EvidenceBundles.SubjectEvidence subject : bundle.subjects()) {
            html.append("<tr><td><code>").append(esc(subject.key())).append("</code></td><td>").append(subject.eventCount())
                    .append("</td><td>").append(esc(subject.positions().toString())).append("</td><td><code>")
                    .append(esc(subject.head())).append("</code></td></tr>");
        }
        html.append("</table>");

        html.append("<h2>Derived state</h2><pre>").append(esc(json(bundle.derivedState()))).append("</pre>");

        html.append("<h2>Events (").append(bundle.events().size()).append(")</h2><table><tr><th>position</th><th>type</th>"
                + "<th>occurred</th><th>recorded</th><th>payload</th><th>chain hash / previous</th><th>inclusion proof</th></tr>");
        for (EvidenceBundles.EvidenceEvent event : bundle.events()) {
            html.append("<tr><td>").append(event.position()).append("<br><small>leaf ").append(event.leafIndex())
                    .append("</small></td><td>").append(esc(event.type())).append("<br><small>")
                    .append(esc(event.eventId())).append("</small></td><td>").append(esc(fmt(time, event.occurredAt())))
                    .append("</td><td>").append(esc(fmt(time, event.recordedAt()))).append("</td><td><pre>")
                    .append(esc(json(event.payload()))).append("</pre></td><td><code>").append(esc(event.chainHash()))
                    .append("</code><br><small>after <code>").append(esc(event.previousHash())).append("</code></small></td><td><code>")
                    .append(esc(String.join(" ", event.inclusionProof()))).append("</code></td></tr>");
        }
        html.append("</table></body></html>");
        return html.toString();
    }

    private static String row(String name, String value) {
        return "<tr><th>" + esc(name) + "</th><td><code>" + esc(value) + "</code></td></tr>";
    }

    private static String fmt(DateTimeFormatter time, Instant instant) {
        return instant == null ? "" : time.format(instant);
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("derived state is plain records", e);
        }
    }

    static String esc(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
