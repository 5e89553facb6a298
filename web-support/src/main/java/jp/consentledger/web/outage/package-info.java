/** The ledger's database out of reach (stopped, restarting, recovering from a crash): 503 and retry, never 500. */
package jp.consentledger.web.outage;
