"""The payment run: bank payment files, the ADI journal, and a crash-safe run."""
