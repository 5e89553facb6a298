package jp.consentledger.command.terms;

import jp.consentledger.kernel.ids.TermsVersionId;
import jp.consentledger.kernel.terms.PublishTermsVersion;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;

import static jp.consentledger.kernel.ids.Identifiers.required;
import static jp.consentledger.kernel.time.LedgerTime.requireInRange;

@RestController
@RequestMapping("/api/v1/terms")
public class TermsController {
    private final CommandGateway commands;
    private final Clock clock;

    public TermsController(CommandGateway commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    public record PublishTermsRequest(TermsVersionId version, Instant effectiveFrom, String documentSha256) {
        public PublishTermsRequest {
            required(version, "version");
            requireInRange(effectiveFrom, "effectiveFrom");
            required(documentSha256, "documentSha256");
        }
    }

    public record TermsPublished(TermsVersionId version, Instant effectiveFrom, String documentSha256, Instant publishedAt) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public TermsPublished publish(@RequestBody PublishTermsRequest request) {
        Instant now = clock.instant();
        commands.sendAndWait(new PublishTermsVersion(request.version(), request.effectiveFrom(), request.documentSha256(), now));
        return new TermsPublished(request.version(), request.effectiveFrom(), request.documentSha256(), now);
    }
}
