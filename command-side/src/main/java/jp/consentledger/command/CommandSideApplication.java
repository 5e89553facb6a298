package jp.consentledger.command;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The command side: decides on commands and records the resulting events;
 * it also scans jp.consentledger.web for the filters, error pages and security properties both
 * sides share (web-support), and jp.consentledger.serialization for the event serializer and the clock
 * (serialization-and-clock).
 */
@SpringBootApplication(scanBasePackages = {"jp.consentledger.command", "jp.consentledger.web", "jp.consentledger.serialization"})
@ConfigurationPropertiesScan({"jp.consentledger.command", "jp.consentledger.web"})
public class CommandSideApplication {
    static final String UPDATE_CHECKER_DISABLED = "axoniq.update-checker.disabled";

    public static void main(String[] args) {
        // No call home to get.axoniq.io unless asked for. Axon 4.12.2's UpdateChecker decides from this system
        // property, AXONIQ_UPDATE_CHECKER_DISABLED or ~/.axoniq only (it ignores axon.update-check.disabled).
        if (System.getProperty(UPDATE_CHECKER_DISABLED) == null && System.getenv("AXONIQ_UPDATE_CHECKER_DISABLED") == null) {
            System.setProperty(UPDATE_CHECKER_DISABLED, "true");
        }
        SpringApplication.run(CommandSideApplication.class, args);
    }
}
