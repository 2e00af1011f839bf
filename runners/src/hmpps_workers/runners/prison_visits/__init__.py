"""Prison visits: configuration, one bootstrap, the commands and the demo."""
