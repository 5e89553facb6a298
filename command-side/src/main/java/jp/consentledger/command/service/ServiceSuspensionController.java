package jp.consentledger.command.service;

import jp.consentledger.kernel.ids.ProviderId;
import jp.consentledger.kernel.ids.SuspensionId;
import jp.consentledger.kernel.service.ServiceSuspensionCommands.DeclareServiceSuspension;
import jp.consentledger.kernel.service.ServiceSuspensionCommands.LiftServiceSuspension;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import static jp.consentledger.kernel.ids.Identifiers.required;
import static jp.consentledger.kernel.time.LedgerTime.requireInRange;
import static jp.consentledger.kernel.ids.Identifiers.requireText;

@RestController
@RequestMapping("/api/v1/service-suspensions")
public class ServiceSuspensionController {
    private final CommandGateway commands;
    private final Clock clock;

    public ServiceSuspensionController(CommandGateway commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    /** Absent {@code from} means "from now"; absent providerId means every provider. */
    public record DeclareRequest(Instant from, Instant until, ProviderId providerId, String reason) {
        public DeclareRequest {
            requireInRange(until, "until");
            if (from != null) {
                requireInRange(from, "from");
            }
            requireText(reason, "reason", 1000);
            if (from != null && !from.isBefore(until)) {
                throw new IllegalArgumentException("from must be before until");
            }
        }
    }

    public record SuspensionDeclared(SuspensionId suspensionId, Instant from, Instant until, ProviderId providerId) {
    }

    public record SuspensionLifted(SuspensionId suspensionId, Instant liftedAt) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public SuspensionDeclared declare(@RequestBody DeclareRequest request) {
        Instant now = clock.instant();
        Instant from = request.from() != null ? request.from() : now;
        SuspensionId suspensionId = SuspensionId.newId(UUID.randomUUID());
        commands.sendAndWait(new DeclareServiceSuspension(suspensionId, from, request.until(), request.providerId(),
                request.reason(), now));
        return new SuspensionDeclared(suspensionId, from, request.until(), request.providerId());
    }

    @DeleteMapping("/{suspensionId}")
    public SuspensionLifted lift(@PathVariable SuspensionId suspensionId) {
        Instant now = clock.instant();
        commands.sendAndWait(new LiftServiceSuspension(suspensionId, now));
        return new SuspensionLifted(suspensionId, now);
    }
}
