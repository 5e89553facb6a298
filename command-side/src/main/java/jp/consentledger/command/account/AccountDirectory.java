package jp.consentledger.command.account;

import jp.consentledger.kernel.ids.AccountId;

/** Which accounts are registered: what decisions outside the account ask before naming one. */
public interface AccountDirectory {
    boolean isRegistered(AccountId accountId);
}
