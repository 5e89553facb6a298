package jp.consentledger.query.audit;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The audit tests that only add to the store share it, and one Spring context (one query node) on it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class SharedAuditStore {
    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        AuditTestContext.register(registry, "shared");
    }

    @Autowired
    void asAuditor(TestRestTemplate http) {
        AuditTestContext.asAuditor(http);
    }
}
