/** Axon settings both sides share because they read and write one event store. */
package jp.consentledger.web.axon;
