/**
 * What both sides must agree on to share one event store, besides the events themselves: the form events are
 * stored in (the event table's columns and Axon's JSON serializer over the kernel's JSON) and one clock.
 */
package jp.consentledger.serialization;
