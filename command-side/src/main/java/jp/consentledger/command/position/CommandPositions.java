package jp.consentledger.command.position;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * Which event position a request's command wrote, so its answer can say it ({@code Ledger-Position}) and a
 * caller can ask the query side for a verdict that reflects it. A request opens a ticket; the command it
 * dispatches carries the ticket in its metadata (so a lost-race retry, run on another thread, still
 * carries it); the last event its unit of work commits is remembered under the ticket; the answer then
 * looks up that event's global index. The metadata stays on the command: events keep only the
 * correlation data their providers copy.
 */
class CommandPositions implements InitializingBean {
    static final String TICKET = "ledgerPositionTicket";
    private static final ThreadLocal<String> OPEN = new ThreadLocal<>();

    private final CommandBus commandBus;
    private final EventBus eventBus;
    private final JdbcTemplate jdbc;
    private final Map<String, String> lastEventOfTicket = new ConcurrentHashMap<>();

    CommandPositions(CommandBus commandBus, EventBus eventBus, JdbcTemplate jdbc) {
        this.commandBus = commandBus;
        this.eventBus = eventBus;
        this.jdbc = jdbc;
    }

    @Override
    public void afterPropertiesSet() {
        commandBus.registerDispatchInterceptor(ticketed());
        eventBus.registerDispatchInterceptor(remembered());
    }

    /** Opens a ticket for the commands this thread dispatches until {@link #close}. */
    String open() {
        String ticket = UUID.randomUUID().toString();
        OPEN.set(ticket);
        return ticket;
    }

    /** Closes the ticket: the global position of the last event its commands committed, if any. */
    OptionalLong close(String ticket) {
        OPEN.remove();
        String eventId = lastEventOfTicket.remove(ticket);
        if (eventId == null) {
            return OptionalLong.empty();
        }
        List<Long> index = jdbc.queryForList("SELECT global_index FROM domain_event_entry WHERE event_identifier = ?",
                Long.class, eventId);
        return index.isEmpty() ? OptionalLong.empty() : OptionalLong.of(index.get(0));
    }

    private static MessageDispatchInterceptor<CommandMessage<?>> ticketed() {
        return new MessageDispatchInterceptor<>() {
            @Override
            public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
                String ticket = OPEN.get();
                return (index, command) -> ticket == null || command.getMetaData().containsKey(TICKET) ? command
                        : command.andMetaData(Map.of(TICKET, ticket));
            }
        };
    }

    /** Events are appended in the order published, so the last one committed holds the highest position. */
    private MessageDispatchInterceptor<EventMessage<?>> remembered() {
        return new MessageDispatchInterceptor<>() {
            @Override
            public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> events) {
                if (!events.isEmpty() && CurrentUnitOfWork.isStarted()) {
                    UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
                    if (unitOfWork.getMessage().getMetaData().get(TICKET) instanceof String ticket) {
                        String last = events.get(events.size() - 1).getIdentifier();
                        unitOfWork.afterCommit(u -> lastEventOfTicket.put(ticket, last));
                    }
                }
                return (index, event) -> event;
            }
        };
    }
}
