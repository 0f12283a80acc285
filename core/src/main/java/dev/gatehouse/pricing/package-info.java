/**
 * What requests cost: a bundled price table with its sources and date, and the cost of a
 * request computed from the usage its provider reported.
 */
package dev.gatehouse.pricing;
