/**
 * A fake OTLP/HTTP trace receiver on loopback: it decodes what an exporter sends with
 * OpenTelemetry's proto messages and lets tests find spans by name, attribute and parent.
 */
package dev.gatehouse.testkit.otlp;
