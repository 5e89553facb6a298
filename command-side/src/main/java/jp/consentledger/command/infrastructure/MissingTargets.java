package jp.consentledger.command.infrastructure;

import jp.consentledger.kernel.account.AccountCommands.ToAccount;
import jp.consentledger.kernel.breach.BreachCommands.ToBreach;
import jp.consentledger.kernel.refusal.RefusalCode;
import jp.consentledger.kernel.provider.ProviderCommands.ToProvider;
import jp.consentledger.kernel.service.ServiceSuspensionCommands.ToSuspension;
import jp.consentledger.kernel.terms.PublishTermsVersion;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * What a command addressed that the store does not hold, named from the command's typed target (an
 * account, a provider...) rather than parsed out of the aggregate identifier's text. Still an
 * {@link AggregateNotFoundException}, so everything that recognised one before still does.
 */
@Component
class MissingTargets implements InitializingBean {
    private final CommandBus commandBus;

    MissingTargets(CommandBus commandBus) {
        this.commandBus = commandBus;
    }

    @Override
    public void afterPropertiesSet() {
        commandBus.registerHandlerInterceptor(naming());
    }

    private static MessageHandlerInterceptor<CommandMessage<?>> naming() {
        return (unitOfWork, chain) -> {
            try {
                return chain.proceed();
            } catch (MissingTarget e) {
                throw e;
            } catch (AggregateNotFoundException e) {
                throw MissingTarget.of(unitOfWork.getMessage().getPayload(), e);
            }
        };
    }

    /** {@code code} is null for a kind the API has no not-found code for. */
    static final class MissingTarget extends AggregateNotFoundException {
        final RefusalCode code;
        final String kind;
        final String id;

        private MissingTarget(AggregateNotFoundException cause, RefusalCode code, String kind, String id) {
            super(String.valueOf(cause.getAggregateIdentifier()), cause.getMessage(), cause);
            this.code = code;
            this.kind = kind;
            this.id = id;
        }

        static MissingTarget of(Object command, AggregateNotFoundException cause) {
            if (command instanceof ToAccount c) {
                return new MissingTarget(cause, RefusalCode.ACCOUNT_NOT_FOUND, "account", c.accountId().value());
            } else if (command instanceof ToProvider c) {
                return new MissingTarget(cause, RefusalCode.PROVIDER_NOT_FOUND, "provider", c.providerId().value());
            } else if (command instanceof PublishTermsVersion c) {
                return new MissingTarget(cause, RefusalCode.TERMS_VERSION_UNKNOWN, "terms version", c.version().value());
            } else if (command instanceof ToBreach c) {
                return new MissingTarget(cause, null, "breach", c.breachId().value());
            } else if (command instanceof ToSuspension c) {
                return new MissingTarget(cause, null, "suspension", c.suspensionId().value());
            }
            return new MissingTarget(cause, null, "record", String.valueOf(cause.getAggregateIdentifier()));
        }
    }
}
