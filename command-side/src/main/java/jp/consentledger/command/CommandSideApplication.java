package jp.consentledger.command;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The command side: decides on commands and records the resulting events. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CommandSideApplication {
    public static void main(String[] args) {
        SpringApplication.run(CommandSideApplication.class, args);
    }
}
