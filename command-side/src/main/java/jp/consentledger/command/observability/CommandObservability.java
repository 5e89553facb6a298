package jp.consentledger.command.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jp.consentledger.web.http.CorrelationIdFilter;
import jp.consentledger.kernel.refusal.Refusal;
import jp.consentledger.kernel.linkage.GrantDecision;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.context.annotation.Bean;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.ExecutionResult;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.MDC;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.function.BiFunction;

/**
 * The command bus, observed: each command dispatched from a request carries the request's
 * correlation id in its metadata, which a correlation data provider passes on to the events it
 * causes (so the event store links them to the request's log lines), and every handled command is
 * counted in {@code ledger.commands} by command, outcome (accepted, refused, failed) and refusal code.
 */
@Component
public class CommandObservability implements InitializingBean {
    /** Metadata key of the request's correlation id (Axon's own "correlationId" names the causing message). */
    public static final String CORRELATION_KEY = "requestCorrelationId";

    private final CommandBus commandBus;
    private final MeterRegistry registry;

    public CommandObservability(CommandBus commandBus, MeterRegistry registry) {
        this.commandBus = commandBus;
        this.registry = registry;
    }

    /** Axon's default provider (message origin and trace), which a provider bean of our own would otherwise replace. */
    @Bean
    static CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider();
    }

    @Bean
    static CorrelationDataProvider requestCorrelationProvider() {
        return new SimpleCorrelationDataProvider(CORRELATION_KEY);
    }

    @Override
    public void afterPropertiesSet() {
        commandBus.registerDispatchInterceptor(correlation());
        commandBus.registerHandlerInterceptor(counting());
    }

    private static MessageDispatchInterceptor<CommandMessage<?>> correlation() {
        return new MessageDispatchInterceptor<>() {
            @Override
            public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
                return (index, command) -> {
                    String correlationId = MDC.get(CorrelationIdFilter.MDC_KEY);
                    return correlationId == null || command.getMetaData().containsKey(CORRELATION_KEY) ? command
                            : command.andMetaData(java.util.Map.of(CORRELATION_KEY, correlationId));
                };
            }
        };
    }

    private MessageHandlerInterceptor<CommandMessage<?>> counting() {
        return (unitOfWork, chain) -> {
            String command = unitOfWork.getMessage().getPayloadType().getSimpleName();
            Object result;
            try {
                result = chain.proceed();
            } catch (Exception e) {
                count(command, e);
                throw e;
            }
            unitOfWork.afterCommit(u -> {
                if (result instanceof GrantDecision decision && decision.refusal() != null) {
                    counter(command, "refused", decision.refusal().name()).increment();
                } else {
                    counter(command, "accepted", "none").increment();
                }
            });
            unitOfWork.onRollback(u -> {
                ExecutionResult execution = u.getExecutionResult();
                count(command, execution != null && execution.isExceptionResult() ? execution.getExceptionResult() : null);
            });
            return result;
        };
    }

    private void count(String command, Throwable failure) {
        if (failure instanceof Refusal refusal) {
            counter(command, "refused", refusal.code().name()).increment();
        } else if (failure instanceof ConcurrencyException) {
            counter(command, "refused", "CONCURRENT_MODIFICATION").increment();
        } else if (failure instanceof AggregateNotFoundException) {
            counter(command, "refused", "NOT_FOUND").increment();
        } else {
            counter(command, "failed", "none").increment();
        }
    }

    private Counter counter(String command, String outcome, String code) {
        return Counter.builder("ledger.commands").description("Commands handled, by command, outcome and refusal code")
                .tag("command", command).tag("outcome", outcome).tag("code", code).register(registry);
    }
}
