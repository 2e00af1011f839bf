"""The Help with Prison Visits bounded context: claims, tasks, services."""
