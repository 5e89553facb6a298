package jp.consentledger.command.provider;

import jp.consentledger.kernel.common.ProviderId;
import jp.consentledger.kernel.provider.ProviderCommands.RegisterProvider;
import jp.consentledger.kernel.provider.ProviderCommands.ReinstateProvider;
import jp.consentledger.kernel.provider.ProviderCommands.SuspendProvider;
import jp.consentledger.kernel.provider.ProviderCommands.TerminateProvider;
import jp.consentledger.kernel.provider.ProviderStatus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;

import static jp.consentledger.kernel.common.Identifiers.required;
import static jp.consentledger.kernel.common.Identifiers.requireText;

@RestController
@RequestMapping("/api/v1/providers")
public class ProviderController {
    private static final int SECRET_BYTES = 32;

    private final CommandGateway commands;
    private final PasswordEncoder secretHasher;
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    public ProviderController(CommandGateway commands, PasswordEncoder secretHasher, Clock clock) {
        this.commands = commands;
        this.secretHasher = secretHasher;
        this.clock = clock;
    }

    public record RegisterProviderRequest(ProviderId providerId, String name) {
        public RegisterProviderRequest {
            required(providerId, "providerId");
            requireText(name, "name", 200);
        }
    }

    /** The secret is shown here once; the ledger keeps only its hash. */
    public record ProviderRegistered(ProviderId providerId, String secret) {
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
        byte[] bytes = new byte[SECRET_BYTES];
        random.nextBytes(bytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        commands.sendAndWait(new RegisterProvider(request.providerId(), request.name(), secretHasher.encode(secret),
                clock.instant()));
        return new ProviderRegistered(request.providerId(), secret);
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
