package jp.consentledger.command.position;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.eventhandling.EventBus;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Set;

/**
 * Every successful command's answer carries {@code Ledger-Position}: the global event position of the
 * last event it recorded (absent when it recorded none, and on an idempotent replay). A gateway passes it
 * to a token check as {@code minPosition} to read its own write. Set here, once for every command, rather
 * than by each controller; before the answer's first byte, since headers cannot follow the body. Only
 * where the event table is this database's (not under Axon Server, whose positions are its own).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
class LedgerPositionHeader {
    static final String HEADER = "Ledger-Position";
    private static final Set<String> COMMAND_METHODS = Set.of("POST", "PUT", "PATCH", "DELETE");

    @Bean
    CommandPositions commandPositions(CommandBus commandBus, EventBus eventBus, JdbcTemplate jdbc) {
        return new CommandPositions(commandBus, eventBus, jdbc);
    }

    @Bean
    FilterRegistrationBean<Filter> ledgerPositionOnCommands(CommandPositions positions) {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new Filter() {
            @Override
            public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                    throws IOException, ServletException {
                if (!COMMAND_METHODS.contains(((HttpServletRequest) request).getMethod())) {
                    chain.doFilter(request, response);
                    return;
                }
                PositionedResponse positioned = new PositionedResponse((HttpServletResponse) response, positions, positions.open());
                try {
                    chain.doFilter(request, positioned);
                } finally {
                    positioned.stamp();
                }
            }
        });
        registration.addUrlPatterns("/api/*");
        return registration;
    }

    /** Stamps the header at the first sign the answer is about to leave, or at the end if it never did. */
    private static final class PositionedResponse extends HttpServletResponseWrapper {
        private final CommandPositions positions;
        private final String ticket;
        private boolean stamped;

        PositionedResponse(HttpServletResponse response, CommandPositions positions, String ticket) {
            super(response);
            this.positions = positions;
            this.ticket = ticket;
        }

        void stamp() {
            if (stamped) {
                return;
            }
            stamped = true;
            HttpServletResponse response = (HttpServletResponse) getResponse();
            var position = positions.close(ticket);
            if (position.isPresent() && !response.isCommitted() && response.getStatus() >= 200 && response.getStatus() < 300) {
                response.setHeader(HEADER, Long.toString(position.getAsLong()));
            }
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            stamp();
            return super.getOutputStream();
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            stamp();
            return super.getWriter();
        }

        @Override
        public void flushBuffer() throws IOException {
            stamp();
            super.flushBuffer();
        }
    }
}
