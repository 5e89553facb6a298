/** Authentication both sides share (demo users, providers' secrets, JWT roles, credential cache); each side keeps its endpoint rules. */
package jp.consentledger.web.security;
