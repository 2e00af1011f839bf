"""Runner entry points: configuration, wiring, CLI and HTTP endpoints."""
