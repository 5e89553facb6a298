package jp.consentledger.query.role;

import jp.consentledger.query.QuerySideApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(OutputCaptureExtension.class)
class NodeRoleTest {

    /** It fails while the configuration is read, before any database or port is opened. */
    @Test
    void aRoleThatIsNeitherFullNorGatewayFailsStartupSayingWhichValuesAreValid(@TempDir Path dataDir, CapturedOutput output) {
        assertThatThrownBy(() -> new SpringApplicationBuilder(QuerySideApplication.class).run(
                "--ledger.role=gateway-only", "--ledger.data-dir=" + dataDir, "--server.port=0", "--spring.main.banner-mode=off"))
                .hasStackTraceContaining(BindException.class.getName() + ": Failed to bind properties under 'ledger.role'");
        assertThat(output).contains("Failed to bind properties under 'ledger.role'", "The following values are valid", "GATEWAY");
    }
}
