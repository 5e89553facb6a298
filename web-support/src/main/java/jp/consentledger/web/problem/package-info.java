/** Problem details (RFC 9457) as both sides answer them: one implementation, so errors look the same on either port. */
package jp.consentledger.web.problem;
