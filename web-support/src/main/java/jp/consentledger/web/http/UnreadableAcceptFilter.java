package jp.consentledger.web.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jp.consentledger.web.problem.ProblemResponses;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Collections;

/**
 * An Accept header that cannot be parsed would leave Spring unable to choose any representation,
 * not even for its error, and it would answer 406 with no body: it is a malformed request (400).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
public class UnreadableAcceptFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            for (String accept : Collections.list(request.getHeaders("Accept"))) {
                MediaType.parseMediaTypes(accept);
            }
        } catch (InvalidMediaTypeException e) {
            ProblemResponses.write(request, response, HttpStatus.BAD_REQUEST, "MALFORMED_ACCEPT", "Malformed Accept header",
                    "The Accept header is not a list of media types; send application/json or leave it out.");
            return;
        }
        chain.doFilter(request, response);
    }
}
