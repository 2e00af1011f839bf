"""Application Insights through OpenTelemetry: setup, events, spans, privacy."""
