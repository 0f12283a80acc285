/**
 * The model catalog: for every model of every provider Gatehouse serves, its prices, context
 * window, maximum output, capabilities, mode, deprecation date and the source of each entry;
 * bundled (generated from a pinned copy of LiteLLM's public price map, cross-checked against the
 * hand-read price table), overridable by a file the server loads, and found across the key shapes
 * LiteLLM writes (docs/catalog.md).
 */
package dev.gatehouse.catalog;
