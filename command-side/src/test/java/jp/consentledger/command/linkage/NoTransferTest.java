package jp.consentledger.command.linkage;

import jp.consentledger.kernel.ids.AccountId;
import jp.consentledger.kernel.ids.CustomerId;
import jp.consentledger.kernel.ids.LinkageId;
import jp.consentledger.kernel.ids.ProviderId;
import jp.consentledger.kernel.linkage.LinkageCommands;
import jp.consentledger.kernel.linkage.LinkageCommands.GrantLinkage;
import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * R11, T11: rights under the service are not transferable. Every command about an existing linkage
 * names only the linkage and the account that holds it (its routing target): none can carry another
 * account, provider or customer to move it to.
 */
class NoTransferTest {
    private static final Set<Class<?>> PARTIES = Set.of(AccountId.class, ProviderId.class, CustomerId.class);

    @Test
    void R11_T11_noCommandAboutALinkageNamesAnotherParty() {
        List<Class<?>> commands = Arrays.stream(LinkageCommands.class.getDeclaredClasses())
                .filter(Class::isRecord).filter(type -> type != GrantLinkage.class).<Class<?>>map(type -> type).toList();
        assertThat(commands).hasSizeGreaterThanOrEqualTo(6);
        for (Class<?> command : commands) {
            List<Class<?>> parties = Arrays.stream(command.getRecordComponents()).map(RecordComponent::getType)
                    .filter(PARTIES::contains).<Class<?>>map(type -> type).toList();
            assertThat(parties).as(command.getSimpleName() + " names only the account that holds the linkage")
                    .containsExactly(AccountId.class);
            assertThat(Arrays.stream(command.getRecordComponents()).map(RecordComponent::getType))
                    .as(command.getSimpleName() + " is about one linkage").containsOnlyOnce(LinkageId.class);
        }
    }
}
