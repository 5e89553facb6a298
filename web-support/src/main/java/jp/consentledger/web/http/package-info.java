/** Request handling both sides share (correlation ids, body limit, Accept checks, JSON shape): one copy, one behaviour. */
package jp.consentledger.web.http;
