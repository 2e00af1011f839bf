"""Prison to probation: configuration, one bootstrap, the commands, HTTP and demo."""
