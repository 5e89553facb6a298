package jp.consentledger.command.provider;

import jp.consentledger.command.credential.ProviderCredentialStore;
import jp.consentledger.command.credential.ProviderCredentialStore.Issued;
import jp.consentledger.kernel.ids.ProviderId;
import jp.consentledger.kernel.provider.ProviderCredentialId;
import jp.consentledger.kernel.provider.ProviderCommands.RegisterProvider;
import jp.consentledger.kernel.provider.ProviderCommands.ReinstateProvider;
import jp.consentledger.kernel.provider.ProviderCommands.SuspendProvider;
import jp.consentledger.kernel.provider.ProviderCommands.TerminateProvider;
import jp.consentledger.kernel.provider.ProviderStatus;
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

import static jp.consentledger.kernel.ids.Identifiers.required;
import static jp.consentledger.kernel.ids.Identifiers.requireText;

@RestController
@RequestMapping("/api/v1/providers")
public class ProviderController {
    private final CommandGateway commands;
    private final ProviderCredentialStore credentials;
    private final Clock clock;

    public ProviderController(CommandGateway commands, ProviderCredentialStore credentials, Clock clock) {
        this.commands = commands;
        this.credentials = credentials;
        this.clock = clock;
    }

    public record RegisterProviderRequest(ProviderId providerId, String name) {
        public RegisterProviderRequest {
            required(providerId, "providerId");
            requireText(name, "name", 200);
        }
    }

    /** The secret is shown here once; the ledger keeps only its hash (credential store), events only its id. */
    public record ProviderRegistered(ProviderId providerId, ProviderCredentialId credentialId, String secret) {
        @Override
        public String toString() {
            return "ProviderRegistered[providerId=" + providerId.value() + "]"; // never print the secret
        }
    }

    public record ReasonRequest(String reason) {
        public ReasonRequest {
            requireText(reason, "reason", 1000);
        }
    }

    public record ProviderStanding(ProviderId providerId, ProviderStatus status) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public ProviderRegistered register(@RequestBody RegisterProviderRequest request) {
        Issued issued = credentials.issue(request.providerId());
        try {
            commands.sendAndWait(new RegisterProvider(request.providerId(), request.name(), issued.credentialId(),
                    clock.instant()));
        } catch (RuntimeException refused) {
            credentials.discard(request.providerId(), issued.credentialId());
            throw refused;
        }
        return new ProviderRegistered(request.providerId(), issued.credentialId(), issued.secret());
    }

    @PostMapping("/{providerId}/suspension")
    public ProviderStanding suspend(@PathVariable ProviderId providerId, @RequestBody ReasonRequest request) {
        commands.sendAndWait(new SuspendProvider(providerId, request.reason(), clock.instant()));
        return new ProviderStanding(providerId, ProviderStatus.SUSPENDED);
    }

    @DeleteMapping("/{providerId}/suspension")
    public ProviderStanding reinstate(@PathVariable ProviderId providerId) {
        commands.sendAndWait(new ReinstateProvider(providerId, clock.instant()));
        return new ProviderStanding(providerId, ProviderStatus.ACTIVE);
    }

    @PostMapping("/{providerId}/termination")
    public ProviderStanding terminate(@PathVariable ProviderId providerId, @RequestBody ReasonRequest request) {
        commands.sendAndWait(new TerminateProvider(providerId, request.reason(), clock.instant()));
        return new ProviderStanding(providerId, ProviderStatus.TERMINATED);
    }
}
