package jp.consentledger.command.account;

import jp.consentledger.command.lookup.CommandLookups;
import jp.consentledger.kernel.account.AccountRegisteredEvent;
import jp.consentledger.kernel.ids.AccountId;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The registered accounts as a lookup table (cmd_account_directory), kept by the command lookups' processor. */
@Component
@ProcessingGroup(CommandLookups.PROCESSING_GROUP)
class AccountDirectoryProjection implements AccountDirectory {
    private final JdbcClient jdbc;

    AccountDirectoryProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(AccountRegisteredEvent event) {
        jdbc.sql("INSERT INTO cmd_account_directory (account_id) VALUES (?)").param(event.accountId().value()).update();
    }

    @Override
    public boolean isRegistered(AccountId accountId) {
        return jdbc.sql("SELECT COUNT(*) FROM cmd_account_directory WHERE account_id = ?")
                .param(accountId.value()).query(Integer.class).single() > 0;
    }
}
