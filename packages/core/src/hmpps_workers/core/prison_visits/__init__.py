"""The Help with Prison Visits bounded context: claims, their tasks and their rules."""
