package jp.consentledger.query.console;

import jakarta.servlet.http.HttpServletResponse;
import jp.consentledger.query.infrastructure.NotFoundException;
import jp.consentledger.query.infrastructure.NotReadyException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.ui.Model;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * The API's refusals, as pages: the same codes and reasons as its problem details, for a person. Ahead of
 * the API's problem advice, and only for the console's own controllers.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
@ControllerAdvice(basePackages = "jp.consentledger.query.console")
class ConsoleErrors {
    private final ConsolePageModel page;

    ConsoleErrors(ConsolePageModel page) {
        this.page = page;
    }

    @ExceptionHandler(NotFoundException.class)
    String notFound(NotFoundException e, Model model, HttpServletResponse response) {
        return error(404, e.code(), e.getMessage(), model, response);
    }

    @ExceptionHandler(NotReadyException.class)
    String notReady(NotReadyException e, Model model, HttpServletResponse response) {
        response.setHeader(HttpHeaders.RETRY_AFTER, "1");
        return error(503, "LEDGER_CATCHING_UP", e.getMessage(), model, response);
    }

    @ExceptionHandler({IllegalArgumentException.class, MissingServletRequestParameterException.class,
            MethodArgumentTypeMismatchException.class})
    String badInput(Exception e, Model model, HttpServletResponse response) {
        return error(400, "MALFORMED_REQUEST", e.getMessage(), model, response);
    }

    private String error(int status, String code, String detail, Model model, HttpServletResponse response) {
        response.setStatus(status);
        // An exception handler's model starts empty: the page's frame needs the same attributes as any page.
        model.addAttribute("viewer", page.viewer());
        model.addAttribute("freshness", page.freshness());
        model.addAttribute("langJa", "/console?lang=ja");
        model.addAttribute("langEn", "/console?lang=en");
        model.addAttribute("status", status);
        model.addAttribute("code", code);
        model.addAttribute("detail", detail);
        return "console/error";
    }
}
