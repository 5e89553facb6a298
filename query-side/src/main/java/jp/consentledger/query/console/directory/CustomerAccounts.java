package jp.consentledger.query.console.directory;

import jp.consentledger.kernel.ids.CustomerId;
import jp.consentledger.query.role.FullNode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.List;

/** The accounts a customer holds, from the linkage directory's account table. */
@FullNode
@Component
class CustomerAccounts {
    private final JdbcClient jdbc;

    CustomerAccounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<CustomerAccount> of(CustomerId customerId) {
        return jdbc.sql("SELECT account_id, account_type, status FROM read_model.rm_account WHERE customer_id = ? ORDER BY account_id")
                .param(customerId.value()).query((rs, n) -> new CustomerAccount(rs.getString(1), rs.getString(2), rs.getString(3))).list();
    }
}
